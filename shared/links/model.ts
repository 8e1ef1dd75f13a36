import type { ObjectLinkKind } from '../contract/customer/account';

/**
 * What a link sent to a customer opens without signing in: an invoice (to pay it), an estimate
 * (to decide on it), a technician's visit to a job (to follow them on the map) or a form sent to
 * them (to fill it in). The kinds are the contract's (the customer's list of live links names them).
 */
export type { ObjectLinkKind };

/** A link that opens one invoice, one estimate or one visit, without signing in (only its token's hash is stored). */
export interface ObjectLink {
  kind: ObjectLinkKind;
  tokenHash: string;
  businessId: string;
  customerId: string;
  /** The invoice's or the estimate's id; for a tracking link, the job's; for a form link, the sent form's (`sfm_…`). */
  objectId: string;
  issuedAt: string;
  expiresAt: string;
  /** For the customer's list of live links: where it was sent (masked), and what it opens in the business's words. */
  sentTo: SentTo | null;
  opens: LinkOpens | null;
}

/** Where a link was sent, masked when it is stored (`maskAddress`): the list shows it, nothing needs more. */
export interface SentTo {
  channel: 'email' | 'sms';
  address: string;
}

/** What a link opens, as its message named it: "INV-1042"; "E-7" and "New water heater". */
export interface LinkOpens {
  number: string | null;
  title: string | null;
}

/** A link of any kind that still opens something of a customer's, for their list (never its token). */
export interface LiveLink {
  kind: 'sign-in' | ObjectLinkKind;
  tokenHash: string;
  /** The object it opens (null for a sign-in link). */
  objectId: string | null;
  opens: LinkOpens | null;
  sentTo: SentTo | null;
  issuedAt: string;
  expiresAt: string;
}
