import type { ObjectLink, ObjectLinkKind } from './model';

export interface ObjectLinkStore {
  /** Stores the link and its pointers: in the object's partition, and in the customer's list of live links. */
  putObjectLink(link: ObjectLink): Promise<void>;
  /** The hashes of the object's links (expired ones may linger until TTL). */
  listObjectLinks(kind: ObjectLinkKind, businessId: string, objectId: string): Promise<string[]>;
  deleteObjectLink(kind: ObjectLinkKind, businessId: string, objectId: string, tokenHash: string): Promise<void>;
  /**
   * Claims a send request (false: it was sent, or a send claimed it at or after `staleBefore`; an
   * older claim was a crash's between claim and send, and expires); `release` gives it back after a
   * failed send, `markLinkSent` ends it for good.
   */
  claimLinkSend(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string, at: string, staleBefore: string): Promise<boolean>;
  markLinkSent(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string, at: string): Promise<void>;
  linkSent(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string): Promise<boolean>;
  releaseLinkSend(kind: ObjectLinkKind, businessId: string, objectId: string, requestId: string): Promise<void>;
}
