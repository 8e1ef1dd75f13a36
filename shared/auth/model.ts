

export interface SignInLink {
  tokenHash: string;
  businessId: string;
  customerId: string;
  issuedAt: string;
  expiresAt: string;
  /** The page of the portal the sign-in returns to (`jobs/job_1`, rule 67), or null: the job list. */
  returnPage: string | null;
}

export interface Session {
  idHash: string;
  businessId: string;
  customerId: string;
  createdAt: string;
  lastSeenAt: string;
  absoluteExpiresAt: string;
}
