/**
 * Capability links: a token in a link's URL fragment that opens exactly one thing, sent by the
 * page as `Authorization: Link <token>`, never in a path or query (so it reaches no log or
 * Referer). Kinds: a sign-in link, an invoice pay link, an estimate link, a tracking link and a form link (one sent form). Resolving a link reads it and changes nothing, so a mail scanner opening it
 * uses nothing up; guessing is rate-limited per client (failed lookups count, valid ones do not).
 */
import { Gone, NotFound, RateLimited } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { RateLimitStore, SignInLinkStore } from './port';
import { fixedWindow } from '../kernel/rate-window';
import { isWellFormedSecret, sha256 } from '../kernel/secrets';

export type LinkKind = 'sign-in' | 'invoice' | 'estimate' | 'tracking' | 'form';

export interface LinkCaller {
  kind: LinkKind;
  businessId: string;
  customerId: string;
  /** The one object the link opens: for a sign-in link, the customer; otherwise the invoice, estimate, job (tracking) or sent form. */
  id: string;
  /** When the link was minted: a tracking link minted before the job's current visit began belongs to an earlier one. */
  issuedAt: string;
  expiresAt: string;
}

export const linkPolicy = {
  /** Failed link lookups per client per window: plenty for a person, nothing for a guesser (2^256 tokens). */
  lookupsPerWindow: 60,
  windowSeconds: 15 * 60,
} as const;

export async function resolveLink(
  authorization: string | undefined,
  /** The client's rate-limit identity, or a promise of it (the IP needs the origin secret, read meanwhile). */
  clientSubject: Promise<string | null> | string | null,
  deps: { links: SignInLinkStore; rateLimits: RateLimitStore; clock: Clock },
): Promise<LinkCaller> {
  const now = deps.clock.now();
  // Only misses count: a guesser misses every time, while a customer's page may look its own
  // valid link up again and again (polling a payment) without ever being refused.
  const { windowStart, retryAfterSeconds } = fixedWindow(now, linkPolicy.windowSeconds);
  const counterOf = Promise.resolve(clientSubject).then((subject) => (subject ? `link#${sha256(subject)}` : null));
  const tooMany = () => new RateLimited(retryAfterSeconds, 'Too many links were opened from here. Please wait a few minutes.').saying('problems.link.too-many');
  // A client that has missed too often is refused whatever it sends. The check runs beside the
  // lookup (whose answer is then dropped), so a valid link costs one round trip, not two in a row.
  const refused = counterOf.then(async (counter) => counter !== null && (await deps.rateLimits.count(counter, windowStart)) >= linkPolicy.lookupsPerWindow);
  const miss = async (error: Error): Promise<never> => {
    const counter = await counterOf;
    if (counter && !(await deps.rateLimits.hit(counter, windowStart, linkPolicy.windowSeconds, linkPolicy.lookupsPerWindow))) throw tooMany();
    throw error;
  };
  const token = /^Link\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token || !isWellFormedSecret(token)) {
    if (await refused) throw tooMany();
    return miss(new NotFound('This link is not valid. Check that you opened the whole link from your email or text message.').saying('problems.link.invalid'));
  }
  const [tooManyMisses, found] = await Promise.all([refused, deps.links.findCapabilityLink(sha256(token))]);
  if (tooManyMisses) throw tooMany();
  if (!found) return miss(new Gone('This link has expired, was used or was withdrawn. Please ask for a new one.').saying('problems.link.gone'));
  const { link } = found;
  if (new Date(link.expiresAt).getTime() <= now.getTime()) return miss(new Gone('This link has expired. Please ask for a new one.').saying('problems.link.expired'));
  return found.kind === 'object'
    ? { kind: found.link.kind, businessId: link.businessId, customerId: link.customerId, id: found.link.objectId, issuedAt: found.link.issuedAt, expiresAt: link.expiresAt }
    : { kind: 'sign-in', businessId: link.businessId, customerId: link.customerId, id: link.customerId, issuedAt: link.issuedAt, expiresAt: link.expiresAt };
}
