/**
 * Stripe's Connect webhook. The row's `signature` auth has already checked `stripe-signature` on
 * the raw body (a bad one is a 400, nothing written). This answers fast: it refuses an event of
 * the other mode (test vs live) and queues the rest; the payments consumer does the work.
 */
import { stripePayments } from '../../shared/adapters/aws/factories/payments';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { InvalidInput } from '../../shared/kernel/errors';
import { logger } from '../../shared/logging/logger';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { signatureAuth } from '../http/auth/signature';

export const handler = httpRoute(portalRoute('stripeWebhook'), { auth: signatureAuth, aws: { payments: stripePayments, queues: sqsQueues } }, async ({ caller: event, deps }) => {
  if (event.livemode !== (await deps.payments.livemode())) {
    logger.warn('stripe event of the other mode refused', { eventType: event.type, reason: event.livemode ? 'live event, test key' : 'test event, live key' });
    throw new InvalidInput([{ field: 'livemode', message: 'does not match this deployment\'s Stripe mode' }]);
  }
  await deps.queues.payments.send({ kind: 'stripe-event', event });
  return { status: 200, body: { received: true } };
});
