/** A customer upload: `UPLOAD#<upl_id>` / `UPLOAD`, its own partition (read by id, never listed). */
import * as v from 'valibot';
import { UPLOAD_PURPOSES, uploadTypes } from '../contract/customer/uploads';
import { epochSeconds, nullableString, parseItem, type Item, type Key } from '../data/entity';
import type { UploadRecord } from './model';

const UploadItem = v.object({
  id: v.string(),
  businessId: v.string(),
  purpose: v.picklist(UPLOAD_PURPOSES),
  fileName: v.string(),
  contentType: v.picklist([...new Set([...uploadTypes.request, ...uploadTypes.form])]),
  sizeBytes: v.number(),
  customerId: nullableString,
  claimTokenHash: nullableString,
  status: v.picklist(['pending', 'ready', 'refused']),
  claimedBy: nullableString,
  key: nullableString,
  createdAt: v.string(),
  expiresAt: v.string(),
});

export const uploadEntity = {
  type: 'upload',
  key: (uploadId: string): Key => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' }),
  toItem: (record: UploadRecord): Item => ({ ...uploadEntity.key(record.id), type: uploadEntity.type, ...record, expiresAtEpoch: epochSeconds(record.expiresAt) }),
  fromItem: (item: Item): UploadRecord => parseItem(uploadEntity.type, UploadItem, item) as UploadRecord,
};
