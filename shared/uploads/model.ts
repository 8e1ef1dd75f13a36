/**
 * A file a customer, or someone asking for work without an account, sends with a service request
 * or a form: pending until its first bytes are checked, then ready, then claimed by the request or
 * answer that uses it (which keeps it for good). Unclaimed, it is gone after `uploadLifetimeMs`.
 */
import type { UploadPurpose, UploadType } from '../contract/customer/uploads';

export interface UploadRecord {
  id: string;
  businessId: string;
  purpose: UploadPurpose;
  fileName: string;
  contentType: UploadType;
  sizeBytes: number;
  /** Whose it is: a customer's (signed in, or holding a link of theirs), or nobody's yet. */
  customerId: string | null;
  /** For an upload made without signing in: the hash of the claim token only its uploader holds. */
  claimTokenHash: string | null;
  status: 'pending' | 'ready' | 'refused';
  /** What it is attached to (`req_…`, `sub_…`), once claimed, and where it is kept from then on. */
  claimedBy: string | null;
  key: string | null;
  createdAt: string;
  /** When an unclaimed upload and its bytes go (the item's TTL; the bucket's lifecycle rule for the bytes). */
  expiresAt: string;
}

/** Three days: a request made without signing in waits up to a day for its email confirmation, then keeps its files. */
export const uploadLifetimeMs = 3 * 24 * 60 * 60 * 1000;

/** How long a file attached without keeping must still last: the day an email confirmation may take. */
export const heldUploadWindowMs = 24 * 60 * 60 * 1000;

/** Where the browser's POST lands: private, outside every other prefix, expired by the bucket's lifecycle rule. */
export const uploadKeyOf = (upload: Pick<UploadRecord, 'businessId' | 'id'>): string => `customer-uploads/${upload.businessId}/${upload.id}`;

/** Where a claimed upload is kept: in the business's own namespace of the files bucket. */
export const keptKeyOf = (upload: Pick<UploadRecord, 'businessId' | 'id'>): string => `${upload.businessId}/uploads/${upload.id}`;

/** Per window: plenty for a person attaching photos; a flood from one place stops early. */
export const uploadPolicy = {
  windowSeconds: 60 * 60,
  perCustomer: 60,
  /** Without a session: per client address, and per business a day (the cap that bounds storage whatever the addresses). */
  perAddress: 20,
  perBusinessPerDay: 300,
} as const;
