/** What service requests need from storage (./store.ts implements it). */
import type { ChangesQuery, StorePage } from '../kernel/types';
import type { OwedSteps } from '../followups/owed';
import type { SendClaim } from '../notifications/claims';
import type { RequestStatus, ServiceRequest } from './model';

export interface RequestStore {
  getRequest(businessId: string, requestId: string, options?: { consistent?: boolean }): Promise<ServiceRequest | null>;
  /**
   * Writes `request` on the version read (null: only if it does not exist yet), owing `owed` in the
   * same UpdateItem. False when the version moved (or the request already exists).
   */
  putRequest(request: ServiceRequest, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean>;
  /** The customer's requests, newest first. */
  listCustomerRequests(businessId: string, customerId: string, query: { limit: number; cursor: string | null }): Promise<StorePage<ServiceRequest>>;
  /** Requests the business can see (not held), changed at or after `since`, oldest change first; optionally of one status. */
  listRequestsChangedSince(businessId: string, query: ChangesQuery & { status: RequestStatus | null }): Promise<StorePage<ServiceRequest>>;
  /** Keeps the hash of a website request's new confirmation link; false when it is no longer held. */
  setConfirmationSecret(request: ServiceRequest, secretHash: string, sentAt: string | null): Promise<boolean>;
  /** The claim on the "scheduled" or "declined" notice of a request (taken before the send). */
  noticeClaim(businessId: string, requestId: string): SendClaim;
}
