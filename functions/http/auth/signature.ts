import type { AuthResolver } from '../auth';

/**
 * Stripe's webhook: the raw body checked against `stripe-signature` with the webhook secret.
 * HTTP API v2 lower-cases header names. A parsed and re-serialised body would not verify: the raw bytes only.
 */
export const signatureAuth: AuthResolver<'signature'> = {
  kind: 'signature',
  prepare: ({ payments }) => async ({ event, rawBody }) => payments().verifyEvent(rawBody(), event.headers?.['stripe-signature']),
};
