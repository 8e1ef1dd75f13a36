import { createHash } from 'node:crypto';
import type { Random } from './types';

/** 256 bits from the CSPRNG, base64url: sign-in tokens and session ids alike. */
export const newSecret = (random: Random): string => random.bytes(32).toString('base64url');

/** Only this digest is ever stored: a leaked table cannot be replayed as links or sessions. */
export const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('base64url');

/** Secrets are 43 base64url characters; anything else is refused before touching the store. */
export const isWellFormedSecret = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

/**
 * A public name for a secret's stored hash (`ses_…`, `lnk_…`): what the customer's lists show and
 * take back, so a session or a link can be named and ended without showing anything that leads to
 * its secret. One-way, so knowing it opens nothing; stable, so nothing more has to be stored.
 */
export const publicIdOf = (prefix: 'ses' | 'lnk', hash: string): string => `${prefix}_${sha256(`${prefix}:${hash}`).slice(0, 22)}`;
