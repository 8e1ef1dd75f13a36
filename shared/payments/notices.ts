/**
 * Telling the customer how a checkout ended: a receipt, or that the bank payment failed. Sent
 * from the notifications queue, once: a claim on the checkout comes first, so a redelivered
 * queue message (or a second `paid` event) sends nothing; a failed send gives the claim back for
 * the queue's retry.
 */
import type { CheckoutStore, Clock, DirectoryStore, NotificationJob, Notifier } from '../domain/ports';
import { paymentFailedNotice, paymentReceipt } from '../notifications/templates';

export type CheckoutNoticeOutcome = 'sent' | 'already-sent' | 'gone' | 'no-address' | 'not-ended';

export async function sendCheckoutNotice(
  job: Extract<NotificationJob, { kind: 'receipt' | 'payment-failed' }>,
  deps: { checkouts: CheckoutStore; directory: DirectoryStore; notifier: Notifier; clock: Clock; portalOrigin: string },
): Promise<CheckoutNoticeOutcome> {
  const [checkout, business] = await Promise.all([deps.checkouts.getCheckout(job.businessId, job.checkoutId, { consistent: true }), deps.directory.getBusiness(job.businessId)]);
  if (!checkout || !business) return 'gone';
  if (checkout.status !== (job.kind === 'receipt' ? 'paid' : 'failed')) return 'not-ended';
  const customer = await deps.directory.getCustomer(job.businessId, checkout.customerId);
  const channel = customer?.email ? 'email' : 'sms';
  const to = customer?.email ?? customer?.phone;
  if (!customer || !to) return 'no-address';
  const at = deps.clock.now().toISOString();
  if (!(await deps.checkouts.claimNotice(job.businessId, job.checkoutId, at))) return 'already-sent';
  const common = {
    businessName: business.name,
    customerName: customer.name,
    channel,
    to,
    amount: checkout.amount,
    currency: checkout.currency,
    url: `${deps.portalOrigin.replace(/\/+$/, '')}/${business.slug}/invoices`,
  } as const;
  try {
    await deps.notifier.send(
      job.kind === 'receipt'
        ? paymentReceipt({ ...common, method: checkout.method, invoices: checkout.allocations.map((a) => ({ number: a.invoiceNumber, amount: a.amount })) })
        : paymentFailedNotice({ ...common, invoices: checkout.allocations.map((a) => ({ number: a.invoiceNumber })) }),
    );
  } catch (error) {
    await deps.checkouts.releaseNotice(job.businessId, job.checkoutId, at);
    throw error;
  }
  return 'sent';
}
