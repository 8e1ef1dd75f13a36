/**
 * The customer API's OpenAPI 3.1 document: what the portal's own pages call. Generated from the
 * route rows (path, method, auth, idempotency) and the valibot schemas the handlers validate
 * with (`customerSchemas`), so the document and the code cannot drift. Served at
 * `GET /api/openapi.json`.
 */
import { problem, problemSchema, requestOf, success, type DocumentedRoute, type RouteSchemas } from '../openapi';
import { customerSchemas, type CustomerRouteName } from './schemas';

type Tag = 'Portal' | 'Home' | 'Account' | 'Sign-in' | 'Links' | 'Jobs' | 'Messages' | 'Invoices' | 'Payments' | 'Estimates' | 'Tracking' | 'Uploads' | 'Requests' | 'Forms';

/** What the document says of each customer route besides its schemas: a summary, a tag, the success status. */
const operations: Record<CustomerRouteName, { summary: string; tag: Tag; status?: '201' | '202' | '204' }> = {
  health: { summary: 'Liveness: answers `{ "status": "ok" }` and touches nothing', tag: 'Portal' },
  getPortal: { summary: 'The business behind a portal address: name, colours, menu, contact, ways to pay', tag: 'Portal' },
  getMe: { summary: 'The signed-in customer, their portal and their own settings: notification choices, whether their phone replied STOP, changes of address waiting for confirmation', tag: 'Account' },
  patchMe: { summary: 'Change the customer\'s own name, language or notification choices (a topic or channel left out keeps its choice); the business hears `customer.updated`', tag: 'Account' },
  requestContactChange: { summary: 'Ask to change the email or phone: a one-time link (email) or a six-digit code (text) goes to the new address; nothing changes until it is confirmed', tag: 'Account', status: '202' },
  confirmContactChange: { summary: 'Confirm a change of address with the emailed link\'s token or the texted code: the address switches, sign-in follows it, the old address is told, the business hears `customer.updated`', tag: 'Account' },
  getSession: { summary: 'Whether this browser is signed in: `{ "signedIn": false }` (200, never 401), or `signedIn: true` with the customer and their portal', tag: 'Portal' },
  putLanguage: { summary: 'Save the signed-in customer\'s own language (null forgets it): pages, emails and texts use it', tag: 'Portal' },
  getJobTracking: { summary: 'The technician on the way to one of the signed-in customer\'s jobs: the tracking page\'s view without a link (ETag; 410 once the visit is over)', tag: 'Tracking' },
  getHome: { summary: 'What needs the customer now: what is due, estimates to decide, the next visit (and whether the technician is on the way), unread messages by job, recent payments; a hidden section is null', tag: 'Home' },
  listSessions: { summary: 'Where the customer is signed in: each browser (from its User-Agent), when it signed in and was last seen, and which is this one', tag: 'Account' },
  endSession: { summary: 'Sign one browser out: its session is refused on its next request (this browser\'s own: the cookie is cleared too)', tag: 'Account', status: '204' },
  endOtherSessions: { summary: 'Sign out everywhere but this browser', tag: 'Account' },
  listLiveLinks: { summary: 'The live links that open something of the customer\'s (sign-in, pay, estimate, tracking, form): what, where sent (masked), until when; never a token', tag: 'Account' },
  withdrawLiveLink: { summary: 'Withdraw one live link: it fails on its next use', tag: 'Account', status: '204' },
  signInWithPassword: { summary: 'Sign in with email and password: starts a session and sets its cookie, as verify does. A wrong password, an unknown email and an account without a password get the same 401 in the same time; tries are throttled (429 with Retry-After)', tag: 'Sign-in' },
  getPassword: { summary: 'Whether the customer has a password, and whether this session may set one without the current one (signed in by a link in the last 10 minutes)', tag: 'Account' },
  putPassword: { summary: 'Set or change the password (`currentPassword` unless signed in by a link in the last 10 minutes): at least 8 characters, not a common one; every other session ends and the customer is told', tag: 'Account' },
  deletePassword: { summary: 'Remove the password (sign-in by link only from then on); every other session ends and the customer is told', tag: 'Account' },
  requestSignInLink: { summary: 'Send a sign-in link by email or text (the same answer whether or not the address is a customer\'s)', tag: 'Sign-in', status: '202' },
  verifySignInLink: { summary: 'Use a sign-in link once: starts a session and sets its cookie', tag: 'Sign-in' },
  logout: { summary: 'End the session (the cookie is worthless from then on)', tag: 'Sign-in', status: '204' },
  getLink: { summary: 'What the link in the URL fragment opens, without using it', tag: 'Links' },
  listJobs: { summary: 'The customer\'s upcoming or past jobs', tag: 'Jobs' },
  getJob: { summary: 'A job with its charges, invoices, estimates and the newest page of each section', tag: 'Jobs' },
  listJobSection: { summary: 'Older messages, notes, attachments or payments of a job, a page at a time', tag: 'Jobs' },
  postCustomerMessage: { summary: 'Write to the business about a job', tag: 'Messages', status: '201' },
  listInvoices: { summary: 'The customer\'s open or paid invoices', tag: 'Invoices' },
  getInvoice: { summary: 'An invoice with its lines and payments (a pay link: its own invoice only)', tag: 'Invoices' },
  getFinancing: { summary: 'Whether an amount may show financing (Affirm) before checkout, with what Stripe\'s messaging element needs', tag: 'Payments' },
  createCheckout: { summary: 'Pay open invoices, or part of one: starts a Stripe Checkout', tag: 'Payments', status: '201' },
  getCheckout: { summary: 'How a checkout went', tag: 'Payments' },
  listEstimates: { summary: 'The customer\'s open, decided or expired estimates', tag: 'Estimates' },
  getEstimate: { summary: 'An estimate with its options, terms and decision', tag: 'Estimates' },
  getEstimatePdf: { summary: 'A short-lived address of the estimate\'s PDF (signed once approved)', tag: 'Estimates' },
  approveEstimate: { summary: 'Approve an option with the signature the estimate asks for', tag: 'Estimates' },
  declineEstimate: { summary: 'Decline the estimate, with an optional reason', tag: 'Estimates' },
  listEstimateSlots: { summary: 'The open slots to book once approved (and any deposit paid)', tag: 'Estimates' },
  scheduleEstimate: { summary: 'Book one of the open slots (409 with the slots still open when it was taken)', tag: 'Estimates' },
  createUpload: { summary: 'Start sending a photo, video or PDF with a request or a form: a presigned POST that accepts exactly the declared type and size (without a session: a request\'s photos only, with a claim token)', tag: 'Uploads', status: '201' },
  completeUpload: { summary: 'Check that what arrived is the declared type (a file that is not is thrown away: 400 naming `file`)', tag: 'Uploads' },
  getTracking: { summary: 'The technician on the way: who, where and when (ETag; 410 once the visit is over)', tag: 'Tracking' },
  createRequest: { summary: 'Ask the business for work: a service, a description, an address of yours or a new one, preferred times or as soon as possible, urgency, up to 10 photos or videos (completed uploads); a double tap makes one request (`Idempotency-Key`)', tag: 'Requests', status: '201' },
  listRequests: { summary: "The customer's service requests, newest first, with the addresses the form offers", tag: 'Requests' },
  getRequest: { summary: 'A service request and what became of it: new, scheduled (with its job), declined (with the reason) or withdrawn', tag: 'Requests' },
  withdrawRequest: { summary: 'Withdraw a new request (409 once the business scheduled or declined it)', tag: 'Requests' },
  createPublicRequest: { summary: 'Ask for work from the business\'s website without signing in: the same form plus name, email and phone. Held until the emailed link confirms it; rate-limited per client and per email, capped per business per day', tag: 'Requests', status: '202' },
  confirmPublicRequest: { summary: 'Confirm a request from the website with the emailed link\'s token: the business sees it from then on', tag: 'Requests' },
  listForms: { summary: 'The forms the business sent the customer: to fill, or submitted', tag: 'Forms' },
  getForm: { summary: 'One form: the fields of the version to fill and the saved draft, or the submission (a form link: its own form only)', tag: 'Forms' },
  saveFormDraft: { summary: 'Save what was typed so far (the last save wins; checked for shape only); 409 once submitted', tag: 'Forms' },
  submitForm: { summary: 'Submit the answers against the version filled (required and conditional fields checked): written once, the same answers again get the same answer, others 409', tag: 'Forms' },
  getFormPdf: { summary: 'A short-lived address of the submitted form\'s PDF', tag: 'Forms' },
};

/** Who may call: a session cookie, a link token, either, or anyone. */
const securityOf = (auth: string) =>
  auth === 'session' ? [{ session: [] }] : auth === 'link' ? [{ link: [] }] : auth === 'customer' ? [{ session: [] }, { link: [] }] : auth === 'visitor' ? [{ session: [] }, { link: [] }, {}] : [];

const isCustomerRoute = (name: string): name is CustomerRouteName => name in customerSchemas;

/** `routes`: the route table (shared/routes/); `sessionCookieName`: the session cookie the portal sets. */
export function customerOpenApiDocument(routes: readonly DocumentedRoute[], serverUrl: string, sessionCookieName: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (!isCustomerRoute(route.name)) continue;
    const schemas: RouteSchemas = customerSchemas[route.name];
    const { summary, tag, status = '200' } = operations[route.name];
    const write = route.method !== 'GET';
    const operation: Record<string, unknown> = {
      operationId: route.name,
      summary,
      tags: [tag],
      security: securityOf(route.auth),
      ...requestOf(route, schemas),
      responses: {
        [status]: success(status),
        ...(route.name === 'getTracking' || route.name === 'getJobTracking' ? { 304: { description: 'Not modified since the `If-None-Match` ETag.' }, 410: problem('The visit is over.') } : {}),
        ...(schemas.path || schemas.query || schemas.body ? { 400: problem('Invalid input: `errors` names each field.') } : {}),
        ...(route.auth !== 'public' ? { 401: problem('No session, or the link is unknown, used up, expired or revoked.') } : {}),
        ...(write && route.auth !== 'public' ? { 403: problem('Not sent from the portal itself (the Origin check).') } : {}),
        404: problem('Nothing of this customer\'s by that id.'),
        ...(write ? { 409: problem('Conflicts with the current state, or the same Idempotency-Key is still running.'), 413: problem('Body too large.') } : {}),
        ...(route.idempotent ? { 422: problem('The Idempotency-Key was used with other parameters.') } : {}),
        429: problem('Too many requests: see Retry-After.'),
      },
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Field-service portal: customer API',
      version: '1',
      description: [
        'What the customer portal\'s pages call: sign in with a link, read jobs, invoices and estimates, pay, approve, book, follow a technician.',
        'A session is the HttpOnly cookie `POST /api/auth/verify` sets; a link (a pay, estimate or tracking link) sends its token as `Authorization: Link <token>`. Writes with a session must come from the portal (Origin).',
        'Money is integer minor units with an ISO 4217 currency; instants are ISO-8601 UTC. Every error is RFC 9457 problem details.',
      ].join('\n\n'),
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: sessionCookieName, description: 'The portal\'s session, set by `POST /api/auth/verify`.' },
        link: { type: 'http', scheme: 'Link', description: 'A link\'s token from its URL fragment: `Authorization: Link <token>`.' },
      },
      schemas: { Problem: problemSchema },
    },
  };
}
