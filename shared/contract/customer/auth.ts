/**
 * The customer API: signing in with a link. The portal asks for a link by email or text
 * (`POST /api/auth/magic-link`), the person opens it and presses "Sign in" (`POST /api/auth/verify`),
 * and `POST /api/auth/logout` ends the session.
 */
import * as v from 'valibot';
import { Email, Phone } from '../common';
import { Slug } from '../slugs';
import type { CustomerView } from './portal';

const EmailSignInLinkRequest = v.strictObject({ portal: Slug, email: Email });
const PhoneSignInLinkRequest = v.strictObject({ portal: Slug, phone: Phone });
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
