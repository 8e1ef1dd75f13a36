import { businessMediaSchemas } from '../../shared/contract/business/media';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { completeMediaUpload, mediaView } from '../../shared/media/uploads';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoMediaStore } from '../../shared/media/store';

/** Step 2 of 2: checks the upload is the picture it claims to be, then publishes it under /media/. */
export const handler = httpRoute(businessRoute('completeMedia'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, media: DynamoMediaStore }, ...businessMediaSchemas.completeMedia, aws: { files: s3Files } }, async ({ caller, path, deps }) => ({
  status: 200,
  body: mediaView(await completeMediaUpload(caller.businessId, path.mediaId, { media: deps.stores.media, files: deps.files, clock: deps.clock })),
}));
