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
import { stepDepsFrom } from '../../shared/followups/step-deps';
import { applyPaymentEvent } from '../../shared/payments/apply-event';
import { sendCheckoutNotice } from '../../shared/payments/notices';
import { noticeClaimMs } from '../../shared/notifications/claims';
import { noticeOfMessage } from '../../shared/messages/notices';
import { demo } from '../../infra/local/seed';
import { signIn, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { invoiceBody, jobBody, listenForEvents } from '../../infra/local/testing/business-api';

let stack: TestStack;
let acme: BusinessClient;
let jordan: PortalClient;
let hooks: Awaited<ReturnType<typeof listenForEvents>>;

beforeAll(async () => {
  stack = await startTestStack();
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

/** Until `done()` (a crash in a queue consumer comes after the request has answered), for at most a second. */
async function waitFor(done: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  return done();
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
    const noticeDeps = { checkouts: stack.stores.checkouts, directory: stack.stores.directory, links: stack.stores.links, notifier: stack.outbox, clock: stack.source.clock, random: stack.source.random, portalOrigin: stack.url };
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
    expect(await withCrashAt('message-notice:claimed', async (crashed) => {
      expect((await acme.post(`/jobs/${jobId}/messages`, { text: 'Running late, there by 3.', notify: 'email' })).status).toBe(201);
      return waitFor(crashed);
    })).toBe(true);
    // The queue's retries find the claim live and come back later (longer than the local queue's
    // whole retry budget here, about 2 s, so a notice that was only retried would be dead-lettered by now).
    await new Promise((r) => setTimeout(r, 2_500));
    expect(sent()).toHaveLength(0);
    stack.advanceClock(noticeClaimMs + 1000);
    await stack.drainQueues();
    expect(sent()).toHaveLength(1);
    expect(stack.queues.notifications.deadLetters.length).toBe(deadBefore);
    const message = (await jordan.get<JobDetail>(`/api/jobs/${jobId}`)).body.messages.items[0]!;
    const job = { kind: 'job-message' as const, businessId: acmeId(), jobId, messageId: message.id, messageAt: message.at, channel: 'email' as const };
    const noticeDeps = { jobs: stack.stores.jobs, directory: stack.stores.directory, notifier: stack.outbox, clock: stack.source.clock, portalOrigin: stack.url };
    expect(await noticeOfMessage(job, noticeDeps)).toBe('already-sent');
    expect(sent()).toHaveLength(1);
  });
});

describe('link sends: a claim expires', () => {
  test('a crash between claiming a pay link\'s send and sending it: a later delivery sends it once, nothing is dead-lettered', async () => {
    await acme.put('/invoices/inv_fu_link', invoiceBody(stack, demo.jordan.id, { number: 'INV-FU-LINK', lines: [{ description: 'Visit', quantity: 1, unitAmount: 9_000 }] }));
    const sent = () => stack.outbox.messages().filter((m) => m.text.includes('INV-FU-LINK'));
    const deadBefore = stack.queues.notifications.deadLetters.length;
    expect(await withCrashAt('link-send:claimed', async (crashed) => {
      expect((await acme.post('/invoices/inv_fu_link/send', { channel: 'email' })).status).toBe(202);
      return waitFor(crashed);
    })).toBe(true);
    await new Promise((r) => setTimeout(r, 2_500));
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
