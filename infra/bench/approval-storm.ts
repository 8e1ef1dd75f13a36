/**
 * The approval storm: 50 approvals of one estimate at once through the local gateway (each its
 * own browser: its own IP, no shared Idempotency-Key), from the estimate's link, each with a drawn
 * signature. Exactly one may win (security.md 23); the rest get 409. Reports the statuses, the
 * decision stored, the deposit invoices made and the latency as the browsers see it.
 */
import { performance } from 'node:perf_hooks';
import { upsertEstimate } from '../../shared/estimates/write-estimate';
import { sendObjectLink } from '../../shared/link-sends/send-object-link';
import { newSecret } from '../../shared/kernel/secrets';
import type { LocalStack } from '../local/stack';
import { demo } from '../local/seed';
import { signaturePng } from '../local/demo-files';
import { percentile } from './report';

export interface ApprovalStormResult {
  approvals: number;
  ok: number;
  conflicts: number;
  other: number[];
  decisionsStored: number;
  depositInvoices: number;
  p50Ms: number;
  p99Ms: number;
}

export async function measureApprovalStorm(stack: LocalStack, approvals: number): Promise<ApprovalStormResult> {
  const acme = stack.demo.acme.business.id;
  const { stores, source } = stack;
  const estimateId = `est_storm_${Date.now().toString(36)}`;
  await upsertEstimate(
    acme,
    estimateId,
    {
      customerId: demo.jordan.id, jobId: null, number: 'STORM-1', title: 'Storm boiler', currency: 'USD', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      terms: 'Storm terms', signature: 'drawn', deposit: { percent: 25 }, scheduling: null, address: null,
      options: ['good', 'better', 'best'].map((id, i) => ({ id, name: id, description: '', recommended: i === 1, taxAmount: 0, lines: [{ description: id, quantity: 1, unitAmount: 100_000 * (i + 1) }] })),
    },
    { estimates: stores.estimates, jobDocuments: stores.jobDocuments, directory: stores.directory, jobs: stores.jobs, clock: source.clock },
  );
  // The link, minted as the notifications consumer mints it (its token read back from the outbox).
  await sendObjectLink(
    { kind: 'object-link', object: 'estimate', requestId: `els_storm_${newSecret(source.random).slice(0, 8)}`, businessId: acme, objectId: estimateId, channel: 'email', requestedAt: new Date().toISOString() },
    { invoices: stores.invoices, estimates: stores.estimates, forms: stores.forms, tracking: stores.tracking, jobs: stores.jobs, links: stores.links, directory: stores.directory, optOuts: stores.optOuts, notifier: stack.outbox, clock: source.clock, random: source.random, portalOrigin: stack.url },
  );
  const token = stack.outbox.messages()[0]!.link!.split('#token=')[1]!;
  const image = signaturePng(400);
  const latencies: number[] = [];
  const statuses = await Promise.all(
    Array.from({ length: approvals }, async (_, i) => {
      const started = performance.now();
      const res = await fetch(`${stack.url}/api/estimates/${estimateId}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Link ${token}`, origin: stack.url, 'x-forwarded-for': `198.51.100.${i + 1}` },
        body: JSON.stringify({ version: 1, optionId: ['good', 'better', 'best'][i % 3], signature: { name: `Signer ${i}`, image }, acceptTerms: true }),
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      return res.status;
    }),
  );
  const stored = await stores.estimates.getEstimate(acme, estimateId, { consistent: true });
  const deposit = stored?.decision?.depositInvoiceId ? await stores.invoices.getInvoice(acme, stored.decision.depositInvoiceId, { consistent: true }) : null;
  return {
    approvals,
    ok: statuses.filter((s) => s === 200).length,
    conflicts: statuses.filter((s) => s === 409).length,
    other: statuses.filter((s) => s !== 200 && s !== 409),
    decisionsStored: stored?.decision ? 1 : 0,
    depositInvoices: deposit ? 1 : 0,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
