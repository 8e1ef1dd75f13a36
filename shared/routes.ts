/**
 * The route table: the one declaration of every function. Each row drives, from the same
 * object:
 * - the CDK HTTP API route, the function's IAM grants and environment (infra/stack),
 * - the local gateway (infra/local/gateway.ts),
 * - the middleware chain its handler gets (`auth`, `bodyLimitBytes`, `idempotent`),
 * - the dependencies its handler may use (`access`): a handler's `deps` is typed from its row,
 *   so using an adapter the row does not grant fails to compile, and the object handed over at
 *   run time (locally and on AWS) holds nothing else.
 *
 * Adding an endpoint = one row here + one handler file under functions/.
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
 */
export type AuthKind = 'public' | 'session' | 'apiKey' | 'link' | 'signature' | 'customer';

/** The queues of the stack; each has exactly one consumer below. */
export type QueueName = 'notifications' | 'webhooks' | 'payments';

/** Secrets held in AWS Secrets Manager, read at cold start (shared/adapters/aws/secrets-manager.ts). */
export type SecretName = 'originVerify' | 'stripe';

export interface FunctionAccess {
  /** The single table. Session and API-key routes need `readwrite`: they renew timers and count requests. */
  readonly table?: 'read' | 'readwrite';
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
  /** Its own API Gateway throttle, so a flood on this route cannot starve the others. */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Files read at run time from beside the bundle, which bundling copies there (the PDF fonts). */
  readonly bundleAssets?: readonly 'pdfFonts'[];
  /** Listed in the business API's OpenAPI document. */
  readonly openApi?: { readonly summary: string; readonly tag: 'Settings' | 'Customers' | 'Jobs' | 'Invoices' | 'Estimates' | 'Tracking' | 'Messages' | 'Webhooks' };
}

export const defaultBodyLimitBytes = 8 * 1024;

/** Every business API path starts here. */
export const businessApiPrefix = '/api/business/v1';

const table = { table: 'readwrite' } as const;
/** What a route needs to see the client's real IP behind CloudFront. */
const ipAware = { secrets: ['originVerify'] } as const;

const biz = <P extends string>(path: P) => `${businessApiPrefix}${path}` as const;

export const routes = [
  // ---------- the customer portal ----------
  { name: 'health', method: 'GET', path: '/api/health', entry: 'functions/api/health.ts', auth: 'public', access: {} },
  { name: 'customerOpenApi', method: 'GET', path: '/api/openapi.json', entry: 'functions/api/openapi.ts', auth: 'public', access: {} },
  { name: 'getPortal', method: 'GET', path: '/api/portals/{slug}', entry: 'functions/api/get-portal.ts', auth: 'public', access: { table: 'read' } },
  // Financing before checkout: Stripe's messaging element for an amount, where the business offers Affirm.
  { name: 'getFinancing', method: 'GET', path: '/api/portals/{slug}/financing', entry: 'functions/api/get-financing.ts', auth: 'public', access: { table: 'read' } },
  {
    name: 'requestSignInLink', method: 'POST', path: '/api/auth/magic-link', entry: 'functions/api/request-sign-in-link.ts', auth: 'public',
    access: { ...table, ...ipAware, queues: ['notifications'] },
    // The only public write: its own ceiling, below the stage's, so a flood here leaves room for everyone else.
    throttle: { rateLimit: 10, burstLimit: 20 },
  },
  { name: 'getLink', method: 'GET', path: '/api/link', entry: 'functions/api/get-link.ts', auth: 'link', access: { ...table, ...ipAware } },
  { name: 'verifySignInLink', method: 'POST', path: '/api/auth/verify', entry: 'functions/api/verify-sign-in-link.ts', auth: 'public', access: table },
  { name: 'logout', method: 'POST', path: '/api/auth/logout', entry: 'functions/api/logout.ts', auth: 'session', access: table },
  { name: 'getMe', method: 'GET', path: '/api/me', entry: 'functions/api/get-me.ts', auth: 'session', access: table },
  // The portal's probe: "not signed in" is a 200 here, so a signed-out page logs no 401 (it reads the cookie itself).
  { name: 'getSession', method: 'GET', path: '/api/session', entry: 'functions/api/get-session.ts', auth: 'public', access: table },
  { name: 'putLanguage', method: 'PUT', path: '/api/me/language', entry: 'functions/api/put-language.ts', auth: 'session', access: table },
  { name: 'listJobs', method: 'GET', path: '/api/jobs', entry: 'functions/api/list-jobs.ts', auth: 'session', access: table },
  { name: 'getJob', method: 'GET', path: '/api/jobs/{jobId}', entry: 'functions/api/get-job.ts', auth: 'session', access: { ...table, files: 'read' } },
  { name: 'listJobSection', method: 'GET', path: '/api/jobs/{jobId}/{section}', entry: 'functions/api/list-job-section.ts', auth: 'session', access: { ...table, files: 'read' } },
  {
    name: 'postCustomerMessage', method: 'POST', path: '/api/jobs/{jobId}/messages', entry: 'functions/api/post-customer-message.ts', auth: 'session',
    access: { ...table, queues: ['webhooks'] }, idempotent: true,
  },
  {
    name: 'createCheckout', method: 'POST', path: '/api/payments/checkout', entry: 'functions/api/create-checkout.ts', auth: 'customer',
    access: { ...table, ...ipAware, payments: true },
  },
  { name: 'getCheckout', method: 'GET', path: '/api/payments/checkout/{checkoutId}', entry: 'functions/api/get-checkout.ts', auth: 'customer', access: { ...table, ...ipAware } },
  {
    name: 'stripeWebhook', method: 'POST', path: '/api/stripe/webhook', entry: 'functions/stripe/webhook.ts', auth: 'signature',
    // Checks the signature and queues the event: it answers Stripe fast and touches no table.
    access: { payments: true, queues: ['payments'] }, bodyLimitBytes: 256 * 1024,
  },
  { name: 'listInvoices', method: 'GET', path: '/api/invoices', entry: 'functions/api/list-invoices.ts', auth: 'session', access: table },
  { name: 'getInvoice', method: 'GET', path: '/api/invoices/{invoiceId}', entry: 'functions/api/get-invoice.ts', auth: 'customer', access: { ...table, ...ipAware } },

  // Estimates: a session, or the estimate's link (that estimate and its deposit only).
  { name: 'listEstimates', method: 'GET', path: '/api/estimates', entry: 'functions/api/list-estimates.ts', auth: 'session', access: table },
  { name: 'getEstimate', method: 'GET', path: '/api/estimates/{estimateId}', entry: 'functions/api/get-estimate.ts', auth: 'customer', access: { ...table, ...ipAware } },
  {
    name: 'getEstimatePdf', method: 'GET', path: '/api/estimates/{estimateId}/pdf', entry: 'functions/api/get-estimate-pdf.ts', auth: 'customer',
    // The only function that bundles pdf-lib and the font: it renders each version once and stores it.
    access: { ...table, ...ipAware, files: 'readwrite' }, bundleAssets: ['pdfFonts'],
  },
  {
    name: 'approveEstimate', method: 'POST', path: '/api/estimates/{estimateId}/approve', entry: 'functions/api/approve-estimate.ts', auth: 'customer',
    // A drawn signature is a PNG of up to 200 KB in the body.
    // Its follow-ups queue the event to the business and the confirmation to the customer.
    access: { ...table, ...ipAware, queues: ['webhooks', 'notifications'] }, idempotent: true, bodyLimitBytes: 256 * 1024,
  },
  {
    name: 'declineEstimate', method: 'POST', path: '/api/estimates/{estimateId}/decline', entry: 'functions/api/decline-estimate.ts', auth: 'customer',
    access: { ...table, ...ipAware, queues: ['webhooks'] }, idempotent: true,
  },
  {
    name: 'getTracking', method: 'GET', path: '/api/tracking', entry: 'functions/api/get-tracking.ts', auth: 'link',
    // Polled every 15 s by the tracking page: one read of the visit; 304 when nothing changed.
    access: { ...table, ...ipAware },
  },
  { name: 'listEstimateSlots', method: 'GET', path: '/api/estimates/{estimateId}/slots', entry: 'functions/api/list-estimate-slots.ts', auth: 'customer', access: { ...table, ...ipAware } },
  {
    name: 'scheduleEstimate', method: 'POST', path: '/api/estimates/{estimateId}/schedule', entry: 'functions/api/schedule-estimate.ts', auth: 'customer',
    access: { ...table, ...ipAware, queues: ['webhooks', 'notifications'] }, idempotent: true,
  },

  // ---------- the business API ----------
  { name: 'businessOpenApi', method: 'GET', path: biz('/openapi.json'), entry: 'functions/business/openapi.ts', auth: 'public', access: {} },
  { name: 'getSettings', method: 'GET', path: biz('/settings'), entry: 'functions/business/get-settings.ts', auth: 'apiKey', access: table, openApi: { summary: 'Read the portal settings', tag: 'Settings' } },
  { name: 'patchSettings', method: 'PATCH', path: biz('/settings'), entry: 'functions/business/patch-settings.ts', auth: 'apiKey', access: table, openApi: { summary: 'Change the portal settings', tag: 'Settings' } },
  { name: 'putCustomer', method: 'PUT', path: biz('/customers/{customerId}'), entry: 'functions/business/put-customer.ts', auth: 'apiKey', access: table, openApi: { summary: 'Create or replace a customer', tag: 'Customers' } },
  { name: 'getCustomer', method: 'GET', path: biz('/customers/{customerId}'), entry: 'functions/business/get-customer.ts', auth: 'apiKey', access: table, openApi: { summary: 'Read a customer', tag: 'Customers' } },
  { name: 'listCustomers', method: 'GET', path: biz('/customers'), entry: 'functions/business/list-customers.ts', auth: 'apiKey', access: table, openApi: { summary: 'List customers changed since a time', tag: 'Customers' } },
  {
    name: 'inviteCustomer', method: 'POST', path: biz('/customers/{customerId}/invite'), entry: 'functions/business/invite-customer.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Send the customer a sign-in link', tag: 'Customers' },
  },
  { name: 'putJob', method: 'PUT', path: biz('/jobs/{jobId}'), entry: 'functions/business/put-job.ts', auth: 'apiKey', access: table, bodyLimitBytes: 64 * 1024, openApi: { summary: 'Create or replace a job', tag: 'Jobs' } },
  { name: 'getBusinessJob', method: 'GET', path: biz('/jobs/{jobId}'), entry: 'functions/business/get-job.ts', auth: 'apiKey', access: table, openApi: { summary: 'Read a job', tag: 'Jobs' } },
  { name: 'listBusinessJobs', method: 'GET', path: biz('/jobs'), entry: 'functions/business/list-jobs.ts', auth: 'apiKey', access: table, openApi: { summary: 'List jobs changed since a time', tag: 'Jobs' } },
  { name: 'postNote', method: 'POST', path: biz('/jobs/{jobId}/notes'), entry: 'functions/business/post-note.ts', auth: 'apiKey', access: table, idempotent: true, openApi: { summary: 'Add a note to a job', tag: 'Jobs' } },
  {
    name: 'createAttachment', method: 'POST', path: biz('/jobs/{jobId}/attachments'), entry: 'functions/business/create-attachment.ts', auth: 'apiKey',
    access: { ...table, files: 'readwrite' }, idempotent: true, openApi: { summary: 'Start an attachment upload', tag: 'Jobs' },
  },
  {
    name: 'completeAttachment', method: 'POST', path: biz('/jobs/{jobId}/attachments/{attachmentId}/complete'), entry: 'functions/business/complete-attachment.ts', auth: 'apiKey',
    access: { ...table, files: 'manage' }, idempotent: true, openApi: { summary: 'Publish an uploaded attachment', tag: 'Jobs' },
  },
  {
    name: 'postBusinessMessage', method: 'POST', path: biz('/jobs/{jobId}/messages'), entry: 'functions/business/post-message.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Write to the customer about a job', tag: 'Messages' },
  },
  { name: 'listBusinessMessages', method: 'GET', path: biz('/jobs/{jobId}/messages'), entry: 'functions/business/list-messages.ts', auth: 'apiKey', access: table, openApi: { summary: "List a job's messages, newest first", tag: 'Messages' } },
  { name: 'putInvoice', method: 'PUT', path: biz('/invoices/{invoiceId}'), entry: 'functions/business/put-invoice.ts', auth: 'apiKey', access: table, bodyLimitBytes: 64 * 1024, openApi: { summary: 'Create or replace an invoice', tag: 'Invoices' } },
  { name: 'getBusinessInvoice', method: 'GET', path: biz('/invoices/{invoiceId}'), entry: 'functions/business/get-invoice.ts', auth: 'apiKey', access: table, openApi: { summary: 'Read an invoice with its payments', tag: 'Invoices' } },
  { name: 'listBusinessInvoices', method: 'GET', path: biz('/invoices'), entry: 'functions/business/list-invoices.ts', auth: 'apiKey', access: table, openApi: { summary: 'List invoices changed since a time', tag: 'Invoices' } },
  {
    name: 'postInvoicePayment', method: 'POST', path: biz('/invoices/{invoiceId}/payments'), entry: 'functions/business/post-invoice-payment.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Record a payment taken outside the portal (cash, check)', tag: 'Invoices' },
  },
  {
    name: 'sendInvoice', method: 'POST', path: biz('/invoices/{invoiceId}/send'), entry: 'functions/business/send-invoice.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Send the customer a link to pay the invoice (no sign-in)', tag: 'Invoices' },
  },
  {
    name: 'revokeInvoiceLinks', method: 'POST', path: biz('/invoices/{invoiceId}/links/revoke'), entry: 'functions/business/revoke-invoice-links.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Withdraw every pay link of the invoice', tag: 'Invoices' },
  },
  { name: 'putEstimate', method: 'PUT', path: biz('/estimates/{estimateId}'), entry: 'functions/business/put-estimate.ts', auth: 'apiKey', access: table, bodyLimitBytes: 128 * 1024, openApi: { summary: 'Create or replace an estimate (a change makes a new version)', tag: 'Estimates' } },
  { name: 'getBusinessEstimate', method: 'GET', path: biz('/estimates/{estimateId}'), entry: 'functions/business/get-estimate.ts', auth: 'apiKey', access: table, openApi: { summary: 'Read an estimate with its decision and booking', tag: 'Estimates' } },
  { name: 'listBusinessEstimates', method: 'GET', path: biz('/estimates'), entry: 'functions/business/list-estimates.ts', auth: 'apiKey', access: table, openApi: { summary: 'List estimates changed since a time', tag: 'Estimates' } },
  {
    name: 'sendEstimate', method: 'POST', path: biz('/estimates/{estimateId}/send'), entry: 'functions/business/send-estimate.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Send the customer a link to the estimate (no sign-in)', tag: 'Estimates' },
  },
  {
    name: 'revokeEstimateLinks', method: 'POST', path: biz('/estimates/{estimateId}/links/revoke'), entry: 'functions/business/revoke-estimate-links.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Withdraw every link of the estimate', tag: 'Estimates' },
  },
  { name: 'putSlot', method: 'PUT', path: biz('/slots/{slotId}'), entry: 'functions/business/put-slot.ts', auth: 'apiKey', access: table, openApi: { summary: 'Publish or move an open appointment slot', tag: 'Estimates' } },
  { name: 'deleteSlot', method: 'DELETE', path: biz('/slots/{slotId}'), entry: 'functions/business/delete-slot.ts', auth: 'apiKey', access: table, openApi: { summary: 'Withdraw an open appointment slot', tag: 'Estimates' } },
  // Technician tracking: a visit per job, from "on my way" to completed.
  {
    name: 'startTracking', method: 'POST', path: biz('/jobs/{jobId}/tracking'), entry: 'functions/business/start-tracking.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Start tracking a visit: sends the customer the "on my way" link', tag: 'Tracking' },
  },
  {
    // The design card's `tracking-update`: called every few seconds per technician, one write each.
    name: 'trackingUpdate', method: 'PUT', path: biz('/jobs/{jobId}/tracking/position'), entry: 'functions/business/tracking-update.ts', auth: 'apiKey',
    access: table, openApi: { summary: "Report the technician's latest position (only the latest is kept)", tag: 'Tracking' },
  },
  {
    name: 'markTrackingArrived', method: 'POST', path: biz('/jobs/{jobId}/tracking/arrived'), entry: 'functions/business/mark-tracking-arrived.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'The technician has arrived: the position is hidden from then on', tag: 'Tracking' },
  },
  {
    name: 'completeTracking', method: 'POST', path: biz('/jobs/{jobId}/tracking/completed'), entry: 'functions/business/complete-tracking.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'The visit is over: the link stops working and the position is deleted', tag: 'Tracking' },
  },
  {
    name: 'startStripeOnboarding', method: 'POST', path: biz('/stripe/onboarding'), entry: 'functions/business/start-stripe-onboarding.ts', auth: 'apiKey',
    access: { ...table, payments: true }, idempotent: true, openApi: { summary: 'Connect Stripe: a link to Stripe-hosted onboarding', tag: 'Settings' },
  },
  { name: 'createWebhookEndpoint', method: 'POST', path: biz('/webhook-endpoints'), entry: 'functions/business/create-webhook-endpoint.ts', auth: 'apiKey', access: table, idempotent: true, openApi: { summary: 'Subscribe a URL to events', tag: 'Webhooks' } },
  { name: 'listWebhookEndpoints', method: 'GET', path: biz('/webhook-endpoints'), entry: 'functions/business/list-webhook-endpoints.ts', auth: 'apiKey', access: table, openApi: { summary: 'List webhook endpoints', tag: 'Webhooks' } },
  { name: 'deleteWebhookEndpoint', method: 'DELETE', path: biz('/webhook-endpoints/{endpointId}'), entry: 'functions/business/delete-webhook-endpoint.ts', auth: 'apiKey', access: table, openApi: { summary: 'Remove a webhook endpoint', tag: 'Webhooks' } },
  {
    name: 'listWebhookDeliveries', method: 'GET', path: biz('/webhook-endpoints/{endpointId}/deliveries'), entry: 'functions/business/list-webhook-deliveries.ts', auth: 'apiKey',
    access: table, openApi: { summary: "List an endpoint's deliveries of the last 30 days, newest first", tag: 'Webhooks' },
  },
  {
    name: 'retryWebhookDelivery', method: 'POST', path: biz('/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry'), entry: 'functions/business/retry-webhook-delivery.ts', auth: 'apiKey',
    access: { ...table, queues: ['webhooks'] }, idempotent: true, openApi: { summary: 'Re-send a delivery (same event, same webhook-id)', tag: 'Webhooks' },
  },
  {
    name: 'enableWebhookEndpoint', method: 'POST', path: biz('/webhook-endpoints/{endpointId}/enable'), entry: 'functions/business/enable-webhook-endpoint.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Turn a disabled webhook endpoint back on', tag: 'Webhooks' },
  },
] as const satisfies readonly RouteDef[];

export type Route = (typeof routes)[number];
export type RouteName = Route['name'];

/** Functions that are not behind a route: one consumer per queue. */
export interface ConsumerDef {
  readonly name: string;
  readonly entry: string;
  readonly queue: QueueName;
  readonly access: FunctionAccess;
  /** Generous: these talk to slow providers and are never customer-facing. */
  readonly timeoutSeconds: number;
}

export const consumers = [
  {
    name: 'sendNotification', entry: 'functions/queue/send-notification.ts', queue: 'notifications', timeoutSeconds: 30,
    // Its own queue: a notice another delivery is sending comes back once that send's claim has expired.
    access: { table: 'readwrite', sendEmail: true, sendSms: true, queues: ['notifications'] },
  },
  {
    name: 'applyPaymentEvent', entry: 'functions/queue/apply-payment-event.ts', queue: 'payments', timeoutSeconds: 30,
    // Re-fetches the checkout from Stripe, records payments, queues receipts and webhook events.
    access: { table: 'readwrite', payments: true, queues: ['notifications', 'webhooks'] },
  },
  {
    name: 'deliverWebhook', entry: 'functions/queue/deliver-webhook.ts', queue: 'webhooks', timeoutSeconds: 30,
    // Fans one event out to each endpoint: it re-queues one delivery per endpoint, and each failed
    // attempt later. Emails the business when an endpoint is disabled.
    access: { table: 'readwrite', queues: ['webhooks', 'notifications'], webhookPosts: true },
  },
] as const satisfies readonly ConsumerDef[];

export type Consumer = (typeof consumers)[number];

/** Functions that run on a timer: an EventBridge rule on AWS, a timer in `npm start`. */
export interface ScheduleDef {
  readonly name: string;
  readonly entry: string;
  readonly everyMinutes: number;
  readonly access: FunctionAccess;
  readonly timeoutSeconds: number;
}

export const schedules = [
  {
    // Finishes the follow-up steps a write owed and its request did not run (shared/followups):
    // it may run any step, so it has what every step needs.
    name: 'redriveFollowUps', entry: 'functions/schedule/redrive-follow-ups.ts', everyMinutes: 1, timeoutSeconds: 120,
    access: { table: 'readwrite', payments: true, queues: ['notifications', 'webhooks'] },
  },
] as const satisfies readonly ScheduleDef[];

export type Schedule = (typeof schedules)[number];
export type FunctionDef = Route | Consumer | Schedule;

export function scheduleByName<N extends Schedule['name']>(name: N): Extract<Schedule, { name: N }> {
  return schedules.find((s) => s.name === name) as Extract<Schedule, { name: N }>;
}

export function routeByName<N extends RouteName>(name: N): Extract<Route, { name: N }> {
  const found = routes.find((r) => r.name === name);
  if (!found) throw new Error(`No route named ${name}`);
  return found as Extract<Route, { name: N }>;
}

export function consumerByName<N extends Consumer['name']>(name: N): Extract<Consumer, { name: N }> {
  return consumers.find((c) => c.name === name) as Extract<Consumer, { name: N }>;
}

/** `GET /api/jobs/{jobId}`: API Gateway's route key. */
export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
