/**
 * The local Stripe sandbox driven as a test's customer or Stripe itself would act
 * (`POST /dev/stripe/<action>`, infra/local/stripe-sandbox.ts): each call must answer 200, and
 * the queues are drained after it, so the webhooks it sent have been applied.
 */
import type { LocalStack } from '../stack';
import type { SandboxOutcome } from '../stripe-sandbox';

async function sandboxPost(stack: LocalStack, action: 'complete' | 'refund' | 'dispute', body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${stack.url}/dev/stripe/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  await stack.drainQueues();
  return res.json();
}

/** Completes the checkout at `url` with `outcome`; `deliveries` sends each webhook that often, `reversed` in reverse order. */
export function completeCheckout(stack: LocalStack, url: string, outcome: SandboxOutcome = 'card', options: { deliveries?: number; reversed?: boolean } = {}) {
  return sandboxPost(stack, 'complete', { url, outcome, ...options }) as Promise<{ events: string[] }>;
}

/** Refunds part of a paid checkout (`amount` in cents), its webhook sent `deliveries` times. */
export function refundCheckout(stack: LocalStack, body: { checkoutId: string; amount: number; deliveries?: number }) {
  return sandboxPost(stack, 'refund', body);
}

/** Opens a dispute on a paid checkout, its webhook sent `deliveries` times. */
export function disputeCheckout(stack: LocalStack, body: { checkoutId: string; deliveries?: number }) {
  return sandboxPost(stack, 'dispute', body);
}
