/**
 * The one way the portal talks to the API: same-origin fetch with the session cookie, JSON in
 * and out. Every failure, including a dropped connection or a non-JSON gateway error, comes
 * back as a Problem so pages have one error shape to show.
 */
import type {
  JobDetail,
  JobListResponse,
  MeResponse,
  PortalInfo,
  Problem,
  SignInLinkRequest,
  VerifyRequest,
  VerifyResponse,
} from '../../shared/api/contract';

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: Problem };

export function networkProblem(): Problem {
  return {
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: "We couldn't reach the server. Check your connection and try again.",
  };
}

function fallbackProblem(status: number): Problem {
  return {
    type: 'about:blank',
    title: 'Unexpected response',
    status,
    detail: `Something went wrong on our side (error ${status}). Please try again in a moment.`,
  };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).detail === 'string';
}

export async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
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

export const api = {
  portal: (slug: string, signal?: AbortSignal) => request<PortalInfo>('GET', `/api/portals/${enc(slug)}`, undefined, signal),
  me: (signal?: AbortSignal) => request<MeResponse>('GET', '/api/me', undefined, signal),
  requestLink: (body: SignInLinkRequest) => request<void>('POST', '/api/auth/magic-link', body),
  verify: (body: VerifyRequest) => request<VerifyResponse>('POST', '/api/auth/verify', body),
  logout: () => request<void>('POST', '/api/auth/logout', {}),
  jobs: (query: { when: 'upcoming' | 'past'; cursor?: string | null }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ when: query.when });
    if (query.cursor) params.set('cursor', query.cursor);
    return request<JobListResponse>('GET', `/api/jobs?${params}`, undefined, signal);
  },
  job: (jobId: string, signal?: AbortSignal) => request<JobDetail>('GET', `/api/jobs/${enc(jobId)}`, undefined, signal),
};

/** Field errors of a 400, keyed by the last segment of the field path ("body.email" → "email"). */
export function fieldErrors(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const key = e.field.split(/[./]/).filter(Boolean).pop() ?? e.field;
    out[key] ??= e.message;
  }
  return out;
}
