import { customerHomeSchemas } from '../../shared/contract/customer/home';
import { getHome } from '../../shared/home/get-home';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { sessionAuth } from '../http/auth/session';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoInvoiceStore } from '../../shared/invoices/store';
import { DynamoJobStore } from '../../shared/jobs/store';
import { DynamoUnreadStore } from '../../shared/messages/unread-store';
import { DynamoTrackingStore } from '../../shared/tracking/store';

/** Home: what is due, estimates to decide, the next visit, unread messages and recent payments, in one answer. */
export const handler = httpRoute(
  portalRoute('getHome'),
  {
    auth: sessionAuth,
    stores: { directory: DynamoDirectoryStore, invoices: DynamoInvoiceStore, estimates: DynamoEstimateStore, jobs: DynamoJobStore, unread: DynamoUnreadStore, tracking: DynamoTrackingStore },
    ...customerHomeSchemas.getHome,
  },
  async ({ caller, deps }) => ({ status: 200, body: await getHome(caller, { ...deps.stores, clock: deps.clock }) }),
);
