import { businessEstimateSchemas } from '../../shared/contract/business/estimates';
import { upsertEstimate } from '../../shared/estimates/write-estimate';
import { businessEstimateView } from '../../shared/estimates/views';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoEstimateStore } from '../../shared/estimates/store';
import { DynamoJobDocumentStore } from '../../shared/job-pages/document-store';
import { DynamoJobStore } from '../../shared/jobs/store';

/** Create or replace an estimate; a change to what the customer reads makes a new version; a decided one is 409. */
export const handler = httpRoute(businessRoute('putEstimate'), { auth: apiKeyAuth, stores: { directory: DynamoDirectoryStore, estimates: DynamoEstimateStore, jobDocuments: DynamoJobDocumentStore, jobs: DynamoJobStore }, ...businessEstimateSchemas.putEstimate }, async ({ caller, path, body, deps }) => {
  const { estimate, created } = await upsertEstimate(caller.businessId, path.estimateId, body, {
    estimates: deps.stores.estimates,
    jobDocuments: deps.stores.jobDocuments,
    directory: deps.stores.directory,
    jobs: deps.stores.jobs,
    clock: deps.clock,
  });
  return { status: created ? 201 : 200, body: businessEstimateView(estimate, deps.clock.now()) };
});
