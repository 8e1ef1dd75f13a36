/** A media upload: `BIZ#<biz>` / `MEDIA#<med_id>`, beside the business's profile. */
import * as v from 'valibot';
import { mediaTypes } from '../contract/business/media';
import { bizPrefix, nullableString, parseItem, type Item, type Key } from '../data/entity';
import type { MediaRecord } from './model';

const nullableNumber = v.nullable(v.number());

const MediaItem = v.object({
  businessId: v.string(),
  id: v.string(),
  contentType: v.picklist(mediaTypes),
  sizeBytes: v.number(),
  uploadKey: v.string(),
  status: v.picklist(['pending', 'ready']),
  createdAt: v.string(),
  url: nullableString,
  width: nullableNumber,
  height: nullableNumber,
});

export const mediaEntity = {
  type: 'media',
  key: (businessId: string, mediaId: string): Key => ({ pk: bizPrefix(businessId), sk: `MEDIA#${mediaId}` }),
  fromItem: (item: Item): MediaRecord => parseItem(mediaEntity.type, MediaItem, item),
};
