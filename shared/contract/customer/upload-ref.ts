/**
 * What the portal's pages need of the uploads' contract (./uploads.ts), apart from its request
 * schemas: the purposes, the types and size each takes, and how a request or an answer names a
 * completed upload. Kept apart so a page that sends files carries none of the server's checks of
 * an upload's start (the file name's rules and the rest stay out of the browser's bundles).
 */
import * as v from 'valibot';

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

/** How a request or an answer names a completed upload. */
export const UploadRef = v.strictObject({ id: UploadId, claimToken: v.optional(ClaimToken) });
export type UploadRef = v.InferOutput<typeof UploadRef>;
export const uploadRefSchema = UploadRef;

/** A completed upload: checked, and waiting to be attached (or attached) to what it was sent with. */
export interface UploadedFileView {
  id: string;
  fileName: string;
  contentType: UploadType;
  sizeBytes: number;
}
