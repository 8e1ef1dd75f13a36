/**
 * Invoice pay links: `POST invoices/{id}/send` queues a request; the notifications consumer mints
 * the link (a 256-bit token, stored hashed, scoped to the invoice, expiring) and sends it, so the
 * token is never in a queue message or a log. The request id is claimed first, so a redelivered
 * message sends nothing twice; a failed send gives the claim (and the unsent link) back.
 */
import { addressOn, type PayLink } from '../domain/model';
import type { Clock, DirectoryStore, InvoiceStore, NotificationJob, Notifier, PayLinkStore, Random } from '../domain/ports';
import { newSecret, sha256 } from '../auth/secrets';
import { invoicePayLinkMessage } from '../notifications/templates';
import { balanceOf } from '../invoices/ledger';

export const payLinkPolicy = {
  /** How long a pay link opens its invoice. */
  lifetimeMs: 30 * 24 * 3600_000,
} as const;

export type PayLinkOutcome = 'sent' | 'already-sent' | 'gone' | 'no-address';

export async function sendPayLink(
  job: Extract<NotificationJob, { kind: 'invoice-link' }>,
  deps: { invoices: InvoiceStore; payLinks: PayLinkStore; directory: DirectoryStore; notifier: Notifier; clock: Clock; random: Random; portalOrigin: string },
): Promise<PayLinkOutcome> {
  const [invoice, business] = await Promise.all([deps.invoices.getInvoice(job.businessId, job.invoiceId, { consistent: true }), deps.directory.getBusiness(job.businessId)]);
  if (!invoice || !business) return 'gone';
  const customer = await deps.directory.getCustomer(job.businessId, invoice.customerId);
  const to = customer && addressOn(customer, job.channel);
  if (!customer || !to) return 'no-address';
  const now = deps.clock.now();
  if (!(await deps.payLinks.claimPayLinkSend(job.businessId, job.invoiceId, job.requestId, now.toISOString()))) return 'already-sent';
  const token = newSecret(deps.random);
  const link: PayLink = {
    tokenHash: sha256(token),
    businessId: job.businessId,
    customerId: invoice.customerId,
    invoiceId: invoice.id,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + payLinkPolicy.lifetimeMs).toISOString(),
  };
  try {
    await deps.payLinks.putPayLink(link);
    await deps.notifier.send(
      invoicePayLinkMessage({
        businessName: business.name,
        customerName: customer.name,
        channel: job.channel,
        to,
        invoiceNumber: invoice.number,
        balance: balanceOf(invoice),
        currency: invoice.currency,
        dueAt: invoice.dueAt,
        // In the fragment: it never reaches a server log or a Referer header.
        url: `${deps.portalOrigin.replace(/\/+$/, '')}/${business.slug}/pay#token=${token}`,
      }),
    );
  } catch (error) {
    await deps.payLinks.deletePayLink(job.businessId, job.invoiceId, link.tokenHash);
    await deps.payLinks.releasePayLinkSend(job.businessId, job.invoiceId, job.requestId);
    throw error;
  }
  return 'sent';
}

/** Withdraws every pay link of the invoice: each fails on its next use. */
export async function revokePayLinks(businessId: string, invoiceId: string, deps: { payLinks: PayLinkStore }): Promise<number> {
  const hashes = await deps.payLinks.listPayLinks(businessId, invoiceId);
  for (const hash of hashes) await deps.payLinks.deletePayLink(businessId, invoiceId, hash);
  return hashes.length;
}

