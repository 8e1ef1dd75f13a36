/**
 * The soak's invariant checker (infra/soak/invariants.ts) on a small hand-made state: a healthy
 * one passes, and each way of breaking it is reported under its own invariant, naming the record.
 */
import { checkInvariants, type Item, type SoakSnapshot } from './invariants';

const biz = 'biz_1';
const P = (rest: string) => `BIZ#${biz}#${rest}`;

/** One job with a paid-online invoice, a paid checkout with its receipt and event, a booked slot and its estimate. */
function healthy(): SoakSnapshot {
  const job: Item = {
    type: 'job', pk: P('JOB#job_1'), sk: 'JOB', businessId: biz, id: 'job_1', customerId: 'c1', currency: 'USD', taxAmount: 0,
    charges: [{ id: 'l1', description: 'Work', quantity: 1, unitAmount: 10_000 }], invoicedAmount: 6_000, paidAmount: 6_000, dueAmount: 0,
    scheduledStart: '2030-01-01T10:00:00.000Z', scheduledEnd: '2030-01-01T12:00:00.000Z',
    summaryKey: { pk: P('CUS#c1'), sk: 'JOB#2030-01-01T12:00:00.000Z#job_1' },
  };
  const summary: Item = { type: 'jobSummary', pk: P('CUS#c1'), sk: 'JOB#2030-01-01T12:00:00.000Z#job_1', jobId: 'job_1', totalAmount: 10_000, balanceAmount: 0 };
  const invoice: Item = {
    type: 'invoice', pk: P('INV#inv_1'), sk: 'INVOICE', businessId: biz, id: 'inv_1', jobId: 'job_1', customerId: 'c1', currency: 'USD', number: 'INV-1',
    total: 6_000, amountPaid: 6_000, amountRefunded: 0, appliedPaymentIds: ['chk_1.inv_1'], status: 'paid',
  };
  const payment: Item = { type: 'invoicePayment', pk: P('INV#inv_1'), sk: 'PAYMENT#chk_1.inv_1', id: 'chk_1.inv_1', invoiceId: 'inv_1', amount: 6_000, currency: 'USD', source: 'stripe' };
  const checkout: Item = { type: 'checkout', pk: P('CHECKOUT#chk_1'), sk: 'CHECKOUT', businessId: biz, id: 'chk_1', status: 'paid', allocations: [{ invoiceId: 'inv_1', invoiceNumber: 'INV-1', amount: 6_000 }] };
  const deposit: Item = { type: 'invoice', pk: P('INV#deposit_x'), sk: 'INVOICE', businessId: biz, id: 'deposit_x', jobId: null, estimateId: 'est_1', customerId: 'c1', currency: 'USD', total: 500, amountPaid: 0, amountRefunded: 0, appliedPaymentIds: [] };
  const estimate: Item = {
    type: 'estimate', pk: P('EST#est_1'), sk: 'ESTIMATE', businessId: biz, id: 'est_1', status: 'scheduled',
    decision: { kind: 'approved', depositInvoiceId: 'deposit_x' },
    booking: { slotId: 'slot_1', jobId: 'job_1', start: job.scheduledStart, end: job.scheduledEnd },
  };
  const slot: Item = { type: 'slot', pk: P('SLOT#slot_1'), sk: 'SLOT', businessId: biz, id: 'slot_1', start: job.scheduledStart, end: job.scheduledEnd, bookedBy: 'est_1' };
  return {
    items: [job, summary, invoice, payment, checkout, deposit, estimate, slot],
    messages: [{ subject: 'Receipt from Acme: $60.00', text: 'Hi,\n\nThank you\n\n  Invoice INV-1: $60.00\n\nSee' }],
    events: [
      { webhookId: 'evt_paid_inv_1', type: 'invoice.paid', data: { invoiceId: 'inv_1' } },
      { webhookId: 'evt_paid_inv_1', type: 'invoice.paid', data: { invoiceId: 'inv_1' } }, // a retry: same id
    ],
    unexpected5xx: [],
  };
}

const find = (s: SoakSnapshot, type: string, id: string) => s.items.find((i) => i.type === type && (i.id === id || i.jobId === id))!;
const names = (s: SoakSnapshot) => checkInvariants(s).map((v) => `${v.invariant} ${v.records[0]}`);

test('a healthy state has no violations', () => {
  expect(checkInvariants(healthy())).toEqual([]);
});

test.each<[string, (s: SoakSnapshot) => void, string]>([
  ['amountPaid not the sum of applied payments', (s) => (find(s, 'invoice', 'inv_1').amountPaid = 7_000), 'invoice-ledger biz_1/inv_1'],
  ['an applied id with no payment item', (s) => find(s, 'invoice', 'inv_1').appliedPaymentIds.push('ghost'), 'invoice-ledger biz_1/inv_1'],
  ['above total with no refund', (s) => Object.assign(find(s, 'invoice', 'inv_1'), { total: 5_000 }), 'invoice-over-total biz_1/inv_1'],
  ['a payment applied twice', (s) => find(s, 'invoice', 'inv_1').appliedPaymentIds.push('chk_1.inv_1'), 'payment-once biz_1/inv_1'],
  ['a paid checkout whose payment is not applied', (s) => Object.assign(find(s, 'invoice', 'inv_1'), { appliedPaymentIds: [], amountPaid: 0 }), 'checkout-payment biz_1/chk_1'],
  ['an expired checkout whose payment is applied', (s) => (find(s, 'checkout', 'chk_1').status = 'expired'), 'checkout-payment biz_1/chk_1'],
  ['two invoice.paid event ids', (s) => s.events.push({ webhookId: 'evt_other', type: 'invoice.paid', data: { invoiceId: 'inv_1' } }), 'invoice-paid-event biz_1/inv_1'],
  ['no invoice.paid for an invoice paid online', (s) => (s.events = []), 'invoice-paid-event biz_1/inv_1'],
  ['no receipt', (s) => (s.messages = []), 'receipt-once biz_1/chk_1'],
  ['two receipts', (s) => s.messages.push({ ...s.messages[0]! }), 'receipt-once biz_1/chk_1'],
  ['the deposit invoice missing', (s) => (s.items = s.items.filter((i) => i.id !== 'deposit_x')), 'deposit-invoice biz_1/est_1'],
  ['a slot held with no booking naming it', (s) => (find(s, 'estimate', 'est_1').booking = null), 'slot-booking biz_1/slot_1'],
  ['the booking job at another time', (s) => (find(s, 'job', 'job_1').scheduledStart = '2030-02-01T10:00:00.000Z'), 'slot-booking biz_1/slot_1'],
  ['a booking whose slot is open', (s) => (find(s, 'slot', 'slot_1').bookedBy = null), 'booking-slot biz_1/slot_1'],
  ['job paidAmount not its invoices\' sum', (s) => (find(s, 'job', 'job_1').paidAmount = 0), 'job-money biz_1/job_1'],
  ['job balance due not its invoices\' balances', (s) => (find(s, 'job', 'job_1').dueAmount = 4_000), 'job-money biz_1/job_1'],
  ['a stale work-history balance', (s) => (find(s, 'jobSummary', 'job_1').balanceAmount = 4_000), 'job-summary biz_1/job_1'],
  ['a job listed twice in the work history', (s) => s.items.push({ ...find(s, 'jobSummary', 'job_1'), sk: 'JOB#2029-01-01T00:00:00.000Z#job_1' }), 'job-summary biz_1/job_1'],
  ['a step still owed', (s) => (find(s, 'checkout', 'chk_1').owed = { 'notice:receipt': { kind: 'notice' } }), `owed-left ${P('CHECKOUT#chk_1')}|CHECKOUT`],
  ['a 5xx no crash explains', (s) => s.unexpected5xx.push({ route: 'GET /api/jobs', status: 500, error: 'TypeError: x' }), 'unexpected-5xx GET /api/jobs'],
])('%s is reported', (_what, breakIt, expected) => {
  const state = healthy();
  breakIt(state);
  expect(names(state)).toContain(expected);
});
