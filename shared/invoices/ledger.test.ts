import { balanceOf, emptyLedger, payableOf, statusOf } from './ledger';

test('status follows the ledger: dispute, refunds, paid, processing, open', () => {
  const total = 10_000;
  expect(statusOf(emptyLedger, total)).toBe('open');
  expect(statusOf({ ...emptyLedger, amountPaid: 4_000 }, total)).toBe('open');
  expect(statusOf({ ...emptyLedger, amountPending: 10_000 }, total)).toBe('processing');
  expect(statusOf({ ...emptyLedger, amountPaid: 10_000 }, total)).toBe('paid');
  expect(statusOf({ ...emptyLedger, amountPaid: 10_000, amountRefunded: 2_500 }, total)).toBe('partially_refunded');
  expect(statusOf({ ...emptyLedger, amountPaid: 10_000, amountRefunded: 10_000 }, total)).toBe('refunded');
  expect(statusOf({ ...emptyLedger, amountPaid: 10_000, disputed: true }, total)).toBe('disputed');
  // A zero invoice is paid from the start.
  expect(statusOf(emptyLedger, 0)).toBe('paid');
});

test('balance and payable never go below zero; pending bank payments are not payable twice', () => {
  expect(balanceOf({ total: 5_000, amountPaid: 6_000 })).toBe(0);
  expect(payableOf({ total: 5_000, amountPaid: 1_000, amountPending: 3_000 })).toBe(1_000);
  expect(payableOf({ total: 5_000, amountPaid: 1_000, amountPending: 9_000 })).toBe(0);
});
