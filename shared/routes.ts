/**
 * The route table: the single source for the CDK HTTP API (one Lambda per row) and the
 * local gateway. Adding an endpoint = one row here + one handler file under functions/.
 *
 * `access` lists what the function may touch; the CDK stack turns each entry into exactly
 * one IAM grant, so the code and its permissions cannot drift apart.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: anyone may call it. `session`: needs a valid session cookie (401 otherwise). */
export type AuthKind = 'public' | 'session';

export interface FunctionAccess {
  /** The single table. Session routes need `readwrite`: they renew the session's idle timer. */
  table?: 'read' | 'readwrite';
  /** Attachment files: `read` lets the function sign short-lived download URLs. */
  files?: 'read';
  /** The notification queue (sign-in links, texts, emails go out through it). */
  notificationQueue?: 'send';
  /** Send email (SES) and text messages (SNS). Only the queue consumer has this. */
  sendEmail?: true;
  sendSms?: true;
}

export interface RouteDef {
  /** Stable id: names the Lambda function and its log group. */
  readonly name: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax: `{param}` for path parameters. */
  readonly path: string;
  /** Entry file, relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly auth: AuthKind;
  readonly access: FunctionAccess;
}

export const routes = [
  { name: 'health', method: 'GET', path: '/api/health', entry: 'functions/api/health.ts', auth: 'public', access: {} },
  { name: 'getPortal', method: 'GET', path: '/api/portals/{slug}', entry: 'functions/api/get-portal.ts', auth: 'public', access: { table: 'read' } },
  { name: 'requestSignInLink', method: 'POST', path: '/api/auth/magic-link', entry: 'functions/api/request-sign-in-link.ts', auth: 'public', access: { table: 'readwrite', notificationQueue: 'send' } },
  { name: 'verifySignInLink', method: 'POST', path: '/api/auth/verify', entry: 'functions/api/verify-sign-in-link.ts', auth: 'public', access: { table: 'readwrite' } },
  { name: 'logout', method: 'POST', path: '/api/auth/logout', entry: 'functions/api/logout.ts', auth: 'session', access: { table: 'readwrite' } },
  { name: 'getMe', method: 'GET', path: '/api/me', entry: 'functions/api/get-me.ts', auth: 'session', access: { table: 'readwrite' } },
  { name: 'listJobs', method: 'GET', path: '/api/jobs', entry: 'functions/api/list-jobs.ts', auth: 'session', access: { table: 'readwrite' } },
  { name: 'getJob', method: 'GET', path: '/api/jobs/{jobId}', entry: 'functions/api/get-job.ts', auth: 'session', access: { table: 'readwrite', files: 'read' } },
] as const satisfies readonly RouteDef[];

export type RouteName = (typeof routes)[number]['name'];

/** Functions that are not behind a route: queue consumers. */
export interface ConsumerDef {
  readonly name: string;
  readonly entry: string;
  readonly access: FunctionAccess;
}

export const consumers = [
  {
    name: 'sendNotification',
    entry: 'functions/queue/send-notification.ts',
    access: { table: 'readwrite', sendEmail: true, sendSms: true },
  },
] as const satisfies readonly ConsumerDef[];

/** `GET /api/jobs/{jobId}` → `GET /api/jobs/{jobId}`: API Gateway's route key. */
export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
