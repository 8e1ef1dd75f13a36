import type { UploadRecord } from './model';

/** Customer uploads in the table: one item each, in its own partition. */
export interface UploadStore {
  /** Writes a new upload; false when one with its id is already there. */
  addUpload(record: UploadRecord): Promise<boolean>;
  getUpload(uploadId: string, options?: { consistent?: boolean }): Promise<UploadRecord | null>;
  /** pending → ready or refused; false when it is no longer pending (a racing completion decided first). */
  settleUpload(uploadId: string, status: 'ready' | 'refused'): Promise<boolean>;
  /**
   * Attaches a ready upload to `claimedBy` and keeps it under `key` (no expiry from then on);
   * false when another claimed it first.
   */
  claimUpload(uploadId: string, claimedBy: string, key: string): Promise<boolean>;
  /**
   * The same, but the claim's record still expires at `expiresAt` unless `confirmUpload` keeps it:
   * for a claim made before the write that decides whether it is used (a form's submission), so a
   * claimant that loses that write and never gets to give it back leaves nothing for good. A repeat
   * by the same claimant changes nothing (a confirmed claim stays confirmed); false when another
   * claimed it first.
   */
  claimUploadUntil(uploadId: string, claimedBy: string, key: string, expiresAt: string): Promise<boolean>;
  /** Keeps for good a claim `claimedBy` made with `claimUploadUntil` (its record's expiry goes); nothing if it no longer holds it. */
  confirmUpload(uploadId: string, claimedBy: string): Promise<void>;
  /**
   * Attaches a ready upload to `claimedBy` without keeping it: it still expires with its
   * upload (a request held for its email confirmation); false when another claimed it first.
   */
  holdUpload(uploadId: string, claimedBy: string): Promise<boolean>;
  /** Undoes a claim `claimedBy` made (if it still holds it): unattached again, expiring at `expiresAt` as before. */
  releaseUpload(uploadId: string, claimedBy: string, expiresAt: string): Promise<void>;
}
