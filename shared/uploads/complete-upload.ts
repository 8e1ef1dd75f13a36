/**
 * Step 2 of 2 (security.md rule 84): is what arrived what was declared? The presigned POST pinned
 * the type and size, not the bytes, so HTML sent as `image/jpeg` would otherwise reach the
 * business as a photo. The first bytes must match the declared type (shared/files/signatures.ts);
 * a file that does not is thrown away and the upload refused for good.
 *
 * Safe to repeat: a ready upload answers the same again. Two completions racing are settled by
 * the conditional pending → ready|refused write.
 */
import { Conflict, InvalidInput, NotFound } from '../kernel/errors';
import { sha256 } from '../kernel/secrets';
import type { FileStorage } from '../files/port';
import { matchesDeclaredType, signatureBytes } from '../files/signatures';
import type { UploadedFileView } from '../contract/customer/uploads';
import { uploadKeyOf, type UploadRecord } from './model';
import type { UploadStore } from './port';
import type { Visitor } from './visitor';

export const uploadView = (upload: UploadRecord): UploadedFileView => ({ id: upload.id, fileName: upload.fileName, contentType: upload.contentType, sizeBytes: upload.sizeBytes });

/** The upload if `visitor` (with `claimToken` when anonymous) is its uploader; null for anyone else, who must not learn it exists. */
export function ownUpload(upload: UploadRecord | null, visitor: Visitor, claimToken: string | undefined, businessId?: string): UploadRecord | null {
  if (!upload) return null;
  if (visitor) return upload.businessId === visitor.businessId && upload.customerId === visitor.customerId ? upload : null;
  if (businessId && upload.businessId !== businessId) return null;
  return upload.customerId === null && upload.claimTokenHash !== null && claimToken !== undefined && sha256(claimToken) === upload.claimTokenHash ? upload : null;
}

const refusal = (upload: UploadRecord) =>
  new InvalidInput([{ field: 'file', message: `the file's content is not ${upload.contentType}: it was not kept (choose another file)` }], 'This file is not the kind of file it says it is.').saying('problems.upload.not-its-type');

export async function completeUpload(
  visitor: Visitor,
  uploadId: string,
  claimToken: string | undefined,
  deps: { uploads: UploadStore; files: FileStorage },
): Promise<UploadedFileView> {
  const upload = ownUpload(await deps.uploads.getUpload(uploadId, { consistent: true }), visitor, claimToken);
  if (!upload) throw new NotFound(`There is no upload ${uploadId}.`);
  if (upload.status === 'ready') return uploadView(upload);
  if (upload.status === 'refused') throw refusal(upload);
  const key = uploadKeyOf(upload);
  const stored = await deps.files.head(key);
  if (!stored) throw new Conflict('Nothing has been uploaded for this file yet: send it with the upload form first.');
  if (stored.sizeBytes !== upload.sizeBytes) throw new Conflict(`The uploaded file has ${stored.sizeBytes} bytes, not the ${upload.sizeBytes} declared.`);
  const head = await deps.files.readStart(key, signatureBytes);
  if (!head) throw new Conflict('The uploaded file could not be read: complete again.');
  if (!matchesDeclaredType(upload.contentType, head)) {
    // Gone before the refusal is recorded: a crash between the two leaves no bad file, only an upload to refuse again.
    await deps.files.delete(key);
    await deps.uploads.settleUpload(upload.id, 'refused');
    throw refusal(upload);
  }
  if (!(await deps.uploads.settleUpload(upload.id, 'ready'))) {
    const settled = await deps.uploads.getUpload(upload.id, { consistent: true });
    if (settled?.status !== 'ready') throw refusal(upload);
  }
  return uploadView(upload);
}
