import type { LiveLink, ObjectLinkKind } from '../links/model';

/**
 * The customer's list of their live links, sign-in links (auth's) and object links (links')
 * alike, through the pointers in the customer's partition (shared/account/live-link-store.ts).
 */
export interface LiveLinkStore {
  /** Every link of the customer's that still exists, of any kind (read consistently), expired ones included. */
  listLiveLinks(businessId: string, customerId: string): Promise<LiveLink[]>;
  /** Takes a link off the customer's list (after its link is deleted). */
  deleteLiveLinkPointer(businessId: string, customerId: string, tokenHash: string): Promise<void>;
  /** Withdraws an unused sign-in link. */
  deleteSignInLink(tokenHash: string): Promise<void>;
  /** Withdraws an object link: the link, then its pointer in the object's partition. */
  deleteObjectLink(kind: ObjectLinkKind, businessId: string, objectId: string, tokenHash: string): Promise<void>;
}
