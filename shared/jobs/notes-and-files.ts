/**
 * What the business adds to a job besides messages: notes, and attachments (uploaded straight
 * to the file store through a short-lived URL that only accepts the declared type and size,
 * then published once the business confirms the upload arrived intact).
 */
import { Conflict, InvalidInput, NotFound } from '../kernel/errors';
import type { AttachmentRecord, NoteRecord } from './model';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import { uploadUrlLifetimeMs, type FileStorage, type FileUploads } from '../files/port';
import type { JobStore } from './port';
import type { Mint } from '../kernel/ids';
import type { CreateAttachmentBody } from '../contract/business/jobs';
import { matchesDeclaredType, signatureBytes } from '../files/signatures';

const noJob = (jobId: string) => new NotFound(`There is no job ${jobId}.`);

export async function addNote(
  businessId: string,
  jobId: string,
  input: { text: string; author?: string | undefined; at?: string | undefined },
  mint: Mint,
  deps: { jobs: JobStore; directory: DirectoryStore },
): Promise<NoteRecord> {
  if (input.at && new Date(input.at).getTime() > mint.now.getTime()) throw new InvalidInput([{ field: 'at', message: 'must not be in the future' }]);
  const job = await deps.jobs.getJob(businessId, jobId);
  if (!job) throw noJob(jobId);
  const author = input.author ?? (await deps.directory.getBusiness(businessId))?.name ?? 'Office';
  const note: NoteRecord = { id: mint.id('note'), at: input.at ?? mint.now.toISOString(), author, text: input.text };
  await deps.jobs.addPart(businessId, jobId, 'notes', note);
  return note;
}

export async function startAttachment(
  businessId: string,
  jobId: string,
  input: CreateAttachmentBody,
  mint: Mint,
  deps: { jobs: JobStore; files: FileUploads },
): Promise<{ attachment: AttachmentRecord; upload: { url: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string } }> {
  if (!(await deps.jobs.getJob(businessId, jobId))) throw noJob(jobId);
  const id = mint.id('att');
  const attachment: AttachmentRecord = {
    id,
    at: mint.now.toISOString(),
    fileName: input.fileName,
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    // Tenant first in the file store too; the name the customer sees lives in the item only.
    fileKey: `${businessId}/${jobId}/${id}`,
    status: 'pending',
  };
  await deps.jobs.addPart(businessId, jobId, 'attachments', attachment);
  const expiresAt = new Date(mint.now.getTime() + uploadUrlLifetimeMs);
  const url = await deps.files.signedUploadUrl(attachment.fileKey, attachment.contentType, attachment.sizeBytes, expiresAt);
  return { attachment, upload: { url, method: 'PUT', headers: { 'content-type': attachment.contentType }, expiresAt: expiresAt.toISOString() } };
}

export async function completeAttachment(
  businessId: string,
  jobId: string,
  attachmentId: string,
  deps: { jobs: JobStore; files: FileStorage; clock: Clock },
): Promise<AttachmentRecord> {
  const attachment = await deps.jobs.getAttachment(businessId, jobId, attachmentId);
  if (!attachment) throw new NotFound(`There is no attachment ${attachmentId} on job ${jobId}.`);
  if (attachment.status === 'ready') return attachment;
  const stored = await deps.files.head(attachment.fileKey);
  if (!stored) throw new Conflict('Nothing has been uploaded for this attachment yet: PUT the file to the upload URL first.');
  if (stored.sizeBytes !== attachment.sizeBytes) throw new Conflict(`The uploaded file has ${stored.sizeBytes} bytes, not the ${attachment.sizeBytes} declared.`);
  // Rule 60: the bytes must be what the type says. A mismatch is thrown away (the attachment stays
  // unpublished); a new attachment with the right type, or the right file, is the way forward.
  const head = await deps.files.readStart(attachment.fileKey, signatureBytes);
  if (!head || !matchesDeclaredType(attachment.contentType, head)) {
    await deps.files.delete(attachment.fileKey);
    throw new InvalidInput([{ field: 'contentType', message: `the uploaded file is not ${attachment.contentType}: its content does not match the declared type (the upload was removed)` }], 'The uploaded file does not match its declared type.');
  }
  await deps.jobs.markAttachmentReady(businessId, jobId, attachmentId, deps.clock.now().toISOString());
  return { ...attachment, status: 'ready' };
}
