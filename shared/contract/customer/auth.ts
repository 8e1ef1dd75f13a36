/**
 * The customer API: signing in with a link. The portal asks for a link by email or text
 * (`POST /api/auth/magic-link`), the person opens it and presses "Sign in" (`POST /api/auth/verify`),
 * and `POST /api/auth/logout` ends the session.
 */
import * as v from 'valibot';
import { Email, Phone } from '../common';
import { Slug } from '../slugs';
import type { CustomerView } from './portal';

/**
 * The pages a sign-in may return to (rule 67): a signed-in page of the portal signed in to, as the
 * part after its slug: `home`, `jobs`, `invoices`, `estimates` or `profile`, and at most one id (or account page) of letters, digits,
 * "_" and "-". Nothing else: no "//", scheme, backslash, "..", "%", query or fragment, so it can
 * only ever name a page of this portal, never another site or another business's portal.
 */
const returnPagePattern = /^(?:home|jobs|invoices|estimates|requests|profile)(?:\/[A-Za-z0-9_-]{1,64})?$/;

/** The page within `portal` that `path` (`/acme/jobs/job_1`) names, or null when it is not one a sign-in may return to. */
export function returnPageOf(portal: string, path: string): string | null {
  const prefix = `/${portal}/`;
  if (!path.startsWith(prefix)) return null;
  const page = path.slice(prefix.length);
  return returnPagePattern.test(page) ? page : null;
}

/** `returnTo`: the page the person was sent to sign in from; after the link they land there. */
const returnToShape = /^\/[a-z0-9-]{1,40}\/(?:home|jobs|invoices|estimates|requests|profile)(?:\/[A-Za-z0-9_-]{1,64})?$/;
const ReturnTo = v.pipe(
  v.string('must be a string'),
  v.maxLength(120, 'must be at most 120 characters'),
  v.regex(returnToShape, 'must be a page of this portal, such as /acme/jobs/job_123'),
);
/** The same portal only: `returnTo` must be under the slug asked at (a wrong shape is already refused above, once). */
const inSamePortal = (body: { portal: string; returnTo?: string | undefined }) =>
  body.returnTo === undefined || typeof body.returnTo !== 'string' || !returnToShape.test(body.returnTo) || returnPageOf(body.portal, body.returnTo) !== null;
const samePortalMessage = 'must be a page of the portal you are signing in to';

const EmailRequestFields = v.strictObject({ portal: Slug, email: Email, returnTo: v.optional(ReturnTo) });
const PhoneRequestFields = v.strictObject({ portal: Slug, phone: Phone, returnTo: v.optional(ReturnTo) });
const EmailSignInLinkRequest = v.pipe(
  EmailRequestFields,
  v.forward(v.check((body: v.InferOutput<typeof EmailRequestFields>) => inSamePortal(body), samePortalMessage), ['returnTo']),
);
const PhoneSignInLinkRequest = v.pipe(
  PhoneRequestFields,
  v.forward(v.check((body: v.InferOutput<typeof PhoneRequestFields>) => inSamePortal(body), samePortalMessage), ['returnTo']),
);
export const SignInLinkRequest = v.union([EmailSignInLinkRequest, PhoneSignInLinkRequest]);
export type SignInLinkRequest = v.InferOutput<typeof SignInLinkRequest>;

/** The variant of `SignInLinkRequest` the body is aiming at, so errors name its fields instead of "matches neither". */
export const signInLinkRequestSchemaFor = (body: unknown) =>
  typeof body === 'object' && body !== null && 'phone' in body ? PhoneSignInLinkRequest : EmailSignInLinkRequest;

/** A sign-in token: 32 random bytes, base64url (43 characters). */
export const SignInToken = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be the sign-in code from your link'),
);
export const VerifyRequest = v.strictObject({ token: SignInToken });
export type VerifyRequest = v.InferOutput<typeof VerifyRequest>;

export interface VerifyResponse {
  customer: CustomerView;
  portal: string;
  /** The page the link was asked for from (`/acme/jobs/job_1`, rule 67), or null: the portal's job list. */
  returnTo: string | null;
}

/**
 * What each route of this capability validates, by route name. The sign-in request's handler
 * validates with the variant `signInLinkRequestSchemaFor` picks out of this union.
 */
export const customerAuthSchemas = {
  requestSignInLink: { body: SignInLinkRequest },
  verifySignInLink: { body: VerifyRequest },
  logout: {},
} as const;
