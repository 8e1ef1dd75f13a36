/**
 * A mobile number that replied STOP: one item per number, for the whole deployment, because the
 * texts of every business go out from the same sending number and a carrier's STOP applies to
 * that number (CTIA; AWS keeps its own opt-out list the same way). START removes the stop. Each
 * reply carries the time it was received, and an older reply never overrides a newer one (SNS may
 * deliver them out of order).
 */
import * as v from 'valibot';
import { parseItem, type Item, type Key } from '../data/entity';

export interface TextOptOut {
  phone: string;
  stopped: boolean;
  /** When the reply that set `stopped` was received (ISO). */
  repliedAt: string;
}

const OptOutItem = v.object({ phone: v.string(), stopped: v.boolean(), repliedAt: v.string() });

export const textOptOutEntity = {
  type: 'text-opt-out',
  key: (phone: string): Key => ({ pk: `SMSOPTOUT#${phone}`, sk: 'SMSOPTOUT' }),
  fromItem: (item: Item): TextOptOut => parseItem(textOptOutEntity.type, OptOutItem, item),
};
