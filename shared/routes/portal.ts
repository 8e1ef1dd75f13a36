/**
 * The customer portal's rows of the route table (the whole table: ./index.ts). A portal handler
 * takes its row from here, so its bundle carries these rows and not the business API's.
 */
import { customerRead, ipAware, readwriteTable as table, rowNamed, sessionRead, type RouteDef } from './kinds';

export const portalRoutes = [
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
  { name: 'getLink', method: 'GET', path: '/api/link', entry: 'functions/api/get-link.ts', auth: 'link', access: { table: 'read+rateLimits+customers', ...ipAware } },
  { name: 'verifySignInLink', method: 'POST', path: '/api/auth/verify', entry: 'functions/api/verify-sign-in-link.ts', auth: 'public', access: table },
  // Email and password (optional, set under the profile): throttled per account and address in code, and here as a whole.
  {
    name: 'signInWithPassword', method: 'POST', path: '/api/auth/password', entry: 'functions/api/sign-in-with-password.ts', auth: 'public',
    access: { ...table, ...ipAware }, throttle: { rateLimit: 10, burstLimit: 20 },
  },
  { name: 'getPassword', method: 'GET', path: '/api/me/password', entry: 'functions/api/get-password.ts', auth: 'session', access: sessionRead },
  { name: 'putPassword', method: 'PUT', path: '/api/me/password', entry: 'functions/api/put-password.ts', auth: 'session', access: { ...table, queues: ['notifications'] } },
  { name: 'deletePassword', method: 'DELETE', path: '/api/me/password', entry: 'functions/api/delete-password.ts', auth: 'session', access: { ...table, queues: ['notifications'] } },
  { name: 'logout', method: 'POST', path: '/api/auth/logout', entry: 'functions/api/logout.ts', auth: 'session', access: table },
  { name: 'getMe', method: 'GET', path: '/api/me', entry: 'functions/api/get-me.ts', auth: 'session', access: sessionRead },
  // The portal's probe: "not signed in" is a 200 here, so a signed-out page logs no 401 (it reads the cookie itself).
  { name: 'getSession', method: 'GET', path: '/api/session', entry: 'functions/api/get-session.ts', auth: 'public', access: sessionRead },
  // The customer's own profile: each write owes the business's `customer.updated` event.
  { name: 'patchMe', method: 'PATCH', path: '/api/me', entry: 'functions/api/patch-me.ts', auth: 'session', access: { ...table, queues: ['webhooks'] } },
  { name: 'putLanguage', method: 'PUT', path: '/api/me/language', entry: 'functions/api/put-language.ts', auth: 'session', access: { ...table, queues: ['webhooks'] } },
  // A new email or phone: a link or code goes to it (the consumer mints it), and confirming it switches the address.
  { name: 'requestContactChange', method: 'POST', path: '/api/me/contact', entry: 'functions/api/request-contact-change.ts', auth: 'session', access: { ...table, queues: ['notifications'] } },
  { name: 'confirmContactChange', method: 'POST', path: '/api/me/contact/confirm', entry: 'functions/api/confirm-contact-change.ts', auth: 'session', access: { ...table, queues: ['webhooks', 'notifications'] } },
  // The customer's own account: where they are signed in, and which links to their things are live.
  { name: 'listSessions', method: 'GET', path: '/api/me/sessions', entry: 'functions/api/list-sessions.ts', auth: 'session', access: sessionRead },
  { name: 'endSession', method: 'DELETE', path: '/api/me/sessions/{sessionId}', entry: 'functions/api/end-session.ts', auth: 'session', access: table },
  { name: 'endOtherSessions', method: 'POST', path: '/api/me/sessions/revoke-others', entry: 'functions/api/end-other-sessions.ts', auth: 'session', access: table },
  { name: 'listLiveLinks', method: 'GET', path: '/api/me/links', entry: 'functions/api/list-live-links.ts', auth: 'session', access: sessionRead },
  { name: 'withdrawLiveLink', method: 'DELETE', path: '/api/me/links/{linkId}', entry: 'functions/api/withdraw-live-link.ts', auth: 'session', access: table },
  // The tracking page opened from Home: the live visit to one of the signed-in customer's own jobs.
  { name: 'getJobTracking', method: 'GET', path: '/api/jobs/{jobId}/tracking', entry: 'functions/api/get-job-tracking.ts', auth: 'session', access: sessionRead, section: 'jobs' },
  { name: 'getHome', method: 'GET', path: '/api/home', entry: 'functions/api/get-home.ts', auth: 'session', access: sessionRead },
  // A section a business hides answers 404 to its signed-in customers (`section`); links still open their one document.
  { name: 'listJobs', method: 'GET', path: '/api/jobs', entry: 'functions/api/list-jobs.ts', auth: 'session', access: sessionRead, section: 'jobs' },
  { name: 'getJob', method: 'GET', path: '/api/jobs/{jobId}', entry: 'functions/api/get-job.ts', auth: 'session', access: { table: 'read+sessions+customers', files: 'read' }, section: 'jobs' },
  { name: 'listJobSection', method: 'GET', path: '/api/jobs/{jobId}/{section}', entry: 'functions/api/list-job-section.ts', auth: 'session', access: { ...sessionRead, files: 'read' }, section: 'jobs' },
  {
    name: 'postCustomerMessage', method: 'POST', path: '/api/jobs/{jobId}/messages', entry: 'functions/api/post-customer-message.ts', auth: 'session', section: 'messages',
    access: { ...table, queues: ['webhooks'] }, idempotent: true,
  },
  {
    name: 'createCheckout', method: 'POST', path: '/api/payments/checkout', entry: 'functions/api/create-checkout.ts', auth: 'customer',
    access: { ...table, ...ipAware, payments: true },
  },
  { name: 'getCheckout', method: 'GET', path: '/api/payments/checkout/{checkoutId}', entry: 'functions/api/get-checkout.ts', auth: 'customer', access: { ...customerRead, ...ipAware } },
  {
    name: 'stripeWebhook', method: 'POST', path: '/api/stripe/webhook', entry: 'functions/stripe/webhook.ts', auth: 'signature',
    // Checks the signature and queues the event: it answers Stripe fast and touches no table.
    access: { payments: true, queues: ['payments'] }, bodyLimitBytes: 256 * 1024,
  },
  { name: 'listInvoices', method: 'GET', path: '/api/invoices', entry: 'functions/api/list-invoices.ts', auth: 'session', section: 'invoices', access: sessionRead },
  { name: 'getInvoice', method: 'GET', path: '/api/invoices/{invoiceId}', entry: 'functions/api/get-invoice.ts', auth: 'customer', section: 'invoices', access: { ...customerRead, ...ipAware } },

  // Estimates: a session, or the estimate's link (that estimate and its deposit only).
  { name: 'listEstimates', method: 'GET', path: '/api/estimates', entry: 'functions/api/list-estimates.ts', auth: 'session', section: 'estimates', access: sessionRead },
  { name: 'getEstimate', method: 'GET', path: '/api/estimates/{estimateId}', entry: 'functions/api/get-estimate.ts', auth: 'customer', section: 'estimates', access: { ...customerRead, ...ipAware } },
  {
    name: 'getEstimatePdf', method: 'GET', path: '/api/estimates/{estimateId}/pdf', entry: 'functions/api/get-estimate-pdf.ts', auth: 'customer', section: 'estimates',
    // The only function that bundles pdf-lib and the font: it renders each version once and stores it.
    access: { ...customerRead, ...ipAware, files: 'readwrite' }, bundleAssets: ['pdfFonts'],
  },
  {
    name: 'approveEstimate', method: 'POST', path: '/api/estimates/{estimateId}/approve', entry: 'functions/api/approve-estimate.ts', auth: 'customer', section: 'estimates',
    // A drawn signature is a PNG of up to 200 KB in the body.
    // Its follow-ups queue the event to the business and the confirmation to the customer.
    access: { ...table, ...ipAware, queues: ['webhooks', 'notifications'] }, idempotent: true, bodyLimitBytes: 256 * 1024,
  },
  {
    name: 'declineEstimate', method: 'POST', path: '/api/estimates/{estimateId}/decline', entry: 'functions/api/decline-estimate.ts', auth: 'customer', section: 'estimates',
    access: { ...table, ...ipAware, queues: ['webhooks'] }, idempotent: true,
  },
  {
    name: 'getTracking', method: 'GET', path: '/api/tracking', entry: 'functions/api/get-tracking.ts', auth: 'link',
    // Polled every 15 s by the tracking page: one read of the visit; 304 when nothing changed.
    access: { table: 'read+rateLimits+customers', ...ipAware },
  },
  { name: 'listEstimateSlots', method: 'GET', path: '/api/estimates/{estimateId}/slots', entry: 'functions/api/list-estimate-slots.ts', auth: 'customer', section: 'estimates', access: { ...customerRead, ...ipAware } },
  {
    name: 'scheduleEstimate', method: 'POST', path: '/api/estimates/{estimateId}/schedule', entry: 'functions/api/schedule-estimate.ts', auth: 'customer', section: 'estimates',
    access: { ...table, ...ipAware, queues: ['webhooks', 'notifications'] }, idempotent: true,
  },
  // Photos, videos and PDFs a customer sends with a request or a form, straight to storage; the
  // public request page's visitors too (no session: a claim token, and limits per address and business).
  {
    name: 'createUpload', method: 'POST', path: '/api/uploads', entry: 'functions/api/create-upload.ts', auth: 'visitor',
    access: { ...table, ...ipAware, files: 'readwrite' }, throttle: { rateLimit: 10, burstLimit: 20 },
  },
  // `manage`: a file whose bytes are not its declared type is deleted at once (rule 84).
  { name: 'completeUpload', method: 'POST', path: '/api/uploads/{uploadId}/complete', entry: 'functions/api/complete-upload.ts', auth: 'visitor', access: { ...table, ...ipAware, files: 'manage' } },

  // Service requests: a signed-in customer's own (section `requests`), and the public form on the business's website.
  {
    name: 'createRequest', method: 'POST', path: '/api/requests', entry: 'functions/api/create-request.ts', auth: 'session', section: 'requests',
    // Claims the uploads (a copy into the request's own storage); owes `request.created`.
    access: { ...table, files: 'readwrite', queues: ['webhooks'] }, idempotent: true, bodyLimitBytes: 32 * 1024,
  },
  { name: 'listRequests', method: 'GET', path: '/api/requests', entry: 'functions/api/list-requests.ts', auth: 'session', section: 'requests', access: sessionRead },
  { name: 'getRequest', method: 'GET', path: '/api/requests/{requestId}', entry: 'functions/api/get-request.ts', auth: 'session', section: 'requests', access: sessionRead },
  {
    name: 'withdrawRequest', method: 'POST', path: '/api/requests/{requestId}/withdraw', entry: 'functions/api/withdraw-request.ts', auth: 'session', section: 'requests',
    access: { ...table, queues: ['webhooks'] }, idempotent: true,
  },
  {
    name: 'createPublicRequest', method: 'POST', path: '/api/portals/{slug}/requests', entry: 'functions/api/create-public-request.ts', auth: 'public',
    // A public write: rate limits per client and per email and a daily cap per business in code, and its own ceiling here.
    access: { ...table, ...ipAware, files: 'readwrite', queues: ['notifications'] }, bodyLimitBytes: 32 * 1024,
    throttle: { rateLimit: 5, burstLimit: 10 },
  },
  {
    name: 'confirmPublicRequest', method: 'POST', path: '/api/portals/{slug}/requests/{requestId}/confirm', entry: 'functions/api/confirm-public-request.ts', auth: 'public',
    // Keeps the request's files (copies them out of the expiring uploads) before the business sees it.
    access: { ...table, files: 'readwrite', queues: ['webhooks'] },
  },
  // Forms the business sent: a session lists and opens them; a form link opens its one form (drafts and submit too).
  { name: 'listForms', method: 'GET', path: '/api/forms', entry: 'functions/api/list-forms.ts', auth: 'session', section: 'forms', access: sessionRead },
  { name: 'getForm', method: 'GET', path: '/api/forms/{sentFormId}', entry: 'functions/api/get-form.ts', auth: 'customer', section: 'forms', access: { ...customerRead, ...ipAware } },
  {
    name: 'saveFormDraft', method: 'PUT', path: '/api/forms/{sentFormId}/draft', entry: 'functions/api/save-form-draft.ts', auth: 'customer', section: 'forms',
    // Saved every few seconds and on leaving the page (a keepalive request: 64 KB at most).
    access: { ...table, ...ipAware }, bodyLimitBytes: 64 * 1024,
  },
  {
    name: 'submitForm', method: 'POST', path: '/api/forms/{sentFormId}/submit', entry: 'functions/api/submit-form.ts', auth: 'customer', section: 'forms',
    // Drawn signatures are PNGs of up to 200 KB each; file answers are claimed (copied into the submission's storage).
    // Its follow-ups move the form to the submitted list and queue `form.submitted`.
    access: { ...table, ...ipAware, files: 'readwrite', queues: ['webhooks'] }, idempotent: true, bodyLimitBytes: 512 * 1024,
  },
  {
    name: 'getFormPdf', method: 'GET', path: '/api/forms/{sentFormId}/pdf', entry: 'functions/api/get-form-pdf.ts', auth: 'customer', section: 'forms',
    // Renders the submission's PDF once (the estimate PDF's path) and stores it.
    access: { ...customerRead, ...ipAware, files: 'readwrite' }, bundleAssets: ['pdfFonts'],
  },
] as const satisfies readonly RouteDef[];

export type PortalRoute = (typeof portalRoutes)[number];

export const portalRoute = <N extends PortalRoute['name']>(name: N): Extract<PortalRoute, { name: N }> => rowNamed(portalRoutes, name);
