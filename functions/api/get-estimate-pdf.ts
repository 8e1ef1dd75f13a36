import { customerEstimateSchemas } from '../../shared/contract/customer/estimates';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { estimatePdf } from '../../shared/estimates/estimate-pdf';
import { browserLanguageOf } from '../../shared/i18n/accept-language';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { customerAuth } from '../http/auth/customer';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoEstimateStore } from '../../shared/estimates/store';

/** A short-lived URL of the estimate's PDF, rendered once per version (and once more when signed). */
export const handler = httpRoute(portalRoute('getEstimatePdf'), { auth: customerAuth, stores: { directory: DynamoDirectoryStore, estimates: DynamoEstimateStore }, ...customerEstimateSchemas.getEstimatePdf, aws: { secrets: secretsManager, files: s3Files } }, async ({ caller, path, event, deps }) => ({
  status: 200,
  // In the language the asking page shows (the portal sends it as Accept-Language).
  body: await estimatePdf(caller, path.estimateId, { estimates: deps.stores.estimates, directory: deps.stores.directory, files: deps.files, clock: deps.clock }, browserLanguageOf(event.headers?.['accept-language'])),
}));
