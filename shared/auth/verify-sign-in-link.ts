/**
 * Using a sign-in link: the person's explicit "Sign in" POST. The token is consumed by a
 * conditional delete, so two parallel uses yield exactly one session. Expiry is checked here
 * in code: TTL deletes late, sometimes days late.
 */
import { Unauthenticated } from '../kernel/errors';
import type { Business, Customer } from '../directory/model';
import type { Clock, Random } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { SessionStore, SignInLinkStore } from './port';
import { startSession } from './sessions';
import { isWellFormedSecret, sha256 } from '../kernel/secrets';
import { countMetric, metricNames } from '../logging/metrics';

export interface VerifySignInLinkDeps {
  links: SignInLinkStore;
  sessions: SessionStore;
  directory: DirectoryStore;
  clock: Clock;
  random: Random;
}

export const unusableLinkDetail =
  'This sign-in link has expired or has already been used. Please ask for a new link.';

export async function verifySignInLink(
  input: { token: string; previousSessionId: string | null; userAgent: string | null },
  deps: VerifySignInLinkDeps,
): Promise<{ sessionId: string; business: Business; customer: Customer; absoluteExpiresAt: string; returnPage: string | null }> {
  const link = await deps.links.consumeLink(sha256(input.token));
  if (!link || new Date(link.expiresAt).getTime() <= deps.clock.now().getTime()) {
    throw new Unauthenticated(unusableLinkDetail).saying('problems.sign-in-link.unusable');
  }
  const found = await deps.directory.getCustomerWithBusiness(link.businessId, link.customerId);
  if (!found) throw new Unauthenticated(unusableLinkDetail).saying('problems.sign-in-link.unusable');
  // A new id at every sign-in: a session id planted before sign-in is never promoted (fixation).
  if (input.previousSessionId && isWellFormedSecret(input.previousSessionId)) {
    await deps.sessions.deleteSession(sha256(input.previousSessionId));
  }
  const { sessionId, session } = await startSession(link.businessId, link.customerId, { userAgent: input.userAgent, signedInWith: 'link' }, deps);
  countMetric(metricNames.signInLinksUsed, 1, { channel: link.sentTo?.channel ?? 'unknown' });
  return { sessionId, business: found.business, customer: found.customer, absoluteExpiresAt: session.absoluteExpiresAt, returnPage: link.returnPage };
}
