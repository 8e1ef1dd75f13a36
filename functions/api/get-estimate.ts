import { customerEstimateSchemas } from '../../shared/contract/customer/estimates';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { getCustomerEstimate } from '../../shared/estimates/customer-estimates';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** One of the customer's estimates with its options, terms and (after a decision) its record; a read that changes nothing. */
export const handler = httpRoute(portalRoute('getEstimate'), { auth: customerAuth, stores: { directory: DynamoDirectoryStore, estimates: DynamoEstimateStore, invoices: DynamoInvoiceStore }, ...customerEstimateSchemas.getEstimate, aws: { secrets: secretsManager } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await getCustomerEstimate(caller, path.estimateId, { estimates: deps.stores.estimates, invoices: deps.stores.invoices, clock: deps.clock }),
}));
