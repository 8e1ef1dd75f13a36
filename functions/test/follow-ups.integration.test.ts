/**
 * Follow-up steps finish without the client (docs/data-model.md, "Follow-up steps"; security.md
 * rule 48): for each multi-step write, a crash is injected after the deciding write and after
 * each step, no client retries, and the re-driver converges on the state a crash-free run ends
 * in: the same payments, invoices, job money, events by id and receipts. Races settle at the
 * write that decides (rule 49).
 */
import type { InvoiceDetail } from '../../shared/contract/customer/invoices';
import type { JobDetail } from '../../shared/contract/customer/jobs';
import type { StartCheckoutResponse } from '../../shared/contract/customer/payments';
import { InjectedCrash, withCrashAt } from '../../shared/followups/crash';
import { fastPathGraceMs } from '../../shared/followups/owed';
import { followUpShards } from '../../shared/followups/port';
import { stepDepsFrom } from '../../shared/steps/deps';
import { applyPaymentEvent } from '../../shared/paying/apply-event';
import { sendCheckoutNotice } from '../../shared/paying/notices';
import { noticeClaimMs } from '../../shared/notifications/claims';
import { noticeOfMessage } from '../../shared/messages/notices';
import { demo } from '../../infra/local/seed';
import { sentBy, signIn, startTestStack, tokenOf, waitFor, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { invoiceBody, jobBody, listenForEvents } from '../../infra/local/testing/business-api';

let stack: TestStack;
let acme: BusinessClient;
let jordan: PortalClient;
let hooks: Awaited<ReturnType<typeof listenForEvents>>;
/** What the handlers logged: the queue consumer's line for each message says its outcome. */
const logged: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: logged });
  acme = stack.business('acme');
  jordan = await signIn(stack, demo.jordan.email);
  hooks = await listenForEvents(acme, ['invoice.paid', 'invoice.payment_failed', 'estimate.approved']);
});
afterAll(async () => {
  await hooks.close();
  await stack.stop();
});

const day = 24 * 3600_000;
const acmeId = () => stack.demo.acme.business.id;

/** How many notices of this kind the notification consumer has put off so far (a live claim). */
const deferrals = (kind: string) =>
  logged.filter((line) => line.includes('"message":"queue message"') && line.includes(`"kind":"${kind}"`) && line.includes('"outcome":"deferred"')).length;
const deps = () => ({ ...stepDepsFrom(stack.stores, stack.source.clock, { webhooks: stack.queues.webhooks, notifications: stack.queues.notifications }), payments: stack.source.payments });

/** Distinct event ids delivered, of a type, about an invoice. */
function eventIds(type: string, invoiceId: string): string[] {
  const ids = new Set<string>();
  for (const h of hooks.received) {
    const body = JSON.parse(h.body) as { type: string; data: { invoiceId?: string } };
    if (body.type === type && body.data.invoiceId === invoiceId) ids.add(String(h.headers['webhook-id']));
  }
  return [...ids];
}

/** Items still owing steps, due by the far future: none once everything converged. */
async function stillOwed(): Promise<string[]> {
  const far = new Date(Date.now() + 365 * day).toISOString();
  const owners: string[] = [];
  for (let shard = 0; shard < followUpShards; shard++) for (const item of await stack.stores.followUps.listDue(shard, far, 100)) owners.push(`${item.owner.kind}:${item.owner.id}:${Object.keys(item.owed).join(',')}`);
  return owners;
}

async function redriveUntilQuiet(): Promise<number> {
  let steps = 0;
  for (let pass = 0; pass < 3; pass++) {
    stack.advanceClock(fastPathGraceMs + 1000);
    steps += (await stack.redrive()).stepsRun;
  }
  return steps;
}

/** A job with one invoice on it and one invoice without, and a card checkout for both that Stripe reports paid. */
async function paidCheckout(tag: string) {
  const jobId = `job_fu_${tag}`;
  expect((await acme.put(`/jobs/${jobId}`, jobBody(stack, demo.jordan.id, 3 * day, { number: `J-FU-${tag}` }))).status).toBe(201);
  const onJob = `inv_fu_${tag}_a`;
  const loose = `inv_fu_${tag}_b`;
  expect((await acme.put(`/invoices/${onJob}`, invoiceBody(stack, demo.jordan.id, { jobId, number: onJob.toUpperCase(), lines: [{ description: 'Work', quantity: 1, unitAmount: 4_000 }] }))).status).toBe(201);
  expect((await acme.put(`/invoices/${loose}`, invoiceBody(stack, demo.jordan.id, { number: loose.toUpperCase(), lines: [{ description: 'Parts', quantity: 1, unitAmount: 2_500 }] }))).status).toBe(201);
  const started = await jordan.post<StartCheckoutResponse>('/api/payments/checkout', { invoiceIds: [onJob, loose] });
  expect(started.status).toBe(201);
  const session = stack.stripe!.sessionAt(started.body.url)!;
  session.status = 'complete';
  session.payment_status = 'paid';
  session.payment_intent = { id: `pi_fu_${tag}`, method: 'card', status: 'succeeded' };
  const event = { id: `evt_fu_${tag}`, type: 'checkout.session.completed', account: session.account, livemode: false, created: Math.floor(Date.now() / 1000), object: { id: session.id, object: 'checkout.session', metadata: session.metadata } };
  return { jobId, onJob, loose, checkoutId: started.body.checkoutId, event };
}

/** What a paid checkout must end as, whatever crashed on the way. */
async function expectConverged(run: Awaited<ReturnType<typeof paidCheckout>>) {
  await stack.drainQueues();
  for (const [id, total] of [[run.onJob, 4_000], [run.loose, 2_500]] as const) {
    const invoice = (await jordan.get<InvoiceDetail>(`/api/invoices/${id}`)).body;
    expect(invoice).toMatchObject({ status: 'paid', amountPaid: total, balance: 0 });
    expect(invoice.payments).toHaveLength(1);
    expect(eventIds('invoice.paid', id)).toHaveLength(1);
  }
  const job = (await jordan.get<JobDetail>(`/api/jobs/${run.jobId}`)).body;
  expect(job.totals.paid.amount).toBe(4_000);
  expect(job.payments.items).toHaveLength(1);
  const history = await jordan.get<{ items: { id: string; balance: { amount: number } | null }[] }>('/api/jobs?when=upcoming&limit=50');
  expect(history.body.items.find((j) => j.id === run.jobId)?.balance?.amount ?? 0).toBe(job.totals.balance.amount);
  expect(stack.outbox.messages().filter((m) => m.subject?.startsWith('Receipt from') && m.text.includes(run.onJob.toUpperCase()))).toHaveLength(1);
  expect((await stillOwed()).filter((owner) => owner.includes(run.checkoutId) || owner.includes(run.onJob) || owner.includes(run.loose))).toEqual([]);
}

describe('a Stripe payment finishes after a crash at any point, with no retry', () => {
  test('crash-free: the request itself runs every step', async () => {
    const run = await paidCheckout('clean');
    expect((await applyPaymentEvent(run.event, deps())).outcome).toBe('paid');
    await expectConverged(run);
  });

  // After the deciding write (the checkout is paid), after each invoice's payment, after the
  // ledger write of an invoice, after the job's money, after an event, after the receipt's queueing.
  const points = ['checkout:decided', 'invoice:decided', 'invoice:job-money', 'invoice:event', 'checkout:checkout-payment', 'checkout:notice'];
  test.each(points)('crash at %s: the re-driver converges on the crash-free state', async (point) => {
    const run = await paidCheckout(point.replace(/[^a-z]/g, ''));
    expect(await withCrashAt(point, async (crashed) => {
      await expect(applyPaymentEvent(run.event, deps())).rejects.toThrow(InjectedCrash);
      return crashed();
    })).toBe(true);
    // No Stripe retry, no client: only the re-driver.
    expect(await redriveUntilQuiet()).toBeGreaterThan(0);
    await expectConverged(run);
  });

  test.each(points)('crash at %s, then a duplicate and a reordered delivery: nothing doubled', async (point) => {
    const run = await paidCheckout(`dup${point.replace(/[^a-z]/g, '')}`);
    await withCrashAt(point, () => expect(applyPaymentEvent(run.event, deps())).rejects.toThrow(InjectedCrash));
    // Stripe retries, and a later event overtakes it; both only nudge towards what Stripe says now.
    await Promise.all([applyPaymentEvent(run.event, deps()), applyPaymentEvent({ ...run.event, id: `${run.event.id}_async`, type: 'checkout.session.async_payment_succeeded' }, deps())]);
    await redriveUntilQuiet();
    await expectConverged(run);
  });

  test('a duplicate and a reordered delivery after a crash change nothing', async () => {
    const run = await paidCheckout('dup');
    await withCrashAt('invoice:decided', () => expect(applyPaymentEvent(run.event, deps())).rejects.toThrow(InjectedCrash));
    // Stripe does retry here: the retry runs what is owed; a second event after it finds it done.
    await applyPaymentEvent(run.event, deps());
    await applyPaymentEvent({ ...run.event, id: `${run.event.id}_async`, type: 'checkout.session.async_payment_succeeded' }, deps());
    await redriveUntilQuiet();
    await expectConverged(run);
  });
});

describe('receipts: a claim expires', () => {
  test('a crash between the claim and the send is sent by the redelivery once the claim expired, and only once', async () => {
    const run = await paidCheckout('claim');
    // Decided, then a crash before any step: no receipt is queued yet, so the only deliveries of
    // it are this test's own. (Crashing after the notice step instead queued one, which the
    // stack's consumer could take the claim with before the delivery below: a race, not a test.)
    await withCrashAt('checkout:decided', () => expect(applyPaymentEvent(run.event, deps())).rejects.toThrow(InjectedCrash));
    const job = { kind: 'receipt' as const, businessId: acmeId(), checkoutId: run.checkoutId, requestedAt: new Date().toISOString() };
    const noticeDeps = { checkouts: stack.stores.checkouts, directory: stack.stores.directory, links: stack.stores.links, optOuts: stack.stores.optOuts, notifier: stack.outbox, clock: stack.source.clock, random: stack.source.random, portalOrigin: stack.url };
    await withCrashAt('notice:claimed', () => expect(sendCheckoutNotice(job, noticeDeps)).rejects.toThrow(InjectedCrash));
    // A redelivery while the claim is live does not send, and asks to be retried later.
    await expect(sendCheckoutNotice(job, noticeDeps)).rejects.toThrow(/being sent/);
    stack.advanceClock(noticeClaimMs + 1000);
    expect(await sendCheckoutNotice(job, noticeDeps)).toBe('sent');
    expect(await sendCheckoutNotice(job, noticeDeps)).toBe('already-sent');
    await redriveUntilQuiet();
    await expectConverged(run);
  });
});

describe('message notices: a claim expires', () => {
  test('a crash between the claim and the send: the redelivery is deferred while the claim lives, then sends once; nothing is dead-lettered', async () => {
    const jobId = 'job_fu_notice';
    expect((await acme.put(`/jobs/${jobId}`, jobBody(stack, demo.jordan.id, 3 * day, { number: 'J-FU-NOTICE' }))).status).toBe(201);
    const sent = () => stack.outbox.messages().filter((m) => m.text.includes('Running late, there by 3.'));
    const deadBefore = stack.queues.notifications.deadLetters.length;
    const deferredBefore = deferrals('job-message');
    expect(await withCrashAt('message-notice:claimed', async (crashed) => {
      expect((await acme.post(`/jobs/${jobId}/messages`, { text: 'Running late, there by 3.', notify: 'email' })).status).toBe(201);
      return waitFor(crashed);
    })).toBe(true);
    // The redelivery finds the claim live and is put off (a new message for later, not a failure the
    // queue would retry and dead-letter), again and again while the claim lives.
    await waitFor(() => deferrals('job-message') >= deferredBefore + 3);
    expect(deferrals('job-message')).toBeGreaterThanOrEqual(deferredBefore + 3);
    expect(sent()).toHaveLength(0);
    stack.advanceClock(noticeClaimMs + 1000);
    await stack.drainQueues();
    expect(sent()).toHaveLength(1);
    expect(stack.queues.notifications.deadLetters.length).toBe(deadBefore);
    const message = (await jordan.get<JobDetail>(`/api/jobs/${jobId}`)).body.messages.items[0]!;
    const job = { kind: 'job-message' as const, businessId: acmeId(), jobId, messageId: message.id, messageAt: message.at, channel: 'email' as const };
    const noticeDeps = { jobs: stack.stores.jobs, directory: stack.stores.directory, optOuts: stack.stores.optOuts, notifier: stack.outbox, clock: stack.source.clock, portalOrigin: stack.url };
    expect(await noticeOfMessage(job, noticeDeps)).toBe('already-sent');
    expect(sent()).toHaveLength(1);
  });
});

describe('link sends: a claim expires', () => {
  test('a crash between claiming a pay link\'s send and sending it: a later delivery sends it once, nothing is dead-lettered', async () => {
    await acme.put('/invoices/inv_fu_link', invoiceBody(stack, demo.jordan.id, { number: 'INV-FU-LINK', lines: [{ description: 'Visit', quantity: 1, unitAmount: 9_000 }] }));
    const sent = () => stack.outbox.messages().filter((m) => m.text.includes('INV-FU-LINK'));
    const deadBefore = stack.queues.notifications.deadLetters.length;
    const deferredBefore = deferrals('object-link');
    expect(await withCrashAt('link-send:claimed', async (crashed) => {
      expect((await acme.post('/invoices/inv_fu_link/send', { channel: 'email' })).status).toBe(202);
      return waitFor(crashed);
    })).toBe(true);
    await waitFor(() => deferrals('object-link') >= deferredBefore + 3);
    expect(deferrals('object-link')).toBeGreaterThanOrEqual(deferredBefore + 3);
    expect(sent()).toHaveLength(0);
    stack.advanceClock(noticeClaimMs + 1000);
    await stack.drainQueues();
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.link).toMatch(/\/acme\/pay#token=/);
    expect(stack.queues.notifications.deadLetters.length).toBe(deadBefore);
  });
});

describe('offline payments race for the balance', () => {
  test('two concurrent cash payments of 80.00 on a 100.00 invoice: one 201, one 409, and the invoice is never above its total', async () => {
    for (let round = 0; round < 5; round++) {
      const id = `inv_fu_cash_${round}`;
      await acme.put(`/invoices/${id}`, invoiceBody(stack, demo.jordan.id, { number: id.toUpperCase(), lines: [{ description: 'Visit', quantity: 1, unitAmount: 10_000 }] }));
      const pay = () => acme.post(`/invoices/${id}/payments`, { amount: 8_000, currency: 'USD', method: 'cash' });
      const statuses = (await Promise.all([pay(), pay()])).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);
      expect((await acme.get(`/invoices/${id}`)).body).toMatchObject({ amountPaid: 8_000 });
    }
  });
});

describe('moving a paid invoice between jobs', () => {
  test('two moves whose steps run out of order (the first one\'s after a crash, after the second\'s) leave the invoice filed where it is and both jobs summed right', async () => {
    const [x, y] = ['job_fu_order_x', 'job_fu_order_y'];
    for (const [id, n] of [[x, 'X'], [y, 'Y']] as const) expect((await acme.put(`/jobs/${id}`, jobBody(stack, demo.jordan.id, 5 * day, { number: `J-FU-ORDER-${n}` }))).status).toBe(201);
    const body = invoiceBody(stack, demo.jordan.id, { jobId: x, number: 'INV-FU-ORDER', lines: [{ description: 'Work', quantity: 1, unitAmount: 7_000 }] });
    await acme.put('/invoices/inv_fu_order', body);
    expect((await acme.post('/invoices/inv_fu_order/payments', { amount: 7_000, currency: 'USD', method: 'cash' })).status).toBe(201);
    // To Y, crashing before its steps; then back to X, in full; then the re-driver runs the first move's steps.
    await withCrashAt('invoice:decided', async () => expect((await acme.put('/invoices/inv_fu_order', { ...body, jobId: y })).status).toBe(500));
    expect((await acme.put('/invoices/inv_fu_order', body)).status).toBe(200);
    await redriveUntilQuiet();
    const [onX, onY] = [(await jordan.get<JobDetail>(`/api/jobs/${x}`)).body, (await jordan.get<JobDetail>(`/api/jobs/${y}`)).body];
    expect(onX.invoices.map((i) => i.id)).toContain('inv_fu_order');
    expect(onX.totals.paid.amount).toBe(7_000);
    expect(onY.invoices.map((i) => i.id)).not.toContain('inv_fu_order');
    expect(onY.totals.paid.amount).toBe(0);
  });

  test('a crash after the write: the re-driver files it and sums both jobs; a retried PUT of the same fields finishes it too', async () => {
    const [from, to] = ['job_fu_move_from', 'job_fu_move_to'];
    for (const [id, n] of [[from, 'A'], [to, 'B']] as const) expect((await acme.put(`/jobs/${id}`, jobBody(stack, demo.jordan.id, 4 * day, { number: `J-FU-MOVE-${n}` }))).status).toBe(201);
    const body = invoiceBody(stack, demo.jordan.id, { jobId: from, number: 'INV-FU-MOVE', lines: [{ description: 'Work', quantity: 1, unitAmount: 6_000 }] });
    await acme.put('/invoices/inv_fu_move', body);
    expect((await acme.post('/invoices/inv_fu_move/payments', { amount: 6_000, currency: 'USD', method: 'check' })).status).toBe(201);
    expect((await jordan.get<JobDetail>(`/api/jobs/${from}`)).body.totals.paid.amount).toBe(6_000);

    await withCrashAt('invoice:decided', async () => expect((await acme.put('/invoices/inv_fu_move', { ...body, jobId: to })).status).toBe(500));
    await redriveUntilQuiet();
    expect((await jordan.get<JobDetail>(`/api/jobs/${to}`)).body).toMatchObject({ totals: { paid: { amount: 6_000 } } });
    expect((await jordan.get<JobDetail>(`/api/jobs/${to}`)).body.invoices.map((i) => i.id)).toContain('inv_fu_move');
    expect((await jordan.get<JobDetail>(`/api/jobs/${from}`)).body.totals.paid.amount).toBe(0);

    // And back, crashing again, then only the business's retry of the same PUT (no re-driver).
    await withCrashAt('invoice:decided', async () => expect((await acme.put('/invoices/inv_fu_move', body)).status).toBe(500));
    expect((await acme.put('/invoices/inv_fu_move', body)).status).toBe(200);
    expect((await jordan.get<JobDetail>(`/api/jobs/${from}`)).body.totals.paid.amount).toBe(6_000);
    expect((await jordan.get<JobDetail>(`/api/jobs/${to}`)).body.totals.paid.amount).toBe(0);
    expect(await stillOwed()).toEqual([]);
  });
});

describe("a job's balance due follows every invoice write that can move it, whatever crashed", () => {
  /** The job page's balance due and "not invoiced yet", its work-history balance, and the sum of its invoices' own balances. */
  async function jobMoney(jobId: string) {
    const page = (await jordan.get<JobDetail>(`/api/jobs/${jobId}`)).body;
    const history = await jordan.get<{ items: { id: string; balance: { amount: number } }[] }>('/api/jobs?when=upcoming&limit=50');
    const invoices = await Promise.all(page.invoices.map(async (i) => (await jordan.get<InvoiceDetail>(`/api/invoices/${i.id}`)).body.balance));
    return { due: page.totals.balance.amount, notInvoiced: page.totals.notInvoiced.amount, history: history.body.items.find((j) => j.id === jobId)?.balance.amount, invoices: invoices.reduce((a, b) => a + b, 0) };
  }
  const expectMoney = async (jobId: string, due: number, notInvoiced: number) => expect(await jobMoney(jobId)).toEqual({ due, notInvoiced, history: due, invoices: due });

  // After the deciding write, after the job's pointer, after the job's money.
  const points = ['invoice:decided', 'invoice:job-pointer', 'invoice:job-money'];
  test.each(points)('crash at %s of a new invoice on a job, then of a raised total, then of a move off the job: only the re-driver, and the job shows its invoices\' balances', async (point) => {
    const tag = point.replace(/[^a-z]/g, '');
    const jobId = `job_fu_due_${tag}`;
    // $500.00 of work; a $200.00 invoice already on it, $50.00 paid.
    expect((await acme.put(`/jobs/${jobId}`, jobBody(stack, demo.jordan.id, 6 * day, { number: `J-FU-DUE-${tag}`, charges: [{ id: 'l1', description: 'Work', quantity: 1, unitAmount: 50_000 }] }))).status).toBe(201);
    const body = (id: string, cents: number, onJob: string | null = jobId) => invoiceBody(stack, demo.jordan.id, { jobId: onJob, number: id.toUpperCase(), lines: [{ description: 'Work', quantity: 1, unitAmount: cents }] });
    const first = `inv_fu_due_${tag}_a`;
    const second = `inv_fu_due_${tag}_b`;
    expect((await acme.put(`/invoices/${first}`, body(first, 20_000))).status).toBe(201);
    expect((await acme.post(`/invoices/${first}/payments`, { amount: 5_000, currency: 'USD', method: 'cash' })).status).toBe(201);
    await expectMoney(jobId, 15_000, 30_000);

    // A new $100.00 invoice on the job.
    expect(await withCrashAt(point, async (crashed) => {
      expect((await acme.put(`/invoices/${second}`, body(second, 10_000))).status).toBe(500);
      return crashed();
    })).toBe(true);
    await redriveUntilQuiet();
    await expectMoney(jobId, 25_000, 20_000);

    // Its total raised to $150.00.
    await withCrashAt(point, async () => expect((await acme.put(`/invoices/${second}`, body(second, 15_000))).status).toBe(500));
    await redriveUntilQuiet();
    await expectMoney(jobId, 30_000, 15_000);

    // The part-paid first invoice moved off the job.
    await withCrashAt(point, async () => expect((await acme.put(`/invoices/${first}`, body(first, 20_000, null))).status).toBe(500));
    await redriveUntilQuiet();
    await expectMoney(jobId, 15_000, 35_000);
    expect((await stillOwed()).filter((owner) => owner.includes(first) || owner.includes(second))).toEqual([]);
  });
});

describe('confirmations of an approval and a booking: sent once, in the customer\'s language, whatever crashed', () => {
  /** A Spanish-reading customer of their own, an estimate sent to them by email, and an open slot. */
  async function estimateFor(tag: string) {
    const customerId = `cus_fu_conf_${tag}`;
    const email = `${customerId}@example.com`;
    expect((await acme.put(`/customers/${customerId}`, { name: 'Ana Morales', email, language: 'es' })).status).toBe(201);
    const estimateId = `est_fu_conf_${tag}`;
    const now = stack.source.clock.now().getTime();
    const body = {
      customerId,
      number: `E-${tag.toUpperCase()}`,
      title: 'Calentador; nuevo, instalado',
      currency: 'USD',
      expiresAt: new Date(now + 30 * day).toISOString(),
      terms: 'Garantía de un año.',
      options: [{ id: 'only', name: 'Estándar', lines: [{ description: 'Calentador', quantity: 1, unitAmount: 120_000 }], taxAmount: 0 }],
      signature: 'typed',
      deposit: null,
      scheduling: { durationMinutes: 120 },
      address: { line1: '1234 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
    };
    expect((await acme.put(`/estimates/${estimateId}`, body)).status).toBe(201);
    const { sent } = await sentBy(stack, () => acme.post(`/estimates/${estimateId}/send`, { channel: 'email' }));
    const token = tokenOf(sent[0]!.link!);
    const slotId = `slot_fu_conf_${tag}`;
    const start = new Date(Math.ceil((now + 10 * day) / hour) * hour + (Object.keys(slotsMade).length % 20) * 3 * hour);
    slotsMade[slotId] = true;
    expect((await acme.put(`/slots/${slotId}`, { start: start.toISOString(), end: new Date(start.getTime() + 2 * hour).toISOString() })).status).toBe(201);
    const approve = () => stack.client().postWithLink(`/api/estimates/${estimateId}/approve`, token, { version: 1, optionId: 'only', signature: { name: 'Ana Morales' }, acceptTerms: true }, { 'idempotency-key': `approve-${tag}` });
    const book = () => stack.client().postWithLink(`/api/estimates/${estimateId}/schedule`, token, { slotId }, { 'idempotency-key': `book-${tag}` });
    const sentTo = (subject: RegExp) => stack.outbox.messages().filter((m) => m.to === email && subject.test(m.subject ?? ''));
    return { estimateId, approve, book, approvals: () => sentTo(/^Aprobó el presupuesto/), bookings: () => sentTo(/^Su visita con/) };
  }
  const hour = 3600_000;
  const slotsMade: Record<string, true> = {};

  test('crash-free: one approval confirmation with a link that opens the estimate (and its signed PDF), one booking confirmation with the time in the business\'s zone and a calendar file', async () => {
    const run = await estimateFor('clean');
    expect((await run.approve()).status).toBe(200);
    await stack.drainQueues();
    const [approval] = run.approvals();
    expect(run.approvals()).toHaveLength(1);
    expect(approval!.text).toMatch(/^Hola, Ana:\n\nGracias: el .+ aprobó Estándar del presupuesto E-CLEAN \(Calentador; nuevo, instalado\), por \$1,200\.00\./);
    expect(approval!.text).toContain('Abra el presupuesto y descargue el PDF firmado, sin iniciar sesión:');
    const opened = await stack.client().getWithLink('/api/link', tokenOf(approval!.link!));
    expect(opened.body).toMatchObject({ kind: 'estimate', id: run.estimateId });
    expect((await stack.client().getWithLink(`/api/estimates/${run.estimateId}/pdf`, tokenOf(approval!.link!))).status).toBe(200);

    expect((await run.book()).status).toBe(200);
    await stack.drainQueues();
    expect(run.bookings()).toHaveLength(1);
    const [booking] = run.bookings();
    expect(booking!.text).toMatch(/Su visita para Calentador; nuevo, instalado quedó reservada para el:\n\p{Ll}{3}, \d{1,2} de \p{Ll}{3}.* · \d{1,2}:00\u00a0[ap]\.\s?m\./u);
    expect(booking!.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const [ics] = booking!.attachments ?? [];
    expect(ics).toMatchObject({ filename: 'visit.ics', contentType: expect.stringMatching(/^text\/calendar/) });
    expect(ics!.content).toMatch(/\r\nDTSTART:\d{8}T\d{6}Z\r\nDTEND:\d{8}T\d{6}Z\r\n/);
    // The business's text is escaped: its semicolon and comma cannot start a new property.
    expect(ics!.content).toContain('SUMMARY:Acme Plumbing & Heating: Calentador\\; nuevo\\, instalado\r\n');
    expect(await stillOwed()).toEqual([]);
  });

  // After the deciding write, after its event, after the confirmation was queued (the step not yet crossed off).
  test.each(['estimate:decided', 'estimate:event', 'estimate:estimate-confirmation'])('approval, crash at %s: with no retry, the re-driver sends one confirmation', async (point) => {
    const run = await estimateFor(`a${point.replace(/[^a-z]/g, '').slice(8, 20)}`);
    expect(await withCrashAt(point, async (crashed) => {
      expect((await run.approve()).status).toBe(500);
      return crashed();
    })).toBe(true);
    await stack.drainQueues();
    expect(run.approvals().length).toBeLessThanOrEqual(1);
    await redriveUntilQuiet();
    await stack.drainQueues();
    expect(run.approvals()).toHaveLength(1);
    // The customer's retry of the same request finds it done: still one.
    expect((await run.approve()).status).toBe(200);
    await redriveUntilQuiet();
    await stack.drainQueues();
    expect(run.approvals()).toHaveLength(1);
  });

  test.each(['estimate:booking-job', 'estimate:booking-deposit', 'estimate:event', 'estimate:estimate-confirmation'])('booking, crash at %s: with no retry, the re-driver sends one confirmation', async (point) => {
    const run = await estimateFor(`b${point.replace(/[^a-z]/g, '').slice(8, 20)}`);
    expect((await run.approve()).status).toBe(200);
    expect(await withCrashAt(point, async (crashed) => {
      expect((await run.book()).status).toBe(500);
      return crashed();
    })).toBe(true);
    await redriveUntilQuiet();
    await stack.drainQueues();
    expect(run.bookings()).toHaveLength(1);
    expect((await run.book()).status).toBe(200);
    await redriveUntilQuiet();
    await stack.drainQueues();
    expect(run.bookings()).toHaveLength(1);
    expect(run.approvals()).toHaveLength(1);
  });
});
