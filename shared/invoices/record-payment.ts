/**
 * Recording a payment against an invoice, exactly once, without transactions (offline payments
 * from the business API today; Stripe's webhook uses the same path):
 * 1. Put the payment item, keyed by the payment's own id (a repeat finds it there).
 * 2. Apply it to the invoice: one UpdateItem on the version read, which adds the amount, adds the
 *    id to `appliedPaymentIds` and sets the status (which moves the invoice between the
 *    customer's open and paid lists). An id already in `appliedPaymentIds` is not applied again.
 * A crash between 1 and 2 is finished by the retry (same payment id): step 1 finds the item, step
 * 2 applies it. Each step is safe to repeat (docs/data-model.md, "Invoice payments").
 */
import { backoff, maxWriteAttempts } from '../domain/retry';
import { Conflict, InvalidInput, NotFound } from '../domain/errors';
import type { InvoicePaymentRecord, InvoiceRecord } from '../domain/model';
import type { Clock, InvoiceStore } from '../domain/ports';
import { toInvoiceRecord } from '../data/entities/invoice';
import { payableOf, statusOf } from './ledger';

export interface RecordedPayment {
  invoice: InvoiceRecord;
  payment: InvoicePaymentRecord;
  /** False when this payment id had been recorded and applied before: nothing changed now. */
  applied: boolean;
}

export async function recordInvoicePayment(
  businessId: string,
  payment: InvoicePaymentRecord,
  deps: { invoices: InvoiceStore; clock: Clock },
): Promise<RecordedPayment> {
  const notFound = () => new NotFound(`There is no invoice ${payment.invoiceId}.`);
  const first = await deps.invoices.getInvoice(businessId, payment.invoiceId, { consistent: true });
  if (!first) throw notFound();
  if (first.appliedPaymentIds.includes(payment.id)) {
    return { invoice: toInvoiceRecord(first), payment: (await deps.invoices.getPayment(businessId, payment.invoiceId, payment.id)) ?? payment, applied: false };
  }
  if (payment.currency !== first.currency) {
    throw new InvalidInput([{ field: 'currency', message: `must be the invoice's currency, ${first.currency}` }]);
  }
  const payable = payableOf(first);
  if (payment.amount > payable) {
    throw new Conflict(
      payable === 0
        ? 'This invoice has nothing left to pay.'
        : `This payment (${payment.amount}) is more than what is left to pay on the invoice (${payable}, in minor units of ${first.currency}).`,
    );
  }

  await deps.invoices.putPayment(businessId, payment, deps.clock.now().toISOString());
  for (let attempt = 0, invoice = first; attempt < maxWriteAttempts; attempt++) {
    await backoff(attempt);
    if (attempt > 0) {
      const again = await deps.invoices.getInvoice(businessId, payment.invoiceId, { consistent: true });
      if (!again) throw notFound();
      invoice = again;
      if (invoice.appliedPaymentIds.includes(payment.id)) return { invoice: toInvoiceRecord(invoice), payment, applied: false };
    }
    const now = deps.clock.now().toISOString();
    const ledger = { amountPaid: invoice.amountPaid + payment.amount, amountRefunded: invoice.amountRefunded, amountPending: invoice.amountPending, disputed: invoice.disputed };
    const next: InvoiceRecord = { ...toInvoiceRecord(invoice), ...ledger, status: statusOf(ledger, invoice.total), version: invoice.version + 1, updatedAt: now };
    if (await deps.invoices.putInvoice(next, [...invoice.appliedPaymentIds, payment.id], invoice.version)) return { invoice: next, payment, applied: true };
  }
  throw new Conflict('This invoice kept changing while we tried to record the payment. Please retry: it will be recorded once.');
}
