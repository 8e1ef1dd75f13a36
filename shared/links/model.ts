

/**
 * What a link sent to a customer opens without signing in: an invoice (to pay it), an estimate
 * (to decide on it) or a technician's visit to a job (to follow them on the map).
 */
export type ObjectLinkKind = 'invoice' | 'estimate' | 'tracking';

/** A link that opens one invoice, one estimate or one visit, without signing in (only its token's hash is stored). */
export interface ObjectLink {
  kind: ObjectLinkKind;
  tokenHash: string;
  businessId: string;
  customerId: string;
  /** The invoice's or the estimate's id; for a tracking link, the job's. */
  objectId: string;
  issuedAt: string;
  expiresAt: string;
}
