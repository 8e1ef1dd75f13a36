import { businessSchemas } from '../../shared/api/business-contract';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { Conflict, NotFound } from '../../shared/kernel/errors';
import { mintFor } from '../../shared/kernel/ids';
import { requestObjectLink } from '../../shared/links/object-links';
import { paymentsEnabled } from '../../shared/payments/methods';
import { routeByName } from '../../shared/routes';
import { httpRoute } from '../http/http-route';

/** Sends the customer a link that opens this invoice for paying, from the queue (202). */
export const handler = httpRoute(routeByName('sendInvoice'), { ...businessSchemas.sendInvoice, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const invoice = await deps.stores.invoices.getInvoice(caller.businessId, path.invoiceId);
  if (!invoice) throw new NotFound(`There is no invoice ${path.invoiceId}.`);
  const business = await deps.stores.directory.getBusiness(caller.businessId);
  if (!business || !paymentsEnabled(business)) throw new Conflict('This business does not take payments in the portal yet: connect Stripe first.');
  await requestObjectLink('invoice', invoice, body.channel, mintFor(attempt, deps), { directory: deps.stores.directory, notifications: deps.queues.notifications });
  return { status: 202, body: { status: 'queued', invoiceId: invoice.id, channel: body.channel } };
});
