/**
 * Capability links: a token in a link's URL fragment that opens exactly one thing, sent by the
 * page as `Authorization: Link <token>`, never in a path or query (so it reaches no log or
 * Referer). Kinds: a sign-in link, and an invoice pay link; estimates and tracking visits add
 * theirs here. Resolving a link reads it and changes nothing, so a mail scanner opening it
 * uses nothing up; guessing is rate-limited per client.
 */
import { Gone, NotFound, RateLimited } from '../domain/errors';
import type { Clock, RateLimitStore, SignInLinkStore } from '../domain/ports';
import { fixedWindow } from './rate-window';
import { isWellFormedSecret, sha256 } from './secrets';

export type LinkKind = 'sign-in' | 'invoice';

export interface LinkCaller {
  kind: LinkKind;
  businessId: string;
  customerId: string;
  /** The one object the link opens: for a sign-in link, the customer; for a pay link, the invoice. */
  id: string;
  expiresAt: string;
}

export const linkPolicy = {
  /** Link lookups per client per window: plenty for a person, nothing for a guesser (2^256 tokens). */
  lookupsPerWindow: 60,
  windowSeconds: 15 * 60,
} as const;

export async function resolveLink(
  authorization: string | undefined,
  clientSubject: string | null,
  deps: { links: SignInLinkStore; rateLimits: RateLimitStore; clock: Clock },
): Promise<LinkCaller> {
  const now = deps.clock.now();
  if (clientSubject) {
    const { windowStart, retryAfterSeconds } = fixedWindow(now, linkPolicy.windowSeconds);
    if (!(await deps.rateLimits.hit(`link#${sha256(clientSubject)}`, windowStart, linkPolicy.windowSeconds, linkPolicy.lookupsPerWindow))) {
      throw new RateLimited(retryAfterSeconds, 'Too many links were opened from here. Please wait a few minutes.');
    }
  }
  const token = /^Link\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const unknown = () => new NotFound('This link is not valid. Check that you opened the whole link from your email or text message.');
  if (!token || !isWellFormedSecret(token)) throw unknown();
  const found = await deps.links.findCapabilityLink(sha256(token));
  if (!found) throw new Gone('This link has expired, was used or was withdrawn. Please ask for a new one.');
  const { link } = found;
  if (new Date(link.expiresAt).getTime() <= now.getTime()) throw new Gone('This link has expired. Please ask for a new one.');
  return found.kind === 'invoice'
    ? { kind: 'invoice', businessId: link.businessId, customerId: link.customerId, id: found.link.invoiceId, expiresAt: link.expiresAt }
    : { kind: 'sign-in', businessId: link.businessId, customerId: link.customerId, id: link.customerId, expiresAt: link.expiresAt };
}
