/**
 * The one way the portal talks to the API: same-origin fetch with the session cookie, JSON in
 * and out. Every failure, including a dropped connection or a non-JSON gateway error, comes
 * back as a Problem so pages have one error shape to show.
 */
import type { ApproveEstimateBody, ApproveEstimateResponse, EstimateDetail, EstimateListQuery, EstimateListResponse, EstimatePdfResponse, ScheduleEstimateResponse, SlotListResponse, SlotView } from '../../shared/contract/customer/estimates';
import type { CheckoutStatusResponse, FinancingOffer, StartCheckoutBody, StartCheckoutResponse } from '../../shared/contract/customer/payments';
import type { Money } from '../../shared/contract/money';
import type { InvoiceDetail, InvoiceListResponse } from '../../shared/contract/customer/invoices';
import type { JobDetail, JobListResponse, JobSectionItem, JobSectionName } from '../../shared/contract/customer/jobs';
import type { LinkResponse } from '../../shared/contract/customer/links';
import type { HomeResponse } from '../../shared/contract/customer/home';
import type { MeResponse, PortalInfo, PutLanguageBody, SessionResponse } from '../../shared/contract/customer/portal';
import type { Message } from '../../shared/contract/customer/jobs';
import type { Page } from '../../shared/contract/common';
import type { Problem } from '../../shared/contract/problem';
import type { SignInLinkRequest, VerifyRequest, VerifyResponse } from '../../shared/contract/customer/auth';
import { requestLanguage, t } from './i18n/current';

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: Problem };

export function networkProblem(): Problem {
  return {
    type: 'about:blank',
    title: t('portal.problem.network.title'),
    status: 0,
    detail: t('portal.problem.network.detail'),
  };
}

function fallbackProblem(status: number): Problem {
  return {
    type: 'about:blank',
    title: t('portal.problem.unexpected.title'),
    status,
    detail: t('portal.problem.unexpected.detail', { status }),
  };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).detail === 'string';
}

// ---------- reads started early (start.ts), before the page that needs them has loaded ----------

/** How long a read started early waits for its page: past that, the page asks afresh. */
const earlyLifetimeMs = 10_000;
const early = new Map<string, { at: number; answer: Promise<ApiResult<unknown>> }>();
let startingEarly = false;

const earlyKey = (path: string, headers?: Record<string, string>) => `${path} ${headers?.authorization ?? ''}`;

/**
 * Runs `start`, whose GET requests are sent at once and kept for the page that will ask for the
 * same path with the same credentials: that page gets the answer without a second request. Each
 * is given once, within 10 s, and only if it succeeded (a refusal is asked again, so a sign-in in
 * between is never answered with the 401 from before it).
 */
export function readEarly(start: () => void): void {
  startingEarly = true;
  try {
    start();
  } finally {
    startingEarly = false;
  }
}

function takeEarly<T>(path: string, headers?: Record<string, string>): Promise<ApiResult<T>> | null {
  const key = earlyKey(path, headers);
  const kept = early.get(key);
  if (!kept) return null;
  early.delete(key);
  return Date.now() - kept.at <= earlyLifetimeMs ? (kept.answer as Promise<ApiResult<T>>) : null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  /** Extra request headers (`Idempotency-Key`, `Authorization: Link …`). */
  headers?: Record<string, string>,
): Promise<ApiResult<T>> {
  if (method !== 'GET') return send(method, path, body, signal, headers);
  if (startingEarly) {
    const answer = send<T>(method, path, body, undefined, headers);
    early.set(earlyKey(path, headers), { at: Date.now(), answer });
    return answer;
  }
  const kept = takeEarly<T>(path, headers);
  return kept ? kept.then((result) => (result.ok ? result : send(method, path, body, signal, headers))) : send(method, path, body, signal, headers);
}

async function send<T>(method: Method, path: string, body: unknown, signal: AbortSignal | undefined, headers: Record<string, string> | undefined): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...headers,
        accept: 'application/json',
        // Problem details come back in the language the page shows.
        'accept-language': requestLanguage(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, status: 0, problem: networkProblem() };
  }
  const { status } = response;
  let payload: unknown;
  if (status !== 204 && /json/.test(response.headers.get('content-type') ?? '')) {
    try {
      payload = await response.json();
    } catch (error) {
      if (signal?.aborted) throw error;
      payload = undefined;
    }
  }
  if (response.ok) {
    if (payload === undefined && status !== 202 && status !== 204) return { ok: false, status, problem: fallbackProblem(status) };
    return { ok: true, status, data: payload as T };
  }
  const problem = isProblem(payload) ? { ...payload, status } : fallbackProblem(status);
  return { ok: false, status, problem };
}

const enc = encodeURIComponent;

/**
 * A link token from the URL fragment travels as `Authorization: Link <token>`, never in a path or
 * query (so it reaches no log or Referer). No token: the request relies on the session cookie.
 */
export function asLink(token: string | null | undefined): Record<string, string> | undefined {
  return token ? { authorization: `Link ${token}` } : undefined;
}

export const api = {
  portal: (slug: string, signal?: AbortSignal) => request<PortalInfo>('GET', `/api/portals/${enc(slug)}`, undefined, signal),
  /** Whether this browser is signed in: "no" is a 200, so a signed-out page load logs no failed request. */
  session: (signal?: AbortSignal) => request<SessionResponse>('GET', '/api/session', undefined, signal),
  requestLink: (body: SignInLinkRequest) => request<void>('POST', '/api/auth/magic-link', body),
  verify: (body: VerifyRequest) => request<VerifyResponse>('POST', '/api/auth/verify', body),
  logout: () => request<void>('POST', '/api/auth/logout', {}),
  /** The signed-in customer's own language choice, saved on their record (null forgets it). */
  home: (signal?: AbortSignal) => request<HomeResponse>('GET', '/api/home', undefined, signal),
  saveLanguage: (body: PutLanguageBody) => request<void>('PUT', '/api/me/language', body),
  jobs: (query: { when: 'upcoming' | 'past'; cursor?: string | null }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ when: query.when });
    if (query.cursor) params.set('cursor', query.cursor);
    return request<JobListResponse>('GET', `/api/jobs?${params}`, undefined, signal);
  },
  job: (jobId: string, signal?: AbortSignal) => request<JobDetail>('GET', `/api/jobs/${enc(jobId)}`, undefined, signal),
  invoices: (query: { status: 'open' | 'paid'; cursor?: string | null }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ status: query.status });
    if (query.cursor) params.set('cursor', query.cursor);
    return request<InvoiceListResponse>('GET', `/api/invoices?${params}`, undefined, signal);
  },
  /** With a pay link's `link` token, that one invoice without a session. */
  invoice: (invoiceId: string, signal?: AbortSignal, link?: string | null) =>
    request<InvoiceDetail>('GET', `/api/invoices/${enc(invoiceId)}`, undefined, signal, asLink(link)),
  /** The next (older) page of a job's messages, notes, attachments or payments; no cursor: the newest page. */
  section: <S extends JobSectionName>(jobId: string, section: S, cursor: string | null, limit?: number, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    if (cursor) params.set('cursor', cursor);
    if (limit) params.set('limit', String(limit));
    const query = params.toString();
    return request<Page<JobSectionItem[S]>>('GET', `/api/jobs/${enc(jobId)}/${section}${query ? `?${query}` : ''}`, undefined, signal);
  },
  /** The same key with the same text replays the first answer, so a retry never stores the message twice. */
  postMessage: (jobId: string, text: string, idempotencyKey: string, signal?: AbortSignal) =>
    request<Message>('POST', `/api/jobs/${enc(jobId)}/messages`, { text }, signal, { 'idempotency-key': idempotencyKey }),
  /**
   * A Stripe Checkout for these invoices (or part of one): send the browser to its `url`. The same request repeated gets
   * the same checkout. With a pay link's `link` token, of its one invoice without a session.
   */
  startCheckout: (body: StartCheckoutBody, link?: string | null) =>
    request<StartCheckoutResponse>('POST', '/api/payments/checkout', body, undefined, asLink(link)),
  /** Whether this amount may show financing (Affirm) before checkout, and what Stripe's messaging element needs. */
  financing: (slug: string, amount: Money, signal?: AbortSignal) =>
    request<FinancingOffer>('GET', `/api/portals/${enc(slug)}/financing?${new URLSearchParams({ amount: String(amount.amount), currency: amount.currency })}`, undefined, signal),
  /** How a checkout went; only Stripe's webhook moves it on. With a pay link's `link` token, a checkout of its invoice. */
  checkout: (checkoutId: string, signal?: AbortSignal, link?: string | null) =>
    request<CheckoutStatusResponse>('GET', `/api/payments/checkout/${enc(checkoutId)}`, undefined, signal, asLink(link)),
  estimates: (query: { status: EstimateListQuery['status']; cursor?: string | null }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ status: query.status });
    if (query.cursor) params.set('cursor', query.cursor);
    return request<EstimateListResponse>('GET', `/api/estimates?${params}`, undefined, signal);
  },
  /** With an estimate link's `link` token, that one estimate without a session (likewise for every call below). */
  estimate: (estimateId: string, signal?: AbortSignal, link?: string | null) =>
    request<EstimateDetail>('GET', `/api/estimates/${enc(estimateId)}`, undefined, signal, asLink(link)),
  /** A short-lived address of the estimate's PDF (signed once approved). */
  estimatePdf: (estimateId: string, link?: string | null) =>
    request<EstimatePdfResponse>('GET', `/api/estimates/${enc(estimateId)}/pdf`, undefined, undefined, asLink(link)),
  /** One key per approval attempt: its retry (after a lost answer) replays the first answer instead of deciding twice. */
  approveEstimate: (estimateId: string, body: ApproveEstimateBody, idempotencyKey: string, link?: string | null) =>
    request<ApproveEstimateResponse>('POST', `/api/estimates/${enc(estimateId)}/approve`, body, undefined, {
      ...asLink(link),
      'idempotency-key': idempotencyKey,
    }),
  declineEstimate: (estimateId: string, body: { reason?: string }, idempotencyKey: string, link?: string | null) =>
    request<{ status: 'declined' }>('POST', `/api/estimates/${enc(estimateId)}/decline`, body, undefined, {
      ...asLink(link),
      'idempotency-key': idempotencyKey,
    }),
  /** The open slots, once the estimate is approved (and its deposit paid where one is asked). */
  estimateSlots: (estimateId: string, signal?: AbortSignal, link?: string | null) =>
    request<SlotListResponse>('GET', `/api/estimates/${enc(estimateId)}/slots`, undefined, signal, asLink(link)),
  /** A 409 means the slot was taken meanwhile: its problem carries `slots`, the ones still open. */
  scheduleEstimate: (estimateId: string, slotId: string, idempotencyKey: string, link?: string | null) =>
    request<ScheduleEstimateResponse>('POST', `/api/estimates/${enc(estimateId)}/schedule`, { slotId }, undefined, {
      ...asLink(link),
      'idempotency-key': idempotencyKey,
    }),
  /** What a link from the URL fragment opens, without using it up. */
  link: (token: string, signal?: AbortSignal) => request<LinkResponse>('GET', '/api/link', undefined, signal, asLink(token)),
};

/** A fresh Idempotency-Key: a random UUID (with a fallback for browsers without randomUUID). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The slots still open, from a 409 answer to booking one that was taken meanwhile; null when it names none. */
export function openSlotsOf(problem: Problem): SlotView[] | null {
  // Typed in the contract, but read from the network: keep only well-formed ones.
  const slots: unknown = problem.slots;
  if (!Array.isArray(slots)) return null;
  return slots.filter(
    (s): s is SlotView =>
      typeof s === 'object' && s !== null && typeof s.id === 'string' && typeof s.start === 'string' && typeof s.end === 'string',
  );
}

/** Field errors of a 400, keyed by the last segment of the field path ("body.email" → "email"). */
export function fieldErrors(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const key = e.field.split(/[./]/).filter(Boolean).pop() ?? e.field;
    out[key] ??= e.message;
  }
  return out;
}
