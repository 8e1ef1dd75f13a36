import { businessEstimateSchemas } from '../../shared/contract/business/estimates';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { Conflict, NotFound } from '../../shared/kernel/errors';
import { mintFor } from '../../shared/kernel/ids';
import { statusAt } from '../../shared/estimates/views';
import { requestObjectLink } from '../../shared/links/object-links';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** Sends the customer a link that opens this estimate with no sign-in, from the queue (202). */
export const handler = httpRoute(businessRoute('sendEstimate'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, estimates: DynamoEstimateStore, idempotency: DynamoBusinessApiStore }, ...businessEstimateSchemas.sendEstimate, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const estimate = await deps.stores.estimates.getEstimate(caller.businessId, path.estimateId);
  if (!estimate) throw new NotFound(`There is no estimate ${path.estimateId}.`);
  if (statusAt(estimate, deps.clock.now()) === 'expired') throw new Conflict('This estimate has expired: PUT it with a later expiresAt first.');
  await requestObjectLink('estimate', estimate, body.channel, mintFor(attempt, deps), { directory: deps.stores.directory, notifications: deps.queues.notifications });
  return { status: 202, body: { status: 'queued', estimateId: estimate.id, channel: body.channel } };
});
