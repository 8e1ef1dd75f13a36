/**
 * The customer API: files a customer (or someone asking for work from the business's website)
 * sends with a service request or a form, in two steps. `POST /api/uploads` answers a presigned
 * POST that storage accepts for exactly the declared type and size, straight from the browser;
 * `POST /api/uploads/{uploadId}/complete` then checks the first bytes are that type. A completed
 * upload is referenced by its id (and, for an upload made without signing in, its claim token)
 * from the request or answer that uses it, which attaches it for good (shared/uploads/claim.ts).
 */
import * as v from 'valibot';
import { Slug } from '../slugs';
import { fileNameText } from '../text';

export { UPLOAD_PURPOSES, uploadTypes, allUploadTypes, maxUploadBytes, UploadId, ClaimToken, UploadRef, uploadRefSchema, type UploadPurpose, type UploadType, type UploadedFileView } from './upload-ref';
import { allUploadTypes, ClaimToken, maxUploadBytes, UPLOAD_PURPOSES, UploadId, uploadTypes } from './upload-ref';

export const StartUploadBody = v.pipe(
  v.strictObject({
    /** The portal the file is for: a visitor without a session names it; a signed-in customer's must match. */
    slug: Slug,
    purpose: v.picklist(UPLOAD_PURPOSES, `must be one of ${UPLOAD_PURPOSES.join(', ')}`),
    fileName: fileNameText(),
    contentType: v.picklist(allUploadTypes, `must be one of ${allUploadTypes.join(', ')}`),
    sizeBytes: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(maxUploadBytes, `must be at most ${maxUploadBytes} bytes (20 MB)`)),
  }),
  v.forward(
    v.check((body) => (uploadTypes[body.purpose] as readonly string[]).includes(body.contentType), 'is not accepted for this purpose'),
    ['contentType'],
  ),
);
export type StartUploadBody = v.InferOutput<typeof StartUploadBody>;

export interface UploadTicket {
  id: string;
  /** Only for an upload made without a session: keep it, and send it with the request that uses the file. */
  claimToken: string | null;
  /** A multipart/form-data POST of `fields` and then the file (as `file`) to `url`. */
  post: { url: string; fields: Record<string, string> };
  expiresAt: string;
}

export const UploadPath = v.strictObject({ uploadId: UploadId });
export const CompleteUploadBody = v.strictObject({ claimToken: v.optional(ClaimToken) });


export const customerUploadSchemas = {
  createUpload: { body: StartUploadBody },
  completeUpload: { path: UploadPath, body: CompleteUploadBody },
} as const;
