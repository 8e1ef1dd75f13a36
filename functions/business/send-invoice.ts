import { businessInvoiceSchemas } from '../../shared/contract/business/invoices';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { Conflict, NotFound } from '../../shared/kernel/errors';
import { mintFor } from '../../shared/kernel/ids';
import { requestObjectLink } from '../../shared/links/object-links';
import { paymentsEnabled } from '../../shared/directory/payments-enabled';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';

/** Sends the customer a link that opens this invoice for paying, from the queue (202). */
export const handler = httpRoute(businessRoute('sendInvoice'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, idempotency: DynamoBusinessApiStore, invoices: DynamoInvoiceStore }, ...businessInvoiceSchemas.sendInvoice, aws: { queues: sqsQueues } }, async ({ caller, path, body, attempt, deps }) => {
  const invoice = await deps.stores.invoices.getInvoice(caller.businessId, path.invoiceId);
  if (!invoice) throw new NotFound(`There is no invoice ${path.invoiceId}.`);
  const business = await deps.stores.directory.getBusiness(caller.businessId);
  if (!business || !paymentsEnabled(business)) throw new Conflict('This business does not take payments in the portal yet: connect Stripe first.');
  await requestObjectLink('invoice', invoice, body.channel, mintFor(attempt, deps), { directory: deps.stores.directory, notifications: deps.queues.notifications });
  return { status: 202, body: { status: 'queued', invoiceId: invoice.id, channel: body.channel } };
});
