/**
 * The payments storm: 100 card payments, each of whose Stripe events is delivered 10 times at
 * once, through the real path: the sandbox signs and POSTs to the local gateway, the webhook
 * function verifies and queues, the payments consumer records, receipts go out from the
 * notifications queue. Reports what was recorded (must be 100 payments and 100 receipts, nothing
 * twice), the time to drain the queues, and the webhook's latency as Stripe sees it.
 */
import { performance } from 'node:perf_hooks';
import { stepDepsFrom } from '../../shared/steps/deps';
import { upsertInvoice } from '../../shared/invoices/write-invoice';
import { startCheckout } from '../../shared/paying/checkout';
import type { LocalStack } from '../local/stack';
import { demo } from '../local/seed';
import { percentile } from './report';

export interface StormResult {
  payments: number;
  deliveries: number;
  invoicesPaid: number;
  paymentsRecorded: number;
  receipts: number;
  non2xx: number;
  deliverSeconds: number;
  drainSeconds: number;
  webhookP50Ms: number;
  webhookP99Ms: number;
}

export async function measurePaymentsStorm(stack: LocalStack, options: { payments: number; deliveries: number; concurrency: number }): Promise<StormResult> {
  const sandbox = stack.stripe!;
  const acme = stack.demo.acme.business.id;
  const { stores, source } = stack;
  const invoiceDeps = stepDepsFrom(stores, source.clock);
  const checkoutDeps = { ...stepDepsFrom(stores, source.clock), payments: source.payments, portalOrigin: stack.url };

  // 100 open invoices of Jordan's, each with its own checkout on the sandbox.
  const run = Date.now().toString(36);
  const invoiceIds = Array.from({ length: options.payments }, (_, i) => `inv_storm_${run}_${i}`);
  const sessions: NonNullable<ReturnType<typeof sandbox.sessionAt>>[] = [];
  for (const [i, id] of invoiceIds.entries()) {
    await upsertInvoice(acme, id, { customerId: demo.jordan.id, jobId: null, number: `STORM-${run}-${i}`, issuedAt: new Date().toISOString(), dueAt: new Date(Date.now() + 86_400_000).toISOString(), currency: 'USD', lines: [{ description: 'Storm', quantity: 1, unitAmount: 1_000 + i }], taxAmount: 0 }, invoiceDeps);
    const { url } = await startCheckout({ businessId: acme, customerId: demo.jordan.id }, { invoiceIds: [id] }, checkoutDeps);
    sessions.push(sandbox.sessionAt(url)!);
  }
  // A receipt names its invoice's number, in whichever language the customer reads (an earlier
  // section may have switched Jordan to Spanish): nothing else sent during the storm names these.
  const isReceipt = (m: { text: string }) => m.text.includes(`STORM-${run}-`);
  const receiptsBefore = stack.outbox.messages().filter(isReceipt).length;
  const eventsBefore = sandbox.events.length;

  // Pay them all, `concurrency` at a time, each event delivered `deliveries` times at once.
  const delivered = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < sessions.length) {
        const session = sessions[next++]!;
        await sandbox.complete(session, 'card', { deliveries: options.deliveries, reversed: false, settleAfterMs: 0 });
      }
    }),
  );
  const deliverSeconds = (performance.now() - delivered) / 1000;
  const drained = performance.now();
  await stack.drainQueues();
  const drainSeconds = (performance.now() - drained) / 1000;

  const invoices = await Promise.all(invoiceIds.map((id) => stores.invoices.getInvoice(acme, id, { consistent: true })));
  const sent = sandbox.events.slice(eventsBefore);
  const latencies = sent.flatMap((e) => e.latenciesMs);
  const receipts = stack.outbox.messages().filter(isReceipt).length - receiptsBefore;
  return {
    payments: options.payments,
    deliveries: latencies.length,
    invoicesPaid: invoices.filter((i) => i?.status === 'paid').length,
    paymentsRecorded: invoices.reduce((sum, i) => sum + (i?.appliedPaymentIds.length ?? 0), 0),
    receipts,
    non2xx: sent.flatMap((e) => e.statuses).filter((s) => s < 200 || s >= 300).length,
    deliverSeconds,
    drainSeconds,
    webhookP50Ms: percentile(latencies, 50),
    webhookP99Ms: percentile(latencies, 99),
  };
}
