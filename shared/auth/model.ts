

export interface SignInLink {
  tokenHash: string;
  businessId: string;
  customerId: string;
  issuedAt: string;
  expiresAt: string;
}

export interface Session {
  idHash: string;
  businessId: string;
  customerId: string;
  createdAt: string;
  lastSeenAt: string;
  absoluteExpiresAt: string;
}
