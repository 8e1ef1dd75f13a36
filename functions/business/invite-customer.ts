import { businessCustomerSchemas } from '../../shared/contract/business/customers';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { getCustomer } from '../../shared/directory/customers';
import { addressOn } from '../../shared/directory/model';
import { InvalidInput } from '../../shared/kernel/errors';
import { mintFor } from '../../shared/kernel/ids';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';

/** Sends the customer a sign-in link, from the queue; the answer says where it is going. */
export const handler = httpRoute(
  businessRoute('inviteCustomer'),
  { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, idempotency: DynamoBusinessApiStore }, ...businessCustomerSchemas.inviteCustomer, aws: { queues: sqsQueues } },
  async ({ caller, path, body, attempt, deps }) => {
    const customer = await getCustomer(caller.businessId, path.customerId, { directory: deps.stores.directory });
    if (!addressOn(customer, body.channel)) {
      throw new InvalidInput([{ field: 'channel', message: `this customer has no ${body.channel === 'email' ? 'email address' : 'phone number'}` }]);
    }
    const mint = mintFor(attempt, deps);
    // The request id comes from the mint: a retried request is recognised by the consumer and sends nothing twice.
    const requestId = mint.id('inv');
    await deps.queues.notifications.send({ kind: 'invite', requestId, businessId: caller.businessId, customerId: customer.id, channel: body.channel, requestedAt: mint.now.toISOString() });
    return { status: 202, body: { status: 'queued', customerId: customer.id, channel: body.channel } };
  },
);
