import { customerFormSchemas } from '../../shared/contract/customer/forms';
import { stepDepsFrom } from '../../shared/steps/deps';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { submitForm } from '../../shared/forms/submit';
import { claimUploads, confirmClaimedUploads, releaseClaimedUploads } from '../../shared/uploads/claim';
import { mintFor } from '../../shared/kernel/ids';
import { portalRoute } from '../../shared/routes/portal';
import { httpRoute } from '../http/http-route';
import { decisionRequestOf } from '../http/decision-request';
import { customerAuth } from '../http/auth/customer';
import { stepStores } from '../wiring/step-stores';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoUploadStore } from '../../shared/uploads/store';

/** Submits the answers against the version filled: written once (a double tap makes one submission), then its follow-ups. */
export const handler = httpRoute(
  portalRoute('submitForm'),
  {
    auth: customerAuth,
    stores: { ...stepStores, idempotency: DynamoBusinessApiStore, uploads: DynamoUploadStore },
    ...customerFormSchemas.submitForm,
    aws: { secrets: secretsManager, queues: sqsQueues, files: s3Files },
  },
  async ({ caller, path, body, attempt, clientIp, event, deps }) => ({
    status: 200,
    body: await submitForm(caller, path.sentFormId, body, decisionRequestOf(caller, mintFor(attempt, deps).id('fsr'), clientIp, event), {
      ...stepDepsFrom(deps.stores, deps.clock, { webhooks: deps.queues.webhooks, confirmFiles: (ids, claimedBy) => confirmClaimedUploads(ids, claimedBy, { uploads: deps.stores.uploads }) }),
      claimFiles: (refs, claimedBy, field, confirmBy) => claimUploads(refs, { businessId: caller.businessId, customerId: caller.customerId }, 'form', claimedBy, field, { uploads: deps.stores.uploads, files: deps.files, clock: deps.clock }, { confirmBy }),
      releaseFiles: (ids, claimedBy) => releaseClaimedUploads(ids, claimedBy, { uploads: deps.stores.uploads }),
    }),
  }),
);
