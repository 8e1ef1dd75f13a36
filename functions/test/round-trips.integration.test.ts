/**
 * The customer's page reads wait on DynamoDB as few times as they can: after the session or link
 * check, at most two sequential round trips (issue 16). Reads that do not depend on each other go
 * together (Promise.all) and count as one round; a read that needs the answer of another is the
 * next round.
 *
 * The counts are exact, per route, so a change that adds a round trip fails here and has to say
 * so in this table (and stay within two after the auth check). Measured on a warm request (the
 * route already served once): the cold first request of each function is in `npm run bench`.
 */
import { roundsOf, type RecordedCall } from '../../infra/local/dynamo-call-recorder';
import { demo, demoForm, demoRequestId } from '../../infra/local/seed';
import { captureConsole, requestLinkToken, signedInClient, startTestStack, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { apiLimitWindowSeconds } from '../../shared/business-api/limits';
import { jobBody } from '../../infra/local/testing/business-api';

let stack: TestStack;
let jordan: PortalClient;
let signInToken: string;
let trackingToken: string;
let restoreConsole: () => void;

beforeAll(async () => {
  restoreConsole = captureConsole([]);
  stack = await startTestStack();
  jordan = await signedInClient(stack);
  signInToken = await requestLinkToken(stack, stack.client(), demo.acme.slug, demo.jordan.email);
  // A visit under way on a job of Jordan's, and the "on my way" link it sent.
  const acme = stack.business();
  expect((await acme.put('/jobs/job_rounds', jobBody(stack, demo.jordan.id, 5 * 3600_000, { location: { lat: 39.78, lng: -89.65 } }))).status).toBe(201);
  const before = stack.outbox.messages().length;
  expect((await acme.post('/jobs/job_rounds/tracking', { technician: { name: 'Dev Okafor' }, channel: 'sms' })).status).toBe(201);
  await stack.drainQueues();
  if (stack.outbox.messages().length === before) throw new Error('No tracking link was sent');
  trackingToken = new URL(stack.outbox.messages()[0]!.link!).hash.replace('#token=', '');
});
afterAll(async () => {
  await stack.stop();
  restoreConsole();
});

/** Items the session or link check reads or counts: the session, a link of any kind, a rate window. */
const authKey = /"pk":"(SESSION|LINK|PAYLINK|ESTLINK|TRACKLINK|FORMLINK|RATE)#/;
const isAuthCall = (call: RecordedCall) => authKey.test(JSON.stringify(call.input));

/**
 * The request's rounds, split after the leading rounds that hold an auth call: the check comes
 * first; a later read of sessions or links (the customer's own list of them) is the page's.
 */
function splitRounds(calls: RecordedCall[]): { auth: number; after: number; rounds: string[] } {
  const rounds = roundsOf(calls);
  const firstPageRound = rounds.findIndex((round) => !round.some(isAuthCall));
  const auth = firstPageRound === -1 ? rounds.length : firstPageRound;
  return { auth, after: rounds.length - auth, rounds: rounds.map((r) => r.map((c) => c.operation).join(' + ')) };
}

type Caller = () => Promise<{ status: number }>;
const session = (path: string): Caller => () => jordan.get(path);
const link = (path: string, token: () => string, headers: Record<string, string> = {}): Caller => () =>
  stack.client().request('GET', path, { headers: { authorization: `Link ${token()}`, ...headers } });
/** The link pages note the language the browser asks for: a write sent beside the read, in the same round. */
const spanishBrowser = { 'accept-language': 'es-MX,es;q=0.9' };

/** Route, request, and its rounds: of the session or link check, and after it. */
const pageReads: [string, Caller, { auth: number; after: number }][] = [
  ['getPortal', () => stack.client().get(`/api/portals/${demo.acme.slug}`), { auth: 0, after: 2 }],
  // The customer and business; then, side by side, their phone's STOP and their pending changes of address (the profile page's).
  ['getMe', session('/api/me'), { auth: 1, after: 2 }],
  ['listJobs', session('/api/jobs?when=past'), { auth: 1, after: 1 }],
  // The business, open invoices and estimates, the next visit, unread messages and payments side by side; then the visit's tracking and the payments' invoices.
  ['getHome', session('/api/home'), { auth: 1, after: 2 }],
  ['listSessions', session('/api/me/sessions'), { auth: 1, after: 2 }],
  ['listLiveLinks', session('/api/me/links'), { auth: 1, after: 2 }],
  ['getJob', session('/api/jobs/job_wh1041'), { auth: 1, after: 2 }],
  ['listInvoices', session('/api/invoices?status=open'), { auth: 1, after: 1 }],
  ['getInvoice', session('/api/invoices/inv_1063'), { auth: 1, after: 2 }],
  ['listEstimates', session('/api/estimates?status=open'), { auth: 1, after: 1 }],
  ['getEstimate', session('/api/estimates/est_2001'), { auth: 1, after: 1 }],
  ['listForms', session('/api/forms?status=open'), { auth: 1, after: 1 }],
  // The sent form beside its submission (the id derives from the form's); then the version to show.
  ['getForm', session(`/api/forms/${demoForm.sentFormId}`), { auth: 1, after: 2 }],
  ['getLink', link('/api/link', () => signInToken), { auth: 1, after: 1 }],
  ['getTracking', link('/api/tracking', () => trackingToken), { auth: 1, after: 1 }],
  // Signed in: the visit beside the section gate's business read.
  ['getJobTracking', session('/api/jobs/job_rounds/tracking'), { auth: 1, after: 1 }],
  // The customer's requests and the addresses of their jobs (upcoming and past), beside the section gate's business read.
  ['listRequests', session('/api/requests'), { auth: 1, after: 1 }],
  ['getRequest', session(`/api/requests/${demoRequestId('drip')}`), { auth: 1, after: 1 }],
  ['getLink (noting the browser\'s language)', link('/api/link', () => signInToken, spanishBrowser), { auth: 1, after: 1 }],
  ['getTracking (first load, noting the browser\'s language)', link('/api/tracking', () => trackingToken, spanishBrowser), { auth: 1, after: 1 }],
];

describe('sequential DynamoDB round trips of each page read (warm): at most 2 after the session or link check', () => {
  // Held, so no session renewal (due once a minute) falls between a case's warm call and its counted one.
  beforeAll(() => stack.holdClock());
  afterAll(() => stack.resumeClock());
  test.each(pageReads)('%s', async (_name, call, expected) => {
    expect(expected.after).toBeLessThanOrEqual(2);
    expect((await call()).status).toBe(200); // warm: the session renewed if due, secrets cached
    stack.resetDynamoCalls();
    expect((await call()).status).toBe(200);
    const { auth, after, rounds } = splitRounds(stack.dynamoCallLog());
    if (process.env.SHOW_ROUNDS) process.stdout.write(`${_name}: ${rounds.join(' → ')}\n`);
    expect({ auth, after, rounds }).toEqual({ ...expected, rounds: expect.any(Array) });
  });
});

describe('starting an upload (a write): the portal\'s lookup beside the caller\'s own counter', () => {
  // Held, as for the page reads: no session renewal between the warm call and the counted one.
  beforeAll(() => stack.holdClock());
  afterAll(() => stack.resumeClock());
  const body = { slug: demo.acme.slug, purpose: 'request', fileName: 'photo.png', contentType: 'image/png', sizeBytes: 1000 };
  // Signed in: the session; then the portal beside the customer's counter; then the upload (it was 4).
  // Without a session: the portal beside the address's counter; the business's day; the upload (it was 4).
  test.each([
    ['signed in', () => jordan.post('/api/uploads', body), 3],
    ['without a session', () => stack.client().post('/api/uploads', body), 3],
  ] as const)('%s', async (_name, call, expected) => {
    expect((await call()).status).toBe(201);
    stack.resetDynamoCalls();
    expect((await call()).status).toBe(201);
    // Every round counts (the counters are rate windows, which the page reads' split takes for the auth check).
    const rounds = roundsOf(stack.dynamoCallLog()).map((r) => r.map((c) => c.operation).join(' + '));
    if (process.env.SHOW_ROUNDS) process.stdout.write(`createUpload ${_name}: ${rounds.join(' → ')}\n`);
    expect({ rounds: rounds.length, were: rounds }).toEqual({ rounds: expected, were: expect.any(Array) });
  });
});

/**
 * Business API calls (warm: the function instance has seen the key, so the key's check and the
 * count in its business's budget go side by side). Rounds in all, the key's check included:
 * before budgets per business (the per-key counter on the key item) the same counts held.
 */
const businessCalls: [string, () => Promise<{ status: number }>, number][] = [
  // The key (and budget) round, then the business beside its API limits.
  ['getSettings', () => stack.business().get('/settings'), 2],
  // The key (and positions budget) round, then the one conditional write of the position.
  ['trackingUpdate', () => stack.business().put('/jobs/job_rounds/tracking/position', { lat: 39.77, lng: -89.66, accuracy: 8, at: new Date(stack.source.clock.now().getTime() - 1000).toISOString() }), 2],
  ['getBusinessJob', () => stack.business().get('/jobs/job_wh1041'), 2],
  ['listCustomers', () => stack.business().get('/customers?limit=10'), 2],
];

describe('sequential DynamoDB round trips of business API calls (warm): a budget adds none', () => {
  test.each(businessCalls)('%s', async (_name, call, expected) => {
    // At the start of a budget's minute: the first call of a minute opens its window (more rounds),
    // so the warm call opens it and the measured one cannot be the first of the next.
    stack.nextRateWindow(apiLimitWindowSeconds);
    expect((await call()).status).toBe(200); // warm: the instance knows the key's business
    stack.resetDynamoCalls();
    expect((await call()).status).toBe(200);
    const rounds = roundsOf(stack.dynamoCallLog());
    if (process.env.SHOW_ROUNDS) process.stdout.write(`${_name}: ${rounds.map((r) => r.map((c) => c.operation).join(' + ')).join(' → ')}\n`);
    expect({ rounds: rounds.length, calls: rounds.map((r) => r.map((c) => c.operation).join(' + ')) }).toEqual({ rounds: expected, calls: expect.any(Array) });
  });
});

describe('counting rounds', () => {
  const at = (startedAt: number, endedAt: number) => ({ startedAt, endedAt });
  test('calls that overlap are one round; one sent after the others answered starts the next', () => {
    expect(roundsOf([at(0, 5), at(1, 4), at(6, 9), at(10, 12), at(11, 13)])).toHaveLength(3);
    // Sent beside a slow call but after a quick one answered: it may have waited for the quick one.
    expect(roundsOf([at(0, 10), at(0, 2), at(3, 5)]).map((r) => r.length)).toEqual([2, 1]);
    expect(roundsOf([])).toHaveLength(0);
  });
});
