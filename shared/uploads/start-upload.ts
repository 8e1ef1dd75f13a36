/**
 * Step 1 of 2 of a customer's upload (security.md rule 84): rate limits, then an item, then a
 * presigned POST that storage accepts for exactly this key, type and size until it expires. An
 * upload made without a session gets a claim token: only its hash is stored, and only its holder
 * can complete the upload or attach it to a request.
 */
import { InvalidInput, NotFound, RateLimited } from '../kernel/errors';
import type { Mint } from '../kernel/ids';
import type { Random } from '../kernel/types';
import { fixedWindow } from '../kernel/rate-window';
import { newSecret, sha256 } from '../kernel/secrets';
import type { RateLimitStore } from '../auth/port';
import type { DirectoryStore } from '../directory/port';
import type { FileUploads } from '../files/port';
import type { StartUploadBody, UploadTicket } from '../contract/customer/uploads';
import { uploadKeyOf, uploadLifetimeMs, uploadPolicy, type UploadRecord } from './model';
import type { UploadStore } from './port';
import type { Visitor } from './visitor';

/** A presigned POST outlives a slow phone connection sending 20 MB, and not much more. */
export const uploadFormLifetimeMs = 30 * 60 * 1000;

export async function startUpload(
  visitor: Visitor,
  input: StartUploadBody,
  /** The client's rate-limit identity (an IPv4 address, or an IPv6 /64), or null when unknown. */
  clientSubject: string | null,
  mint: Mint,
  deps: { uploads: UploadStore; rateLimits: RateLimitStore; directory: DirectoryStore; files: FileUploads; random: Random },
): Promise<UploadTicket> {
  if (!visitor && input.purpose !== 'request') {
    throw new InvalidInput([{ field: 'purpose', message: 'a file for a form needs the form\'s link or a sign-in' }], 'Open the form from its link, or sign in, to attach a file.');
  }
  // The portal's lookup and the caller's own counter (the customer's, or the client address's)
  // side by side: neither needs the other. A refusal by either is thrown once both have answered.
  const [found, counted] = await Promise.allSettled([deps.directory.findBusinessIdBySlug(input.slug), countCaller(visitor, clientSubject, mint.now, deps.rateLimits)]);
  if (found.status === 'rejected') throw found.reason;
  const businessId = found.value;
  // A session or link of another portal is no proof here: the same answer as an unknown portal.
  if (!businessId || (visitor && visitor.businessId !== businessId)) throw new NotFound(`There is no portal ${input.slug}.`);
  if (counted.status === 'rejected') throw counted.reason;
  // Then, without a session, the business's day: counted only for a caller within its own limit.
  if (!visitor) await countBusinessDay(businessId, mint.now, deps.rateLimits);

  const claimToken = visitor ? null : newSecret(deps.random);
  const record: UploadRecord = {
    id: mint.id('upl'),
    businessId,
    purpose: input.purpose,
    fileName: input.fileName,
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    customerId: visitor?.customerId ?? null,
    claimTokenHash: claimToken ? sha256(claimToken) : null,
    status: 'pending',
    claimedBy: null,
    key: null,
    createdAt: mint.now.toISOString(),
    expiresAt: new Date(mint.now.getTime() + uploadLifetimeMs).toISOString(),
  };
  await deps.uploads.addUpload(record);
  const expiresAt = new Date(mint.now.getTime() + uploadFormLifetimeMs);
  const post = await deps.files.signedUploadForm(uploadKeyOf(record), record.contentType, record.sizeBytes, expiresAt);
  return { id: record.id, claimToken, post, expiresAt: expiresAt.toISOString() };
}

const tooMany = (retryAfter: number) =>
  new RateLimited(retryAfter, `Too many files were sent. Please try again in ${Math.ceil(retryAfter / 60)} minutes.`).saying('problems.upload.too-many', { minutes: Math.ceil(retryAfter / 60) });

/** The caller's own budget: a customer's, or without a session the client address's (counter names hold hashes only). */
async function countCaller(visitor: Visitor, clientSubject: string | null, now: Date, rateLimits: RateLimitStore): Promise<void> {
  const hour = fixedWindow(now, uploadPolicy.windowSeconds);
  if (visitor) {
    if (!(await rateLimits.hit(`upload#customer#${sha256(visitor.customerId)}`, hour.windowStart, uploadPolicy.windowSeconds, uploadPolicy.perCustomer))) throw tooMany(hour.retryAfterSeconds);
    return;
  }
  if (clientSubject && !(await rateLimits.hit(`upload#ip#${sha256(clientSubject)}`, hour.windowStart, uploadPolicy.windowSeconds, uploadPolicy.perAddress))) throw tooMany(hour.retryAfterSeconds);
}

/** Without a session, the business's day whatever the addresses: the cap that bounds its storage. */
async function countBusinessDay(businessId: string, now: Date, rateLimits: RateLimitStore): Promise<void> {
  const day = fixedWindow(now, 24 * 60 * 60);
  if (!(await rateLimits.hit(`upload#business#${businessId}`, day.windowStart, 24 * 60 * 60, uploadPolicy.perBusinessPerDay))) throw tooMany(day.retryAfterSeconds);
}
