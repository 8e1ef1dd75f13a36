import { businessSchemas } from '../../shared/api/business-contract';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { Conflict, InvalidInput, NotFound } from '../../shared/domain/errors';
import { addressOn } from '../../shared/domain/model';
import { mintFor } from '../../shared/ids';
import { statusAt } from '../../shared/estimates/views';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Sends the customer a link that opens this estimate with no sign-in, from the queue (202). */
export const handler = httpRoute(routeByName('sendEstimate'), { ...businessSchemas.sendEstimate, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const estimate = await deps.stores.estimates.getEstimate(caller.businessId, path.estimateId);
  if (!estimate) throw new NotFound(`There is no estimate ${path.estimateId}.`);
  if (statusAt(estimate, deps.clock.now()) === 'expired') throw new Conflict('This estimate has expired: PUT it with a later expiresAt first.');
  const customer = await deps.stores.directory.getCustomer(caller.businessId, estimate.customerId);
  if (!customer || !addressOn(customer, body.channel)) {
    throw new InvalidInput([{ field: 'channel', message: `this estimate's customer has no ${body.channel === 'email' ? 'email address' : 'phone number'}` }]);
  }
  const mint = mintFor(attempt, deps);
  // From the mint: a retried request is recognised by the consumer and sends nothing twice.
  await deps.queues.notifications.send({ kind: 'object-link', object: 'estimate', requestId: mint.id('els'), businessId: caller.businessId, objectId: estimate.id, channel: body.channel, requestedAt: mint.now.toISOString() });
  return { status: 202, body: { status: 'queued', estimateId: estimate.id, channel: body.channel } };
});
