/**
 * The first request each function gets in the cold-start measurement: a realistic invocation
 * event with valid auth, made fresh for every run (a sign-in link works once, a session ends at
 * logout, a reschedule must really move the job), and what the answer must be for the run to
 * count. Typed by function name: a new route, consumer or schedule without a case here fails the
 * type-check.
 */
import { textReplyEvent } from '../local/text-reply-event';
import type { RouteName, Consumer, Schedule, Subscriber } from '../../shared/routes';
import { stepDepsFrom } from '../../shared/steps/deps';
import { consumerByName, routeByName, scheduleByName } from '../../shared/routes';
import type { RedriveReport } from '../../shared/followups/redrive';
import { sessionCookieName } from '../../functions/http/cookies';
import { publicIdOf, sha256 } from '../../shared/kernel/secrets';
import { createEndpoint } from '../../shared/business-api/webhook-endpoints';
import { deliveryIdOf, newDelivery } from '../../shared/business-api/events';
import { eventId } from '../../shared/events/emit';
import { upsertJob } from '../../shared/jobs/write-job';
import { upsertInvoice } from '../../shared/invoices/write-invoice';
import { startAttachment } from '../../shared/jobs/notes-and-files';
import { startMediaUpload } from '../../shared/media/uploads';
import { mintFor } from '../../shared/kernel/ids';
import type { LocalStack } from '../local/stack';
import { demo } from '../local/seed';
import { httpEvent, scheduledEvent, sqsEvent, type HttpRequest } from './events';
import type { AwsStub } from './aws-stub';
import { startUpload } from '../../shared/uploads/start-upload';
import { benchAccount, benchCustomer, benchPassword, benchPasswordAccount, benchPendingPhoneChange, jobFields, newApiKey, newLinkToken, newSession, newTrackingLinkToken, startBenchVisit } from './fixtures';
import { documentClientBaseline, electroDbTarget, emptyBaseline, stripeBaseline, toolboxTarget } from './bundles';
import Stripe from 'stripe';
import { startCheckout } from '../../shared/paying/checkout';
import { upsertForm } from '../../shared/forms/templates';
import { sendForm } from '../../shared/link-sends/send-form';
import { submitForm } from '../../shared/forms/submit';
import { submissionIdOf } from '../../shared/forms/model';
import { sampleFormAnswers, sampleFormDefinition } from '../../shared/forms/sample-form';
import { upsertEstimate } from '../../shared/estimates/write-estimate';
import { approveEstimate } from '../../shared/estimates/decide';
import { putSlot } from '../../shared/estimates/slots';
import { signaturePng } from '../local/demo-files';
import { newId } from '../../shared/kernel/ids';
import { confirmationHashOf } from '../../shared/requests/public';
import type { ServiceRequest } from '../../shared/requests/model';

/** A real PNG for the attachment upload: completing it reads its first bytes and checks them against image/png. */
/** The first bytes of a phone's JPEG photo (the check reads no more). */
const uploadedJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x18]), Buffer.from('Exif\0\0'), Buffer.alloc(2_000)]);
const uploadedPng = Buffer.from(signaturePng(400).replace(/^data:image\/png;base64,/, ''), 'base64');

interface ColdCaseBase {
  /** What the first request is, for the report. */
  request: string;
  /** Calls to AWS services other than DynamoDB the first request must make (stub service + operation). */
  aws?: string[];
  /** Builds this run's event (fresh links, sessions and ids). */
  event(run: number): Promise<unknown>;
}

export type ColdCase = ColdCaseBase &
  (
    | {
        /** The status the answer must have (consumers: 0 = no failed record). */
        expect: number;
        returns?: never;
      }
    | {
        expect?: never;
        /** A function that answers neither HTTP nor SQS (a schedule): null when what it returned is right, else why not. */
        returns(value: unknown): string | null;
      }
  );

export interface ColdContext {
  stack: LocalStack;
  stub: AwsStub;
  /** The portal's origin and CloudFront's secret header value, as the functions' environment holds them. */
  origin: { host: string; url: string; secret: string };
}

/** The customer and job the write cases use, so the demo's own jobs stay as seeded. */
const coldCustomerId = 'cus_bench_cold';
const coldJobId = 'job_bench_cold';
const coldInvoiceId = 'inv_bench_cold';
/** An estimate as a back office writes one: three options, a 25 % deposit, booking, a drawn signature. */
export const coldEstimateBody = (run: number) => ({
  customerId: demo.jordan.id, jobId: null, number: `COLD-EST-${run}`, title: 'Bench boiler', currency: 'USD', expiresAt: '2099-01-01T00:00:00.000Z',
  terms: 'Guaranteed for a year.', signature: 'drawn' as const, deposit: { percent: 25 }, scheduling: { durationMinutes: 120 },
  address: { line1: '1 Bench Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
  options: ['good', 'better', 'best'].map((id, i) => ({ id, name: id, description: '', recommended: i === 1, taxAmount: 1_000 * (i + 1), lines: Array.from({ length: 10 }, (_, n) => ({ description: `Part ${n + 1}`, quantity: 1, unitAmount: 10_000 * (i + 1) })) })),
});

/** Big enough that a cent paid on every run never pays it off. */
const coldInvoiceBody = (run: number) => ({
  customerId: demo.jordan.id, jobId: coldJobId, number: 'COLD-INV-1', issuedAt: '2026-01-05T15:00:00.000Z', dueAt: '2026-02-05T15:00:00.000Z', currency: 'USD',
  lines: [{ description: 'Bench work', quantity: (run % 5) + 1, unitAmount: 10_000_000 }], taxAmount: 0,
});

type CaseName = RouteName | Consumer['name'] | Schedule['name'] | Subscriber['name'] | typeof emptyBaseline | typeof documentClientBaseline | typeof stripeBaseline | typeof electroDbTarget | typeof toolboxTarget;

export async function coldCases(ctx: ColdContext): Promise<Record<CaseName, ColdCase>> {
  const { stack, stub, origin } = ctx;
  const acme = stack.demo.acme.business;
  const jordan = demo.jordan.id;
  const { clock, random } = stack.source;
  const jobs = stack.stores.jobs;
  const directory = stack.stores.directory;
  const mediaStore = stack.stores.media;

  // A customer and a job of Acme's for the writes; the job belongs to Jordan so Jordan's session can post on it.
  await benchCustomer(stack, acme.id, coldCustomerId);
  await upsertJob(acme.id, coldJobId, jobFields(jordan, 'COLD-1', new Date(Date.now() + 3 * 86_400_000)), { jobs, directory, clock });
  const invoiceDeps = stepDepsFrom(stack.stores, clock);
  await upsertInvoice(acme.id, coldInvoiceId, coldInvoiceBody(0), invoiceDeps);
  // Payments: checkouts on the stack's Stripe sandbox (the children's calls to Stripe go there too).
  const stripeKeys = await stack.source.secrets.stripe();
  const checkoutDeps = { ...stepDepsFrom(stack.stores, clock), payments: stack.source.payments, portalOrigin: origin.url };
  const benchCheckout = await startCheckout({ businessId: acme.id, customerId: jordan }, { invoiceIds: ['inv_1080'] }, checkoutDeps);
  const benchSession = stack.stripe!.sessionAt(benchCheckout.url)!;
  /** A completed-and-paid event of the bench checkout, as Stripe would send it (its account, its metadata). */
  const paidEvent = (id: string) => ({ id, object: 'event', type: 'checkout.session.completed', account: benchSession.account, livemode: false, created: Math.floor(Date.now() / 1000), data: { object: { id: benchSession.id, object: 'checkout.session', metadata: benchSession.metadata } } });
  // The endpoint the webhook consumer delivers to (the child connects it to the stub's TLS listener: cold-start.ts).
  const hooks = { webhooks: stack.stores.webhooks, clock, random, stage: 'bench' };
  const permanentEndpoint = await createEndpoint(acme.id, { url: 'https://hooks.bench.example/portal', events: ['job.message.created'] }, hooks);

  // Estimates: one open (read, PDF, link), one approved with its deposit paid (slots), slots to book.
  const estimateDeps = { estimates: stack.stores.estimates, jobDocuments: stack.stores.jobDocuments, directory, jobs, clock };
  const decideDeps = stepDepsFrom(stack.stores, clock, { webhooks: { send: async () => {} } });
  await upsertEstimate(acme.id, 'est_bench_open', coldEstimateBody(0), estimateDeps);
  const freshEstimate = async (run: number, tag: string) => {
    const id = `est_bench_${tag}_${run}_${random.bytes(3).toString('hex')}`;
    await upsertEstimate(acme.id, id, coldEstimateBody(run), estimateDeps);
    return id;
  };
  const approvedEstimate = async (run: number, tag: string, deposit: boolean) => {
    const id = `est_bench_${tag}_${run}_${random.bytes(3).toString('hex')}`;
    await upsertEstimate(acme.id, id, { ...coldEstimateBody(run), deposit: deposit ? { percent: 25 } : null }, estimateDeps);
    await approveEstimate({ businessId: acme.id, customerId: jordan }, id, { version: 1, optionId: 'better', signature: { name: 'Jordan Rivera', image: signaturePng(400) }, acceptTerms: true }, { requestId: `apr_${id}`, via: 'session', ip: null, userAgent: null }, decideDeps);
    return id;
  };
  const slotDeps = { slots: stack.stores.slots, clock };
  const freshSlot = async (run: number, tag: string) => {
    const start = new Date(Date.now() + (20 + run) * 86_400_000);
    const id = `slot_bench_${tag}_${run}_${random.bytes(3).toString('hex')}`;
    await putSlot(acme.id, id, { start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString() }, slotDeps);
    return id;
  };
  await freshSlot(0, 'open');
  const slotsEstimate = await approvedEstimate(0, 'slots', false);

  // Forms: a template, a fresh sent form per run (to read, save, submit), submitted ones (PDF, the business's reads).
  const formDeps = { forms: stack.stores.forms, clock };
  await upsertForm(acme.id, 'form_bench', sampleFormDefinition, formDeps);
  const freshSentForm = async () =>
    (await sendForm(acme.id, 'form_bench', { customerId: jordan, jobId: null, channel: 'email' }, mintFor(null, { clock, random }), { forms: stack.stores.forms, directory, jobs, notifications: { send: async () => {} } })).id;
  const submittedForm = async () => {
    const id = await freshSentForm();
    await submitForm({ businessId: acme.id, customerId: jordan }, id, { version: 1, answers: sampleFormAnswers }, { requestId: `fsr_${id}`, via: 'session', ip: null, userAgent: null }, { ...decideDeps, claimFiles: async () => [], releaseFiles: async () => undefined });
    return id;
  };
  const benchSubmission = submissionIdOf(await submittedForm());

  // Tracking: a fresh job per run with a visit under way (and, for the page, a link to it).
  const freshJob = async (run: number, tag: string) => {
    const id = `job_bench_${tag}_${run}_${random.bytes(3).toString('hex')}`;
    await upsertJob(acme.id, id, jobFields(jordan, `COLD-${tag}-${run}`, new Date(Date.now() + 86_400_000)), { jobs, directory, clock });
    return id;
  };
  const trackedJob = async (run: number, tag: string) => {
    const id = await freshJob(run, tag);
    await startBenchVisit(stack, acme.id, id);
    await stack.stores.tracking.recordPosition(acme.id, id, { lat: 39.76, lng: -89.62, accuracy: 10, heading: 90, speed: 12, at: new Date(Date.now() - 1000).toISOString() }, clock.now().toISOString());
    return id;
  };
  const trackingLink = async (run: number) => newTrackingLinkToken(stack, acme.id, jordan, await trackedJob(run, 'page'));

  // One API key per function, as one integration would hold one.
  const keys = new Map<string, string>();
  const keyOf = async (name: string) => {
    if (!keys.has(name)) keys.set(name, await newApiKey(stack, acme.id, `Cold start ${name}`));
    return keys.get(name)!;
  };
  let ipCounter = 0;
  const nextIp = () => `198.18.${Math.floor(++ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;

  const http = <N extends RouteName>(name: N, request: Omit<HttpRequest, 'viewerIp'>) => httpEvent(routeByName(name), { viewerIp: nextIp(), ...request }, { host: origin.host, secret: origin.secret });
  const browser = (extra: Omit<HttpRequest, 'viewerIp'> = {}) => ({ ...extra, headers: { origin: origin.url, ...extra.headers } });
  const signedIn = async (extra: Omit<HttpRequest, 'viewerIp'> = {}) => browser({ ...extra, cookies: [`${sessionCookieName}=${await newSession(stack, acme.id, jordan)}`] });
  // The account's own pages: a customer of their own each time, so the bench's many sessions of Jordan's are not on their list.
  // Asked from the first of its three browsers; `params` names a session or link of the account.
  const onAccount = async (params?: (account: { sessions: string[]; linkTokens: string[] }) => Record<string, string>) => {
    const account = await benchAccount(stack, acme.id, { devices: 3, links: 3 });
    return browser({ cookies: [`${sessionCookieName}=${account.sessions[0]}`], ...(params ? { params: params(account) } : {}) });
  };
  const business = async (name: string, extra: Omit<HttpRequest, 'viewerIp'> = {}) => ({ ...extra, headers: { authorization: `Bearer ${await keyOf(name)}`, ...extra.headers } });
  const biz = '/api/business/v1';
  const noEvent = async () => ({});

  // Service requests: a fresh one each run (a decision moves it once), Jordan's or from the website.
  const requestAddress = { line1: '1 Bench Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' };
  const requestBody = { serviceId: null, description: 'The bench asks for work.', asSoonAsPossible: true, windows: [], urgency: 'routine' as const, files: [] };
  const freshRequest = async (fields: Partial<ServiceRequest> = {}) => {
    const at = clock.now().toISOString();
    const request: ServiceRequest = {
      businessId: acme.id, id: newId('req', { clock, random }), source: 'portal', customerId: jordan, contact: null, language: 'en', held: false, status: 'new', service: null,
      description: 'The bench asks for work.', address: requestAddress, asSoonAsPossible: true, windows: [], urgency: 'routine', files: [], jobId: null, declineReason: null,
      decidedAt: null, confirmation: null, version: 1, createdAt: at, updatedAt: at, ...fields,
    };
    await stack.stores.requests.putRequest(request, null);
    return request.id;
  };
  /** A request from the website, held, whose emailed link holds `token`. */
  const heldRequest = async (run: number) => {
    const token = random.bytes(32).toString('base64url');
    const id = newId('req', { clock, random });
    await freshRequest({
      id, source: 'website', customerId: null, held: true, contact: { name: 'Bench Visitor', email: `visitor-${run}@bench.example`, phone: null },
      confirmation: { secretHash: confirmationHashOf(id, token), sentAt: clock.now().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(), confirmedAt: null },
    });
    return { id, token };
  };
  await freshRequest({ id: 'req_bench0000000000000read' });

  return {
    // ---------- the customer portal ----------
    health: { request: 'GET /api/health', expect: 200, event: async () => http('health', {}) },
    customerOpenApi: { request: 'GET /api/openapi.json', expect: 200, event: async () => http('customerOpenApi', {}) },
    getPortal: { request: 'GET /api/portals/acme', expect: 200, event: async () => http('getPortal', { params: { slug: 'acme' } }) },
    getFinancing: { request: 'GET /api/portals/acme/financing?amount=125000&currency=USD', expect: 200, event: async () => http('getFinancing', { params: { slug: 'acme' }, query: 'amount=125000&currency=USD' }) },
    requestSignInLink: {
      request: 'POST /api/auth/magic-link (new address each run, new viewer IP)',
      expect: 202,
      aws: ['SecretsManager GetSecretValue', 'SQS SendMessage'],
      event: async (run) => http('requestSignInLink', browser({ json: { portal: 'acme', email: `cold-${run}@bench.example` } })),
    },
    getLink: {
      request: 'GET /api/link, Authorization: Link <fresh token>',
      expect: 200,
      aws: ['SecretsManager GetSecretValue'],
      event: async () => http('getLink', browser({ headers: { authorization: `Link ${await newLinkToken(stack, acme.id, jordan)}` } })),
    },
    verifySignInLink: {
      request: 'POST /api/auth/verify {fresh token}',
      expect: 200,
      event: async () => http('verifySignInLink', browser({ json: { token: await newLinkToken(stack, acme.id, jordan) } })),
    },
    logout: { request: 'POST /api/auth/logout (fresh session)', expect: 204, event: async () => http('logout', await signedIn()) },
    getMe: { request: 'GET /api/me', expect: 200, event: async () => http('getMe', await signedIn()) },
    getSession: { request: 'GET /api/session', expect: 200, event: async () => http('getSession', await signedIn()) },
    // A customer of their own each run, so every run changes something (and owes its event).
    putLanguage: { request: 'PUT /api/me/language (a change: the profile written, customer.updated queued)', expect: 200, event: async () => http('putLanguage', { ...(await onAccount()), json: { language: 'es' } }) },
    signInWithPassword: {
      request: 'POST /api/auth/password (the right password: one Argon2id verification, a session started)',
      expect: 200,
      event: async () => {
        const account = await benchPasswordAccount(stack, acme.id);
        return http('signInWithPassword', browser({ json: { portal: 'acme', email: account.email, password: benchPassword } }));
      },
    },
    getPassword: { request: 'GET /api/me/password', expect: 200, event: async () => http('getPassword', await onAccount()) },
    putPassword: {
      request: 'PUT /api/me/password (a new one, signed in by a link just now: rules checked, one Argon2id hash, other sessions ended, notice queued)',
      expect: 200,
      event: async () => {
        const account = await benchPasswordAccount(stack, acme.id);
        return http('putPassword', browser({ cookies: [`${sessionCookieName}=${account.session}`], json: { password: 'a brand new bench passphrase' } }));
      },
    },
    deletePassword: {
      request: 'DELETE /api/me/password (with the current one: one Argon2id verification, other sessions ended, notice queued)',
      expect: 200,
      event: async () => {
        const account = await benchPasswordAccount(stack, acme.id);
        return http('deletePassword', browser({ cookies: [`${sessionCookieName}=${account.session}`], json: { currentPassword: benchPassword } }));
      },
    },
    patchMe: {
      request: 'PATCH /api/me {name, notifications} (the profile written, customer.updated queued)',
      expect: 200,
      event: async () => http('patchMe', { ...(await onAccount()), json: { name: 'Bench Renamed', notifications: { messages: { sms: false } } } }),
    },
    requestContactChange: {
      request: 'POST /api/me/contact {email} (the request stored, its link queued)',
      expect: 202,
      event: async (run) => http('requestContactChange', { ...(await onAccount()), json: { email: `new-${run}@example.com` } }),
    },
    confirmContactChange: {
      request: 'POST /api/me/contact/confirm {code} (new number claimed, profile written, old released; event and notice queued)',
      expect: 200,
      event: async () => {
        const pending = await benchPendingPhoneChange(stack, acme.id);
        return http('confirmContactChange', browser({ cookies: [`${sessionCookieName}=${pending.session}`], json: { code: pending.code } }));
      },
    },
    getJobTracking: {
      request: 'GET /api/jobs/{jobId}/tracking (signed in; a visit under way with a position)',
      expect: 200,
      event: async (run) => http('getJobTracking', await signedIn({ params: { jobId: await trackedJob(run, 'session') } })),
    },
    getHome: { request: 'GET /api/home (Jordan: open invoices and estimates, the next visit, unread messages, payments)', expect: 200, event: async () => http('getHome', await signedIn()) },
    listSessions: {
      request: 'GET /api/me/sessions (3 browsers signed in)',
      expect: 200,
      event: async () => http('listSessions', await onAccount()),
    },
    endSession: {
      request: 'DELETE /api/me/sessions/{id} (one of 3 others)',
      expect: 204,
      event: async () => http('endSession', await onAccount((a) => ({ sessionId: publicIdOf('ses', sha256(a.sessions[1]!)) }))),
    },
    endOtherSessions: {
      request: 'POST /api/me/sessions/revoke-others (2 others)',
      expect: 200,
      event: async () => http('endOtherSessions', await onAccount()),
    },
    listLiveLinks: {
      request: 'GET /api/me/links (a sign-in link, 2 pay links)',
      expect: 200,
      event: async () => http('listLiveLinks', await onAccount()),
    },
    withdrawLiveLink: {
      request: 'DELETE /api/me/links/{id} (a pay link, of 3)',
      expect: 204,
      event: async () => http('withdrawLiveLink', await onAccount((a) => ({ linkId: publicIdOf('lnk', sha256(a.linkTokens[1]!)) }))),
    },
    listJobs: { request: 'GET /api/jobs?when=past', expect: 200, event: async () => http('listJobs', await signedIn({ query: 'when=past' })) },
    getJob: { request: 'GET /api/jobs/job_wh1041 (3 attachments: presigned URLs)', expect: 200, event: async () => http('getJob', await signedIn({ params: { jobId: 'job_wh1041' } })) },
    listJobSection: {
      request: 'GET /api/jobs/job_wh1041/notes',
      expect: 200,
      event: async () => http('listJobSection', await signedIn({ params: { jobId: 'job_wh1041', section: 'notes' } })),
    },
    postCustomerMessage: {
      request: `POST /api/jobs/${coldJobId}/messages`,
      expect: 201,
      aws: ['SQS SendMessage'],
      event: async (run) => http('postCustomerMessage', await signedIn({ params: { jobId: coldJobId }, json: { text: `Cold start message ${run}` } })),
    },

    createCheckout: {
      request: 'POST /api/payments/checkout (a fresh invoice each run: a new Stripe session on the sandbox)',
      expect: 201,
      aws: ['SecretsManager GetSecretValue'],
      event: async (run) => {
        const invoiceId = `inv_bench_pay_${run}_${random.bytes(3).toString('hex')}`;
        await upsertInvoice(acme.id, invoiceId, { ...coldInvoiceBody(0), number: `COLD-PAY-${run}`, lines: [{ description: 'Bench', quantity: 1, unitAmount: 5_000 }] }, invoiceDeps);
        return http('createCheckout', await signedIn({ json: { invoiceIds: [invoiceId] } }));
      },
    },
    getCheckout: { request: 'GET /api/payments/checkout/{id}', expect: 200, event: async () => http('getCheckout', await signedIn({ params: { checkoutId: benchCheckout.checkoutId } })) },
    stripeWebhook: {
      request: 'POST /api/stripe/webhook (a signed checkout.session.completed)',
      expect: 200,
      aws: ['SecretsManager GetSecretValue', 'SQS SendMessage'],
      event: async (run) => {
        const event = paidEvent(`evt_bench_hook_${run}`);
        return http('stripeWebhook', { json: event, headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: stripeKeys.webhookSecret }) } });
      },
    },
    listInvoices: { request: 'GET /api/invoices?status=open', expect: 200, event: async () => http('listInvoices', await signedIn({ query: 'status=open' })) },
    getInvoice: { request: 'GET /api/invoices/inv_1063', expect: 200, event: async () => http('getInvoice', await signedIn({ params: { invoiceId: 'inv_1063' } })) },

    createRequest: {
      request: 'POST /api/requests (as soon as possible, a new address, no photos)',
      expect: 201,
      aws: ['SQS SendMessage'],
      event: async (run) => http('createRequest', await signedIn({ headers: { 'idempotency-key': `cold-request-${run}-${random.bytes(4).toString('hex')}` }, json: { ...requestBody, address: requestAddress } })),
    },
    listRequests: { request: 'GET /api/requests (and the addresses of the customer\'s jobs)', expect: 200, event: async () => http('listRequests', await signedIn()) },
    getRequest: { request: 'GET /api/requests/{request}', expect: 200, event: async () => http('getRequest', await signedIn({ params: { requestId: 'req_bench0000000000000read' } })) },
    withdrawRequest: {
      request: 'POST /api/requests/{fresh request}/withdraw',
      expect: 200,
      aws: ['SQS SendMessage'],
      event: async () => http('withdrawRequest', await signedIn({ params: { requestId: await freshRequest() } })),
    },
    createPublicRequest: {
      request: 'POST /api/portals/acme/requests (a new email each run, new viewer IP: the limits and the cap, the held request, the confirmation queued)',
      expect: 202,
      aws: ['SecretsManager GetSecretValue', 'SQS SendMessage'],
      event: async (run) =>
        http('createPublicRequest', browser({ params: { slug: 'acme' }, json: { ...requestBody, address: requestAddress, contact: { name: 'Bench Visitor', email: `cold-request-${run}@bench.example`, phone: null }, website: '', fillMs: 20_000 } })),
    },
    confirmPublicRequest: {
      request: 'POST /api/portals/acme/requests/{held request}/confirm {token}',
      expect: 200,
      aws: ['SQS SendMessage'],
      event: async (run) => {
        const held = await heldRequest(run);
        return http('confirmPublicRequest', browser({ params: { slug: 'acme', requestId: held.id }, json: { token: held.token } }));
      },
    },
    listEstimates: { request: 'GET /api/estimates?status=open', expect: 200, event: async () => http('listEstimates', await signedIn({ query: 'status=open' })) },
    getEstimate: { request: 'GET /api/estimates/est_bench_open (3 options × 10 lines)', expect: 200, event: async () => http('getEstimate', await signedIn({ params: { estimateId: 'est_bench_open' } })) },
    getEstimatePdf: {
      request: 'GET /api/estimates/{fresh estimate}/pdf (renders 3 options × 10 lines, stores it, signs a URL)',
      expect: 200,
      aws: ['SecretsManager GetSecretValue', 'S3 HEAD', 'S3 PUT'],
      event: async (run) => http('getEstimatePdf', await signedIn({ params: { estimateId: await freshEstimate(run, 'pdf') } })),
    },
    approveEstimate: {
      request: 'POST /api/estimates/{fresh estimate}/approve (drawn signature, 25 % deposit: the deposit invoice is made)',
      expect: 200,
      aws: ['SecretsManager GetSecretValue', 'SQS SendMessage'],
      event: async (run) =>
        http('approveEstimate', await signedIn({ params: { estimateId: await freshEstimate(run, 'approve') }, json: { version: 1, optionId: 'better', signature: { name: 'Jordan Rivera', image: signaturePng(400) }, acceptTerms: true } })),
    },
    declineEstimate: {
      request: 'POST /api/estimates/{fresh estimate}/decline',
      expect: 200,
      aws: ['SecretsManager GetSecretValue', 'SQS SendMessage'],
      event: async (run) => http('declineEstimate', await signedIn({ params: { estimateId: await freshEstimate(run, 'decline') }, json: { reason: 'Bench' } })),
    },
    listForms: { request: 'GET /api/forms?status=open', expect: 200, event: async () => http('listForms', await signedIn({ query: 'status=open' })) },
    getForm: { request: 'GET /api/forms/{fresh sent form} (15 fields)', expect: 200, aws: ['SecretsManager GetSecretValue'], event: async () => http('getForm', await signedIn({ params: { sentFormId: await freshSentForm() } })) },
    saveFormDraft: {
      request: 'PUT /api/forms/{fresh sent form}/draft (half the answers)',
      expect: 200,
      aws: ['SecretsManager GetSecretValue'],
      event: async () => http('saveFormDraft', await signedIn({ params: { sentFormId: await freshSentForm() }, json: { version: 1, answers: { pets: true, petDetails: 'A dog', service: 'repair' } } })),
    },
    submitForm: {
      request: 'POST /api/forms/{fresh sent form}/submit (every kind but a file; typed signature)',
      expect: 200,
      aws: ['SecretsManager GetSecretValue', 'SQS SendMessage'],
      event: async () => http('submitForm', await signedIn({ params: { sentFormId: await freshSentForm() }, json: { version: 1, answers: sampleFormAnswers } })),
    },
    getFormPdf: {
      request: 'GET /api/forms/{fresh submitted form}/pdf (renders 15 fields, stores it, signs a URL)',
      expect: 200,
      aws: ['SecretsManager GetSecretValue', 'S3 HEAD', 'S3 PUT'],
      event: async () => http('getFormPdf', await signedIn({ params: { sentFormId: await submittedForm() } })),
    },
    listEstimateSlots: {
      request: 'GET /api/estimates/{approved}/slots',
      expect: 200,
      aws: ['SecretsManager GetSecretValue'],
      event: async () => http('listEstimateSlots', await signedIn({ params: { estimateId: slotsEstimate } })),
    },
    scheduleEstimate: {
      request: 'POST /api/estimates/{fresh approved}/schedule {fresh slot} (books it, creates the job)',
      expect: 200,
      aws: ['SecretsManager GetSecretValue', 'SQS SendMessage'],
      event: async (run) => {
        const [estimateId, slotId] = await Promise.all([approvedEstimate(run, 'book', false), freshSlot(run, 'book')]);
        return http('scheduleEstimate', await signedIn({ params: { estimateId }, json: { slotId } }));
      },
    },

    // ---------- the business API ----------
    businessOpenApi: { request: 'GET /api/business/v1/openapi.json', expect: 200, event: async () => http('businessOpenApi', {}) },
    getSettings: { request: `GET ${biz}/settings`, expect: 200, event: async () => http('getSettings', await business('getSettings')) },
    patchSettings: {
      request: `PATCH ${biz}/settings {primaryColor}`,
      expect: 200,
      event: async (run) => http('patchSettings', await business('patchSettings', { json: { primaryColor: run % 2 ? '#0b5cad' : '#0b5cae' } })),
    },
    putCustomer: {
      request: `PUT ${biz}/customers/${coldCustomerId} (name changes each run)`,
      expect: 200,
      event: async (run) => http('putCustomer', await business('putCustomer', { params: { customerId: coldCustomerId }, json: { name: `Bench cold ${run}`, email: 'cus-bench-cold@bench.example' } })),
    },
    getCustomer: { request: `GET ${biz}/customers/${jordan}`, expect: 200, event: async () => http('getCustomer', await business('getCustomer', { params: { customerId: jordan } })) },
    listCustomers: {
      request: `GET ${biz}/customers?updatedSince=2000-01-01T00:00:00Z&limit=50`,
      expect: 200,
      event: async () => http('listCustomers', await business('listCustomers', { query: 'updatedSince=2000-01-01T00:00:00Z&limit=50' })),
    },
    inviteCustomer: {
      request: `POST ${biz}/customers/${jordan}/invite {email}`,
      expect: 202,
      aws: ['SQS SendMessage'],
      event: async () => http('inviteCustomer', await business('inviteCustomer', { params: { customerId: jordan }, json: { channel: 'email' } })),
    },
    putJob: {
      request: `PUT ${biz}/jobs/${coldJobId} (rescheduled each run: the summary moves)`,
      expect: 200,
      event: async (run) =>
        http('putJob', await business('putJob', { params: { jobId: coldJobId }, json: jobFields(jordan, 'COLD-1', new Date(Date.now() + 3 * 86_400_000), (run % 5) + 1) })),
    },
    getBusinessJob: { request: `GET ${biz}/jobs/job_wh1041`, expect: 200, event: async () => http('getBusinessJob', await business('getBusinessJob', { params: { jobId: 'job_wh1041' } })) },
    listBusinessJobs: {
      request: `GET ${biz}/jobs?updatedSince=2000-01-01T00:00:00Z&limit=50`,
      expect: 200,
      event: async () => http('listBusinessJobs', await business('listBusinessJobs', { query: 'updatedSince=2000-01-01T00:00:00Z&limit=50' })),
    },
    postNote: {
      request: `POST ${biz}/jobs/${coldJobId}/notes`,
      expect: 201,
      event: async (run) => http('postNote', await business('postNote', { params: { jobId: coldJobId }, json: { text: `Cold start note ${run}` } })),
    },
    createAttachment: {
      request: `POST ${biz}/jobs/${coldJobId}/attachments (presigned upload URL)`,
      expect: 201,
      event: async (run) => http('createAttachment', await business('createAttachment', { params: { jobId: coldJobId }, json: { fileName: `cold-${run}.pdf`, contentType: 'application/pdf', sizeBytes: 2048 } })),
    },
    completeAttachment: {
      request: `POST ${biz}/jobs/${coldJobId}/attachments/{fresh pending id}/complete (a real PNG uploaded: HEAD, then its first bytes)`,
      expect: 200,
      aws: ['S3 HEAD', 'S3 GET'],
      event: async (run) => {
        // The common case: the upload is what it says it is, so nothing is deleted.
        const { attachment } = await startAttachment(acme.id, coldJobId, { fileName: `upload-${run}.png`, contentType: 'image/png', sizeBytes: uploadedPng.length }, mintFor(null, { clock, random }), { jobs, files: stack.files });
        stub.objects.set(attachment.fileKey, { sizeBytes: uploadedPng.length, contentType: attachment.contentType, body: uploadedPng });
        return http('completeAttachment', await business('completeAttachment', { params: { jobId: coldJobId, attachmentId: attachment.id } }));
      },
    },
    createMedia: {
      request: `POST ${biz}/media (presigned upload URL for a logo)`,
      expect: 201,
      event: async (run) => http('createMedia', await business('createMedia', { json: { contentType: 'image/png', sizeBytes: 2048 + run } })),
    },
    completeMedia: {
      request: `POST ${biz}/media/{fresh pending id}/complete (a real PNG uploaded: HEAD, GET it whole, PUT it under media/)`,
      expect: 200,
      aws: ['S3 HEAD', 'S3 GET', 'S3 PUT'],
      event: async (run) => {
        const { media } = await startMediaUpload(acme.id, { contentType: 'image/png', sizeBytes: uploadedPng.length }, mintFor(null, { clock, random }), { media: mediaStore, files: stack.files });
        stub.objects.set(media.uploadKey, { sizeBytes: uploadedPng.length, contentType: media.contentType, body: uploadedPng });
        void run;
        return http('completeMedia', await business('completeMedia', { params: { mediaId: media.id } }));
      },
    },
    createUpload: {
      request: 'POST /api/uploads (signed in: a presigned POST for a 2 MB photo with a request)',
      expect: 201,
      event: async (run) => http('createUpload', await signedIn({ json: { slug: acme.slug, purpose: 'request', fileName: `leak-${run}.jpg`, contentType: 'image/jpeg', sizeBytes: 2_000_000 + run } })),
    },
    completeUpload: {
      request: 'POST /api/uploads/{fresh pending id}/complete (a real JPEG arrived: HEAD, then a ranged GET of its first bytes)',
      expect: 200,
      aws: ['S3 HEAD', 'S3 GET'],
      event: async (run) => {
        const cookie = await newSession(stack, acme.id, jordan);
        const visitor = { businessId: acme.id, customerId: jordan, via: 'session' as const };
        const ticket = await startUpload(visitor, { slug: acme.slug, purpose: 'request', fileName: `leak-${run}.jpg`, contentType: 'image/jpeg', sizeBytes: uploadedJpeg.length }, null, mintFor(null, { clock, random }), {
          uploads: stack.stores.uploads, rateLimits: stack.stores.auth, directory, files: stack.files, random,
        });
        stub.objects.set(ticket.post.fields.key!, { sizeBytes: uploadedJpeg.length, contentType: 'image/jpeg', body: uploadedJpeg });
        return http('completeUpload', browser({ cookies: [`${sessionCookieName}=${cookie}`], params: { uploadId: ticket.id }, json: {} }));
      },
    },
    postBusinessMessage: {
      request: `POST ${biz}/jobs/${coldJobId}/messages {notify: email}`,
      expect: 201,
      aws: ['SQS SendMessage'],
      event: async (run) => http('postBusinessMessage', await business('postBusinessMessage', { params: { jobId: coldJobId }, json: { text: `Cold start notice ${run}`, notify: 'email' } })),
    },
    listBusinessMessages: {
      request: `GET ${biz}/jobs/job_wh1041/messages`,
      expect: 200,
      event: async () => http('listBusinessMessages', await business('listBusinessMessages', { params: { jobId: 'job_wh1041' } })),
    },
    putInvoice: {
      request: `PUT ${biz}/invoices/${coldInvoiceId} (lines change each run)`,
      expect: 200,
      event: async (run) => http('putInvoice', await business('putInvoice', { params: { invoiceId: coldInvoiceId }, json: coldInvoiceBody(run + 1) })),
    },
    getBusinessInvoice: { request: `GET ${biz}/invoices/inv_1063`, expect: 200, event: async () => http('getBusinessInvoice', await business('getBusinessInvoice', { params: { invoiceId: 'inv_1063' } })) },
    listBusinessInvoices: {
      request: `GET ${biz}/invoices?updatedSince=2000-01-01T00:00:00Z&limit=50`,
      expect: 200,
      event: async () => http('listBusinessInvoices', await business('listBusinessInvoices', { query: 'updatedSince=2000-01-01T00:00:00Z&limit=50' })),
    },
    postInvoicePayment: {
      request: `POST ${biz}/invoices/${coldInvoiceId}/payments {1 cent, check}`,
      expect: 201,
      event: async (run) => http('postInvoicePayment', await business('postInvoicePayment', { params: { invoiceId: coldInvoiceId }, json: { amount: 1, currency: 'USD', method: 'check', reference: `Bench ${run}` } })),
    },
    startStripeOnboarding: {
      request: `POST ${biz}/stripe/onboarding (Acme is connected: a fresh onboarding link)`,
      expect: 201,
      aws: ['SecretsManager GetSecretValue'],
      event: async () => http('startStripeOnboarding', await business('startStripeOnboarding', { json: { returnUrl: 'https://back-office.bench.example/stripe/done', refreshUrl: 'https://back-office.bench.example/stripe/again' } })),
    },
    sendInvoice: {
      request: `POST ${biz}/invoices/inv_1080/send {email}`,
      expect: 202,
      aws: ['SQS SendMessage'],
      event: async () => http('sendInvoice', await business('sendInvoice', { params: { invoiceId: 'inv_1080' }, json: { channel: 'email' } })),
    },
    revokeInvoiceLinks: {
      request: `POST ${biz}/invoices/${coldInvoiceId}/links/revoke`,
      expect: 200,
      event: async () => http('revokeInvoiceLinks', await business('revokeInvoiceLinks', { params: { invoiceId: coldInvoiceId } })),
    },
    putEstimate: {
      request: `PUT ${biz}/estimates/est_bench_put (terms change each run: a new version)`,
      expect: 200,
      event: async (run) => {
        if (run === 0) await upsertEstimate(acme.id, 'est_bench_put', coldEstimateBody(0), estimateDeps);
        return http('putEstimate', await business('putEstimate', { params: { estimateId: 'est_bench_put' }, json: { ...coldEstimateBody(0), terms: `Bench terms ${run}` } }));
      },
    },
    listBusinessRequests: {
      request: `GET ${biz}/requests?status=new&updatedSince=2000-01-01T00:00:00Z&limit=50`,
      expect: 200,
      event: async () => http('listBusinessRequests', await business('listBusinessRequests', { query: 'status=new&updatedSince=2000-01-01T00:00:00Z&limit=50' })),
    },
    getBusinessRequest: { request: `GET ${biz}/requests/{request}`, expect: 200, event: async () => http('getBusinessRequest', await business('getBusinessRequest', { params: { requestId: 'req_bench0000000000000read' } })) },
    scheduleRequest: {
      request: `POST ${biz}/requests/{fresh request}/schedule {jobId}`,
      expect: 200,
      aws: ['SQS SendMessage'],
      event: async () => http('scheduleRequest', await business('scheduleRequest', { params: { requestId: await freshRequest() }, json: { jobId: coldJobId } })),
    },
    declineRequest: {
      request: `POST ${biz}/requests/{fresh request}/decline {reason}`,
      expect: 200,
      aws: ['SQS SendMessage'],
      event: async () => http('declineRequest', await business('declineRequest', { params: { requestId: await freshRequest() }, json: { reason: 'Not in our area.' } })),
    },
    attachRequestCustomer: {
      request: `POST ${biz}/requests/{fresh website request}/customer {customerId}`,
      expect: 200,
      event: async (run) => {
        const id = await freshRequest({ source: 'website', customerId: null, contact: { name: 'Bench Visitor', email: `attach-${run}@bench.example`, phone: null }, confirmation: { secretHash: null, sentAt: null, expiresAt: clock.now().toISOString(), confirmedAt: clock.now().toISOString() } });
        return http('attachRequestCustomer', await business('attachRequestCustomer', { params: { requestId: id }, json: { customerId: coldCustomerId } }));
      },
    },
    getBusinessEstimate: { request: `GET ${biz}/estimates/est_bench_open`, expect: 200, event: async () => http('getBusinessEstimate', await business('getBusinessEstimate', { params: { estimateId: 'est_bench_open' } })) },
    listBusinessEstimates: {
      request: `GET ${biz}/estimates?updatedSince=2000-01-01T00:00:00Z&limit=50`,
      expect: 200,
      event: async () => http('listBusinessEstimates', await business('listBusinessEstimates', { query: 'updatedSince=2000-01-01T00:00:00Z&limit=50' })),
    },
    sendEstimate: {
      request: `POST ${biz}/estimates/est_bench_open/send {email}`,
      expect: 202,
      aws: ['SQS SendMessage'],
      event: async () => http('sendEstimate', await business('sendEstimate', { params: { estimateId: 'est_bench_open' }, json: { channel: 'email' } })),
    },
    revokeEstimateLinks: {
      request: `POST ${biz}/estimates/est_bench_open/links/revoke`,
      expect: 200,
      event: async () => http('revokeEstimateLinks', await business('revokeEstimateLinks', { params: { estimateId: 'est_bench_open' } })),
    },
    putForm: {
      request: `PUT ${biz}/forms/form_bench_put (intro changes each run: a new version)`,
      expect: 200,
      event: async (run) => {
        if (run === 0) await upsertForm(acme.id, 'form_bench_put', sampleFormDefinition, formDeps);
        return http('putForm', await business('putForm', { params: { formId: 'form_bench_put' }, json: { ...sampleFormDefinition, intro: `Bench intro ${run}` } }));
      },
    },
    sendForm: {
      request: `POST ${biz}/forms/form_bench/send {customer, email}`,
      expect: 202,
      aws: ['SQS SendMessage'],
      event: async () => http('sendForm', await business('sendForm', { params: { formId: 'form_bench' }, json: { customerId: jordan, channel: 'email' } })),
    },
    revokeFormLinks: {
      request: `POST ${biz}/sent-forms/{fresh sent form}/links/revoke`,
      expect: 200,
      event: async () => http('revokeFormLinks', await business('revokeFormLinks', { params: { sentFormId: await freshSentForm() } })),
    },
    listFormSubmissions: { request: `GET ${biz}/forms/form_bench/submissions`, expect: 200, event: async () => http('listFormSubmissions', await business('listFormSubmissions', { params: { formId: 'form_bench' } })) },
    getSubmission: { request: `GET ${biz}/submissions/{submission}`, expect: 200, event: async () => http('getSubmission', await business('getSubmission', { params: { submissionId: benchSubmission } })) },
    getSubmissionPdf: {
      request: `GET ${biz}/submissions/{fresh submission}/pdf (renders, stores, signs a URL)`,
      expect: 200,
      aws: ['S3 HEAD', 'S3 PUT'],
      event: async () => http('getSubmissionPdf', await business('getSubmissionPdf', { params: { submissionId: submissionIdOf(await submittedForm()) } })),
    },
    getTracking: {
      request: 'GET /api/tracking, Authorization: Link <fresh tracking link> (en route: position, distance, ETA)',
      expect: 200,
      aws: ['SecretsManager GetSecretValue'],
      event: async (run) => http('getTracking', browser({ headers: { authorization: `Link ${await trackingLink(run)}` } })),
    },
    startTracking: {
      request: `POST ${biz}/jobs/{fresh job}/tracking {technician, sms} (the "on my way" link is queued)`,
      expect: 201,
      aws: ['SQS SendMessage'],
      event: async (run) => http('startTracking', await business('startTracking', { params: { jobId: await freshJob(run, 'start') }, json: { technician: { name: 'Dev Okafor', vehicle: 'White van' }, channel: 'sms' } })),
    },
    trackingUpdate: {
      request: `PUT ${biz}/jobs/{tracked job}/tracking/position (a newer fix: one conditional write)`,
      expect: 200,
      event: async (run) =>
        http('trackingUpdate', await business('trackingUpdate', { params: { jobId: await trackedJob(run, 'update') }, json: { lat: 39.77, lng: -89.63, accuracy: 8, at: new Date().toISOString() } })),
    },
    markTrackingArrived: {
      request: `POST ${biz}/jobs/{tracked job}/tracking/arrived`,
      expect: 200,
      event: async (run) => http('markTrackingArrived', await business('markTrackingArrived', { params: { jobId: await trackedJob(run, 'arrive') } })),
    },
    completeTracking: {
      request: `POST ${biz}/jobs/{tracked job}/tracking/completed (position deleted, links revoked)`,
      expect: 200,
      event: async (run) => http('completeTracking', await business('completeTracking', { params: { jobId: await trackedJob(run, 'complete') } })),
    },
    putSlot: {
      request: `PUT ${biz}/slots/{fresh slot}`,
      expect: 201,
      event: async (run) => {
        const start = new Date(Date.now() + (60 + run) * 86_400_000);
        return http('putSlot', await business('putSlot', { params: { slotId: `slot_bench_put_${run}_${random.bytes(3).toString('hex')}` }, json: { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() } }));
      },
    },
    deleteSlot: {
      request: `DELETE ${biz}/slots/{fresh open slot}`,
      expect: 204,
      event: async (run) => http('deleteSlot', await business('deleteSlot', { params: { slotId: await freshSlot(run, 'delete') } })),
    },
    createWebhookEndpoint: {
      request: `POST ${biz}/webhook-endpoints`,
      expect: 201,
      event: async (run) => {
        // At most 10 endpoints a business: remove what earlier runs made (not the consumer's own).
        for (const e of await stack.stores.webhooks.listEndpoints(acme.id)) if (e.id !== permanentEndpoint.id) await stack.stores.webhooks.deleteEndpoint(acme.id, e.id);
        return http('createWebhookEndpoint', await business('createWebhookEndpoint', { json: { url: `https://hooks.bench.example/new-${run}` } }));
      },
    },
    listWebhookEndpoints: { request: `GET ${biz}/webhook-endpoints`, expect: 200, event: async () => http('listWebhookEndpoints', await business('listWebhookEndpoints')) },
    deleteWebhookEndpoint: {
      request: `DELETE ${biz}/webhook-endpoints/{fresh endpoint}`,
      expect: 204,
      event: async (run) => {
        for (const e of await stack.stores.webhooks.listEndpoints(acme.id)) if (e.id !== permanentEndpoint.id) await stack.stores.webhooks.deleteEndpoint(acme.id, e.id);
        const doomed = await createEndpoint(acme.id, { url: `https://hooks.bench.example/doomed-${run}`, events: ['job.message.created'] }, hooks);
        return http('deleteWebhookEndpoint', await business('deleteWebhookEndpoint', { params: { endpointId: doomed.id } }));
      },
    },
    listWebhookDeliveries: {
      request: `GET ${biz}/webhook-endpoints/{endpoint}/deliveries`,
      expect: 200,
      event: async () => http('listWebhookDeliveries', await business('listWebhookDeliveries', { params: { endpointId: permanentEndpoint.id } })),
    },
    retryWebhookDelivery: {
      request: `POST ${biz}/webhook-endpoints/{endpoint}/deliveries/{delivery}/retry`,
      expect: 202,
      event: async (run) => {
        const event = { id: eventId('job.message.created', `msg_retry${run}`), type: 'job.message.created' as const, createdAt: clock.now().toISOString(), businessId: acme.id, data: {} };
        const delivery = newDelivery(deliveryIdOf(event, permanentEndpoint.id), permanentEndpoint.id, event, event.createdAt);
        await stack.stores.webhookDeliveries.putDelivery(delivery);
        return http('retryWebhookDelivery', await business('retryWebhookDelivery', { params: { endpointId: permanentEndpoint.id, deliveryId: delivery.id } }));
      },
    },
    enableWebhookEndpoint: {
      request: `POST ${biz}/webhook-endpoints/{endpoint}/enable`,
      expect: 200,
      event: async () => http('enableWebhookEndpoint', await business('enableWebhookEndpoint', { params: { endpointId: permanentEndpoint.id } })),
    },

    // ---------- queue consumers (one SQS record) ----------
    sendNotification: {
      request: 'SQS: sign-in-link for Jordan at acme (email)',
      expect: 0,
      aws: ['SESv2 SendEmail'],
      event: async (run) =>
        sqsEvent(consumerByName('sendNotification').queue, {
          kind: 'sign-in-link',
          requestId: `cold-${run}-${random.bytes(6).toString('hex')}`,
          slug: 'acme',
          contact: { channel: 'email', address: demo.jordan.email },
          requestedAt: clock.now().toISOString(),
        }),
    },
    deliverWebhook: {
      request: 'SQS: delivery of job.message.created to one endpoint',
      expect: 0,
      aws: ['webhook POST hooks.bench.example'],
      event: async (run) => {
        const createdAt = clock.now().toISOString();
        const messageId = `msg_cold${run}`;
        return sqsEvent(consumerByName('deliverWebhook').queue, {
          kind: 'delivery',
          endpointId: permanentEndpoint.id,
          attempt: 1,
          event: {
            id: eventId('job.message.created', messageId),
            type: 'job.message.created',
            createdAt,
            businessId: acme.id,
            data: { jobId: coldJobId, customerId: jordan, message: { id: messageId, at: createdAt, from: 'customer', author: 'Jordan Rivera', text: 'Hello' } },
          },
        });
      },
    },

    applyPaymentEvent: {
      request: 'SQS: checkout.session.completed of a fresh paid checkout (re-fetched from the sandbox)',
      expect: 0,
      aws: ['SecretsManager GetSecretValue', 'SQS SendMessage', 'SQS SendMessage'],
      event: async (run) => {
        // A new checkout each run, paid at Stripe but not yet recorded: the consumer records it.
        const invoiceId = `inv_bench_apply_${run}_${random.bytes(3).toString('hex')}`;
        await upsertInvoice(acme.id, invoiceId, { ...coldInvoiceBody(0), number: `COLD-APPLY-${run}`, lines: [{ description: 'Bench', quantity: 1, unitAmount: 4_000 }] }, invoiceDeps);
        const started = await startCheckout({ businessId: acme.id, customerId: jordan }, { invoiceIds: [invoiceId] }, checkoutDeps);
        const session = stack.stripe!.sessionAt(started.url)!;
        Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: { id: `pi_bench_${run}`, method: 'card', status: 'succeeded' } });
        return sqsEvent(consumerByName('applyPaymentEvent').queue, { kind: 'stripe-event', event: { id: `evt_bench_apply_${run}`, type: 'checkout.session.completed', account: session.account, livemode: false, created: Math.floor(Date.now() / 1000), object: { id: session.id, object: 'checkout.session', metadata: session.metadata } } });
      },
    },

    // ---------- schedules (the EventBridge rule's event) ----------
    redriveFollowUps: {
      request: 'EventBridge "Scheduled Event" (detail {}), nothing owed: the common minute (reads each shard of the follow-up index, finds nothing due)',
      returns: (value) => {
        const report = value as Partial<RedriveReport> | undefined;
        if (typeof report?.items !== 'number') return `returned ${JSON.stringify(value)}, not a re-drive report`;
        // Anything re-driven would make this a different (rarer, slower) measurement than the one named.
        return report.items === 0 ? null : `found ${report.items} item(s) owing steps: the case measures a minute with nothing owed`;
      },
      event: async () => {
        // What earlier cases left owed and due is finished first (by the stack's own re-driver), so the child finds nothing.
        await stack.redrive();
        return scheduledEvent(scheduleByName('redriveFollowUps').name);
      },
    },

    // ---------- topic subscribers (SNS) ----------
    receiveTextReply: {
      request: 'SNS: an inbound text "STOP" from a number of its own each run (End User Messaging two-way SMS)',
      returns: (value) => (value === undefined ? null : `returned ${JSON.stringify(value)}, expected nothing`),
      event: async (run) => textReplyEvent({ from: `+1555${String(7_000_000 + run).padStart(7, '0')}`, body: 'STOP' }),
    },

    // ---------- baselines ----------
    [emptyBaseline]: { request: '(any event)', expect: 200, event: noEvent },
    [documentClientBaseline]: { request: 'GetItem of one seeded item', expect: 200, event: noEvent },
    [stripeBaseline]: { request: 'a Stripe client built, GetItem of one seeded item', expect: 200, event: noEvent },
    [electroDbTarget]: { request: 'entity.get(...).go() of one seeded item', expect: 200, event: noEvent },
    [toolboxTarget]: { request: 'GetItemCommand of one seeded item', expect: 200, event: noEvent },
  };
}
