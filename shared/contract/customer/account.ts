/**
 * The customer API: the signed-in customer's own account. Where they are signed in
 * (`GET /api/me/sessions`, ending one or all the others) and which links to their things are live
 * (`GET /api/me/links`, withdrawing one). Sessions and links are named by public ids derived from
 * their secrets' hashes: neither a token nor a session cookie, nor anything that leads back to one,
 * ever appears here.
 */
import * as v from 'valibot';

/** `ses_` then 22 base64url characters. */
export const SessionPublicId = v.pipe(v.string(), v.regex(/^ses_[A-Za-z0-9_-]{22}$/, 'must be a session id from GET /api/me/sessions'));
/** `lnk_` then 22 base64url characters. */
export const LinkPublicId = v.pipe(v.string(), v.regex(/^lnk_[A-Za-z0-9_-]{22}$/, 'must be a link id from GET /api/me/links'));

export const SessionPath = v.strictObject({ sessionId: SessionPublicId });
export const LinkPath = v.strictObject({ linkId: LinkPublicId });

/** A signed-in browser, as `GET /api/me/sessions` shows it. */
export interface DeviceView {
  id: string;
  /** "Firefox 133", from the browser's User-Agent when it signed in; null when it named none we know. */
  browser: string | null;
  /** "Android 14", "macOS"; null when unknown. */
  system: string | null;
  /** What kind of device, when the User-Agent says (a desktop browser names none). */
  deviceType: 'mobile' | 'tablet' | null;
  signedInAt: string;
  /** Last request seen (renewed at most once a minute). */
  lastSeenAt: string;
  /** How it signed in. */
  signedInWith: 'link' | 'password';
  /** The browser asking. */
  current: boolean;
}

export interface SessionsResponse {
  /** Most recently seen first; the current one is among them. */
  sessions: DeviceView[];
}

export interface RevokeOthersResponse {
  /** How many other sessions were ended. */
  signedOut: number;
}

/**
 * What a link sent to a customer opens without signing in: an invoice, an estimate, a visit, a
 * sent form (shared/links/model.ts).
 */
export type ObjectLinkKind = 'invoice' | 'estimate' | 'tracking' | 'form';
export type LiveLinkKind = 'sign-in' | ObjectLinkKind;

/** A live link that opens something of the customer's, as `GET /api/me/links` shows it (never its token). */
export interface LiveLinkView {
  id: string;
  kind: LiveLinkKind;
  /** The invoice's or estimate's id, or the job's for a tracking link; null for a sign-in link. */
  objectId: string | null;
  /** What it opens, in the business's words: "INV-1042", "E-7" and "New water heater"; null for a sign-in link. */
  opens: { number: string | null; title: string | null } | null;
  /** Where it was sent, masked (`j•••@example.com`, `•••• 0123`); null when not recorded (links sent before this was kept). */
  sentTo: { channel: 'email' | 'sms'; address: string } | null;
  issuedAt: string;
  expiresAt: string;
}

export interface LiveLinksResponse {
  /** Newest first. */
  links: LiveLinkView[];
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerAccountSchemas = {
  listSessions: {},
  endSession: { path: SessionPath },
  endOtherSessions: {},
  listLiveLinks: {},
  withdrawLiveLink: { path: LinkPath },
} as const;

/**
 * Where a message went, shown so its owner can recognise it and nobody else learns it: the email's
 * first character and domain, the phone's last four digits.
 */
export function maskAddress(channel: 'email' | 'sms', address: string): string {
  if (channel === 'sms') return `•••• ${address.replace(/\D/g, '').slice(-4)}`;
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}•••${address.slice(at)}` : '•••';
}
