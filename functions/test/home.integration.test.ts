/**
 * Home (`GET /api/home`) and unread messages, end to end through the local gateway: Home agrees
 * with the pages it summarises (the open invoices and estimates, the next visit); a message from
 * the business is unread until the customer opens its job, counted once however often its request
 * is retried; a section the business hides is gone from Home; Home hidden is a 404.
 */
import type { HomeResponse } from '../../shared/contract/customer/home';
import type { EstimateListResponse } from '../../shared/contract/customer/estimates';
import type { InvoiceListResponse } from '../../shared/contract/customer/invoices';
import type { JobDetail, JobListResponse } from '../../shared/contract/customer/jobs';
import type { InvoicePaymentRecord } from '../../shared/invoices/model';
import type { TrackingView } from '../../shared/contract/customer/tracking';
import { demo } from '../../infra/local/seed';
import { invoiceBody, jobBody } from '../../infra/local/testing/business-api';
import { signedInClient, startTestStack, type PortalClient, type TestStack } from '../../infra/local/test-support';

let stack: TestStack;
let jordan: PortalClient;
beforeAll(async () => {
  stack = await startTestStack();
  jordan = await signedInClient(stack);
});
afterAll(() => stack.stop());

const home = async (client: PortalClient = jordan) => {
  const res = await client.get<HomeResponse>('/api/home');
  expect(res.status).toBe(200);
  return res.body;
};
const unreadOn = async (jobId: string) => (await home()).unread!.find((u) => u.jobId === jobId)?.count ?? 0;
const listedUnread = async (jobId: string) => {
  const upcoming = (await jordan.get<JobListResponse>('/api/jobs?when=upcoming')).body.items;
  const past = (await jordan.get<JobListResponse>('/api/jobs?when=past')).body.items;
  return [...upcoming, ...past].find((j) => j.id === jobId)?.unreadMessages;
};

describe('Home', () => {
  test('agrees with the pages it summarises: what is due, the estimates to decide, the next visit', async () => {
    const view = await home();
    const open = (await jordan.get<InvoiceListResponse>('/api/invoices?status=open&limit=50')).body.items.filter((i) => i.balance > 0);
    expect(view.invoices!.count).toBe(open.length);
    expect(view.invoices!.due).toEqual([{ amount: open.reduce((sum, i) => sum + i.balance, 0), currency: 'USD' }]);
    expect(view.invoices!.soonest.map((i) => i.id)).toEqual(open.slice(0, 3).map((i) => i.id));
    expect(view.invoices!.overdue).toBe(open.filter((i) => Date.parse(i.dueAt) < stack.source.clock.now().getTime()).length);
    expect(view.invoices!.complete).toBe(true);

    const estimates = (await jordan.get<EstimateListResponse>('/api/estimates?status=open')).body.items;
    expect(view.estimates!.count).toBe(estimates.length);
    expect(view.estimates!.soonest).toEqual(estimates.slice(0, 3));

    const upcoming = (await jordan.get<JobListResponse>('/api/jobs?when=upcoming')).body.items;
    expect(view.nextVisit!.job).toEqual({ ...upcoming[0], unreadMessages: undefined });
    expect(view.nextVisit!.onTheWay).toBeNull();
  });

  test("tenancy (rule 14): nothing of another customer's is on it", async () => {
    const sam = await signedInClient(stack, demo.acme.slug, demo.sam.email);
    const samHome = await home(sam);
    const text = JSON.stringify(samHome);
    for (const id of ['inv_1080', 'inv_1090', 'est_2001', 'job_fc1090']) expect(text).not.toContain(id);
    expect(JSON.stringify(await home())).not.toContain('inv_2001');
  });

  test('the next visit says when the technician is on the way', async () => {
    const acme = stack.business();
    expect((await acme.put('/jobs/job_home_next', jobBody(stack, demo.jordan.id, 90 * 60_000, { location: { lat: 39.78, lng: -89.65 }, technician: { name: 'Dev Okafor' } }))).status).toBe(201);
    expect((await home()).nextVisit).toMatchObject({ job: { id: 'job_home_next' }, onTheWay: null });
    expect((await jordan.get('/api/jobs/job_home_next/tracking')).status).toBe(404);
    expect((await acme.post('/jobs/job_home_next/tracking', { technician: { name: 'Dev Okafor' }, channel: 'sms' })).status).toBe(201);
    expect((await home()).nextVisit).toMatchObject({ job: { id: 'job_home_next' }, onTheWay: { technicianName: 'Dev Okafor', status: 'en_route' } });
    // Signed in, the tracking page asks with the session (no link): the same view, ETag and 304.
    const tracked = await jordan.get<TrackingView>('/api/jobs/job_home_next/tracking');
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ technician: { name: 'Dev Okafor' }, status: 'en_route' });
    const etag = tracked.headers.get('etag')!;
    expect((await jordan.request('GET', '/api/jobs/job_home_next/tracking', { headers: { 'if-none-match': etag } })).status).toBe(304);
    // Another customer's job is a 404, like one that does not exist; no session, 401.
    const sam = await signedInClient(stack, demo.acme.slug, demo.sam.email);
    expect((await sam.get('/api/jobs/job_home_next/tracking')).status).toBe(404);
    expect((await stack.client().get('/api/jobs/job_home_next/tracking')).status).toBe(401);
    expect((await acme.post('/jobs/job_home_next/tracking/arrived', {})).status).toBe(200);
    expect((await home()).nextVisit!.onTheWay).toEqual({ technicianName: 'Dev Okafor', status: 'arrived' });
    expect((await acme.post('/jobs/job_home_next/tracking/completed', {})).status).toBe(200);
    expect((await home()).nextVisit!.onTheWay).toBeNull();
    expect((await jordan.get('/api/jobs/job_home_next/tracking')).status).toBe(410);
  });

  test('recent payments: newest first, only payments applied to their invoice', async () => {
    const acme = stack.business();
    expect((await acme.put('/invoices/inv_home_pay', invoiceBody(stack, demo.jordan.id, { number: 'INV-HOME-1', jobId: null, lines: [{ description: 'Drain check', quantity: 1, unitAmount: 12_000 }], taxAmount: 0 }))).status).toBe(201);
    expect((await acme.post('/invoices/inv_home_pay/payments', { amount: 5_000, currency: 'USD', method: 'check', reference: 'Check 77' })).status).toBe(201);
    const first = (await home()).recentPayments!;
    expect(first[0]).toMatchObject({ invoiceId: 'inv_home_pay', invoiceNumber: 'INV-HOME-1', method: 'check', amount: { amount: 5_000, currency: 'USD' } });
    // Stored but not applied (a crash between the two writes): not shown until the retry applies it.
    const unapplied: InvoicePaymentRecord = { id: 'pay_home_unapplied', invoiceId: 'inv_home_pay', paidAt: new Date(stack.source.clock.now().getTime() + 60_000).toISOString(), method: 'cash', amount: 1_000, currency: 'USD', reference: null, source: 'offline' };
    expect(await stack.stores.invoices.putPayment(stack.demo.acme.business.id, unapplied, stack.source.clock.now().toISOString(), { customerId: demo.jordan.id, number: 'INV-HOME-1' })).toBe(true);
    expect((await home()).recentPayments!.map((p) => p.id)).not.toContain('pay_home_unapplied');
    // What is left of the invoice is due, and counted.
    const view = await home();
    const open = (await jordan.get<InvoiceListResponse>('/api/invoices?status=open&limit=50')).body.items.filter((i) => i.balance > 0);
    expect(open.find((i) => i.id === 'inv_home_pay')?.balance).toBe(7_000);
    expect(view.invoices!.due[0]!.amount).toBe(open.reduce((sum, i) => sum + i.balance, 0));
  });

  test('a section the business hides is gone from Home; Home hidden is a 404', async () => {
    const acme = stack.business();
    try {
      expect((await acme.patch('/settings', { portal: { sections: ['home', 'jobs'] } })).status).toBe(200);
      const view = await home();
      expect(view).toMatchObject({ invoices: null, estimates: null, unread: null, recentPayments: null });
      expect(view.nextVisit).not.toBeNull();
      // Messages hidden: the job page leaves them out, and their own pages are not there.
      const job = await jordan.get<JobDetail>('/api/jobs/job_fc1090');
      expect(job.status).toBe(200);
      expect(job.body.messages).toEqual({ items: [], nextCursor: null });
      expect((await jordan.get('/api/jobs/job_fc1090/messages')).status).toBe(404);
      expect((await jordan.get('/api/jobs/job_fc1090/notes')).status).toBe(200);
      expect((await acme.patch('/settings', { portal: { sections: ['home', 'invoices'] } })).status).toBe(200);
      expect(await home()).toMatchObject({ nextVisit: null, estimates: null });
      expect((await home()).invoices).not.toBeNull();
      expect((await acme.patch('/settings', { portal: { sections: ['jobs'] } })).status).toBe(200);
      const hidden = await jordan.get('/api/home');
      expect(hidden.status).toBe(404);
      expect(hidden.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      expect((await acme.patch('/settings', { portal: { sections: demo.acme.sections } })).status).toBe(200);
    }
  });

  test('a hidden section answers 404 to signed-in customers, reads and writes alike (nothing written); links still open their one document', async () => {
    const acme = stack.business();
    expect((await acme.post('/invoices/inv_1080/send', { channel: 'email' })).status).toBe(202);
    await stack.drainQueues();
    const payLink = new URL(stack.outbox.messages()[0]!.link!).hash.replace('#token=', '');
    try {
      expect((await acme.patch('/settings', { portal: { sections: ['home'] } })).status).toBe(200);
      for (const path of ['/api/jobs?when=upcoming', '/api/jobs/job_fc1090', '/api/jobs/job_fc1090/notes', '/api/invoices?status=open', '/api/invoices/inv_1080', '/api/estimates?status=open', '/api/estimates/est_2001']) {
        const res = await jordan.get(path);
        expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 404, type: 'application/problem+json' });
      }
      const before = (await acme.get('/jobs/job_fc1090/messages')).body.items.length;
      const posted = await jordan.request('POST', '/api/jobs/job_fc1090/messages', { json: { text: 'Hidden?' }, headers: { 'idempotency-key': 'home-hidden-1' } });
      expect(posted.status).toBe(404);
      expect((await acme.get('/jobs/job_fc1090/messages')).body.items.length).toBe(before);
      // The pay link sent before still opens its invoice.
      expect((await stack.client().getWithLink('/api/invoices/inv_1080', payLink)).status).toBe(200);
    } finally {
      expect((await acme.patch('/settings', { portal: { sections: demo.acme.sections } })).status).toBe(200);
    }
    for (const path of ['/api/jobs?when=upcoming', '/api/invoices/inv_1080', '/api/estimates/est_2001']) expect((await jordan.get(path)).status).toBe(200);
  });

  test('without a session: 401', async () => {
    expect((await stack.client().get('/api/home')).status).toBe(401);
  });
});

describe('unread messages', () => {
  test('a message from the business is unread on Home and in the job list until the customer opens the job', async () => {
    const acme = stack.business();
    const jobId = 'job_sk1063';
    const before = await unreadOn(jobId);
    expect((await acme.post(`/jobs/${jobId}/messages`, { text: 'Your part has arrived.', notify: 'none' })).status).toBe(201);
    expect(await unreadOn(jobId)).toBe(before + 1);
    expect(await listedUnread(jobId)).toBe(before + 1);
    const entry = (await home()).unread!.find((u) => u.jobId === jobId)!;
    expect(entry).toMatchObject({ number: 'J-1063', title: 'Kitchen sink leak repair' });
    // The customer's own message is not unread to them.
    expect((await jordan.request('POST', `/api/jobs/${jobId}/messages`, { json: { text: 'Great, thanks!' }, headers: { 'idempotency-key': 'home-reply-1' } })).status).toBe(201);
    expect(await unreadOn(jobId)).toBe(before + 1);
    // Opening the job reads them.
    expect((await jordan.get(`/api/jobs/${jobId}`)).status).toBe(200);
    expect(await unreadOn(jobId)).toBe(0);
    expect((await home()).unread!.map((u) => u.jobId)).not.toContain(jobId);
    expect(await listedUnread(jobId)).toBe(0);
  });

  test('a retried request (the same Idempotency-Key) counts its message once; imported history is not news', async () => {
    const acme = stack.business();
    const jobId = 'job_sk1063';
    await jordan.get(`/api/jobs/${jobId}`);
    for (let i = 0; i < 3; i++) {
      expect((await acme.post(`/jobs/${jobId}/messages`, { text: 'See you Tuesday.', notify: 'none' }, { 'idempotency-key': 'home-unread-once' })).status).toBe(201);
    }
    expect(await unreadOn(jobId)).toBe(1);
    expect((await acme.post(`/jobs/${jobId}/messages`, { text: 'From the old system.', at: '2025-01-05T10:00:00.000Z' })).status).toBe(201);
    expect(await unreadOn(jobId)).toBe(1);
    await jordan.get(`/api/jobs/${jobId}`);
  });

  test("another customer opening a job id of Jordan's clears nothing of Jordan's", async () => {
    const acme = stack.business();
    const jobId = 'job_sk1063';
    expect((await acme.post(`/jobs/${jobId}/messages`, { text: 'One more thing.', notify: 'none' })).status).toBe(201);
    const sam = await signedInClient(stack, demo.acme.slug, demo.sam.email);
    expect((await sam.get(`/api/jobs/${jobId}`)).status).toBe(404);
    expect(await unreadOn(jobId)).toBe(1);
    await jordan.get(`/api/jobs/${jobId}`);
  });

  test('the demo has one: the business\'s last word before an upcoming visit', async () => {
    expect((await home()).unread).toEqual([{ jobId: 'job_bl1102', number: 'J-1102', title: 'Boiler safety inspection', count: 1 }]);
  });

  test('most unread first; jobs with as many unread go by job id, whatever order they came in', async () => {
    const acme = stack.business();
    const jobs = ['job_unread_c', 'job_unread_b', 'job_unread_a'];
    for (const [i, jobId] of jobs.entries()) expect((await acme.put(`/jobs/${jobId}`, jobBody(stack, demo.jordan.id, (i + 2) * 24 * 3600_000, { number: jobId.toUpperCase() }))).status).toBe(201);
    // The one with two first; the rest, with one each, arrive out of id order (b before a).
    for (const jobId of ['job_unread_c', 'job_unread_c', 'job_unread_b', 'job_unread_a']) {
      expect((await acme.post(`/jobs/${jobId}/messages`, { text: 'A word about your visit.', notify: 'none' })).status).toBe(201);
    }
    expect((await home()).unread!.map((u) => [u.jobId, u.count])).toEqual([
      ['job_unread_c', 2],
      ['job_bl1102', 1],
      ['job_unread_a', 1],
      ['job_unread_b', 1],
    ]);
    for (const jobId of jobs) await jordan.get(`/api/jobs/${jobId}`);
  });
});
