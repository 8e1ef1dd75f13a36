/**
 * Paying invoices through Stripe, end to end against the local Stripe sandbox (the real SDK on
 * both sides): starting a checkout, the webhook's signature (security.md 15), exactly once under
 * duplicates (16), out of order (17), ACH that fails (18), an amount that differs (19), another
 * account or mode (20), a crash half-way (22), receipts and events out.
 */
import Stripe from 'stripe';
import { stepDepsFrom } from '../../shared/steps/deps';
import { Webhook } from 'standardwebhooks';
import type { CheckoutStatusResponse, StartCheckoutResponse } from '../../shared/contract/customer/payments';
import type { InvoiceDetail } from '../../shared/contract/customer/invoices';
import type { JobDetail, JobListResponse } from '../../shared/contract/customer/jobs';
import type { MeResponse } from '../../shared/contract/customer/portal';
import { recordInvoicePayment } from '../../shared/invoices/record-payment';
import { paymentIdOf } from '../../shared/paying/apply-event';
import { demo, demoStripeAccount } from '../../infra/local/seed';
import { newestToken, signIn, tokenOf, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { invoiceBody, jobBody, listenForEvents, sentLinkToken, type ReceivedHook } from '../../infra/local/testing/business-api';
import { completeCheckout, disputeCheckout, refundCheckout } from '../../infra/local/testing/stripe';
import type { SandboxOutcome } from '../../infra/local/stripe-sandbox';
import type { IncomingMessage } from 'node:http';
import { toEvent } from '../../infra/local/gateway';
import { lambdaContext } from '../../infra/local/lambda-context';
import { routeByName } from '../../shared/routes';

let stack: TestStack;
let acme: BusinessClient;
let jordan: PortalClient;
let hooks: Awaited<ReturnType<typeof listenForEvents>>;
const logLines: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: logLines });
  acme = stack.business('acme');
  jordan = await signIn(stack, demo.jordan.email);
  hooks = await listenForEvents(acme, ['invoice.paid', 'invoice.payment_failed', 'payment.refunded', 'payment.disputed']);
});
afterAll(async () => {
  await hooks.close();
  await stack.stop();
});

const day = 24 * 3600_000;
const acmeId = () => stack.demo.acme.business.id;
const sandbox = () => stack.stripe!;

/** A fresh open invoice of Jordan's, so each test pays its own. */
async function newInvoice(id: string, cents: number, currency = 'USD') {
  const res = await acme.put(`/invoices/${id}`, invoiceBody(stack, demo.jordan.id, { number: id.toUpperCase(), currency, lines: [{ description: 'Work', quantity: 1, unitAmount: cents }] }));
  expect(res.status).toBe(201);
}

async function checkout(invoiceIds: string[], amount?: number): Promise<StartCheckoutResponse> {
  const res = await jordan.post<StartCheckoutResponse>('/api/payments/checkout', amount === undefined ? { invoiceIds } : { invoiceIds, amount });
  expect(res.status).toBe(201);
  return res.body;
}

const complete = (url: string, outcome: SandboxOutcome, options: { deliveries?: number; reversed?: boolean } = {}) => completeCheckout(stack, url, outcome, options);

const invoice = async (id: string) => (await jordan.get<InvoiceDetail>(`/api/invoices/${id}`)).body;
const status = async (checkoutId: string) => (await jordan.get<CheckoutStatusResponse>(`/api/payments/checkout/${checkoutId}`)).body;
const receiptsFor = (checkoutNumbers: string) => stack.outbox.messages().filter((m) => m.subject?.startsWith('Receipt from') && m.text.includes(checkoutNumbers));
/** Distinct events delivered (retries share an id) of a type, about an invoice. */
function eventsOut(type: string, invoiceId: string): ReceivedHook[] {
  const seen = new Map<string, ReceivedHook>();
  for (const h of hooks.received) {
    const body = JSON.parse(h.body) as { type: string; data: { invoiceId?: string } };
    if (body.type === type && body.data.invoiceId === invoiceId) seen.set(String(h.headers['webhook-id']), h);
  }
  return [...seen.values()];
}

/** Signs a Stripe event for the portal's webhook exactly as Stripe would (or as told not to). */
async function postEvent(event: Record<string, unknown>, options: { secret?: string; timestamp?: number; tamper?: boolean; header?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const secret = options.secret ?? (await stack.source.secrets.stripe()).webhookSecret;
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
  const body = options.tamper ? payload.replace('"livemode":false', '"livemode":false ') : payload;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.header !== null) headers['stripe-signature'] = options.header ?? signature;
  const res = await fetch(`${stack.url}/api/stripe/webhook`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

const sessionEvent = (type: string, sessionId: string, overrides: Record<string, unknown> = {}) => {
  const session = [...sandbox().sessions.values()].find((s) => s.id === sessionId)!;
  return { id: `evt_test_${Math.random().toString(36).slice(2)}`, object: 'event', type, account: session.account, livemode: false, created: Math.floor(Date.now() / 1000), data: { object: { id: session.id, object: 'checkout.session', metadata: session.metadata } }, ...overrides };
};

describe('starting a checkout', () => {
  test('the portal tells who takes payments: Acme does, Bright Clean (no Stripe account) does not', async () => {
    expect((await jordan.get<MeResponse>('/api/me')).body.business.payments).toEqual({ enabled: true, methods: { ach: true, affirm: true, klarna: true }, partialPayments: { allowed: true, minimumAmount: 1000 } });
    expect((await stack.client().get('/api/portals/brightclean')).body.payments.enabled).toBe(false);
    const atBright = await signIn(stack, demo.jordanAtBrightClean.email, 'brightclean');
    const refused = await atBright.post('/api/payments/checkout', { invoiceIds: ['inv_bc301'] });
    expect(refused.status).toBe(409);
    expect(sandbox().sessions.size).toBe(0);
  });

  test('two invoices in one Stripe Checkout on Acme\'s account, one line each; the same request again gets the same checkout', async () => {
    await newInvoice('inv_p_two_a', 12_000);
    await newInvoice('inv_p_two_b', 8_000);
    const before = sandbox().sessions.size;
    const [first, again] = await Promise.all([checkout(['inv_p_two_a', 'inv_p_two_b']), checkout(['inv_p_two_a', 'inv_p_two_b'])]);
    expect(again).toEqual(first);
    expect(sandbox().sessions.size).toBe(before + 1);
    const session = sandbox().sessionAt(first.url)!;
    expect(session).toMatchObject({ account: demoStripeAccount, amount_total: 20_000, currency: 'usd', metadata: { businessId: acmeId(), checkoutId: first.checkoutId } });
    expect(session.line_items).toEqual([{ name: 'Invoice INV_P_TWO_A', amount: 12_000 }, { name: 'Invoice INV_P_TWO_B', amount: 8_000 }]);
    expect(session.allowed_payment_method_types).toEqual(['card', 'us_bank_account', 'affirm', 'klarna']);
    expect(session.success_url).toBe(`${stack.url}/acme/payments/${first.checkoutId}`);
    expect(await status(first.checkoutId)).toMatchObject({ status: 'open', amount: 20_000, currency: 'USD' });
  });

  test('what may be paid: not another customer\'s invoice (404), nothing already paid (409), a part only of one invoice and within the rules (400)', async () => {
    await newInvoice('inv_p_rules', 5_000);
    const cases: [Record<string, unknown>, number, string?][] = [
      [{ invoiceIds: ['inv_2001'] }, 404],
      [{ invoiceIds: ['inv_bc301'] }, 404],
      [{ invoiceIds: ['inv_1041'] }, 409],
      [{ invoiceIds: ['inv_p_rules', 'inv_1080'], amount: 2_000 }, 400, 'amount'],
      [{ invoiceIds: ['inv_p_rules'], amount: 999 }, 400, 'amount'],
      [{ invoiceIds: ['inv_p_rules'], amount: 5_001 }, 400, 'amount'],
      [{ invoiceIds: [] }, 400, 'invoiceIds'],
      [{ invoiceIds: ['inv_p_rules', 'inv_p_rules'] }, 400, 'invoiceIds'],
      [{ invoiceIds: ['inv_p_rules'], amount: 12.5 }, 400, 'amount'],
    ];
    const sessions = sandbox().sessions.size;
    for (const [body, code, field] of cases) {
      const res = await jordan.post('/api/payments/checkout', body);
      expect({ body, status: res.status }).toEqual({ body, status: code });
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(sandbox().sessions.size).toBe(sessions);
    expect((await stack.client().post('/api/payments/checkout', { invoiceIds: ['inv_p_rules'] })).status).toBe(401);
  });
});

describe('the webhook records each payment exactly once', () => {
  test('card: both invoices paid, one receipt naming both, one signed invoice.paid each', async () => {
    await newInvoice('inv_p_card_a', 3_000);
    await newInvoice('inv_p_card_b', 4_500);
    const { checkoutId, url } = await checkout(['inv_p_card_a', 'inv_p_card_b']);
    await complete(url, 'card');
    expect(await status(checkoutId)).toMatchObject({ status: 'paid', method: 'card', invoices: [{ id: 'inv_p_card_a', status: 'paid' }, { id: 'inv_p_card_b', status: 'paid' }] });
    expect(await invoice('inv_p_card_a')).toMatchObject({ status: 'paid', balance: 0, payments: [{ method: 'card', amount: 3_000 }] });
    expect(receiptsFor('INV_P_CARD_A')).toHaveLength(1);
    expect(receiptsFor('INV_P_CARD_A')[0]!.text).toMatch(/\$75\.00 by card[\s\S]*INV_P_CARD_A: \$30\.00[\s\S]*INV_P_CARD_B: \$45\.00/);
    for (const id of ['inv_p_card_a', 'inv_p_card_b']) {
      const [delivered] = eventsOut('invoice.paid', id);
      expect(eventsOut('invoice.paid', id)).toHaveLength(1);
      // Signed with the endpoint's secret (the test clock runs ahead of the real one, so the signature is checked, not the timestamp's age).
      const at = new Date(Number(delivered!.headers['webhook-timestamp']) * 1000);
      expect(String(delivered!.headers['webhook-signature'])).toBe(new Webhook(hooks.secret).sign(String(delivered!.headers['webhook-id']), at, delivered!.body));
    }
    // The business sees the payment, made by Stripe.
    expect((await acme.get('/invoices/inv_p_card_b')).body.payments).toEqual([expect.objectContaining({ amount: 4_500, method: 'card', source: 'stripe' })]);
  });

  test("a job's money follows its invoices: paying them shows on the job page and in the work history, concurrent payments add up, a moved invoice takes its payments along", async () => {
    // A job of $150.00 and two invoices on it.
    expect((await acme.put('/jobs/job_p_account', jobBody(stack, demo.jordan.id, 3 * day, { number: 'J-P-ACCT', charges: [{ id: 'l1', description: 'Work', quantity: 1, unitAmount: 15_000 }] }))).status).toBe(201);
    const onJob = (id: string, cents: number) => ({ customerId: demo.jordan.id, jobId: 'job_p_account', number: id.toUpperCase(), issuedAt: new Date(Date.now() - day).toISOString(), dueAt: new Date(Date.now() + 9 * day).toISOString(), currency: 'USD', lines: [{ description: 'Work', quantity: 1, unitAmount: cents }] });
    for (const [id, cents] of [['inv_p_job_a', 9_000], ['inv_p_job_b', 6_000]] as const) expect((await acme.put(`/invoices/${id}`, onJob(id, cents))).status).toBe(201);
    const jobPage = async () => (await jordan.get<JobDetail>('/api/jobs/job_p_account')).body;
    const inHistory = async () => (await jordan.get<JobListResponse>('/api/jobs?when=upcoming&limit=50')).body.items.find((j) => j.id === 'job_p_account')!;
    expect((await jobPage()).totals).toMatchObject({ paid: { amount: 0 }, balance: { amount: 15_000 } });

    // The customer pays the first one by card: the job says so.
    const { url } = await checkout(['inv_p_job_a']);
    await complete(url, 'card');
    const page = await jobPage();
    expect(page.totals).toMatchObject({ paid: { amount: 9_000 }, balance: { amount: 6_000 } });
    expect(page.payments.items).toEqual([expect.objectContaining({ method: 'card', amount: { amount: 9_000, currency: 'USD' } })]);
    expect((await inHistory()).balance).toEqual({ amount: 6_000, currency: 'USD' });

    // The business records two cash payments of the second at once: both count, once each.
    const cash = (cents: number, key: string) => acme.post('/invoices/inv_p_job_b/payments', { method: 'cash', amount: cents, currency: 'USD' }, { 'idempotency-key': key });
    expect((await Promise.all([cash(2_000, 'job-cash-1'), cash(4_000, 'job-cash-2')])).map((r) => r.status)).toEqual([201, 201]);
    expect((await jobPage()).totals).toMatchObject({ paid: { amount: 15_000 }, balance: { amount: 0 } });
    expect((await jobPage()).payments.items).toHaveLength(3);
    expect((await inHistory()).balance.amount).toBe(0);

    // The business moves the paid first invoice off the job: its $90.00 leaves the job with it. The
    // job's one invoice left is paid, so nothing is due; the $90.00 of work is not invoiced any more.
    expect((await acme.put('/invoices/inv_p_job_a', { ...onJob('inv_p_job_a', 9_000), jobId: null })).status).toBe(200);
    expect((await jobPage()).totals).toMatchObject({ paid: { amount: 6_000 }, notInvoiced: { amount: 9_000 }, balance: { amount: 0 } });
    expect((await inHistory()).balance.amount).toBe(0);
  });

  test('the same event delivered 10 times at once → one payment, balance reduced once, one receipt, one invoice.paid', async () => {
    await newInvoice('inv_p_storm', 6_100);
    const { url } = await checkout(['inv_p_storm']);
    const { events } = await complete(url, 'card', { deliveries: 10 });
    expect(sandbox().events.find((e) => e.id === events[0])!.statuses).toEqual(Array(10).fill(200));
    const paid = await invoice('inv_p_storm');
    expect(paid).toMatchObject({ amountPaid: 6_100, balance: 0, status: 'paid' });
    expect(paid.payments).toHaveLength(1);
    expect(receiptsFor('INV_P_STORM')).toHaveLength(1);
    expect(eventsOut('invoice.paid', 'inv_p_storm')).toHaveLength(1);
  });

  test('out of order: ACH settled before "completed" arrives → paid, and the late "completed" does not move it back', async () => {
    await newInvoice('inv_p_reversed', 7_700);
    const { checkoutId, url } = await checkout(['inv_p_reversed']);
    const { events } = await complete(url, 'ach_succeeded', { reversed: true });
    expect(sandbox().events.filter((e) => events.includes(e.id)).map((e) => e.type)).toEqual(['checkout.session.async_payment_succeeded', 'checkout.session.completed']);
    expect(await status(checkoutId)).toMatchObject({ status: 'paid', method: 'us_bank_account' });
    expect(await invoice('inv_p_reversed')).toMatchObject({ status: 'paid', amountPaid: 7_700, payments: [{ method: 'us_bank_account' }] });
  });

  test('ACH: "processing" while the debit is on its way, then paid when it settles', async () => {
    await newInvoice('inv_p_ach', 9_900);
    const { checkoutId, url } = await checkout(['inv_p_ach']);
    // Settles when the test says so, after it has seen "processing" (a timer raced the reads below on a busy machine).
    const { settleNow } = await sandbox().complete(sandbox().sessionAt(url)!, 'ach_succeeded', { deliveries: 1, reversed: false, settleAfterMs: 60 * 60_000 });
    await stack.drainQueues();
    expect(await status(checkoutId)).toMatchObject({ status: 'processing', invoices: [{ amount: 9_900, amountPaid: 0, amountPending: 9_900, balance: 9_900 }] });
    // The invoice, in the list and on its page, shows the amount on its way (issue 17, 4.9).
    expect(await invoice('inv_p_ach')).toMatchObject({ status: 'processing', amountPaid: 0, amountPending: 9_900, balance: 9_900 });
    expect((await jordan.get('/api/invoices?status=open&limit=100')).body.items.find((i: { id: string }) => i.id === 'inv_p_ach')).toMatchObject({ amountPending: 9_900 });
    // While it is on its way the invoice cannot be paid a second time.
    expect((await jordan.post('/api/payments/checkout', { invoiceIds: ['inv_p_ach'] })).status).toBe(409);
    await settleNow!();
    await stack.drainQueues();
    expect(await status(checkoutId)).toMatchObject({ status: 'paid' });
    expect(await invoice('inv_p_ach')).toMatchObject({ status: 'paid', amountPaid: 9_900, amountPending: 0 });
  });

  test('ACH that fails → the invoice is open again, the customer is told once, invoice.payment_failed goes out', async () => {
    await newInvoice('inv_p_achfail', 5_500);
    const { checkoutId, url } = await checkout(['inv_p_achfail']);
    await complete(url, 'ach_failed', { deliveries: 3 });
    expect(await status(checkoutId)).toMatchObject({ status: 'failed' });
    expect(await invoice('inv_p_achfail')).toMatchObject({ status: 'open', amountPaid: 0, balance: 5_500, payments: [] });
    expect(stack.outbox.messages().filter((m) => m.subject?.includes('did not go through') && m.text.includes('INV_P_ACHFAIL'))).toHaveLength(1);
    expect(eventsOut('invoice.payment_failed', 'inv_p_achfail')).toHaveLength(1);
    // And it can be paid again, with a new checkout.
    const retry = await checkout(['inv_p_achfail']);
    expect(retry.checkoutId).not.toBe(checkoutId);
  });

  test('crash after one invoice was recorded, before the rest: Stripe\'s retry finishes it, nothing doubled', async () => {
    await newInvoice('inv_p_crash_a', 2_000);
    await newInvoice('inv_p_crash_b', 2_500);
    const { checkoutId, url } = await checkout(['inv_p_crash_a', 'inv_p_crash_b']);
    const session = sandbox().sessionAt(url)!;
    // Stripe took the payment; the consumer recorded invoice A, then crashed.
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent = { id: 'pi_test_crash', method: 'card', status: 'succeeded' };
    await recordInvoicePayment(acmeId(), { id: paymentIdOf({ id: checkoutId }, 'inv_p_crash_a'), invoiceId: 'inv_p_crash_a', paidAt: new Date().toISOString(), method: 'card', amount: 2_000, currency: 'USD', reference: 'pi_test_crash', source: 'stripe' }, stepDepsFrom(stack.stores, stack.source.clock), { overpayment: 'record' });
    // Stripe retries the event (it got no 2xx from the crashed run).
    expect((await postEvent(sessionEvent('checkout.session.completed', session.id))).status).toBe(200);
    await stack.drainQueues();
    expect(await invoice('inv_p_crash_a')).toMatchObject({ amountPaid: 2_000, status: 'paid', payments: [expect.anything()] });
    expect(await invoice('inv_p_crash_b')).toMatchObject({ amountPaid: 2_500, status: 'paid', payments: [expect.anything()] });
    expect(await status(checkoutId)).toMatchObject({ status: 'paid' });
  });
});

describe('pay links: one invoice, no sign-in (security.md 12)', () => {
  /** Sends the invoice's pay link and returns the token from the outbox message. */
  async function sendLink(invoiceId: string, channel: 'email' | 'sms' = 'email', headers: Record<string, string> = {}): Promise<string> {
    return sentLinkToken(stack, () => acme.post(`/invoices/${invoiceId}/send`, { channel }, headers), 'acme/pay');
  }
  const linkGet = (path: string, token: string) => stack.client().getWithLink(path, token);
  const linkPost = (path: string, token: string, json: unknown) => stack.client().postWithLink(path, token, json);

  test('the link names its invoice, opens it and pays part of it with no session; nothing else is reachable with it', async () => {
    await newInvoice('inv_p_link', 9_000);
    const token = await sendLink('inv_p_link');
    expect(stack.outbox.messages()[0]!.text).toContain('INV_P_LINK');
    // Opening it changes nothing and says what it opens.
    expect((await linkGet('/api/link', token)).body).toMatchObject({ kind: 'invoice', id: 'inv_p_link', portal: { slug: 'acme' } });
    expect((await linkGet('/api/invoices/inv_p_link', token)).body).toMatchObject({ id: 'inv_p_link', balance: 9_000 });
    // Only that invoice: not Jordan's others, not lists, not the session's routes, not another customer's.
    for (const path of ['/api/invoices/inv_1080', '/api/invoices/inv_2001']) expect((await linkGet(path, token)).status).toBe(404);
    for (const path of ['/api/invoices', '/api/jobs', '/api/me']) expect((await linkGet(path, token)).status).toBe(401);
    expect((await linkPost('/api/payments/checkout', token, { invoiceIds: ['inv_1080'] })).status).toBe(404);
    expect((await linkPost('/api/payments/checkout', token, { invoiceIds: ['inv_p_link', 'inv_1080'] })).status).toBe(404);
    // A part of it, by card.
    const started = await linkPost('/api/payments/checkout', token, { invoiceIds: ['inv_p_link'], amount: 2_500 });
    expect(started.status).toBe(201);
    expect(sandbox().sessionAt(started.body.url)!.cancel_url).toBe(`${stack.url}/acme/pay`);
    await complete(started.body.url, 'card');
    expect((await linkGet(`/api/payments/checkout/${started.body.checkoutId}`, token)).body).toMatchObject({ status: 'paid', amount: 2_500 });
    expect((await linkGet('/api/invoices/inv_p_link', token)).body).toMatchObject({ amountPaid: 2_500, balance: 6_500, status: 'open' });
    // A checkout of Jordan's other invoices is not the link's to read.
    const other = await checkout(['inv_1090']);
    expect((await linkGet(`/api/payments/checkout/${other.checkoutId}`, token)).status).toBe(404);
  });

  test('a part payment from a pay link: the result shows this part, what is paid and what is still owed; the receipt carries a fresh link to that invoice alone (rule 69)', async () => {
    await newInvoice('inv_p_part_receipt', 25_000);
    const token = await sendLink('inv_p_part_receipt');
    const started = await linkPost('/api/payments/checkout', token, { invoiceIds: ['inv_p_part_receipt'], amount: 8_050 });
    await complete(started.body.url, 'card');
    const result = (await linkGet(`/api/payments/checkout/${started.body.checkoutId}`, token)).body;
    expect(result.invoices).toEqual([{ id: 'inv_p_part_receipt', number: 'INV_P_PART_RECEIPT', amount: 8_050, status: 'open', total: 25_000, amountPaid: 8_050, amountPending: 0, balance: 16_950 }]);
    const [receipt] = receiptsFor('INV_P_PART_RECEIPT');
    expect(receipt!.link).toMatch(new RegExp(`^${stack.url}/acme/pay#token=[A-Za-z0-9_-]{43}$`));
    const fresh = tokenOf(receipt!.link!);
    expect(fresh).not.toBe(token);
    // It opens that invoice, with no session, and nothing else.
    expect((await linkGet('/api/link', fresh)).body).toMatchObject({ kind: 'invoice', id: 'inv_p_part_receipt' });
    expect((await linkGet('/api/invoices/inv_p_part_receipt', fresh)).body).toMatchObject({ amountPaid: 8_050, balance: 16_950 });
    expect((await linkGet('/api/invoices/inv_1080', fresh)).status).toBe(404);
    // Signed in, the receipt links the invoices page, as before.
    await newInvoice('inv_p_part_session', 4_000);
    const mine = await checkout(['inv_p_part_session']);
    await complete(mine.url, 'card');
    expect(receiptsFor('INV_P_PART_SESSION')[0]!.link).toBe(`${stack.url}/acme/invoices`);
  });

  test('looking a valid link up again and again (a page polling its payment) is never refused; misses are what count', async () => {
    await newInvoice('inv_p_poll', 1_200);
    const token = await sendLink('inv_p_poll');
    const statuses = await Promise.all(Array.from({ length: 80 }, () => linkGet('/api/invoices/inv_p_poll', token).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  test('a pay link is not a sign-in link: posting its token to /api/auth/verify signs nobody in and does not use it up', async () => {
    await newInvoice('inv_p_notsignin', 1_100);
    const token = await sendLink('inv_p_notsignin');
    const client = stack.client();
    expect((await client.post('/api/auth/verify', { token })).status).toBe(401);
    expect((await client.get('/api/me')).status).toBe(401);
    expect((await linkGet('/api/invoices/inv_p_notsignin', token)).status).toBe(200);
    // And a sign-in link opens no invoice.
    stack.nextRateWindow();
    expect((await stack.client().post('/api/auth/magic-link', { portal: 'acme', email: demo.jordan.email })).status).toBe(202);
    await stack.drainQueues();
    const signInToken = newestToken(stack);
    expect((await linkGet('/api/invoices/inv_p_notsignin', signInToken)).status).toBe(404);
  });

  test('revoked → 410 on its next use; expired → 410; unknown → 404; the same send retried sends one link', async () => {
    await newInvoice('inv_p_revoke', 2_000);
    const first = await sendLink('inv_p_revoke', 'email', { 'idempotency-key': 'send-revoke-1' });
    const before = stack.outbox.messages().length;
    expect((await acme.post('/invoices/inv_p_revoke/send', { channel: 'email' }, { 'idempotency-key': 'send-revoke-1' })).status).toBe(202);
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before);
    const second = await sendLink('inv_p_revoke', 'sms');
    expect((await acme.post('/invoices/inv_p_revoke/links/revoke', {})).body).toEqual({ invoiceId: 'inv_p_revoke', revoked: 2 });
    for (const token of [first, second]) {
      const res = await linkGet('/api/invoices/inv_p_revoke', token);
      expect(res.status).toBe(410);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await linkGet('/api/invoices/inv_p_revoke', 'A'.repeat(43))).status).toBe(410);
    expect((await linkGet('/api/invoices/inv_p_revoke', 'not-a-token')).status).toBe(404);
    const third = await sendLink('inv_p_revoke');
    stack.advanceClock(31 * day);
    expect((await linkGet('/api/invoices/inv_p_revoke', third)).status).toBe(410);
    stack.advanceClock(-31 * day);
  });

  test('sending: an unknown or foreign invoice → 404; a business without Stripe → 409', async () => {
    expect((await acme.post('/invoices/inv_bc301/send', { channel: 'email' })).status).toBe(404);
    expect((await stack.business('brightclean').post('/invoices/inv_bc301/send', { channel: 'email' })).status).toBe(409);
    expect((await acme.post('/invoices/inv_bc301/links/revoke', {})).status).toBe(404);
  });
});

describe('refunds and disputes (security.md 21)', () => {
  test('partial refunds, each delivered 3 times, are applied once each from the refunded total, across the checkout\'s invoices in order', async () => {
    await newInvoice('inv_p_refund_a', 3_000);
    await newInvoice('inv_p_refund_b', 4_500);
    const { checkoutId, url } = await checkout(['inv_p_refund_a', 'inv_p_refund_b']);
    await complete(url, 'card');
    await refundCheckout(stack, { checkoutId, amount: 2_000, deliveries: 3 });
    expect(await invoice('inv_p_refund_a')).toMatchObject({ amountPaid: 3_000, amountRefunded: 2_000, status: 'partially_refunded' });
    expect(await invoice('inv_p_refund_b')).toMatchObject({ amountPaid: 4_500, amountRefunded: 0, status: 'paid' });
    await refundCheckout(stack, { checkoutId, amount: 2_000, deliveries: 3 });
    expect(await invoice('inv_p_refund_a')).toMatchObject({ amountRefunded: 3_000, status: 'refunded' });
    expect(await invoice('inv_p_refund_b')).toMatchObject({ amountRefunded: 1_000, status: 'partially_refunded' });
    expect(eventsOut('payment.refunded', 'inv_p_refund_a').map((h) => JSON.parse(h.body).data.amountRefunded).sort()).toEqual([2_000, 3_000]);
    expect(eventsOut('payment.refunded', 'inv_p_refund_b').map((h) => JSON.parse(h.body).data.amountRefunded)).toEqual([1_000]);
    // The business sees it too.
    expect((await acme.get('/invoices/inv_p_refund_b')).body).toMatchObject({ amountRefunded: 1_000, status: 'partially_refunded' });
  });

  test('a dispute flags every invoice the payment went to, once', async () => {
    await newInvoice('inv_p_dispute_a', 2_200);
    await newInvoice('inv_p_dispute_b', 1_300);
    const { checkoutId, url } = await checkout(['inv_p_dispute_a', 'inv_p_dispute_b']);
    await complete(url, 'card');
    await disputeCheckout(stack, { checkoutId, deliveries: 2 });
    for (const id of ['inv_p_dispute_a', 'inv_p_dispute_b']) {
      expect(await invoice(id)).toMatchObject({ status: 'disputed' });
      expect(eventsOut('payment.disputed', id)).toHaveLength(1);
    }
  });
});

describe('one invoice, one charge (security.md rule 51)', () => {
  test('a second checkout for a held invoice expires the first at Stripe before it starts: the first can no longer be paid', async () => {
    await newInvoice('inv_p_hold', 6_000);
    const first = await checkout(['inv_p_hold']);
    const second = await checkout(['inv_p_hold'], 2_000);
    expect(second.checkoutId).not.toBe(first.checkoutId);
    expect(sandbox().sessionAt(first.url)!.status).toBe('expired');
    await stack.drainQueues();
    expect(await status(first.checkoutId)).toMatchObject({ status: 'expired' });
    // The customer's first tab tries to pay anyway: Stripe refuses (the session is expired), nothing is recorded.
    await complete(first.url, 'card');
    expect(await invoice('inv_p_hold')).toMatchObject({ amountPaid: 0, status: 'open' });
    await complete(second.url, 'card');
    expect(await invoice('inv_p_hold')).toMatchObject({ amountPaid: 2_000, status: 'open' });
    // The hold ended with the payment: the rest can be paid.
    const third = await checkout(['inv_p_hold']);
    await complete(third.url, 'card');
    expect(await invoice('inv_p_hold')).toMatchObject({ amountPaid: 6_000, status: 'paid' });
  });

  test('two checkouts started at once for one invoice: at most one live session is left', async () => {
    await newInvoice('inv_p_hold_race', 5_000);
    const started = await Promise.all([2_000, 3_000, 5_000].map((amount) => jordan.post<StartCheckoutResponse>('/api/payments/checkout', { invoiceIds: ['inv_p_hold_race'], amount })));
    expect(started.some((r) => r.status === 201)).toBe(true);
    expect(started.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const open = [...sandbox().sessions.values()].filter((s) => s.status === 'open' && s.line_items.some((l) => l.name === 'Invoice INV_P_HOLD_RACE'));
    expect(open.length).toBe(1);
  });

  test('Stripe reports a second payment on top of a paid invoice: the excess is refunded, recorded and told, once', async () => {
    await newInvoice('inv_p_dup', 5_000);
    const first = await checkout(['inv_p_dup']);
    // A hold that lapsed with its session still open (Stripe can be late to expire): simulated by letting go of it.
    await stack.stores.invoices.releaseCheckoutHold(acmeId(), 'inv_p_dup', first.checkoutId);
    const second = await checkout(['inv_p_dup'], 1_500);
    // The second checkout expired the first at Stripe; reopen it as if the customer had paid it at that very moment.
    sandbox().sessionAt(first.url)!.status = 'open';
    await complete(first.url, 'card');
    await complete(second.url, 'card');
    await stack.drainQueues();
    expect(await invoice('inv_p_dup')).toMatchObject({ total: 5_000, amountPaid: 6_500, amountRefunded: 1_500, status: 'paid', balance: 0 });
    expect(sandbox().refundsMade.filter((r) => (r.metadata as Record<string, string>).invoiceId === 'inv_p_dup')).toEqual([expect.objectContaining({ amount: 1_500, reason: 'duplicate' })]);
    const refunded = eventsOut('payment.refunded', 'inv_p_dup').map((h) => JSON.parse(h.body).data);
    expect(refunded.filter((d) => d.reason === 'duplicate')).toEqual([expect.objectContaining({ amountRefunded: 1_500, checkoutId: second.checkoutId })]);
    expect(eventsOut('invoice.paid', 'inv_p_dup')).toHaveLength(1);
    expect(stack.outbox.messages().filter((m) => m.subject?.includes('refunded (paid twice)') && m.text.includes('Invoice INV_P_DUP'))).toHaveLength(1);
    // A redelivery of everything changes nothing.
    await stack.redrive();
    expect(sandbox().refundsMade.filter((r) => (r.metadata as Record<string, string>).invoiceId === 'inv_p_dup')).toHaveLength(1);
  });

  test('a disputed invoice with a balance takes no new checkout', async () => {
    await newInvoice('inv_p_disputed', 4_000);
    const { checkoutId, url } = await checkout(['inv_p_disputed'], 1_000);
    await complete(url, 'card');
    await disputeCheckout(stack, { checkoutId });
    expect(await invoice('inv_p_disputed')).toMatchObject({ status: 'disputed', balance: 3_000 });
    const refused = await jordan.post('/api/payments/checkout', { invoiceIds: ['inv_p_disputed'] });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/dispute/);
  });
});

describe('the webhook refuses what it must not apply', () => {
  test('signature: one changed byte, a stale timestamp, another secret or no header → 400, nothing queued or written', async () => {
    await newInvoice('inv_p_sig', 4_000);
    const { url } = await checkout(['inv_p_sig']);
    const session = sandbox().sessionAt(url)!;
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent = { id: 'pi_test_sig', method: 'card', status: 'succeeded' };
    const event = sessionEvent('checkout.session.completed', session.id);
    const attempts = [
      await postEvent(event, { tamper: true }),
      await postEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
      await postEvent(event, { secret: 'whsec_not_the_right_one_0000000000' }),
      await postEvent(event, { header: null }),
      await postEvent(event, { header: 't=1,v1=deadbeef' }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(400);
      expect(attempt.body.errors[0].field).toBe('stripe-signature');
    }
    await stack.drainQueues();
    expect(await invoice('inv_p_sig')).toMatchObject({ status: 'open', amountPaid: 0 });
    // The same event, correctly signed, is applied.
    expect((await postEvent(event)).status).toBe(200);
    await stack.drainQueues();
    expect(await invoice('inv_p_sig')).toMatchObject({ status: 'paid' });
  });

  test('a body API Gateway base64-encoded is checked as the bytes Stripe signed (decoded first)', async () => {
    await newInvoice('inv_p_base64', 3_300);
    const { url } = await checkout(['inv_p_base64']);
    const session = sandbox().sessionAt(url)!;
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: { id: 'pi_test_base64', method: 'card', status: 'succeeded' } });
    const payload = JSON.stringify(sessionEvent('checkout.session.completed', session.id));
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: (await stack.source.secrets.stripe()).webhookSecret });
    const route = routeByName('stripeWebhook');
    const req = { headers: { 'content-type': 'application/json', 'stripe-signature': signature }, httpVersion: '1.1', socket: { remoteAddress: '127.0.0.1', remotePort: 1 } } as unknown as IncomingMessage;
    const event = toEvent(req, new URL(route.path, stack.url), route, {}, Buffer.from(payload));
    const handler = stack.handlerOf<(typeof import('../stripe/webhook'))['handler']>(route.entry);
    const invoke = (e: typeof event) => handler(e, lambdaContext(route.name)) as Promise<{ statusCode: number }>;
    expect((await invoke({ ...event, body: Buffer.from(payload).toString('base64'), isBase64Encoded: true })).statusCode).toBe(200);
    // The base64 text itself is not what was signed.
    expect((await invoke({ ...event, body: Buffer.from(payload).toString('base64'), isBase64Encoded: false })).statusCode).toBe(400);
    await stack.drainQueues();
    expect(await invoice('inv_p_base64')).toMatchObject({ status: 'paid' });
  });

  test('an event from another connected account, or of live mode, is refused and logged; nothing applied', async () => {
    await newInvoice('inv_p_account', 4_200);
    const { checkoutId, url } = await checkout(['inv_p_account']);
    const session = sandbox().sessionAt(url)!;
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent = { id: 'pi_test_account', method: 'card', status: 'succeeded' };
    expect((await postEvent(sessionEvent('checkout.session.completed', session.id, { account: 'acct_someone_else' }))).status).toBe(200);
    const live = await postEvent(sessionEvent('checkout.session.completed', session.id, { livemode: true }));
    expect(live.status).toBe(400);
    expect(live.body.errors[0].field).toBe('livemode');
    await stack.drainQueues();
    expect(await invoice('inv_p_account')).toMatchObject({ status: 'open', amountPaid: 0 });
    expect(await status(checkoutId)).toMatchObject({ status: 'open' });
    expect(logLines.some((l) => l.includes('stripe event held for review') && l.includes('rejected-account') && l.includes(checkoutId))).toBe(true);
  });

  test('Stripe charged another amount than allocated → nothing applied, held for review, logged', async () => {
    await newInvoice('inv_p_mismatch', 8_800);
    const { checkoutId, url } = await checkout(['inv_p_mismatch']);
    sandbox().sessionAt(url)!.amount_total = 8_700;
    await complete(url, 'card');
    expect(await invoice('inv_p_mismatch')).toMatchObject({ status: 'open', amountPaid: 0, payments: [] });
    expect(await status(checkoutId)).toMatchObject({ status: 'processing' });
    expect(logLines.some((l) => l.includes('amount-mismatch') && l.includes(checkoutId))).toBe(true);
    expect(receiptsFor('INV_P_MISMATCH')).toHaveLength(0);
  });

  test('an expired checkout says so, and records nothing', async () => {
    await newInvoice('inv_p_expire', 1_500);
    const { checkoutId, url } = await checkout(['inv_p_expire']);
    await complete(url, 'expire');
    expect(await status(checkoutId)).toMatchObject({ status: 'expired' });
    expect(await invoice('inv_p_expire')).toMatchObject({ status: 'open', amountPaid: 0 });
  });

  test('another customer cannot read a checkout (404)', async () => {
    await newInvoice('inv_p_private', 1_800);
    const { checkoutId } = await checkout(['inv_p_private']);
    const sam = await signIn(stack, demo.sam.email);
    expect((await sam.get(`/api/payments/checkout/${checkoutId}`)).status).toBe(404);
    expect((await jordan.get('/api/payments/checkout/not-a-checkout')).status).toBe(400);
  });
});

describe('connecting a business to Stripe (last: Bright Clean takes payments afterwards)', () => {
  test('onboarding makes the account once; the portal shows pay buttons only after Stripe says the account can take charges', async () => {
    const bright = stack.business('brightclean');
    const urls = { returnUrl: 'https://office.brightclean.example/stripe/done', refreshUrl: 'https://office.brightclean.example/stripe/again' };
    const first = await bright.post('/stripe/onboarding', urls);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ url: expect.stringContaining('/onboarding/acct_'), stripeAccountId: expect.stringMatching(/^acct_/), expiresAt: expect.any(String) });
    const again = await bright.post('/stripe/onboarding', urls);
    expect(again.body.stripeAccountId).toBe(first.body.stripeAccountId);
    expect((await bright.get('/settings')).body.payments).toMatchObject({ enabled: false, stripeAccountId: first.body.stripeAccountId });
    expect((await stack.client().get('/api/portals/brightclean')).body.payments.enabled).toBe(false);

    // Stripe's hosted onboarding finishes: account.updated (charges enabled) arrives, signed.
    const onboarded = await fetch(`${stack.url}/dev/stripe/onboard`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: first.body.stripeAccountId }) });
    expect(onboarded.status).toBe(200);
    await stack.drainQueues();
    expect((await bright.get('/settings')).body.payments).toMatchObject({ enabled: true });
    const atBright = await signIn(stack, demo.jordanAtBrightClean.email, 'brightclean');
    expect((await atBright.post('/api/payments/checkout', { invoiceIds: ['inv_bc301'] })).status).toBe(201);
  });

  test('an account the business was not connected to cannot switch its payments on or off', async () => {
    sandbox().accounts.set('acct_test_rogue', { chargesEnabled: false, metadata: { businessId: acmeId() } });
    const res = await fetch(`${stack.url}/dev/stripe/onboard`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'acct_test_rogue' }) });
    expect(res.status).toBe(200);
    await stack.drainQueues();
    expect((await acme.get('/settings')).body.payments).toMatchObject({ enabled: true, stripeAccountId: demoStripeAccount });
    expect(logLines.some((l) => l.includes('stripe event held for review') && l.includes('rejected-account') && l.includes('account.updated'))).toBe(true);
  });
});
