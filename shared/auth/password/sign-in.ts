/**
 * `POST /api/auth/password`: email and password at a portal. Three ways to be wrong (no such
 * account, a wrong password, an account that signs in by link) get the same answer after the same
 * work (rule 83): the same reads (a customer and a password, of nobody when the email names no
 * one), one Argon2id verification (against a hash nobody knows when there is no password) and the
 * same write (the try, counted before the check). Tries are throttled per account and per client
 * address (an IPv6 /64 as one) with growing waits that run out: nobody can lock a customer out
 * for good, and a link always signs them in (./policy.ts).
 */
import type { Business, Customer } from '../../directory/model';
import type { DirectoryStore } from '../../directory/port';
import { NotFound, RateLimited, Unauthenticated } from '../../kernel/errors';
import { fixedWindow } from '../../kernel/rate-window';
import { isWellFormedSecret, sha256 } from '../../kernel/secrets';
import type { Clock, Random } from '../../kernel/types';
import type { RateLimitStore, SessionStore } from '../port';
import { startSession } from '../sessions';
import { unguessableHash, verifyPassword } from './hashing';
import { passwordThrottle as throttle } from './policy';
import type { PasswordStore } from './port';

/** The account's counter, in the business's key space: the email, hashed (no address in a key). */
export const accountHashOf = (email: string) => sha256(`password-tries:${email}`);

/** How long the account must wait after `count` wrong tries, in seconds (0: not at all). */
export function waitAfter(count: number): number {
  if (count < throttle.freeFailuresPerAccount) return 0;
  return Math.min(throttle.maxDelaySeconds, throttle.firstDelaySeconds * 2 ** (count - throttle.freeFailuresPerAccount));
}

const wrong = () => new Unauthenticated('Email or password is wrong, or this account signs in by link.').saying('problems.password.wrong');

export interface PasswordSignInDeps {
  directory: DirectoryStore;
  passwords: PasswordStore;
  sessions: SessionStore;
  rateLimits: RateLimitStore;
  clock: Clock;
  random: Random;
}

const slowDown = (seconds: number) => new RateLimited(seconds, `Too many tries. Wait ${seconds} seconds and try again, or ask for a sign-in link.`).saying('problems.password.slow-down', { seconds });

/**
 * Counts this try on the account, or refuses it (429, with how long): while the tries since the
 * last success say the account must wait (a refused try moves nothing, so every wait runs out), or
 * when another try moved the count first (tries at once: one goes on).
 */
export async function takeTry(businessId: string, accountHash: string, deps: { passwords: PasswordStore; clock: Clock }): Promise<void> {
  const now = deps.clock.now();
  const seen = await deps.passwords.readTries(businessId, accountHash);
  const since = seen ? (now.getTime() - new Date(seen.lastAt).getTime()) / 1000 : Infinity;
  const count = seen && since < throttle.accountWindowSeconds ? seen.count : 0;
  const wait = waitAfter(count);
  if (wait > since) throw slowDown(Math.ceil(wait - since));
  if (!(await deps.passwords.reserveTry(businessId, accountHash, seen, now.toISOString(), throttle.accountWindowSeconds))) throw slowDown(1);
}

export async function signInWithPassword(
  input: { portal: string; email: string; password: string; clientSubject: string; userAgent: string | null; previousSessionId: string | null },
  deps: PasswordSignInDeps,
): Promise<{ sessionId: string; absoluteExpiresAt: string; business: Business; customer: Customer }> {
  const now = deps.clock.now();
  const { windowStart, retryAfterSeconds } = fixedWindow(now, throttle.addressWindowSeconds);
  if (!(await deps.rateLimits.hit(`pw-ip#${sha256(input.clientSubject)}`, windowStart, throttle.addressWindowSeconds, throttle.triesPerAddress))) {
    throw slowDown(retryAfterSeconds);
  }
  const businessId = await deps.directory.findBusinessIdBySlug(input.portal);
  const business = businessId ? await deps.directory.getBusiness(businessId) : null;
  // The portal's address is public, not the customer's: saying it does not exist tells nothing.
  if (!business || business.slug !== input.portal) throw new NotFound('There is no portal at this address.').saying('problems.portal.not-found');

  const accountHash = accountHashOf(input.email);
  const [, customerId] = await Promise.all([takeTry(business.id, accountHash, deps), deps.directory.findCustomerIdByContact(business.id, { channel: 'email', address: input.email })]);
  const { customer, password } = await deps.passwords.getCustomerWithPassword(business.id, customerId);
  // The lookup may outlive the address (a crash mid-change): the customer's own email decides.
  const phc = customer && customer.email === input.email ? (password?.phc ?? null) : null;
  const matches = await verifyPassword(phc ?? unguessableHash, input.password);
  // Every wrong answer was counted before the check (takeTry): nothing more is written for it.
  if (!phc || !matches || !customer) throw wrong();
  await deps.passwords.clearTries(business.id, accountHash);
  // A session planted in this browser before sign-in ends here (session fixation), as with a link.
  if (input.previousSessionId && isWellFormedSecret(input.previousSessionId)) await deps.sessions.deleteSession(sha256(input.previousSessionId));
  const { sessionId, session } = await startSession(business.id, customer.id, { userAgent: input.userAgent, signedInWith: 'password' }, deps);
  return { sessionId, absoluteExpiresAt: session.absoluteExpiresAt, business, customer };
}
