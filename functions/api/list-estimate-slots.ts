import { customerEstimateSchemas } from '../../shared/contract/customer/estimates';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { openSlotsFor } from '../../shared/estimates/schedule';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** The business's open slots long enough for this visit, soonest first; only once approved (and the deposit paid). */
export const handler = httpRoute(portalRoute('listEstimateSlots'), { auth: customerAuth, stores: { directory: DynamoDirectoryStore, estimates: DynamoEstimateStore, invoices: DynamoInvoiceStore, slots: DynamoEstimateStore, jobs: DynamoJobStore }, ...customerEstimateSchemas.listEstimateSlots, aws: { secrets: secretsManager } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: await openSlotsFor(caller, path.estimateId, { estimates: deps.stores.estimates, slots: deps.stores.slots, invoices: deps.stores.invoices, jobs: deps.stores.jobs, clock: deps.clock }),
}));
