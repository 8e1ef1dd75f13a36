/**
 * What the customer has not read yet: one item in the customer's partition, holding, per job, the
 * ids of the business's messages they have not seen (a string set: adding the same message twice
 * counts it once, so a retried write never doubles) and the job's number and title for Home.
 * Opening the job's messages removes the job's attributes.
 */
import type { Item, Key } from '../data/entity';
import { customerEntity } from '../directory/customer-entity';

export interface UnreadJob {
  jobId: string;
  number: string;
  title: string;
  count: number;
}

const idsPrefix = 'u_';
const jobPrefix = 'j_';

export const unreadEntity = {
  type: 'unread',
  key: (businessId: string, customerId: string): Key => ({ pk: customerEntity.partition(businessId, customerId), sk: 'UNREAD' }),
  /** The job's unread message ids (a string set). */
  idsAttribute: (jobId: string) => `${idsPrefix}${jobId}`,
  /** The job's number and title, as Home names it. */
  jobAttribute: (jobId: string) => `${jobPrefix}${jobId}`,
  fromItem: (item: Item | undefined): UnreadJob[] => {
    if (!item) return [];
    return Object.entries(item).flatMap(([name, value]) => {
      if (!name.startsWith(idsPrefix) || !(value instanceof Set) || value.size === 0) return [];
      const jobId = name.slice(idsPrefix.length);
      const job = item[`${jobPrefix}${jobId}`] as { number?: unknown; title?: unknown } | undefined;
      return [{ jobId, number: typeof job?.number === 'string' ? job.number : '', title: typeof job?.title === 'string' ? job.title : '', count: value.size }];
    });
  },
};
