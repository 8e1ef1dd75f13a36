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

export const UPLOAD_PURPOSES = ['request', 'form'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/**
 * What each purpose accepts: photos and short videos with a service request; photos and PDFs in
 * a form's file field. Each type has a first-bytes check (shared/files/signatures.ts); no SVG or
 * HTML, which could carry script.
 */
export const uploadTypes = {
  request: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'video/mp4', 'video/quicktime', 'video/webm'],
  form: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'],
} as const satisfies Record<UploadPurpose, readonly string[]>;
export type UploadType = (typeof uploadTypes)[UploadPurpose][number];
export const allUploadTypes: readonly UploadType[] = [...new Set<UploadType>([...uploadTypes.request, ...uploadTypes.form])];

/** 20 MB a file: a phone's photo, or a short video of the leak. */
export const maxUploadBytes = 20 * 1024 * 1024;

export const UploadId = v.pipe(v.string('must be a string'), v.regex(/^upl_[A-Za-z0-9]{22}$/, 'must be an upload id'));
/** 256 random bits, base64url: what proves an upload made without signing in is the caller's own. */
export const ClaimToken = v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be the claimToken the upload answered'));

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

/** A completed upload: checked, and waiting to be attached (or attached) to what it was sent with. */
export interface UploadedFileView {
  id: string;
  fileName: string;
  contentType: UploadType;
  sizeBytes: number;
}

/** How a request or an answer names a completed upload. */
export const UploadRef = v.strictObject({ id: UploadId, claimToken: v.optional(ClaimToken) });
export type UploadRef = v.InferOutput<typeof UploadRef>;
export const uploadRefSchema = UploadRef;

export const customerUploadSchemas = {
  createUpload: { body: StartUploadBody },
  completeUpload: { path: UploadPath, body: CompleteUploadBody },
} as const;
