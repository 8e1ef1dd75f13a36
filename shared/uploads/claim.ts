/**
 * Attaching completed uploads to what they were sent with (a service request, a form's answer):
 * each must be ready, the business's, for this purpose and the claimant's own (the same customer,
 * or, for an anonymous claimant, the holder of its claim token). Each is copied into the
 * business's namespace (a server-side copy, so 20 MB never passes through the function) and then
 * marked claimed, which ends its expiry.
 *
 * Safe to repeat with the same `claimedBy` (the copy writes the same bytes again; the claim is a
 * no-op); another `claimedBy` is refused by the conditional claim. A crash after the copies and
 * before the claims leaves copies that the next attempt overwrites.
 *
 * `keep: false` attaches without keeping: the files stay where they were uploaded and expire with
 * them unless `keepClaimedUploads` keeps them later. A request from a website waits for its email
 * confirmation that way, so one nobody confirms leaves nothing behind (rule 84).
 *
 * `confirmBy`: keeps the files, but the claims' records still expire then unless
 * `confirmClaimedUploads` confirms them: for a claim made before the write that decides whether
 * it is used (a form's submission, which two devices may race). The winner's write owes the
 * confirmation; a loser that crashes before giving its claims back leaves records that expire.
 */
import { InvalidInput, type ProblemKey } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { FileStorage } from '../files/port';
import type { UploadPurpose, UploadRef } from '../contract/customer/uploads';
import { heldUploadWindowMs, keptKeyOf, uploadKeyOf, type UploadRecord } from './model';
import type { UploadStore } from './port';
import { ownUpload } from './complete-upload';

export interface ClaimedFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Where it is kept: show it with `signedDownloadUrl(key, fileName, expiresAt)`. */
  key: string;
}

export type FileCopies = Pick<FileStorage, 'copy'>;

/** Why a file could not be attached, in English (the business API's) and as the portal says it. */
const refusals = {
  twice: ['is the same file twice', 'problems.upload.twice'],
  notYours: ['is not a file you uploaded (or it has expired): upload it again', 'problems.upload.not-yours'],
  otherPurpose: ['was uploaded for something else: upload it again here', 'problems.upload.other-purpose'],
  refused: ['was refused: its content is not its type', 'problems.upload.refused'],
  unfinished: ['has not finished uploading', 'problems.upload.unfinished'],
  taken: ['is already attached to something else', 'problems.upload.taken'],
  expiring: ['was uploaded too long ago to be kept: upload it again', 'problems.upload.expiring'],
} as const satisfies Record<string, readonly [string, ProblemKey]>;

export async function claimUploads(
  refs: readonly UploadRef[],
  claimant: { businessId: string; customerId: string | null },
  purpose: UploadPurpose,
  claimedBy: string,
  field: (i: number) => string,
  deps: { uploads: UploadStore; files: FileCopies; clock?: Clock },
  /**
   * `keep: false` attaches without keeping (see above); `keepWithinMs`: how long after now the
   * files must still be there to be kept (by default a day, the wait for an email confirmation).
   */
  options: { keep?: boolean; keepWithinMs?: number; confirmBy?: string } = {},
): Promise<ClaimedFile[]> {
  const keep = options.keep ?? true;
  const now = (deps.clock?.now() ?? new Date()).getTime();
  const refused = (i: number, why: keyof typeof refusals) => new InvalidInput([{ field: field(i), message: refusals[why][0], said: { key: refusals[why][1] } }], 'A file could not be attached.');
  const seen = new Set<string>();
  refs.forEach((ref, i) => {
    if (seen.has(ref.id)) throw refused(i, 'twice');
    seen.add(ref.id);
  });
  const visitor = claimant.customerId ? { businessId: claimant.businessId, customerId: claimant.customerId, via: 'session' as const } : null;
  const uploads = await Promise.all(refs.map((ref) => deps.uploads.getUpload(ref.id, { consistent: true })));
  const owned: UploadRecord[] = uploads.map((found, i) => {
    const upload = ownUpload(found, visitor, refs[i]!.claimToken, claimant.businessId);
    if (!upload) throw refused(i, 'notYours');
    if (upload.purpose !== purpose) throw refused(i, 'otherPurpose');
    if (upload.status !== 'ready') throw refused(i, upload.status === 'refused' ? 'refused' : 'unfinished');
    if (upload.claimedBy !== null && upload.claimedBy !== claimedBy) throw refused(i, 'taken');
    // Not yet kept, its bytes go with the upload's lifetime (the bucket's lifecycle rule): an old one
    // is refused as the customer's to send again, never copied into a 5xx (or held past it).
    if (upload.key === null && new Date(upload.expiresAt).getTime() <= now + 60_000 + (keep ? 0 : options.keepWithinMs ?? heldUploadWindowMs)) throw refused(i, 'expiring');
    return upload;
  });
  if (keep) await Promise.all(owned.filter((u) => u.key === null).map((u) => deps.files.copy(uploadKeyOf(u), keptKeyOf(u))));
  const claim = (u: UploadRecord) =>
    !keep ? deps.uploads.holdUpload(u.id, claimedBy)
    : options.confirmBy ? deps.uploads.claimUploadUntil(u.id, claimedBy, keptKeyOf(u), options.confirmBy)
    : deps.uploads.claimUpload(u.id, claimedBy, keptKeyOf(u));
  const claims = await Promise.all(owned.map(claim));
  const lost = claims.findIndex((won) => !won);
  if (lost >= 0) {
    // Another claimant took one meanwhile: the ones this call took go back as they were, so the
    // customer may attach them again, and an unkept one still expires.
    await Promise.all(owned.filter((u, i) => claims[i] && u.claimedBy === null).map((u) => deps.uploads.releaseUpload(u.id, claimedBy, u.expiresAt)));
    throw refused(lost, 'taken');
  }
  return owned.map((u) => ({ id: u.id, fileName: u.fileName, contentType: u.contentType, sizeBytes: u.sizeBytes, key: keep ? keptKeyOf(u) : uploadKeyOf(u) }));
}

/**
 * Keeps files `claimedBy` holds without keeping (`claimUploads` with `keep: false`), once it may:
 * each is copied into the business's namespace and its upload marked kept, which ends its expiry.
 * Safe to repeat. Answers each file's kept key, in order.
 */
export async function keepClaimedUploads(
  files: readonly { id: string }[],
  businessId: string,
  claimedBy: string,
  deps: { uploads: UploadStore; files: FileCopies },
): Promise<string[]> {
  return Promise.all(
    files.map(async ({ id }) => {
      const upload = { businessId, id };
      await deps.files.copy(uploadKeyOf(upload), keptKeyOf(upload));
      // The item may have expired already (its TTL): the copy is what keeps the file.
      await deps.uploads.claimUpload(id, claimedBy, keptKeyOf(upload));
      return keptKeyOf(upload);
    }),
  );
}

/**
 * Gives back uploads `claimedBy` claimed and turned out not to use (a form's submission that lost
 * to another at its deciding write): each that it still holds is unattached again and expires as
 * it would have, never claimed (the item's TTL, the bucket's lifecycle rule for its bytes), and its
 * customer may attach it again. One that another claimant holds, or that is gone, is left alone.
 * Safe to repeat. The copy a keeping claim made stays in the business's namespace until a claim
 * copies it again (nothing names it).
 */
export async function releaseClaimedUploads(ids: readonly string[], claimedBy: string, deps: { uploads: UploadStore }): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      const upload = await deps.uploads.getUpload(id, { consistent: true });
      if (upload && upload.claimedBy === claimedBy) await deps.uploads.releaseUpload(id, claimedBy, upload.expiresAt);
    }),
  );
}

/**
 * Confirms claims `claimedBy` made with `confirmBy` (`claimUploads`): their records no longer
 * expire. Owed by the write that decided the claims are used; safe to repeat.
 */
export async function confirmClaimedUploads(ids: readonly string[], claimedBy: string, deps: { uploads: UploadStore }): Promise<void> {
  await Promise.all(ids.map((id) => deps.uploads.confirmUpload(id, claimedBy)));
}
