/**
 * In-memory caches for the two things every page needs: the portal (name, colours, time zone)
 * and the signed-in customer. Moving between pages must not refetch them on a weak connection.
 * Failures are not cached, so "Try again" really tries again.
 */
import type { LinkResponse } from '../../shared/contract/customer/links';
import type { MeResponse, PortalInfo } from '../../shared/contract/customer/portal';
import type { Language } from '../../shared/contract/i18n/languages';
import { api, type ApiResult } from './api';
import { learnBusinessLanguage, learnCustomerLanguage, savedLanguage } from './i18n/choice';
import type { Route } from './router';
import { readToken } from './token';

const portals = new Map<string, Promise<ApiResult<PortalInfo>>>();
let me: Promise<ApiResult<MeResponse>> | null = null;
/** Whether the last loadMe found someone signed in: their language choice is saved on their record too. */
let signedIn = false;
const links = new Map<string, Promise<ApiResult<LinkResponse>>>();

export function loadPortal(slug: string): Promise<ApiResult<PortalInfo>> {
  let pending = portals.get(slug);
  if (!pending) {
    pending = api.portal(slug).then((result) => {
      if (!result.ok) portals.delete(slug);
      else learnBusinessLanguage(result.data.defaultLanguage);
      return result;
    });
    portals.set(slug, pending);
  }
  return pending;
}

/** A portal's info learnt from another answer (a link lookup): the next loadPortal needs no request. */
export function rememberPortal(portal: PortalInfo): void {
  portals.set(portal.slug, Promise.resolve({ ok: true, status: 200, data: portal }));
  learnBusinessLanguage(portal.defaultLanguage);
}

/** What signed-out looks like to pages: the same 401 Problem a signed-in request gets when the session is over. */
const signedOut: ApiResult<MeResponse> = {
  ok: false,
  status: 401,
  problem: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Please sign in.' },
};

/**
 * The signed-in customer, or a Problem (401 when signed out). Asked of `GET /api/session`, which
 * answers "not signed in" with a 200: a signed-out page load logs no failed request.
 */
export function loadMe(): Promise<ApiResult<MeResponse>> {
  if (!me) {
    const pending = api.session().then((answer): ApiResult<MeResponse> => {
      const result: ApiResult<MeResponse> = !answer.ok ? answer : answer.data.signedIn ? { ok: true, status: 200, data: { customer: answer.data.customer, business: answer.data.business } } : signedOut;
      rememberSignedIn(result.ok);
      if (result.ok) {
        signedIn = true;
        portals.set(result.data.business.slug, Promise.resolve({ ok: true, status: 200, data: result.data.business }));
        learnBusinessLanguage(result.data.business.defaultLanguage);
        const language = result.data.customer.language;
        learnCustomerLanguage(language);
        // A choice made in this browser before signing in goes on the record (a server that
        // says nothing of languages has no such record yet).
        const saved = savedLanguage();
        if (language && saved && language.chosen !== saved) void saveLanguageChoice(saved);
      } else if (me === pending) me = null;
      return result;
    });
    me = pending;
  }
  return me;
}

/** After sign-in, sign-out or a 401: the next loadMe asks the API again. */
export function forgetMe(): void {
  me = null;
  signedIn = false;
  rememberSignedIn(false);
}

// ---------- whether this browser was signed in last time (a hint, never proof) ----------

const SIGNED_IN_KEY = 'portal.signedIn';

/**
 * The session cookie is HttpOnly, so a page cannot see it; this flag, set when the server last
 * said "signed in" and cleared when it said otherwise, lets start-up read a signed-in page's data
 * beside the session probe without a signed-out visitor's page asking for data it would be
 * refused (a 401 in the console, rule 68). A stale flag costs one refused read, then is cleared.
 */
export function probablySignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberSignedIn(yes: boolean): void {
  try {
    if (yes) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // Storage refused (private mode): start-up simply waits for the probe.
  }
}

/**
 * The customer's language choice on their record, when signed in: every device and every email
 * follows it. A refusal changes nothing on the page (the choice is saved in this browser anyway;
 * a server without the route yet answers 404).
 */
export async function saveLanguageChoice(language: Language): Promise<void> {
  if (!signedIn) return;
  await api.saveLanguage({ language });
}

/**
 * What a link opens (`GET /api/link`), asked once per token for this page: the first request,
 * started with the catalog, is the one the link page then reads. A failure is not kept.
 */
export function loadLink(token: string): Promise<ApiResult<LinkResponse>> {
  let pending = links.get(token);
  if (!pending) {
    pending = api.link(token).then((result) => {
      if (!result.ok) links.delete(token);
      // The business's setting for the link's customer, when the server says it.
      else learnCustomerLanguage((result.data as { language?: unknown }).language);
      return result;
    });
    links.set(token, pending);
  }
  return pending;
}

// ---------- the address a sign-in link was sent to (for the "check your inbox" page) ----------

export interface PendingSignIn {
  portal: string;
  kind: 'email' | 'phone';
  /** What the customer typed, for display. */
  shown: string;
  /** The normalised address sent to the API. */
  value: string;
  /** The page to land on after signing in (rule 67), for "Send a new link". */
  returnTo?: string | null;
}

const PENDING_KEY = 'portal.pendingSignIn';
/** Used when sessionStorage is unavailable (some private-browsing modes). */
let memoryPending: PendingSignIn | null = null;

export function savePendingSignIn(pending: PendingSignIn): void {
  try {
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  } catch {
    memoryPending = pending;
  }
}

export function readPendingSignIn(portal: string): PendingSignIn | null {
  let pending: PendingSignIn | null = memoryPending;
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    if (raw) pending = JSON.parse(raw) as PendingSignIn;
  } catch {
    // Storage blocked (private mode) or garbled: fall back to memory.
  }
  return pending && pending.portal === portal ? pending : null;
}

// ---------- a pay link's or an estimate link's token, kept for this tab ----------

/**
 * The pay page and the estimate link page take their token out of the address bar (so it is not
 * in the history or a shared URL) and keep it here, in this tab only: Stripe sends the customer
 * back to `/{slug}/pay` or `/{slug}/estimate` (a cancel, or back from paying a deposit) or
 * `/{slug}/payments/{id}` (the return page) without it. One link at a time (the last one opened):
 * `GET /api/link` says which kind it is, and each page hands the other kind to its page. Kept per
 * portal: another portal's pages never send it. (The storage key predates estimate links.)
 */
interface KeptPayLink {
  portal: string;
  token: string;
}

const PAY_LINK_KEY = 'portal.payLink';
/** Used when sessionStorage is unavailable: good for this page's life only. */
let memoryPayLink: KeptPayLink | null = null;

export function keepPayLink(portal: string, token: string): void {
  memoryPayLink = { portal, token };
  try {
    sessionStorage.setItem(PAY_LINK_KEY, JSON.stringify(memoryPayLink));
  } catch {
    // Storage blocked (private mode): memory it is.
  }
}

/** The pay or estimate link kept in this tab for this portal, or null. */
export function readPayLink(portal: string): string | null {
  let kept = memoryPayLink;
  try {
    const raw = sessionStorage.getItem(PAY_LINK_KEY);
    if (raw) kept = JSON.parse(raw) as KeptPayLink;
  } catch {
    // Storage blocked or garbled: fall back to memory.
  }
  return kept && kept.portal === portal && typeof kept.token === 'string' ? kept.token : null;
}

/** The link is dead (unknown, expired, withdrawn) or was a sign-in link: keep nothing. */
export function forgetPayLink(): void {
  memoryPayLink = null;
  try {
    sessionStorage.removeItem(PAY_LINK_KEY);
  } catch {
    // Storage blocked: memory is cleared.
  }
}
