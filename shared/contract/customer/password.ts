/**
 * The customer API: an optional password. Set, changed or removed under the profile
 * (`PUT`/`DELETE /api/me/password`), then taken at sign-in with the email
 * (`POST /api/auth/password`), which answers as `POST /api/auth/verify` does. A link still works:
 * forgetting the password is asking for one.
 */
import * as v from 'valibot';
import { Email } from '../common';
import { Slug } from '../slugs';

/** Any characters: the rules (length, the common list) are the server's, and answer 400 naming `password`. */
const PasswordText = v.pipe(v.string('must be a string'), v.maxLength(1024, 'must be at most 1024 characters'));

export const PasswordSignInBody = v.strictObject({ portal: Slug, email: Email, password: v.pipe(PasswordText, v.minLength(1, 'must not be empty')) });
export type PasswordSignInBody = v.InferOutput<typeof PasswordSignInBody>;

export const PutPasswordBody = v.strictObject({ password: PasswordText, currentPassword: v.optional(PasswordText) });
export type PutPasswordBody = v.InferOutput<typeof PutPasswordBody>;

export const DeletePasswordBody = v.strictObject({ currentPassword: v.optional(PasswordText) });
export type DeletePasswordBody = v.InferOutput<typeof DeletePasswordBody>;

/** Whether the customer has a password, and whether this session may set one without the current one. */
export interface PasswordStatus {
  hasPassword: boolean;
  setAt: string | null;
  /** Signed in by a link in the last 10 minutes: no current password is asked for. */
  recentlyVerified: boolean;
}

/** `PUT`/`DELETE /api/me/password`'s answer: the new state, and how many other browsers were signed out. */
export interface PasswordChanged extends PasswordStatus {
  signedOutElsewhere: number;
}

export const customerPasswordSchemas = {
  signInWithPassword: { body: PasswordSignInBody },
  getPassword: {},
  putPassword: { body: PutPasswordBody },
  deletePassword: { body: DeletePasswordBody },
} as const;
