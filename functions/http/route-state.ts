/**
 * What the middlewares of one request learn and hand on, in the order they run (http-route.ts):
 * the client's IP, the caller (and headers for the answer), the parsed body, the validated input,
 * the idempotent attempt.
 * Kept beside the request's event, one object per request: the middlewares see the event, and so
 * does the handler at the end of the chain.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** What a route answers, before the boundary (boundary.ts) makes it an HTTP response. */
export interface RouteResult {
  status: number;
  body?: unknown;
  cookies?: string[];
  headers?: Record<string, string>;
}

/**
 * Stable across every attempt of one idempotent request: use cases derive the ids and times
 * they mint from it, so a retry after a crash re-creates the very same records (which then
 * already exist) instead of new ones.
 */
export interface IdempotentAttempt {
  seed: string;
  startedAt: string;
}

export interface RouteState {
  /** The viewer's IP, being read (clientIp); null where the row does not grant the origin secret. */
  clientIpRead: Promise<string | null>;
  /** The viewer's IP, once read (settled by the auth middleware). */
  clientIp: string | null;
  /** Who is calling, as the row's auth kind proves it. */
  caller: unknown;
  /** The JSON body as parsed (jsonBody), and its canonical text for idempotency fingerprints. */
  json: { value: unknown; text: string } | null;
  /** The body, query and path as their schemas parsed them (validation). */
  body: unknown;
  query: unknown;
  path: unknown;
  /** With an `Idempotency-Key`: the attempt (the same on a retry) and, on a repeat, the first answer. */
  attempt: IdempotentAttempt | null;
  replayed: RouteResult | null;
  /** Headers every answer from here on carries, a problem's too (set by the auth middleware). */
  answerHeaders: Record<string, string>;
}

const states = new WeakMap<APIGatewayProxyEventV2, RouteState>();

export function routeState(event: APIGatewayProxyEventV2): RouteState {
  let state = states.get(event);
  if (!state) states.set(event, (state = {
    clientIpRead: Promise.resolve(null),
    clientIp: null,
    caller: null,
    json: null,
    body: undefined,
    query: undefined,
    path: undefined,
    attempt: null,
    replayed: null,
    answerHeaders: {},
  }));
  return state;
}
