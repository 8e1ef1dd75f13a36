import { countMetric, metricNames } from '../../../shared/logging/metrics';
import type { AuthResolver } from '../auth';

/**
 * Stripe's webhook: the raw body checked against `stripe-signature` with the webhook secret.
 * HTTP API v2 lower-cases header names. A parsed and re-serialised body would not verify: the raw bytes only.
 */
export const signatureAuth: AuthResolver<'signature'> = {
  kind: 'signature',
  prepare: ({ payments }) => async ({ event, rawBody }) => {
    try {
      return await payments().verifyEvent(rawBody(), event.headers?.['stripe-signature']);
    } catch (error) {
      // A wrong webhook secret (a rotation half done) refuses every event Stripe sends: an alarm watches this.
      countMetric(metricNames.stripeSignatureFailures, 1);
      throw error;
    }
  },
};
