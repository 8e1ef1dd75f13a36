import type { SentTo } from '../links/model';

export interface SignInLink {
  tokenHash: string;
  businessId: string;
  customerId: string;
  issuedAt: string;
  expiresAt: string;
  /** The page of the portal the sign-in returns to (`jobs/job_1`, rule 67), or null: the job list. */
  returnPage: string | null;
  /** Where it was sent, masked, for the customer's list of live links (null: not recorded). */
  sentTo: SentTo | null;
}

export interface Session {
  idHash: string;
  businessId: string;
  customerId: string;
  createdAt: string;
  lastSeenAt: string;
  absoluteExpiresAt: string;
  /** The browser's User-Agent at sign-in (cut to 512 characters), for the customer's list of devices; null when it sent none. */
  userAgent: string | null;
  /** A sign-in link, or email and password. */
  signedInWith: 'link' | 'password';
}

/** How a sign-in starts a session: what the browser said of itself, and how it proved who it is. */
export interface SignInContext {
  userAgent: string | null;
  signedInWith: Session['signedInWith'];
}
