/**
 * Invoices end to end: the business API writes them and records offline payments; customers see
 * their open and paid lists, one invoice, and the invoices on a job page. Validation (rule 24),
 * tenancy (rule 14), a total that cannot drop below what was paid, payments recorded exactly once
 * (concurrent repeats, a crash between the two steps: rule 37), and checked cursors (rule 31).
 */
import type { InvoiceDetail, InvoiceListResponse } from '../../shared/contract/customer/invoices';
import type { JobDetail } from '../../shared/contract/customer/jobs';
import { stepDepsFrom } from '../../shared/steps/deps';
import type { InvoicePaymentRecord } from '../../shared/invoices/model';
import { recordInvoicePayment } from '../../shared/invoices/record-payment';
import { demo } from '../../infra/local/seed';
import { invoiceBody, jobBody } from '../../infra/local/testing/business-api';
import { signIn, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';

let stack: TestStack;
let acme: BusinessClient;
let bright: BusinessClient;
let jordan: PortalClient;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  bright = stack.business('brightclean');
  jordan = await signIn(stack, demo.jordan.email);
});
afterAll(() => stack.stop());

const day = 24 * 3600_000;
const acmeId = () => stack.demo.acme.business.id;
/** Relative to one instant, so the same body is the same body however long the file runs. */
let base: number;
const iso = (offsetMs: number) => new Date((base ??= stack.source.clock.now().getTime()) + offsetMs).toISOString();

/** An invoice on Jordan's job J-1090: two lines and tax. */
const invoiceOnJob = (overrides: Record<string, unknown> = {}) =>
  invoiceBody(stack, demo.jordan.id, {
    jobId: 'job_fc1090',
    lines: [
      { description: 'Labour (hours)', quantity: 1.5, unitAmount: 9500 },
      { description: 'Supply line', quantity: 2, unitAmount: 1850 },
    ],
    taxAmount: 300,
    ...overrides,
  });

async function customerList(client: PortalClient, status: 'open' | 'paid'): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: InvoiceListResponse } = await client.get(`/api/invoices?status=${status}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((i) => i.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

describe('business API: writing invoices', () => {
  test('PUT creates (201) with the total and status derived; the same PUT again changes nothing; a change bumps the version', async () => {
    const created = await acme.put('/invoices/inv_t_create', invoiceOnJob());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'inv_t_create', customerId: demo.jordan.id, jobId: 'job_fc1090', currency: 'USD', subtotal: 17950, taxAmount: 300, total: 18250,
      amountPaid: 0, balance: 18250, status: 'open', version: 1,
    });
    expect(created.body.lines[0]).toEqual({ description: 'Labour (hours)', quantity: 1.5, unitAmount: 9500, amount: 14250 });
    const again = await acme.put('/invoices/inv_t_create', invoiceOnJob());
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const changed = await acme.put('/invoices/inv_t_create', invoiceOnJob({ taxAmount: 0 }));
    expect(changed.body).toMatchObject({ version: 2, total: 17950 });
    const read = await acme.get('/invoices/inv_t_create');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ total: 17950, payments: [] });
  });

  test('bad input → 400 naming each field; nothing written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [invoiceOnJob({ lines: [] }), 'lines'],
      [invoiceOnJob({ dueAt: iso(-3 * day) }), 'dueAt'],
      [invoiceOnJob({ currency: 'usd' }), 'currency'],
      [invoiceOnJob({ taxAmount: 1.5 }), 'taxAmount'],
      [invoiceOnJob({ lines: [{ description: 'x', quantity: 0, unitAmount: 100 }] }), 'lines.0.quantity'],
      [invoiceOnJob({ lines: [{ description: 'x', quantity: 1, unitAmount: -1 }] }), 'lines.0.unitAmount'],
      [invoiceOnJob({ surprise: true }), 'surprise'],
      [invoiceOnJob({ customerId: 'cus_nobody' }), 'customerId'],
      [invoiceOnJob({ jobId: 'job_nothing' }), 'jobId'],
      // Sam's job cannot be billed to Jordan.
      [invoiceOnJob({ jobId: 'job_sp2001' }), 'jobId'],
    ];
    for (const [body, field] of cases) {
      const res = await acme.put('/invoices/inv_t_bad', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await acme.get('/invoices/inv_t_bad')).status).toBe(404);
  });

  test('the changed-since list pages with a checked cursor and shows only acme\'s invoices', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await acme.get(`/invoices?updatedSince=2000-01-01T00:00:00Z&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(expect.arrayContaining(['inv_1041', 'inv_1063', 'inv_2001']));
    expect(ids).not.toContain('inv_bc301');
    const brightPage = await bright.get('/invoices?limit=1');
    expect((await acme.get(`/invoices?cursor=${brightPage.body.nextCursor ?? 'x'}`)).status).toBe(400);
  });
});

describe('business API: offline payments', () => {
  test('a check pays part, then the rest: balance and status follow, and the invoice moves to the customer\'s paid list', async () => {
    await acme.put('/invoices/inv_t_pay', invoiceOnJob({ number: 'INV-T-PAY', taxAmount: 0 }));
    expect(await customerList(jordan, 'open')).toContain('inv_t_pay');
    const part = await acme.post('/invoices/inv_t_pay/payments', { amount: 5000, currency: 'USD', method: 'check', reference: 'Check 2001' });
    expect(part.status).toBe(201);
    expect(part.body.payment).toMatchObject({ amount: 5000, method: 'check', reference: 'Check 2001' });
    expect(part.body.invoice).toMatchObject({ amountPaid: 5000, balance: 12950, status: 'open' });
    const rest = await acme.post('/invoices/inv_t_pay/payments', { amount: 12950, currency: 'USD', method: 'cash' });
    expect(rest.body.invoice).toMatchObject({ amountPaid: 17950, balance: 0, status: 'paid' });
    expect(await customerList(jordan, 'open')).not.toContain('inv_t_pay');
    expect(await customerList(jordan, 'paid')).toContain('inv_t_pay');
    const read = await acme.get('/invoices/inv_t_pay');
    expect(read.body.payments.map((p: { amount: number }) => p.amount)).toEqual([5000, 12950]);
  });

  test('more than the balance → 409; another currency → 400; a paid invoice takes nothing more; a future paidAt → 400', async () => {
    await acme.put('/invoices/inv_t_over', invoiceOnJob({ number: 'INV-T-OVER', taxAmount: 0 }));
    expect((await acme.post('/invoices/inv_t_over/payments', { amount: 17951, currency: 'USD', method: 'cash' })).status).toBe(409);
    const currency = await acme.post('/invoices/inv_t_over/payments', { amount: 100, currency: 'EUR', method: 'cash' });
    expect(currency.status).toBe(400);
    expect(currency.body.errors[0].field).toBe('currency');
    expect((await acme.post('/invoices/inv_t_over/payments', { amount: 100, currency: 'USD', method: 'cash', paidAt: iso(day) })).status).toBe(400);
    expect((await acme.post('/invoices/inv_t_over/payments', { amount: 100, currency: 'USD', method: 'card' })).status).toBe(400);
    expect((await acme.post('/invoices/inv_t_over/payments', { amount: 17950, currency: 'USD', method: 'cash' })).status).toBe(201);
    expect((await acme.post('/invoices/inv_t_over/payments', { amount: 1, currency: 'USD', method: 'cash' })).status).toBe(409);
    expect((await acme.get('/invoices/inv_t_over')).body).toMatchObject({ amountPaid: 17950, status: 'paid' });
    expect((await acme.post('/invoices/inv_nothing/payments', { amount: 1, currency: 'USD', method: 'cash' })).status).toBe(404);
  });

  test('an invoice with payments cannot have its total lowered below what is paid (409, unchanged), nor change currency or customer; raising it reopens it', async () => {
    await acme.put('/invoices/inv_t_lower', invoiceOnJob({ number: 'INV-T-LOWER', taxAmount: 0 }));
    await acme.post('/invoices/inv_t_lower/payments', { amount: 10000, currency: 'USD', method: 'check' });
    const lowered = await acme.put('/invoices/inv_t_lower', invoiceOnJob({ number: 'INV-T-LOWER', taxAmount: 0, lines: [{ description: 'Discounted', quantity: 1, unitAmount: 9999 }] }));
    expect(lowered.status).toBe(409);
    expect(lowered.headers.get('content-type')).toBe('application/problem+json');
    expect((await acme.get('/invoices/inv_t_lower')).body).toMatchObject({ total: 17950, amountPaid: 10000, version: 2 });
    expect((await acme.put('/invoices/inv_t_lower', invoiceOnJob({ number: 'INV-T-LOWER', taxAmount: 0, currency: 'CAD' }))).status).toBe(409);
    expect((await acme.put('/invoices/inv_t_lower', invoiceOnJob({ number: 'INV-T-LOWER', taxAmount: 0, customerId: demo.sam.id, jobId: null }))).status).toBe(409);
    // Down to exactly what was paid: paid. Up again: open, with the payments kept.
    const exact = await acme.put('/invoices/inv_t_lower', invoiceOnJob({ number: 'INV-T-LOWER', taxAmount: 0, lines: [{ description: 'Agreed price', quantity: 1, unitAmount: 10000 }] }));
    expect(exact.body).toMatchObject({ total: 10000, amountPaid: 10000, status: 'paid' });
    const raised = await acme.put('/invoices/inv_t_lower', invoiceOnJob({ number: 'INV-T-LOWER', taxAmount: 0, lines: [{ description: 'Extra work', quantity: 1, unitAmount: 15000 }] }));
    expect(raised.body).toMatchObject({ total: 15000, amountPaid: 10000, balance: 5000, status: 'open' });
  });

  test('the same payment retried with its Idempotency-Key is recorded once', async () => {
    await acme.put('/invoices/inv_t_idem', invoiceOnJob({ number: 'INV-T-IDEM', taxAmount: 0 }));
    const headers = { 'idempotency-key': 'pay-inv-t-idem-1' };
    const body = { amount: 2500, currency: 'USD', method: 'cash' };
    const first = await acme.post('/invoices/inv_t_idem/payments', body, headers);
    const again = await acme.post('/invoices/inv_t_idem/payments', body, headers);
    expect(first.status).toBe(201);
    expect(again.body.payment.id).toBe(first.body.payment.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await acme.get('/invoices/inv_t_idem')).body).toMatchObject({ amountPaid: 2500, payments: [expect.objectContaining({ amount: 2500 })] });
  });

  test('10 concurrent recordings of one payment apply it once; 10 different concurrent payments all apply', async () => {
    await acme.put('/invoices/inv_t_race', invoiceOnJob({ number: 'INV-T-RACE', taxAmount: 0 }));
    const deps = stepDepsFrom(stack.stores, stack.source.clock);
    const payment = (id: string, amount: number): InvoicePaymentRecord => ({ id, invoiceId: 'inv_t_race', paidAt: iso(0), method: 'cash', amount, currency: 'USD', reference: null, source: 'offline' });
    const same = await Promise.all(Array.from({ length: 10 }, () => recordInvoicePayment(acmeId(), payment('pay_t_same', 1000), deps)));
    expect(same.filter((r) => r.applied)).toHaveLength(1);
    await Promise.all(Array.from({ length: 10 }, (_, i) => recordInvoicePayment(acmeId(), payment(`pay_t_each_${i}`, 100), deps)));
    const invoice = (await stack.stores.invoices.getInvoice(acmeId(), 'inv_t_race', { consistent: true }))!;
    expect(invoice.amountPaid).toBe(1000 + 10 * 100);
    expect(invoice.appliedPaymentIds).toHaveLength(11);
    expect((await acme.get('/invoices/inv_t_race')).body.payments).toHaveLength(11);
  });

  test('crash convergence: a payment stored but not yet applied is not shown, and the retry applies it once', async () => {
    await acme.put('/invoices/inv_t_crash', invoiceOnJob({ number: 'INV-T-CRASH', taxAmount: 0 }));
    const payment: InvoicePaymentRecord = { id: 'pay_t_crash', invoiceId: 'inv_t_crash', paidAt: iso(0), method: 'check', amount: 7000, currency: 'USD', reference: null, source: 'offline' };
    // Step 1 as recordInvoicePayment does it, then a "crash" before step 2.
    expect(await stack.stores.invoices.putPayment(acmeId(), payment, iso(0), { customerId: demo.jordan.id, number: 'INV-T-CRASH' })).toBe(true);
    expect((await acme.get('/invoices/inv_t_crash')).body).toMatchObject({ amountPaid: 0, payments: [] });
    expect((await jordan.get<InvoiceDetail>('/api/invoices/inv_t_crash')).body.payments).toEqual([]);
    // The retry (same payment id) finds the item there and applies it; a further retry changes nothing.
    const deps = stepDepsFrom(stack.stores, stack.source.clock);
    expect((await recordInvoicePayment(acmeId(), payment, deps)).applied).toBe(true);
    expect((await recordInvoicePayment(acmeId(), payment, deps)).applied).toBe(false);
    expect((await acme.get('/invoices/inv_t_crash')).body).toMatchObject({ amountPaid: 7000, balance: 10950, payments: [expect.objectContaining({ id: 'pay_t_crash' })] });
  });

  test("a job's older summary never overwrites a newer balance: every write of the job moves its version", async () => {
    expect((await acme.put('/jobs/job_t_sum', jobBody(stack, demo.jordan.id, 3 * day, { number: 'J-T-SUM' }))).status).toBe(201);
    for (const id of ['inv_t_sum_a', 'inv_t_sum_b']) await acme.put(`/invoices/${id}`, invoiceOnJob({ number: id.toUpperCase(), jobId: 'job_t_sum', taxAmount: 0 }));
    const payment = (invoiceId: string, amount: number): InvoicePaymentRecord => ({ id: `pay_${invoiceId}`, invoiceId, paidAt: iso(0), method: 'cash', amount, currency: 'USD', reference: null, source: 'offline' });
    const deps = stepDepsFrom(stack.stores, stack.source.clock);
    const real = stack.stores.jobs;
    // The first payment's summary is held back until the second payment is recorded in full (its summary included).
    let held = false;
    const slow = Object.create(real) as typeof real;
    slow.putSummary = async (key, summary) => {
      if (!held) {
        held = true;
        await recordInvoicePayment(acmeId(), payment('inv_t_sum_b', 3_000), deps);
      }
      return real.putSummary(key, summary);
    };
    await recordInvoicePayment(acmeId(), payment('inv_t_sum_a', 5_000), { ...deps, jobs: slow });
    expect(held).toBe(true);
    const job = (await jordan.get<JobDetail>('/api/jobs/job_t_sum')).body;
    expect(job.totals.paid.amount).toBe(8_000);
    const card = (await jordan.get<{ items: { id: string; balance: { amount: number } | null }[] }>('/api/jobs?when=upcoming&limit=50')).body.items.find((j) => j.id === 'job_t_sum');
    expect(card?.balance?.amount).toBe(job.totals.balance.amount);
  });

  test("two payments on two invoices of one job racing: the job's sum read before the other's write is not written, and the job ends with both", async () => {
    expect((await acme.put('/jobs/job_t_race', jobBody(stack, demo.jordan.id, 3 * day, { number: 'J-T-RACE' }))).status).toBe(201);
    for (const id of ['inv_t_race_a', 'inv_t_race_b']) await acme.put(`/invoices/${id}`, invoiceOnJob({ number: id.toUpperCase(), jobId: 'job_t_race', taxAmount: 0 }));
    const payment = (invoiceId: string, amount: number): InvoicePaymentRecord => ({ id: `pay_${invoiceId}`, invoiceId, paidAt: iso(0), method: 'cash', amount, currency: 'USD', reference: null, source: 'offline' });
    const real = stack.stores.jobDocuments;
    const deps = stepDepsFrom(stack.stores, stack.source.clock);
    // The first payment's sum reads the job's invoices, and before it writes, the second payment is
    // recorded in full (its own sum included): the first sum is stale by then.
    let raced = false;
    const racing = {
      ...deps,
      jobDocuments: {
        listJobInvoices: async (businessId: string, jobId: string) => {
          const stale = await real.listJobInvoices(businessId, jobId);
          if (!raced) {
            raced = true;
            await recordInvoicePayment(acmeId(), payment('inv_t_race_b', 3_000), deps);
          }
          return stale;
        },
        listJobDocuments: real.listJobDocuments.bind(real),
        putJobDocumentRef: real.putJobDocumentRef.bind(real),
        deleteJobDocumentRef: real.deleteJobDocumentRef.bind(real),
      },
    };
    await recordInvoicePayment(acmeId(), payment('inv_t_race_a', 5_000), racing);
    expect(raced).toBe(true);
    expect((await stack.stores.jobs.getJob(acmeId(), 'job_t_race', { consistent: true }))!.paidAmount).toBe(8_000);
    expect((await jordan.get<JobDetail>('/api/jobs/job_t_race')).body.totals.paid.amount).toBe(8_000);
  });
});

describe("a job's balance due is its invoices' balances (issue 17, rough edge 8)", () => {
  test('after a part payment the job page, its invoice list, the invoice, the work history and the business API show one number; a changed total and a new invoice follow', async () => {
    const jobId = 'job_t_due';
    // $500.00 of work on the job; one $300.00 invoice for part of it.
    expect((await acme.put(`/jobs/${jobId}`, jobBody(stack, demo.jordan.id, 6 * day, { number: 'J-T-DUE', charges: [{ id: 'l1', description: 'Work', quantity: 1, unitAmount: 50_000 }], taxAmount: 0 }))).status).toBe(201);
    const invoice = (id: string, cents: number) => invoiceBody(stack, demo.jordan.id, { jobId, number: id.toUpperCase(), lines: [{ description: 'Work', quantity: 1, unitAmount: cents }], taxAmount: 0 });
    expect((await acme.put('/invoices/inv_t_due_a', invoice('inv_t_due_a', 30_000))).status).toBe(201);
    expect((await acme.post('/invoices/inv_t_due_a/payments', { amount: 12_000, currency: 'USD', method: 'check' })).status).toBe(201);

    /** Every place the job's balance is shown, and the invoices' own balances. */
    const everywhere = async () => {
      const page = (await jordan.get<JobDetail>(`/api/jobs/${jobId}`)).body;
      const history = (await jordan.get<{ items: { id: string; balance: { amount: number } }[] }>('/api/jobs?when=upcoming&limit=50')).body.items.find((j) => j.id === jobId)!;
      const business = (await acme.get(`/jobs/${jobId}`)).body as { totals: { balance: number; notInvoiced: number; invoiced: number; paid: number } };
      const invoices = await Promise.all(page.invoices.map(async (i) => (await jordan.get<InvoiceDetail>(`/api/invoices/${i.id}`)).body.balance));
      return { page: page.totals.balance.amount, list: page.invoices.reduce((sum, i) => sum + i.balance, 0), history: history.balance.amount, business: business.totals.balance, invoices: invoices.reduce((a, b) => a + b, 0), notInvoiced: page.totals.notInvoiced.amount, businessNotInvoiced: business.totals.notInvoiced };
    };
    const same = (due: number, notInvoiced: number) => ({ page: due, list: due, history: due, business: due, invoices: due, notInvoiced, businessNotInvoiced: notInvoiced });

    // $300.00 − $120.00: what the invoice says, not $500.00 − $120.00; the other $200.00 is not invoiced yet.
    expect(await everywhere()).toEqual(same(18_000, 20_000));
    expect((await acme.get('/invoices/inv_t_due_a')).body.balance).toBe(18_000);

    // The business raises the invoice to $350.00: the job follows.
    expect((await acme.put('/invoices/inv_t_due_a', invoice('inv_t_due_a', 35_000))).status).toBe(200);
    expect(await everywhere()).toEqual(same(23_000, 15_000));

    // A second invoice for the rest: nothing left uninvoiced, and both balances add up.
    expect((await acme.put('/invoices/inv_t_due_b', invoice('inv_t_due_b', 15_000))).status).toBe(201);
    expect(await everywhere()).toEqual(same(38_000, 0));
  });
});

describe('customer API: the portal\'s invoices', () => {
  test('Jordan\'s open list (soonest due first) and paid list (newest issued first): only Jordan\'s, paged with cursors', async () => {
    const open = await customerList(jordan, 'open');
    expect(open).toEqual(expect.arrayContaining(['inv_1063', 'inv_1080', 'inv_1090']));
    // Due in 2, 9 and 14 days.
    expect(open.indexOf('inv_1090')).toBeLessThan(open.indexOf('inv_1063'));
    expect(open.indexOf('inv_1063')).toBeLessThan(open.indexOf('inv_1080'));
    const paid = await customerList(jordan, 'paid');
    expect(paid).toEqual(expect.arrayContaining(['inv_1041', 'inv_1077']));
    expect(paid.indexOf('inv_1077')).toBeLessThan(paid.indexOf('inv_1041'));
    for (const foreign of ['inv_2001', 'inv_bc301']) expect([...open, ...paid]).not.toContain(foreign);
    expect(open.filter((id) => paid.includes(id))).toEqual([]);
    // The default is the open list.
    expect((await jordan.get<InvoiceListResponse>('/api/invoices?limit=100')).body.items.map((i) => i.id)).toEqual(await customerList(jordan, 'open'));
  });

  test('a summary carries what the list shows', async () => {
    const res = await jordan.get<InvoiceListResponse>('/api/invoices?status=open&limit=100');
    expect(res.body.items.find((i) => i.id === 'inv_1063')).toEqual({
      id: 'inv_1063', number: 'INV-1063', jobId: 'job_sk1063', issuedAt: expect.any(String), dueAt: expect.any(String),
      total: 26746, amountPaid: 10000, amountPending: 0, balance: 16746, currency: 'USD', status: 'open',
    });
  });

  test('one invoice: lines with amounts, totals and payments; another customer\'s or business\'s is a 404', async () => {
    const res = await jordan.get<InvoiceDetail>('/api/invoices/inv_1063');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number: 'INV-1063', subtotal: 26350, taxAmount: 396, total: 26746, amountPaid: 10000, amountRefunded: 0, balance: 16746 });
    expect(res.body.lines).toContainEqual({ description: 'Braided supply line', quantity: 2, unitAmount: 1250, amount: 2500 });
    expect(res.body.payments).toEqual([expect.objectContaining({ amount: 10000, method: 'check', currency: 'USD' })]);
    expect(JSON.stringify(res.body)).not.toMatch(/Check 1040|appliedPaymentIds|gsi|businessId/);
    for (const id of ['inv_2001', 'inv_bc301', 'inv_nothing']) {
      const other = await jordan.get(`/api/invoices/${id}`);
      expect({ id, status: other.status }).toEqual({ id, status: 404 });
      expect(other.headers.get('content-type')).toBe('application/problem+json');
    }
    // Bright Clean's Jordan sees only Bright Clean's invoice.
    const atBright = await signIn(stack, demo.jordanAtBrightClean.email, 'brightclean');
    expect(await customerList(atBright, 'open')).toEqual(['inv_bc301']);
    expect((await atBright.get('/api/invoices/inv_1063')).status).toBe(404);
  });

  test('signed out → 401; a bad status or cursor → 400 naming it; a cursor from the other list → 400', async () => {
    expect((await stack.client().get('/api/invoices')).status).toBe(401);
    const badStatus = await jordan.get('/api/invoices?status=overdue');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0].field).toBe('query.status');
    const first = await jordan.get<InvoiceListResponse>('/api/invoices?status=open&limit=1');
    expect(first.body.nextCursor).not.toBeNull();
    const crossed = await jordan.get(`/api/invoices?status=paid&cursor=${first.body.nextCursor}`);
    expect(crossed.status).toBe(400);
    expect(crossed.body.errors[0].field).toBe('query.cursor');
    expect((await jordan.get('/api/invoices?cursor=bm90LWpzb24')).status).toBe(400);
  });

  test('the job page lists its invoices; moving an invoice to another job moves it, and a stale pointer is never shown', async () => {
    const job = await jordan.get<JobDetail>('/api/jobs/job_sk1063');
    expect(job.body.invoices).toEqual([expect.objectContaining({ id: 'inv_1063', status: 'open', balance: 16746 })]);
    await acme.put('/invoices/inv_t_move', invoiceOnJob({ number: 'INV-T-MOVE', jobId: 'job_bl1102' }));
    expect((await jordan.get<JobDetail>('/api/jobs/job_bl1102')).body.invoices.map((i) => i.id)).toEqual(['inv_t_move']);
    await acme.put('/invoices/inv_t_move', invoiceOnJob({ number: 'INV-T-MOVE', jobId: 'job_fn1077' }));
    expect((await jordan.get<JobDetail>('/api/jobs/job_bl1102')).body.invoices).toEqual([]);
    expect((await jordan.get<JobDetail>('/api/jobs/job_fn1077')).body.invoices.map((i) => i.id)).toContain('inv_t_move');
    // A crash after the invoice moved but before its old pointer went: the pointer is there, the invoice is not shown.
    await stack.stores.jobDocuments.putJobDocumentRef(acmeId(), 'job_bl1102', 'invoice', 'inv_t_move');
    expect((await jordan.get<JobDetail>('/api/jobs/job_bl1102')).body.invoices).toEqual([]);
  });
});
