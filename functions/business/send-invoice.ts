import { businessSchemas } from '../../shared/api/business-contract';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { Conflict, InvalidInput, NotFound } from '../../shared/domain/errors';
import { addressOn } from '../../shared/domain/model';
import { mintFor } from '../../shared/ids';
import { paymentsEnabled } from '../../shared/payments/methods';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Sends the customer a link that opens this invoice for paying, from the queue (202). */
export const handler = httpRoute(routeByName('sendInvoice'), { ...businessSchemas.sendInvoice, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const invoice = await deps.stores.invoices.getInvoice(caller.businessId, path.invoiceId);
  if (!invoice) throw new NotFound(`There is no invoice ${path.invoiceId}.`);
  const business = await deps.stores.directory.getBusiness(caller.businessId);
  if (!business || !paymentsEnabled(business)) throw new Conflict('This business does not take payments in the portal yet: connect Stripe first.');
  const customer = await deps.stores.directory.getCustomer(caller.businessId, invoice.customerId);
  if (!customer || !addressOn(customer, body.channel)) {
    throw new InvalidInput([{ field: 'channel', message: `this invoice's customer has no ${body.channel === 'email' ? 'email address' : 'phone number'}` }]);
  }
  const mint = mintFor(attempt, deps);
  // From the mint: a retried request is recognised by the consumer and sends nothing twice.
  const requestId = mint.id('pls');
  await deps.queues.notifications.send({ kind: 'object-link', object: 'invoice', requestId, businessId: caller.businessId, objectId: invoice.id, channel: body.channel, requestedAt: mint.now.toISOString() });
  return { status: 202, body: { status: 'queued', invoiceId: invoice.id, channel: body.channel } };
});
