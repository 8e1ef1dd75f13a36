/**
 * The business API's jobs and "changed since" lists, end to end: validation (rule 24), totals,
 * summaries that move with the schedule or the customer, crash convergence (rule 37), and
 * paging with checked cursors (rule 31).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { customerEntity } from '../../shared/directory/customer-entity';
import { jobSummaryEntity } from '../../shared/jobs/entity';
import { encodeCursor } from '../../shared/data/cursors';
import type { JobListResponse } from '../../shared/contract/customer/jobs';
import type { JobRecord } from '../../shared/jobs/model';
import { demo } from '../../infra/local/seed';
import { signIn, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { jobBody, writeRecorder } from '../../infra/local/testing/business-api';

let stack: TestStack;
let acme: BusinessClient;
let writes: ReturnType<typeof writeRecorder>;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  writes = writeRecorder(stack, 'businessApiJobsWrites');
});
afterAll(() => stack.stop());

const day = 24 * 3600_000;
const now = () => stack.source.clock.now();
const acmeId = () => stack.demo.acme.business.id;

describe('jobs', () => {
  /** How often a job shows in a customer's upcoming and past lists (every page read). */
  async function listed(client: PortalClient, jobId: string) {
    const count = async (when: 'upcoming' | 'past') => {
      let n = 0;
      let cursor: string | null = null;
      do {
        const res: { status: number; body: JobListResponse } = await client.get(`/api/jobs?when=${when}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        n += res.body.items.filter((j) => j.id === jobId).length;
        cursor = res.body.nextCursor;
      } while (cursor);
      return n;
    };
    return { upcoming: await count('upcoming'), past: await count('past') };
  }

  /** The summary items of `jobId` in a customer's partition. */
  async function summaries(customerId: string, jobId: string): Promise<string[]> {
    const { Items = [] } = await stack.dynamo.doc.send(
      new QueryCommand({
        TableName: stack.dynamo.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': customerEntity.partition(acmeId(), customerId), ':prefix': 'JOB#' },
        ConsistentRead: true,
      }),
    );
    return Items.map((i) => String(i.sk)).filter((sk) => sk.endsWith(`#${jobId}`));
  }

  test('PUT creates (201), replaces (200); GET shows totals in integer minor units (1.5 h × 12500 = 18750)', async () => {
    const body = jobBody(stack, demo.jordan.id, 3 * day, {
      charges: [{ id: 'l1', description: 'Labour (hours)', quantity: 1.5, unitAmount: 12500 }, { id: 'l2', description: 'Parts', quantity: 0.333, unitAmount: 1001 }],
      taxAmount: 250,
    });
    const created = await acme.put('/jobs/job_t_totals', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'job_t_totals', customerId: demo.jordan.id, version: 1, totals: { subtotal: 18750 + 333, tax: 250, total: 18750 + 333 + 250, invoiced: 0, notInvoiced: 18750 + 333 + 250, paid: 0, balance: 0 } });
    expect(created.body).not.toHaveProperty('businessId');
    expect(created.body).not.toHaveProperty('summaryKey');
    const got = await acme.get('/jobs/job_t_totals');
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    Object.values(got.body.totals).forEach((amount) => expect(Number.isInteger(amount)).toBe(true));

    const replaced = await acme.put('/jobs/job_t_totals', { ...body, charges: [body.charges[0]], taxAmount: 0, title: 'Renamed job' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ title: 'Renamed job', version: 2, totals: { subtotal: 18750, tax: 0, total: 18750, invoiced: 0, notInvoiced: 18750, paid: 0, balance: 0 } });
    // The service address's coordinates (the tracking destination): kept, shown back, changeable.
    expect(replaced.body.location).toBeNull();
    const located = await acme.put('/jobs/job_t_totals', { ...body, charges: [body.charges[0]], taxAmount: 0, title: 'Renamed job', location: { lat: 39.7817, lng: -89.6501 } });
    expect(located.body).toMatchObject({ location: { lat: 39.7817, lng: -89.6501 }, version: 3 });
    expect((await acme.get('/jobs/job_t_totals')).body.location).toEqual({ lat: 39.7817, lng: -89.6501 });
    // The customer sees the same money.
    const jordan = await signIn(stack, demo.jordan.email);
    expect((await jordan.get('/api/jobs/job_t_totals')).body.totals.total).toEqual({ amount: 18750, currency: 'USD' });
  });

  test('an unchanged PUT keeps version and updatedAt', async () => {
    const body = jobBody(stack, demo.jordan.id, 4 * day);
    const first = await acme.put('/jobs/job_t_same', body);
    expect(first.status).toBe(201);
    stack.advanceClock(1000);
    const again = await acme.put('/jobs/job_t_same', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  test('GET a demo job: paid and balance due come from its invoices (INV-1063, $100.00 paid of $267.46); unknown → 404', async () => {
    const res = await acme.get('/jobs/job_sk1063');
    expect(res.body.totals).toEqual({ subtotal: 26350, tax: 396, total: 26746, invoiced: 26746, notInvoiced: 0, paid: 10000, balance: 16746 });
    expect((await acme.get('/invoices/inv_1063')).body.balance).toBe(res.body.totals.balance);
    expect((await acme.get('/jobs/job_nope')).status).toBe(404);
  });

  test('an unknown customerId → 400 naming customerId, nothing written', async () => {
    writes.reset();
    const res = await acme.put('/jobs/job_t_nocust', jobBody(stack, 'cus_nobody'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'customerId', message: expect.any(String) }]);
    expect(writes.dataWrites()).toEqual([]);
    expect((await acme.get('/jobs/job_t_nocust')).status).toBe(404);
  });

  test('scheduledEnd before scheduledStart → 400 naming scheduledEnd', async () => {
    const body = jobBody(stack, demo.jordan.id);
    const res = await acme.put('/jobs/job_t_backwards', { ...body, scheduledEnd: body.scheduledStart, scheduledStart: body.scheduledEnd });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'scheduledEnd', message: expect.any(String) }]);
  });

  const badJobs: [string, (b: Record<string, any>) => unknown, string][] = [
    ['a negative unit amount', (b) => ({ ...b, charges: [{ ...b.charges[0], unitAmount: -100 }] }), 'charges.0.unitAmount'],
    ['a negative tax', (b) => ({ ...b, taxAmount: -1 }), 'taxAmount'],
    ['a fractional amount', (b) => ({ ...b, taxAmount: 10.5 }), 'taxAmount'],
    ['a huge amount', (b) => ({ ...b, taxAmount: 1e20 }), 'taxAmount'],
    ['a huge quantity', (b) => ({ ...b, charges: [{ ...b.charges[0], quantity: 1e12 }] }), 'charges.0.quantity'],
    ['a zero quantity', (b) => ({ ...b, charges: [{ ...b.charges[0], quantity: 0 }] }), 'charges.0.quantity'],
    ['an unknown field', (b) => ({ ...b, discount: 10 }), 'discount'],
    ['an unknown nested field', (b) => ({ ...b, address: { ...b.address, planet: 'Earth' } }), 'address.planet'],
    ['a number for the title', (b) => ({ ...b, title: 42 }), 'title'],
    ['a string for the tax', (b) => ({ ...b, taxAmount: '10' }), 'taxAmount'],
    ['an object for charges', (b) => ({ ...b, charges: { l1: 1 } }), 'charges'],
    ['an unknown status', (b) => ({ ...b, status: 'done' }), 'status'],
    ['a date that is not UTC ISO-8601', (b) => ({ ...b, scheduledStart: '2026-11-21 15:00' }), 'scheduledStart'],
    ['a date that does not exist', (b) => ({ ...b, scheduledEnd: '2026-02-30T10:00:00Z' }), 'scheduledEnd'],
    ['a lower-case currency', (b) => ({ ...b, currency: 'usd' }), 'currency'],
    ['a repeated charge line id', (b) => ({ ...b, charges: [b.charges[0], b.charges[0]] }), 'charges'],
    ['a direction override in the title', (b) => ({ ...b, title: 'Invoice \u202eFDP.exe' }), 'title'],
    ['a direction isolate in a charge description', (b) => ({ ...b, charges: [{ ...b.charges[0], description: 'Labour \u2067x\u2069' }] }), 'charges.0.description'],
    ['a control character in the address', (b) => ({ ...b, address: { ...b.address, line1: '1 Test\u0007 Street' } }), 'address.line1'],
    ['a direction override in the scope of work', (b) => ({ ...b, scopeOfWork: 'Replace the \u202eretaeh' }), 'scopeOfWork'],
    ['a control character in the scope of work', (b) => ({ ...b, scopeOfWork: 'Replace\u0000 the heater' }), 'scopeOfWork'],
    ['an arrival window that ends before it starts', (b) => ({ ...b, arrivalWindow: { start: b.arrivalWindow.end, end: b.arrivalWindow.start } }), 'arrivalWindow'],
    ['a latitude beyond the pole', (b) => ({ ...b, location: { lat: 90.1, lng: 0 } }), 'location.lat'],
    ['a longitude beyond 180', (b) => ({ ...b, location: { lat: 0, lng: -180.5 } }), 'location.lng'],
    ['a location as text', (b) => ({ ...b, location: '39.78,-89.65' }), 'location'],
  ];
  test.each(badJobs.map(([name, change, field], i) => [name, change, field, `job_t_bad${i}`] as const))('%s → 400 naming the field, nothing written', async (_name, change, field, jobId) => {
    writes.reset();
    const res = await acme.put(`/jobs/${jobId}`, change(jobBody(stack, demo.jordan.id)));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(writes.dataWrites()).toEqual([]);
    expect((await acme.get(`/jobs/${jobId}`)).status).toBe(404);
  });

  test('text fields still take what people write: a multi-line scope of work, tabs, accents and other scripts', async () => {
    const body = jobBody(stack, demo.jordan.id, 3 * day, {
      title: 'Chauffe-eau — remplacement (給湯器)',
      scopeOfWork: 'Step 1:\tdrain the tank.\r\nStep 2: replace the valve.\n\nMerci, Zoë 👍',
      contact: { name: 'Zoë Ñúñez', phone: null, email: null },
    });
    const res = await acme.put('/jobs/job_t_text', body);
    expect(res.status).toBe(201);
    expect(res.body.scopeOfWork).toBe(body.scopeOfWork);
  });

  test('a huge number in raw JSON (1e309) → 400 naming the field', async () => {
    const raw = JSON.stringify(jobBody(stack, demo.jordan.id)).replace('"taxAmount":0', '"taxAmount":1e309');
    expect(raw).toContain('1e309');
    writes.reset();
    const res = await acme.request('PUT', '/jobs/job_t_huge', { body: raw });
    expect(res.status).toBe(400);
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(['taxAmount']);
    expect(writes.dataWrites()).toEqual([]);
  });

  test('rescheduling moves the job between the customer\'s upcoming and past lists, never listed twice', async () => {
    const jordan = await signIn(stack, demo.jordan.email);
    expect((await acme.put('/jobs/job_t_move', jobBody(stack, demo.jordan.id, 3 * day))).status).toBe(201);
    expect(await listed(jordan, 'job_t_move')).toEqual({ upcoming: 1, past: 0 });
    expect(await summaries(demo.jordan.id, 'job_t_move')).toHaveLength(1);

    expect((await acme.put('/jobs/job_t_move', jobBody(stack, demo.jordan.id, -3 * day, { status: 'completed' }))).status).toBe(200);
    expect(await listed(jordan, 'job_t_move')).toEqual({ upcoming: 0, past: 1 });
    expect(await summaries(demo.jordan.id, 'job_t_move')).toHaveLength(1);

    const later = jobBody(stack, demo.jordan.id, 5 * day);
    expect((await acme.put('/jobs/job_t_move', later)).status).toBe(200);
    expect(await listed(jordan, 'job_t_move')).toEqual({ upcoming: 1, past: 0 });
    expect(await summaries(demo.jordan.id, 'job_t_move')).toHaveLength(1);
    const summary = (await jordan.get<JobListResponse>('/api/jobs?when=upcoming&limit=50')).body.items.find((j) => j.id === 'job_t_move')!;
    expect(summary.scheduledEnd).toBe(later.scheduledEnd);
  });

  test('reassigning a job to another customer moves it out of the first customer\'s lists', async () => {
    const jordan = await signIn(stack, demo.jordan.email);
    const sam = await signIn(stack, demo.sam.email);
    expect((await acme.put('/jobs/job_t_reassign', jobBody(stack, demo.jordan.id, 2 * day))).status).toBe(201);
    expect(await listed(jordan, 'job_t_reassign')).toEqual({ upcoming: 1, past: 0 });
    expect((await acme.put('/jobs/job_t_reassign', jobBody(stack, demo.sam.id, 2 * day, { contact: { name: 'Sam Patel', phone: null, email: null } }))).status).toBe(200);
    expect(await listed(jordan, 'job_t_reassign')).toEqual({ upcoming: 0, past: 0 });
    expect((await jordan.get('/api/jobs/job_t_reassign')).status).toBe(404);
    expect(await listed(sam, 'job_t_reassign')).toEqual({ upcoming: 1, past: 0 });
    expect((await sam.get('/api/jobs/job_t_reassign')).status).toBe(200);
    expect(await summaries(demo.jordan.id, 'job_t_reassign')).toEqual([]);
    expect(await summaries(demo.sam.id, 'job_t_reassign')).toHaveLength(1);
  });

  test('crash convergence: a write that moved the summary pointer but crashed before the sync is finished by the same PUT again', async () => {
    const jobId = 'job_t_crash';
    expect((await acme.put(`/jobs/${jobId}`, jobBody(stack, demo.jordan.id, 3 * day))).status).toBe(201);
    const stored = (await stack.stores.jobs.getJob(acmeId(), jobId, { consistent: true }))!;
    const oldKey = (await stack.stores.jobs.placementOf(acmeId(), jobId))!.summaryKey;

    // Step 1 of a reschedule, as the API does it, then a "crash": no sync.
    const moved = jobBody(stack, demo.jordan.id, -2 * day, { status: 'completed' });
    const record: JobRecord = { ...(moved as Omit<JobRecord, 'businessId' | 'id' | 'version' | 'createdAt' | 'updatedAt'>), businessId: acmeId(), id: jobId, version: stored.version + 1, createdAt: stored.createdAt, updatedAt: now().toISOString() };
    const newKey = jobSummaryEntity.key(acmeId(), demo.jordan.id, record.scheduledEnd, jobId);
    expect(await stack.stores.jobs.putJob(record, stored)).toBe(true);

    // The state a crash leaves: the job points at the new key, the old summary is still there, the new one is not yet.
    const crashed = (await stack.stores.jobs.placementOf(acmeId(), jobId))!;
    expect(crashed.summaryKey).toEqual(newKey);
    expect(crashed.retiredSummaryKeys).toEqual([oldKey]);
    expect(await summaries(demo.jordan.id, jobId)).toEqual([oldKey.sk]);

    // The business's retry of the same PUT finishes the move.
    const retry = await acme.put(`/jobs/${jobId}`, moved);
    expect(retry.status).toBe(200);
    expect(await summaries(demo.jordan.id, jobId)).toEqual([newKey.sk]);
    expect((await stack.stores.jobs.placementOf(acmeId(), jobId))!.retiredSummaryKeys).toEqual([]);
    const jordan = await signIn(stack, demo.jordan.email);
    expect(await listed(jordan, jobId)).toEqual({ upcoming: 0, past: 1 });
  });
});

describe('changed-since lists', () => {
  async function pages(path: string, limit: number) {
    const out: { items: any[]; hasMore: boolean; nextCursor: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: { status: number; body: any } = await acme.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      out.push(res.body);
      cursor = res.body.nextCursor;
      expect(out.length).toBeLessThan(100);
    } while (cursor);
    return out;
  }

  function expectWholePages(result: Awaited<ReturnType<typeof pages>>, limit: number) {
    result.forEach((page, i) => {
      const last = i === result.length - 1;
      expect({ page: i, hasMore: page.hasMore, cursor: page.nextCursor !== null }).toEqual({ page: i, hasMore: !last, cursor: !last });
      if (!last) expect(page.items).toHaveLength(limit);
      else expect(page.items.length).toBeGreaterThan(0);
    });
  }

  test('customers: pages of `limit` with hasMore/nextCursor to the end, no repeats or gaps; updatedSince keeps changes at or after it', async () => {
    for (let i = 0; i < 3; i++) expect((await acme.put(`/customers/cus_list_a${i}`, { name: `List A${i}` })).status).toBe(201);
    stack.advanceClock(2000);
    const since = now().toISOString();
    const batchB: any[] = [];
    for (let i = 0; i < 4; i++) {
      stack.advanceClock(10);
      const res = await acme.put(`/customers/cus_list_b${i}`, { name: `List B${i}` });
      expect(res.status).toBe(201);
      batchB.push(res.body);
    }

    const everything = (await acme.get('/customers?limit=100')).body;
    expect(everything.hasMore).toBe(false);
    const all = everything.items.map((c: { id: string }) => c.id);
    expect(all).toEqual(expect.arrayContaining(['cus_7f3k9q', 'cus_2h8w4n', 'cus_list_a0', 'cus_list_b3']));
    const paged = await pages('/customers', 3);
    expectWholePages(paged, 3);
    const pagedIds = paged.flatMap((p) => p.items.map((c: { id: string }) => c.id));
    expect(pagedIds).toEqual(all);
    expect(new Set(pagedIds).size).toBe(pagedIds.length);
    // Oldest change first.
    const stamps = everything.items.map((c: { updatedAt: string }) => c.updatedAt);
    expect([...stamps].sort()).toEqual(stamps);

    const sincePages = await pages(`/customers?updatedSince=${encodeURIComponent(since)}`, 2);
    expect(sincePages.map((p) => p.items.map((c: { id: string }) => c.id))).toEqual([['cus_list_b0', 'cus_list_b1'], ['cus_list_b2', 'cus_list_b3']]);
    expectWholePages(sincePages, 2);
    // "At or after": the exact updatedAt of a record includes that record.
    const atB1 = (await acme.get(`/customers?updatedSince=${encodeURIComponent(batchB[1].updatedAt)}&limit=100`)).body.items.map((c: { id: string }) => c.id);
    expect(atB1).toEqual(['cus_list_b1', 'cus_list_b2', 'cus_list_b3']);
    // A change moves a record to the end of the list.
    stack.advanceClock(10);
    await acme.put('/customers/cus_list_a0', { name: 'List A0 changed' });
    expect((await acme.get(`/customers?updatedSince=${encodeURIComponent(since)}&limit=100`)).body.items.map((c: { id: string }) => c.id)).toEqual([
      'cus_list_b0', 'cus_list_b1', 'cus_list_b2', 'cus_list_b3', 'cus_list_a0',
    ]);
  });

  test('jobs: pages to the end without repeats or gaps; updatedSince filters', async () => {
    const all = (await acme.get('/jobs?limit=100')).body.items.map((j: { id: string }) => j.id);
    expect(all.length).toBeGreaterThanOrEqual(6);
    const paged = await pages('/jobs', 2);
    expectWholePages(paged, 2);
    expect(paged.flatMap((p) => p.items.map((j: { id: string }) => j.id))).toEqual(all);

    stack.advanceClock(2000);
    const since = now().toISOString();
    stack.advanceClock(10);
    expect((await acme.put('/jobs/job_t_since', jobBody(stack, demo.jordan.id))).status).toBe(201);
    const changed = (await acme.get(`/jobs?updatedSince=${encodeURIComponent(since)}`)).body;
    expect(changed.items.map((j: { id: string }) => j.id)).toEqual(['job_t_since']);
    expect(changed.items[0].totals.total).toBe(18750);
  });

  test.each(['0', '101', 'abc', '-1', '1.5', ''])('limit=%p → 400 naming query.limit', async (limit) => {
    for (const path of ['/customers', '/jobs']) {
      const res = await acme.get(`${path}?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.limit']);
    }
  });

  test('a bad updatedSince → 400 naming query.updatedSince', async () => {
    const res = await acme.get('/customers?updatedSince=yesterday');
    expect(res.status).toBe(400);
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(['query.updatedSince']);
  });

  test('forged cursors, cursors from another list, another updatedSince or another business → 400 naming query.cursor', async () => {
    const bad = async (path: string, client: BusinessClient = acme) => {
      const res = await client.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.errors).toEqual([{ field: 'query.cursor', message: expect.any(String) }]);
    };
    const customersCursor = (await acme.get('/customers?limit=1')).body.nextCursor as string;
    const jobsCursor = (await acme.get('/jobs?limit=1')).body.nextCursor as string;
    expect(customersCursor).toBeTruthy();
    expect(jobsCursor).toBeTruthy();
    // Controls: each works where it came from.
    expect((await acme.get(`/customers?limit=1&cursor=${customersCursor}`)).status).toBe(200);
    expect((await acme.get(`/jobs?limit=1&cursor=${jobsCursor}`)).status).toBe(200);

    await bad('/customers?cursor=abc');
    await bad(`/customers?cursor=${encodeCursor({ k: { pk: 'BIZ#biz_other#CUS#x', sk: 'PROFILE', gsi1pk: 'BIZ#biz_other#CUSTOMERS', gsi1sk: '2020-01-01T00:00:00.000Z#x' }, s: null })}`);
    await bad(`/customers?cursor=${encodeCursor({ k: { pk: `BIZ#${stack.demo.brightclean.business.id}#CUS#cus_b2m4x1`, sk: 'PROFILE', gsi1pk: `BIZ#${acmeId()}#CUSTOMERS`, gsi1sk: '2020-01-01T00:00:00.000Z#cus_b2m4x1' }, s: null })}`);
    await bad(`/customers?cursor=${encodeCursor({ k: { pk: `BIZ#${acmeId()}#CUS#x`, sk: 'PROFILE', gsi1pk: `BIZ#${acmeId()}#CUSTOMERS`, gsi1sk: 'not-a-time' }, s: null })}`);
    await bad(`/jobs?cursor=${customersCursor}`);
    await bad(`/customers?cursor=${jobsCursor}`);

    const since = '2000-01-01T00:00:00.000Z';
    const sinceCursor = (await acme.get(`/customers?limit=1&updatedSince=${since}`)).body.nextCursor as string;
    expect((await acme.get(`/customers?limit=1&updatedSince=${since}&cursor=${sinceCursor}`)).status).toBe(200);
    await bad(`/customers?limit=1&updatedSince=2001-01-01T00:00:00.000Z&cursor=${sinceCursor}`);
    await bad(`/customers?limit=1&cursor=${sinceCursor}`);
    await bad(`/customers?limit=1&updatedSince=${since}&cursor=${customersCursor}`);

    const bright = stack.business('brightclean');
    const brightCursor = (await bright.get('/jobs?limit=1')).body.nextCursor as string;
    expect(brightCursor).toBeTruthy();
    expect((await bright.get(`/jobs?limit=1&cursor=${brightCursor}`)).status).toBe(200);
    await bad(`/jobs?limit=1&cursor=${brightCursor}`);
    await bad(`/jobs?limit=1&cursor=${jobsCursor}`, bright);
  });
});
