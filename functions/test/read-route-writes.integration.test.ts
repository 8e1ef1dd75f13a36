/**
 * A route whose row grants the table read-only (`read`, or `read+<families>`: shared/routes/kinds.ts)
 * gets an IAM role that can write only in those families' partitions (infra/stack/access.ts,
 * infra/stack/table-partitions.ts). This runs every such route on the local stack, the way that
 * writes the most (its session due for renewal, its API key's first request of a minute, a link
 * that opens nothing), records its DynamoDB calls and holds each write to what the row declares:
 * an UpdateItem (or whatever the family allows) whose partition key matches one of the family's
 * `dynamodb:LeadingKeys` patterns. So the route table's declaration and the code cannot drift: a
 * read route that starts writing elsewhere fails here before it fails on AWS with AccessDenied,
 * and a family a row declares but never writes is one too many (security rule 90).
 */
import type { RecordedCall } from '../../infra/local/dynamo-call-recorder';
import { demo, demoForm, demoRequestId } from '../../infra/local/seed';
import { captureConsole, newestToken, requestLinkToken, signedInClient, startTestStack, type ApiResponse, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { jobBody, sentLinkToken } from '../../infra/local/testing/business-api';
import { familiesAllowing } from '../../infra/stack/table-partitions';
import { signInPolicy } from '../../shared/auth/policy';
import { consumers, routes, schedules, subscribers, tableWriteFamilies, type FunctionAccess, type TableLevel, type TableWriteFamily } from '../../shared/routes';

let stack: TestStack;
let jordan: PortalClient;
let restoreConsole: () => void;
const tokens = { tracking: '', invoice: '', estimate: '', form: '' };
let checkoutId = '';
let signInToken = '';

/** Well formed, and no link's: a guess, which counts a miss against the client. */
const guessedToken = 'A'.repeat(43);
const spanishBrowser = { 'accept-language': 'es-MX,es;q=0.9' };

beforeAll(async () => {
  restoreConsole = captureConsole([]);
  stack = await startTestStack();
  jordan = await signedInClient(stack);
  const acme = stack.business();
  // A visit under way on a job of Jordan's, and the "on my way" link it sent.
  expect((await acme.put('/jobs/job_readonly', jobBody(stack, demo.jordan.id, 5 * 3600_000, { location: { lat: 39.78, lng: -89.65 } }))).status).toBe(201);
  expect((await acme.post('/jobs/job_readonly/tracking', { technician: { name: 'Dev Okafor' }, channel: 'sms' })).status).toBe(201);
  await stack.drainQueues();
  tokens.tracking = newestToken(stack);
  tokens.invoice = await sentLinkToken(stack, () => acme.post('/invoices/inv_1080/send', { channel: 'email' }), 'acme/pay');
  tokens.estimate = await sentLinkToken(stack, () => acme.post('/estimates/est_2001/send', { channel: 'email' }), 'acme/estimate');
  tokens.form = await sentLinkToken(stack, () => acme.post(`/forms/${demoForm.id}/send`, { customerId: demo.jordan.id, channel: 'email' }), 'acme/form');
  const started = await jordan.post<{ checkoutId: string }>('/api/payments/checkout', { invoiceIds: ['inv_1090'] });
  expect(started.status).toBe(201);
  checkoutId = started.body.checkoutId;
});
afterAll(async () => {
  await stack.stop();
  restoreConsole();
});

type Call = () => Promise<ApiResponse>;
/** A request to a read route, and the statuses it may answer (a refused link is a page read too). */
interface Case {
  readonly label: string;
  /** What the request needs first (a fresh sign-in link), not recorded. */
  readonly prepare?: () => Promise<void>;
  readonly call: Call;
  readonly statuses: readonly number[];
}

const session = (path: string, statuses: readonly number[] = [200]): Case => ({ label: `signed in: GET ${path}`, call: () => jordan.get(path), statuses });
const link = (path: string, token: () => string, statuses: readonly number[] = [200], headers: Record<string, string> = {}): Case => ({
  label: `with a link: GET ${path}`,
  call: () => stack.client().getWithLink(path, token(), headers),
  statuses,
});
/** A link that opens nothing: counted against the client (a 410 for a well-formed token nobody holds). */
const guess = (path: string): Case => ({ label: `a guessed link: GET ${path}`, call: () => stack.client().getWithLink(path, guessedToken), statuses: [410] });
const business = (path: string, statuses: readonly number[] = [200]): Case => ({ label: `business API: GET ${path}`, call: () => stack.business().get(path), statuses });

/** Every route whose row grants the table read-only, with the requests that make it write what it may. */
const cases: Record<string, readonly Case[]> = {
  getPortal: [{ label: 'GET /api/portals/acme', call: () => stack.client().get(`/api/portals/${demo.acme.slug}`), statuses: [200] }],
  getFinancing: [{ label: 'GET /api/portals/acme/financing', call: () => stack.client().get(`/api/portals/${demo.acme.slug}/financing?amount=50000&currency=USD`), statuses: [200, 404] }],
  getSession: [session('/api/session')],
  getPassword: [session('/api/me/password')],
  getMe: [session('/api/me')],
  listSessions: [session('/api/me/sessions')],
  listLiveLinks: [session('/api/me/links')],
  getJobTracking: [session('/api/jobs/job_readonly/tracking')],
  getHome: [session('/api/home')],
  listJobs: [session('/api/jobs?when=past')],
  // J-1102 has a message Jordan has not read: opening it clears the mark, in his own partition.
  getJob: [session('/api/jobs/job_bl1102')],
  listJobSection: [session('/api/jobs/job_bl1102/messages')],
  listInvoices: [session('/api/invoices?status=open')],
  getInvoice: [session('/api/invoices/inv_1063'), link('/api/invoices/inv_1080', () => tokens.invoice), guess('/api/invoices/inv_1080')],
  // The checkout is started in beforeAll: its id is known only then.
  getCheckout: [
    { label: 'signed in: GET /api/payments/checkout/<its id>', call: () => jordan.get(`/api/payments/checkout/${checkoutId}`), statuses: [200] },
    guess('/api/payments/checkout/chk_0000000000000000000000'),
  ],
  listEstimates: [session('/api/estimates?status=open')],
  getEstimate: [session('/api/estimates/est_2001'), link('/api/estimates/est_2001', () => tokens.estimate), guess('/api/estimates/est_2001')],
  getEstimatePdf: [session('/api/estimates/est_2001/pdf'), guess('/api/estimates/est_2001/pdf')],
  listEstimateSlots: [session('/api/estimates/est_2001/slots', [200, 409]), guess('/api/estimates/est_2001/slots')],
  listRequests: [session('/api/requests')],
  getRequest: [session(`/api/requests/${demoRequestId('drip')}`)],
  listForms: [session('/api/forms?status=open')],
  getForm: [session(`/api/forms/${demoForm.sentFormId}`), link(`/api/forms/${demoForm.sentFormId}`, () => tokens.form, [200, 404]), guess(`/api/forms/${demoForm.sentFormId}`)],
  // Not submitted yet: the PDF is not there, but the session or link was checked first.
  getFormPdf: [session(`/api/forms/${demoForm.sentFormId}/pdf`, [404, 409]), guess(`/api/forms/${demoForm.sentFormId}/pdf`)],
  // A sign-in link is looked at without being used; the browser's language is noted on the customer.
  getLink: [
    {
      label: 'a fresh sign-in link: GET /api/link',
      prepare: async () => {
        signInToken = await requestLinkToken(stack, stack.client(), demo.acme.slug, demo.jordan.email);
      },
      call: () => stack.client().getWithLink('/api/link', signInToken, spanishBrowser),
      statuses: [200],
    },
    guess('/api/link'),
  ],
  getTracking: [link('/api/tracking', () => tokens.tracking, [200], spanishBrowser), guess('/api/tracking')],

  getSettings: [business('/settings')],
  getCustomer: [business(`/customers/${demo.jordan.id}`)],
  listCustomers: [business('/customers?updatedSince=2020-01-01T00:00:00Z')],
  getBusinessJob: [business('/jobs/job_wh1041')],
  listBusinessJobs: [business('/jobs?updatedSince=2020-01-01T00:00:00Z')],
  listBusinessMessages: [business('/jobs/job_wh1041/messages')],
  getBusinessInvoice: [business('/invoices/inv_1063')],
  listBusinessInvoices: [business('/invoices?updatedSince=2020-01-01T00:00:00Z')],
  getBusinessEstimate: [business('/estimates/est_2001')],
  listBusinessEstimates: [business('/estimates?updatedSince=2020-01-01T00:00:00Z')],
  listFormSubmissions: [business(`/forms/${demoForm.id}/submissions`)],
  getSubmission: [business('/submissions/sub_0000000000000000000000', [404])],
  getSubmissionPdf: [business('/submissions/sub_0000000000000000000000/pdf', [404])],
  listWebhookEndpoints: [business('/webhook-endpoints')],
  listWebhookDeliveries: [business('/webhook-endpoints/we_0000000000000000000000/deliveries', [404])],
  listBusinessRequests: [business('/requests?updatedSince=2020-01-01T00:00:00Z')],
  getBusinessRequest: [business(`/requests/${demoRequestId('drip')}`)],
};

type ReadLevel = Exclude<TableLevel, 'readwrite'>;
const readOnlyRows = ([...routes, ...consumers, ...schedules, ...subscribers] as readonly { name: string; access: FunctionAccess }[]).filter(
  (row): row is { name: string; access: FunctionAccess & { table: ReadLevel } } => row.access.table !== undefined && row.access.table !== 'readwrite',
);

const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

/** Each single-item write's action and partition key; a batch or statement is a write no read route may make (null key). */
function writesOf(calls: readonly RecordedCall[]): { action: string; pk: string | null }[] {
  return calls
    .filter((c) => writeOperations.has(c.operation))
    .map((c) => {
      const key = (c.operation === 'PutItem' ? c.input.Item : c.input.Key) as { pk?: unknown } | undefined;
      return { action: `dynamodb:${c.operation}`, pk: ['PutItem', 'UpdateItem', 'DeleteItem'].includes(c.operation) && typeof key?.pk === 'string' ? key.pk : null };
    });
}

test('every route the table grants read-only has requests here (a new one needs its own)', () => {
  expect(Object.keys(cases).sort()).toEqual(readOnlyRows.map((r) => r.name).sort());
  expect(readOnlyRows.length).toBeGreaterThan(40);
});

describe('a read-only route writes only in the partitions its row names, with the actions they allow', () => {
  /** The families each row's requests were seen writing in, checked against its level at the end. */
  const used = new Map<string, Set<TableWriteFamily>>();

  describe.each(readOnlyRows.map((row) => [row.name, row] as const))('%s', (name, row) => {
    const declared = tableWriteFamilies(row.access.table);
    test.each((cases[name] ?? []).map((c) => [c.label, c] as const))('%s', async (_label, c) => {
      await c.prepare?.();
      await stack.drainQueues();
      // Due for everything a read may write: the session's renewal (once a minute) and a new window of the API key's count.
      stack.advanceClock(signInPolicy.sessionTouchEveryMs + 1_000);
      stack.resetDynamoCalls();
      const res = await c.call();
      expect(c.statuses).toContain(res.status);
      for (const write of writesOf(stack.dynamoCallLog())) {
        const allowedBy = write.pk === null ? [] : familiesAllowing(declared, write.action, write.pk);
        expect({ row: name, ...write, allowed: allowedBy.length > 0 }).toEqual({ row: name, ...write, allowed: true });
        for (const family of allowedBy) (used.get(name) ?? used.set(name, new Set()).get(name)!).add(family);
      }
    });
  });

  test('each family a row names is one its requests were seen writing in: none is granted for nothing', () => {
    for (const row of readOnlyRows) {
      expect({ row: row.name, families: [...(used.get(row.name) ?? [])].sort() }).toEqual({ row: row.name, families: [...tableWriteFamilies(row.access.table)].sort() });
    }
  });
});
