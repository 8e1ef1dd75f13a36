import { businessMediaSchemas } from '../../shared/contract/business/media';
import { s3Files } from '../../shared/adapters/aws/factories/files';
import { mintFor } from '../../shared/kernel/ids';
import { mediaView, startMediaUpload } from '../../shared/media/uploads';
import { businessRoute } from '../../shared/routes/business';
import { httpRoute } from '../http/http-route';
import { apiKeyAuth } from '../http/auth/api-key';
import { DynamoBusinessApiStore } from '../../shared/business-api/store';
import { DynamoMediaStore } from '../../shared/media/store';

/** Step 1 of 2: an upload URL for exactly this image; step 2 is `POST media/{id}/complete`. */
export const handler = httpRoute(businessRoute('createMedia'), { auth: apiKeyAuth, stores: { idempotency: DynamoBusinessApiStore, media: DynamoMediaStore }, ...businessMediaSchemas.createMedia, aws: { files: s3Files } }, async ({ caller, body, attempt, deps }) => {
  const { media, upload } = await startMediaUpload(caller.businessId, body, mintFor(attempt, deps), { media: deps.stores.media, files: deps.files });
  return { status: 201, body: { ...mediaView(media), upload } };
});
