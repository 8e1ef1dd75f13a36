/**
 * A service request: what a customer (or someone from the business's website) asked the business
 * to do. Its status moves once, from `new` to `scheduled`, `declined` or `withdrawn`, by one
 * conditional write (./decide.ts); a request from the website is `held` until its email is
 * confirmed (./public.ts), and only then does the business see it.
 */
import type { Address, TimeWindow } from '../contract/common';
import type { RequestStatus, RequestUrgency, ServiceView } from '../contract/customer/requests';
import type { Versioned } from '../kernel/types';

export type { RequestStatus, RequestUrgency };

/** A photo or video attached to the request: claimed from the customer's uploads, copied to `key`. */
export interface RequestFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  key: string;
}

/** Who asked on the website: their own words, not (yet) a customer of the business. */
export interface RequestContact {
  name: string;
  email: string;
  phone: string | null;
}

/** The emailed link that confirms a request from the website: only its salted hash is kept. */
export interface RequestConfirmation {
  /** null until the notifications consumer minted the link. */
  secretHash: string | null;
  sentAt: string | null;
  /** Until then the link confirms it; a held request is gone after it (TTL, and checked in code). */
  expiresAt: string;
  confirmedAt: string | null;
}

export interface ServiceRequest extends Versioned {
  businessId: string;
  /** `req_…`, minted by the server (from the idempotency record on a retry). */
  id: string;
  source: 'portal' | 'website';
  /** null: from the website and not attached to a customer yet. */
  customerId: string | null;
  contact: RequestContact | null;
  /** The language of the page it was sent from: the website request's emails are written in it. */
  language: string;
  /** Held: a website request whose email is not confirmed yet. Nobody but its confirmation sees it. */
  held: boolean;
  status: RequestStatus;
  service: ServiceView | null;
  description: string;
  address: Address;
  asSoonAsPossible: boolean;
  windows: TimeWindow[];
  urgency: RequestUrgency;
  files: RequestFile[];
  jobId: string | null;
  declineReason: string | null;
  /** When it was scheduled, declined or withdrawn. */
  decidedAt: string | null;
  confirmation: RequestConfirmation | null;
}

/** What a decision moves a new request to. */
export type RequestDecision =
  | { status: 'scheduled'; jobId: string }
  | { status: 'declined'; reason: string }
  | { status: 'withdrawn' };
