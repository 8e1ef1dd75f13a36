/**
 * What a row of the route table is made of (the table itself: ./index.ts). Every handler's
 * middleware chain reads these kinds, so this file holds no rows: a bundle that imports it
 * carries a few hundred bytes, not the table.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How a caller proves who it is:
 * - `public`: anyone.
 * - `session`: the portal's HttpOnly session cookie (401 otherwise); `Origin` is checked on writes.
 * - `apiKey`: a business's `Authorization: Bearer <key>`; no Origin check; rate-limited per key.
 * - `link`: a capability token from a link's URL fragment, sent as `Authorization: Link <token>`;
 *   it opens exactly one thing (a sign-in, an invoice, an estimate or a technician's visit); the
 *   handler checks the kind it serves.
 *
 * - `signature`: Stripe's webhook: the raw body checked against `stripe-signature` with the
 *   webhook secret (the row must grant `payments`); no Origin check.
 * - `customer`: a signed-in session, or (with `Authorization: Link <token>`) an invoice pay link
 *   (that one invoice only) or an estimate link (that estimate and its deposit invoice only);
 *   `Origin` is checked on writes.
 * - `visitor`: a customer by session or by a link of theirs that takes files (a form's), or else
 *   an anonymous visitor, who may do what a public page allows (send photos with a request for
 *   work); `Origin` is checked on writes.
 */
export type AuthKind = 'public' | 'session' | 'apiKey' | 'link' | 'signature' | 'customer' | 'visitor';

/** The queues of the stack; each has exactly one consumer below. */
export type QueueName = 'notifications' | 'webhooks' | 'payments';

/** Secrets held in AWS Secrets Manager, read at cold start (shared/adapters/aws/secrets-manager.ts). */
export type SecretName = 'originVerify' | 'stripe';

/**
 * The partitions a route that only reads may still write, because its auth or its page needs to
 * (what each holds, and the IAM `dynamodb:LeadingKeys` patterns: infra/stack/table-partitions.ts):
 * - `sessions`: `SESSION#…`, the session's idle timer, renewed at most once a minute (session auth);
 * - `rateLimits`: `RATE#…`, the counter of a client's failed link lookups (link auth);
 * - `apiKeys`: `APIKEY#…`, the key's request counter and `lastUsedAt` (API-key auth);
 * - `customers`: `BIZ#<biz>#CUS#<customer>`, the customer's own partition: opening a job clears its
 *   unread messages; opening a link notes the browser's language on the profile.
 */
export type TableWriteFamily = 'sessions' | 'rateLimits' | 'apiKeys' | 'customers';

/**
 * How a function may use the single table:
 * - `read`: reads only (GetItem, Query, BatchGetItem on the table and its indexes);
 * - `read+<family>…`: reads, and UpdateItem in those partitions only (`TableWriteFamily`), held by
 *   a `dynamodb:LeadingKeys` condition: a page read signed in renews its session, one opened by a
 *   link counts a miss, a business API read counts the key's use; nothing else of the business;
 * - `readwrite`: reads and writes anywhere in the table (a route that writes business data).
 * One name per combination the route table uses, families in this order, so equal grants have
 * equal names (and share one role: infra/stack/execution-roles.ts).
 */
export type TableLevel =
  | 'read'
  | 'read+sessions'
  | 'read+sessions+customers'
  | 'read+sessions+rateLimits'
  | 'read+rateLimits+customers'
  | 'read+apiKeys'
  | 'readwrite';

/** The partitions a table level may write beyond reading (`readwrite`: anywhere; see `TableLevel`). */
export function tableWriteFamilies(level: Exclude<TableLevel, 'readwrite'>): TableWriteFamily[] {
  return level.split('+').slice(1) as TableWriteFamily[];
}

export interface FunctionAccess {
  /**
   * The single table. A route that only reads still renews its session, counts a link's misses or
   * its API key's requests: `read+sessions`, `read+rateLimits…`, `read+apiKeys` (`TableLevel`).
   */
  readonly table?: TableLevel;
  /**
   * Attachment files: `read` signs download URLs; `readwrite` also signs upload URLs, stores the
   * portal's own files and reads uploads; `manage` also deletes (the upload check, which throws
   * away a file whose bytes are not its declared type).
   */
  readonly files?: 'read' | 'readwrite' | 'manage';
  /** Queues this function may send to. */
  readonly queues?: readonly QueueName[];
  /** Send email (SES) and text messages (SNS). Only the notification consumer has this. */
  readonly sendEmail?: true;
  readonly sendSms?: true;
  /** Secrets this function may read. */
  readonly secrets?: readonly SecretName[];
  /** Stripe, on the platform's key (read from the `stripe` secret): checkouts, re-fetches, webhook signatures. */
  readonly payments?: true;
  /**
   * Posts signed webhooks to businesses' endpoints: outbound HTTPS through the guarded transport
   * (rule 61). Only the webhook consumer has this, so no other bundle carries the transport, its
   * address checks or node's http, dns and net modules.
   */
  readonly webhookPosts?: true;
}

export interface RouteDef {
  /** Stable id: names the Lambda function. */
  readonly name: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax: `{param}` for path parameters. */
  readonly path: string;
  /** Entry file, relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly auth: AuthKind;
  readonly access: FunctionAccess;
  /** Largest request body accepted (413 above it). Default: `defaultBodyLimitBytes`. */
  readonly bodyLimitBytes?: number;
  /** Honours `Idempotency-Key` (Stripe's semantics, see functions/http/idempotency.ts). */
  readonly idempotent?: true;
  /**
   * The portal section it belongs to: a signed-in customer of a business that hides it gets 404
   * (functions/http/section-gate.ts; a link's holder is not gated). Its handler names the
   * directory store (`stores.directory`), which the gate reads the business with.
   */
  readonly section?: 'jobs' | 'estimates' | 'invoices' | 'messages' | 'requests' | 'forms';
  /** Its own API Gateway throttle, so a flood on this route cannot starve the others. */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Files read at run time from beside the bundle, which bundling copies there (the PDF fonts). */
  readonly bundleAssets?: readonly 'pdfFonts'[];
  /** Listed in the business API's OpenAPI document. */
  readonly openApi?: { readonly summary: string; readonly tag: 'Settings' | 'Customers' | 'Jobs' | 'Invoices' | 'Estimates' | 'Tracking' | 'Messages' | 'Requests' | 'Forms' | 'Webhooks' };
}

export const defaultBodyLimitBytes = 8 * 1024;

/** Every business API path starts here. */
export const businessApiPrefix = '/api/business/v1';

/** A route that writes the single table: business data, anywhere in it. */
export const readwriteTable = { table: 'readwrite' } as const;
/** A page read signed in: reads, and renews the session's idle timer. */
export const sessionRead = { table: 'read+sessions' } as const;
/** A page read by a session or a document's link (`customer` auth): reads, renews the session or counts a link's misses. */
export const customerRead = { table: 'read+sessions+rateLimits' } as const;
/** A business API read: reads, and counts the API key's requests on its item. */
export const apiKeyRead = { table: 'read+apiKeys' } as const;
/** What a route needs to see the client's real IP behind CloudFront. */
export const ipAware = { secrets: ['originVerify'] } as const;

/**
 * The row named `name` among `rows`, typed as that very row (so a handler's `deps` is typed from
 * it). The names are checked at compile time; a row missing at run time is a broken table.
 */
export function rowNamed<R extends { readonly name: string }, N extends R['name']>(rows: readonly R[], name: N): Extract<R, { name: N }> {
  const found = rows.find((r) => r.name === name);
  if (!found) throw new Error(`No function named ${name} in the route table`);
  return found as Extract<R, { name: N }>;
}

/**
 * The groups the API's figures (requests, server errors, latency) are kept and alarmed by: the
 * customer API's pages, the business API, and Stripe's webhook, whose delay Stripe itself watches.
 */
export type RouteGroup = 'portal' | 'business' | 'stripe';

export const routeGroupOf = (route: Pick<RouteDef, 'path' | 'auth'>): RouteGroup =>
  route.auth === 'signature' ? 'stripe' : route.path.startsWith(`${businessApiPrefix}/`) ? 'business' : 'portal';

/** `GET /api/jobs/{jobId}`: API Gateway's route key. */
export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
