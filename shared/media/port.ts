import type { MediaRecord } from './model';

/** Media uploads in the table: one item each, in the business's partition. */
export interface MediaStore {
  /** Writes a new upload; false when it is already there (a retried request). */
  addUpload(record: MediaRecord): Promise<boolean>;
  getUpload(businessId: string, mediaId: string, options?: { consistent?: boolean }): Promise<MediaRecord | null>;
  markPublished(businessId: string, mediaId: string, published: { url: string; width: number; height: number }, now: string): Promise<void>;
}
