/**
 * Work history and the portal's other reads, end to end: listing and paging, the job page,
 * attachment downloads, tenancy (security.md 14) and DynamoDB calls per endpoint.
 */
import { customerEntity } from '../../shared/directory/customer-entity';
import { encodeCursor } from '../../shared/data/cursors';
import type { JobDetail, JobListResponse, JobSummary } from '../../shared/contract/customer/jobs';
import { demo, demoServices } from '../../infra/local/seed';
import { forbiddenOperations, newestToken, signedInClient, startTestStack, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { attachmentUrlLifetimeMs } from '../../shared/job-pages/get-job';
import { estimateBody, invoiceBody, jobBody } from '../../infra/local/testing/business-api';

const day = 24 * 3600_000;

let stack: TestStack;
let jordan: PortalClient;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  jordan = await signedInClient(stack);
});
afterAll(() => stack.stop());

async function allJobs(client: PortalClient, when: 'upcoming' | 'past', limit: number): Promise<{ items: JobSummary[]; pages: number }> {
  const items: JobSummary[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { status: number; body: JobListResponse } = await client.get(`/api/jobs?when=${when}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

describe('work history', () => {
  test('upcoming jobs come soonest first; past jobs newest first', async () => {
    const upcoming = (await jordan.get<JobListResponse>('/api/jobs?when=upcoming')).body;
    const past = (await jordan.get<JobListResponse>('/api/jobs?when=past')).body;
    expect(upcoming.items.map((j) => j.number)).toEqual(['J-1090', 'J-1102']);
    expect(past.items.map((j) => j.number)).toEqual(['J-1077', 'J-1063', 'J-1041']);
    expect(upcoming.nextCursor).toBeNull();
    const now = Date.now();
    upcoming.items.forEach((j) => expect(Date.parse(j.scheduledEnd)).toBeGreaterThan(now));
    past.items.forEach((j) => expect(Date.parse(j.scheduledEnd)).toBeLessThanOrEqual(now));
  });

  test('`when` defaults to upcoming', async () => {
    expect((await jordan.get<JobListResponse>('/api/jobs')).body.items.map((j) => j.number)).toEqual(['J-1090', 'J-1102']);
  });

  test('pages through an opaque cursor without gaps, repeats or an empty last page', async () => {
    const { items, pages } = await allJobs(jordan, 'past', 1);
    expect(items.map((j) => j.number)).toEqual(['J-1077', 'J-1063', 'J-1041']);
    expect(pages).toBe(3);
    const first = (await jordan.get<JobListResponse>('/api/jobs?when=past&limit=2')).body;
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.nextCursor).not.toContain('JOB#');
  });

  test('a cursor that was not issued by us → 400 naming cursor', async () => {
    const forged = Buffer.from(`${customerEntity.key(stack.demo.acme.business.id, demo.sam.id).pk}`).toString('base64url');
    const res = await jordan.get(`/api/jobs?cursor=${forged}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'query.cursor', message: expect.stringMatching(/not a valid cursor/) }]);
  });

  test('a past cursor sent with when=upcoming, or an in-format cursor outside the range → 400, not 500', async () => {
    const past = (await jordan.get<JobListResponse>('/api/jobs?when=past&limit=1')).body;
    expect(past.nextCursor).not.toBeNull();
    const mixed = await jordan.get(`/api/jobs?when=upcoming&cursor=${past.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([{ field: 'query.cursor', message: expect.stringMatching(/not a valid cursor/) }]);
    // Well-formed, labelled "upcoming", but pointing into the past: DynamoDB would refuse the start key.
    const outside = encodeCursor({ w: 'upcoming', sk: 'JOB#2001-01-01T00:00:00.000Z#job_x' });
    expect((await jordan.get(`/api/jobs?when=upcoming&cursor=${outside}`)).status).toBe(400);
    const future = encodeCursor({ w: 'past', sk: 'JOB#2999-01-01T00:00:00.000Z#job_x' });
    expect((await jordan.get(`/api/jobs?when=past&cursor=${future}`)).status).toBe(400);
  });

  test('summaries carry totals and balance in minor units', async () => {
    const past = (await jordan.get<JobListResponse>('/api/jobs?when=past')).body.items;
    const sink = past.find((j) => j.number === 'J-1063')!;
    expect(sink.total).toEqual({ amount: 26746, currency: 'USD' });
    expect(sink.balance).toEqual({ amount: 16746, currency: 'USD' });
  });
});

describe('job page', () => {
  test('has every section: details, scope, address, contact, charges and payments, notes, attachments, messages', async () => {
    const res = await jordan.get<JobDetail>('/api/jobs/job_wh1041');
    expect(res.status).toBe(200);
    const job = res.body;
    expect(job).toMatchObject({
      number: 'J-1041',
      title: 'Water heater replacement',
      status: 'completed',
      address: { line1: '1234 Elm Street', city: 'Springfield' },
      contact: { name: 'Jordan Rivera' },
      technician: { name: 'Maria Lopez' },
    });
    expect(job.scopeOfWork).toMatch(/water heater/);
    expect(job.arrivalWindow.start < job.arrivalWindow.end).toBe(true);
    expect(job.charges).toHaveLength(4);
    expect(job.totals).toEqual({
      subtotal: { amount: 191300, currency: 'USD' },
      tax: { amount: 10704, currency: 'USD' },
      total: { amount: 202004, currency: 'USD' },
      invoiced: { amount: 202004, currency: 'USD' },
      notInvoiced: { amount: 0, currency: 'USD' },
      paid: { amount: 202004, currency: 'USD' },
      balance: { amount: 0, currency: 'USD' },
    });
    expect(job.payments.items).toHaveLength(1);
    expect(job.notes.items.length).toBeGreaterThan(0);
    // Newest first, a page at a time.
    expect(job.messages.items.map((m) => m.from)).toEqual(['business', 'customer', 'business']);
    expect(job.messages.nextCursor).toBeNull();
    expect(job.attachments.items.map((a) => a.contentType)).toEqual(expect.arrayContaining(['application/pdf', 'image/png']));
  });

  test('attachments download through short-lived URLs that stop working when they expire', async () => {
    const job = (await jordan.get<JobDetail>('/api/jobs/job_wh1041')).body;
    const pdf = job.attachments.items.find((a) => a.contentType === 'application/pdf')!;
    expect(Date.parse(pdf.urlExpiresAt) - stack.source.clock.now().getTime()).toBeLessThanOrEqual(attachmentUrlLifetimeMs);
    expect(Date.parse(pdf.urlExpiresAt) - stack.source.clock.now().getTime()).toBeGreaterThan(attachmentUrlLifetimeMs - 10_000);
    const download = await fetch(pdf.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('attachment;');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(pdf.sizeBytes);

    const png = job.attachments.items.find((a) => a.contentType === 'image/png')!;
    const image = Buffer.from(await (await fetch(png.url)).arrayBuffer());
    expect(image.subarray(1, 4).toString()).toBe('PNG');

    // A changed signature or a stretched expiry is a forgery (403 "invalid"), not an expiry (410).
    const tampered = pdf.url.replace(/expires=\d+/, (m) => `expires=${Number(m.split('=')[1]) + 3600}`);
    const forged = await fetch(tampered);
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { detail: string }).detail).toMatch(/invalid/);
    const expired = new URL(await stack.files.signedDownloadUrl('any/key', 'x.pdf', new Date(Date.now() - 1000)));
    expect((await fetch(expired)).status).toBe(410);
  });

  test('an unknown job → 404 problem', async () => {
    const res = await jordan.get('/api/jobs/job_nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/could not find/);
  });

  test('documents of one moment are listed in one order on every read (by id), whatever order the batch read answers in', async () => {
    const acme = stack.business();
    const jobId = 'job_same_day';
    expect((await acme.put(`/jobs/${jobId}`, jobBody(stack, demo.jordan.id, -2 * day, { number: 'J-SAME-DAY', status: 'completed' }))).status).toBe(201);
    // Issued at the same moment (invoiceBody's dates come from one base), written out of id order.
    for (const id of ['inv_same_c', 'inv_same_a', 'inv_same_b']) {
      expect((await acme.put(`/invoices/${id}`, invoiceBody(stack, demo.jordan.id, { jobId, number: id.toUpperCase() }))).status).toBe(201);
    }
    // Sent at the same moment: the clock held while the business writes them.
    stack.holdClock();
    try {
      for (const id of ['est_same_c', 'est_same_a', 'est_same_b']) {
        expect((await acme.put(`/estimates/${id}`, estimateBody(stack, demo.jordan.id, { jobId, number: id.toUpperCase() }))).status).toBe(201);
      }
    } finally {
      stack.resumeClock();
    }
    // dynalite answers a batch read in a shuffled order on purpose (DynamoDB promises none).
    for (let read = 0; read < 12; read++) {
      const job = (await jordan.get<JobDetail>(`/api/jobs/${jobId}`)).body;
      expect({ read, invoices: job.invoices.map((i) => i.id), estimates: job.estimates.map((e) => e.id) }).toEqual({
        read,
        invoices: ['inv_same_a', 'inv_same_b', 'inv_same_c'],
        estimates: ['est_same_a', 'est_same_b', 'est_same_c'],
      });
    }
  });
});

describe('tenancy (rule 14): another customer\'s or another business\'s ids → 404, never data', () => {
  test('another customer of the same business', async () => {
    const res = await jordan.get('/api/jobs/job_sp2001');
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('Sam');
  });

  test('a job of another business, even for the customer with the same email there', async () => {
    const res = await jordan.get('/api/jobs/job_bc3001');
    expect(res.status).toBe(404);
    const brightJordan = await signedInClient(stack, 'brightclean', demo.jordanAtBrightClean.email);
    expect((await brightJordan.get('/api/jobs/job_bc3001')).status).toBe(200);
    expect((await brightJordan.get('/api/jobs/job_wh1041')).status).toBe(404);
  });

  test('lists and /me show only the session\'s own customer and business', async () => {
    const brightJordan = await signedInClient(stack, 'brightclean', demo.jordanAtBrightClean.email);
    const upcoming = (await brightJordan.get<JobListResponse>('/api/jobs?when=upcoming')).body.items.map((j) => j.id);
    const past = (await brightJordan.get<JobListResponse>('/api/jobs?when=past')).body.items.map((j) => j.id);
    expect([...upcoming, ...past].sort()).toEqual(['job_bc3001', 'job_bc3002']);
    const sam = await signedInClient(stack, 'acme', demo.sam.email);
    const samJobs = (await sam.get<JobListResponse>('/api/jobs?when=upcoming')).body.items.map((j) => j.id);
    expect(samJobs).toEqual(['job_sp2001']);
    expect((await sam.get('/api/me')).body.customer.id).toBe(demo.sam.id);
  });

  test('ids in the query or body cannot widen a session: unknown fields are refused', async () => {
    const res = await jordan.get(`/api/jobs?customerId=${demo.sam.id}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'query.customerId', message: 'is not a known field' }]);
  });

  test('every signed-in endpoint without a session → 401', async () => {
    const anonymous = stack.client();
    for (const path of ['/api/me', '/api/jobs', '/api/jobs/job_wh1041']) expect((await anonymous.get(path)).status).toBe(401);
    expect((await anonymous.post('/api/auth/logout')).status).toBe(401);
  });
});

describe('public portal info', () => {
  test('GET /api/portals/{slug} gives the name, colours and time zone; unknown → 404', async () => {
    const anonymous = stack.client();
    const res = await anonymous.get('/api/portals/acme');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      slug: 'acme',
      name: 'Acme Plumbing & Heating',
      timeZone: 'America/Chicago',
      branding: { primaryColor: '#0b5cad', logoUrl: null },
      sections: demo.acme.sections,
      links: demo.acme.links,
      services: demoServices,
      contact: { phone: demo.acme.contactPhone, email: demo.acme.contactEmail },
      payments: { enabled: true, methods: { ach: true, affirm: true, klarna: true }, partialPayments: { allowed: true, minimumAmount: 1000 } },
      defaultLanguage: 'en',
    });
    expect((await anonymous.get('/api/portals/nope')).status).toBe(404);
    expect((await anonymous.get('/api/portals/NOT_A_SLUG')).status).toBe(400);
  });

  test('GET /api/health → 200', async () => {
    expect((await stack.client().get('/api/health')).body).toEqual({ status: 'ok' });
  });
});

describe('DynamoDB calls per endpoint: one item for the session plus one bounded read per part of the page', () => {
  // The session's idle timer is renewed at most once a minute. With the clock held, no renewal falls
  // due between a case's warm read and its counted one (a slow run could reach the minute there).
  beforeAll(() => stack.holdClock());
  afterAll(() => stack.resumeClock());
  const cases: [string, string, string[]][] = [
    // The session; the customer and business in one batch; then their phone's STOP and their pending changes of address.
    ['GET /api/me', '/api/me', ['GetItem', 'BatchGetItem', 'GetItem', 'BatchGetItem']],
    // Every section's read also gets the business beside its own reads (is the section shown?).
    ['GET /api/jobs', '/api/jobs?when=past', ['GetItem', 'Query', 'GetItem', 'GetItem']],
    // The business, open invoices, open estimates, the next visit, unread, payments; then the visit and the payments' invoices.
    ['GET /api/home', '/api/home', ['GetItem', 'GetItem', 'Query', 'Query', 'Query', 'GetItem', 'Query', 'GetItem', 'BatchGetItem']],
    // The job item, its invoice pointers and the first page of each section, read in parallel,
    // each bounded; then the invoices the pointers name, in one batch.
    ['GET /api/jobs/{jobId}', '/api/jobs/job_wh1041', ['GetItem', 'GetItem', 'GetItem', 'Query', 'Query', 'Query', 'Query', 'Query', 'UpdateItem', 'BatchGetItem']],
    ['GET /api/jobs/{jobId}/messages', '/api/jobs/job_wh1041/messages', ['GetItem', 'GetItem', 'GetItem', 'Query']],
    // The slug lookup, then the business (a slug can change; keys never do).
    ['GET /api/portals/{slug}', '/api/portals/acme', ['GetItem', 'GetItem']],
    ['GET /api/health', '/api/health', []],
  ];
  test.each(cases)('%s', async (_name, path, expected) => {
    await jordan.get(path); // warm: renews the session if due
    stack.resetDynamoCalls();
    expect((await jordan.get(path)).status).toBe(200);
    expect([...stack.dynamoCalls()].sort()).toEqual([...expected].sort());
  });

  test('POST /api/auth/verify: one conditional delete of the link, the customer and business in one batch, the session\'s pointer in the customer\'s list, then the session', async () => {
    const client = stack.client();
    await client.post('/api/auth/magic-link', { portal: 'acme', email: demo.jordan.email });
    await stack.drainQueues();
    const token = newestToken(stack);
    stack.resetDynamoCalls();
    expect((await client.post('/api/auth/verify', { token })).status).toBe(200);
    expect(stack.dynamoCalls()).toEqual(['DeleteItem', 'BatchGetItem', 'PutItem', 'PutItem']);
  });

  test('POST /api/auth/magic-link: two rate-limit counters on the request path; the lookup happens in the queue consumer', async () => {
    stack.resetDynamoCalls();
    const client = stack.client();
    expect((await client.post('/api/auth/magic-link', { portal: 'acme', email: 'someone@example.com' })).status).toBe(202);
    await stack.drainQueues();
    // Request path: the two counters, then the queue message. Consumer: the slug, the business, the contact (unknown: stop).
    expect(stack.dynamoCalls()).toEqual(['UpdateItem', 'UpdateItem', 'GetItem', 'GetItem', 'GetItem']);
  });

  test('POST /api/auth/logout: read the session, delete it, then its pointer in the customer\'s list', async () => {
    const client = await signedInClient(stack);
    stack.resetDynamoCalls();
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect(stack.dynamoCalls()).toEqual(['GetItem', 'DeleteItem', 'DeleteItem']);
  });

  test('GET /api/me/sessions and GET /api/me/links: the session, then a consistent Query of the pointers, then one BatchGetItem', async () => {
    const client = await signedInClient(stack);
    for (const path of ['/api/me/sessions', '/api/me/links']) {
      stack.resetDynamoCalls();
      expect((await client.get(path)).status).toBe(200);
      expect(stack.dynamoCalls()).toEqual(['GetItem', 'Query', 'BatchGetItem']);
    }
  });

  test('no endpoint ever scans or uses transactions (and stop() checks every call of the run, seed included)', () => {
    expect([...stack.dynamoCallsEverSeen()].filter((c) => forbiddenOperations.includes(c))).toEqual([]);
    expect(stack.dynamoCallsEverSeen().has('PutItem')).toBe(true);
  });
});
