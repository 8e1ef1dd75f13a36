/**
 * The business API: service requests its customers (and people from its website) sent. List
 * them (`status`, `updatedSince`, cursor), read one with its photos (short-lived signed URLs),
 * schedule one as a job or decline it, and attach one from the website to a customer.
 */
import * as v from 'valibot';
import type { Address, TimeWindow } from '../common';
import { multilineText } from '../text';
import { ChangesListQuery, ExternalId } from './common';
import { REQUEST_STATUSES, RequestPath, type RequestStatus, type RequestUrgency, type ServiceView } from '../customer/requests';

export const BusinessRequestListQuery = v.strictObject({
  ...ChangesListQuery.entries,
  status: v.optional(v.picklist(REQUEST_STATUSES, `must be one of ${REQUEST_STATUSES.join(', ')}`)),
});

export const ScheduleRequestBody = v.strictObject({ jobId: ExternalId });
export const DeclineRequestBody = v.strictObject({ reason: multilineText(2000, { required: true }) });

/**
 * `POST requests/{id}/customer`: the customer a request from the website is from. `create: true`
 * makes customer `customerId` from the contact the request gave (409 when that id is taken, or
 * when another customer of the business has that email or phone); otherwise `customerId` must
 * exist. A request already attached to that customer answers as before.
 */
export const AttachRequestBody = v.strictObject({ customerId: ExternalId, create: v.optional(v.boolean('must be true or false'), false) });

export interface BusinessRequestFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Only on `GET requests/{id}`: a download URL valid for 15 minutes. */
  url?: string;
}

// A type, not an interface: it is also an event's `data` (a plain record).
export type BusinessRequestView = {
  id: string;
  status: RequestStatus;
  /** `portal`: a signed-in customer; `website`: the public form, shown once its email was confirmed. */
  source: 'portal' | 'website';
  /** null: a request from the website not attached to a customer yet. */
  customerId: string | null;
  /** Who asked, as they gave it on the website (null for a signed-in customer's request). */
  contact: { name: string; email: string; phone: string | null } | null;
  service: ServiceView | null;
  description: string;
  address: Address;
  asSoonAsPossible: boolean;
  windows: TimeWindow[];
  urgency: RequestUrgency;
  files: BusinessRequestFile[];
  jobId: string | null;
  declineReason: string | null;
  /** When the customer withdrew it (status `withdrawn`). */
  withdrawnAt: string | null;
  /** Website requests: when the email was confirmed. */
  confirmedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export const businessRequestSchemas = {
  listBusinessRequests: { query: BusinessRequestListQuery },
  getBusinessRequest: { path: RequestPath },
  scheduleRequest: { path: RequestPath, body: ScheduleRequestBody },
  declineRequest: { path: RequestPath, body: DeclineRequestBody },
  attachRequestCustomer: { path: RequestPath, body: AttachRequestBody },
} as const;
