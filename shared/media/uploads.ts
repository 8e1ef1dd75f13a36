/**
 * Branding images (a logo, a technician's photo) in two steps, like attachments: `start` answers
 * a short-lived URL that accepts exactly the declared type and size into a private upload key;
 * `complete` reads what arrived (at most 1 MB), checks it is the picture it claims to be
 * (./image-check.ts), and publishes it under a name made of its own SHA-256 in the business's
 * namespace (`media/<biz>/<sha256>.<ext>`), which the portal's origin serves (security.md rule 74).
 *
 * Both steps are safe to repeat: the published name depends only on the bytes, so a retried
 * completion writes the same object again and then marks the same item ready. A crash between
 * the two leaves a published object no page names yet, and the item pending: completing again
 * finishes it. An upload never completed, or refused, stays private until the bucket's lifecycle
 * rule removes it (uploads/ expires after a day), so no route needs to delete files.
 */
import { createHash } from 'node:crypto';
import { Conflict, InvalidInput, NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { Mint } from '../kernel/ids';
import { uploadUrlLifetimeMs, type FileUploads } from '../files/port';
import { mediaExtensions, type CreateMediaBody, type MediaView } from '../contract/business/media';
import { checkImage } from './image-check';
import { mediaKeyOf } from './keys';
import type { MediaRecord } from './model';
import type { MediaStore } from './port';

export const mediaView = ({ businessId: _b, uploadKey: _k, ...view }: MediaRecord): MediaView => view;

export async function startMediaUpload(
  businessId: string,
  input: CreateMediaBody,
  mint: Mint,
  deps: { media: MediaStore; files: FileUploads },
): Promise<{ media: MediaRecord; upload: { url: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string } }> {
  const id = mint.id('med');
  const media: MediaRecord = {
    businessId,
    id,
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    // Private, outside the served `media/` prefix and every business's attachment keys (`biz_…/`).
    uploadKey: `uploads/${businessId}/${id}`,
    status: 'pending',
    createdAt: mint.now.toISOString(),
    url: null,
    width: null,
    height: null,
  };
  await deps.media.addUpload(media);
  const expiresAt = new Date(mint.now.getTime() + uploadUrlLifetimeMs);
  const url = await deps.files.signedUploadUrl(media.uploadKey, media.contentType, media.sizeBytes, expiresAt);
  return { media, upload: { url, method: 'PUT', headers: { 'content-type': media.contentType }, expiresAt: expiresAt.toISOString() } };
}

export async function completeMediaUpload(businessId: string, mediaId: string, deps: { media: MediaStore; files: FileUploads; clock: Clock }): Promise<MediaRecord> {
  const media = await deps.media.getUpload(businessId, mediaId, { consistent: true });
  if (!media) throw new NotFound(`There is no media upload ${mediaId}.`);
  if (media.status === 'ready') return media;
  const stored = await deps.files.head(media.uploadKey);
  if (!stored) throw new Conflict('Nothing has been uploaded for this image yet: PUT the file to the upload URL first.');
  if (stored.sizeBytes !== media.sizeBytes) throw new Conflict(`The uploaded file has ${stored.sizeBytes} bytes, not the ${media.sizeBytes} declared.`);
  // The whole file (at most 1 MB, signed into the upload URL): its hash names it, and the check reads its header.
  const bytes = await deps.files.readStart(media.uploadKey, media.sizeBytes);
  if (!bytes || bytes.length !== media.sizeBytes) throw new Conflict('The uploaded file could not be read whole: complete again.');
  const checked = checkImage(media.contentType, bytes);
  if (!checked.ok) throw new InvalidInput([{ field: checked.field, message: `${checked.message} (nothing was published; start a new upload)` }], 'The uploaded file is not an image the portal can show.');
  const url = `/media/${businessId}/${createHash('sha256').update(bytes).digest('hex')}.${mediaExtensions[media.contentType]}`;
  // The type published is the one the bytes were checked against, never what the upload said.
  await deps.files.put(mediaKeyOf(url), bytes, media.contentType);
  await deps.media.markPublished(businessId, mediaId, { url, width: checked.width, height: checked.height }, deps.clock.now().toISOString());
  return { ...media, status: 'ready', url, width: checked.width, height: checked.height };
}
