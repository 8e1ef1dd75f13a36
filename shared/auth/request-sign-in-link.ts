/**
 * The request path of "send me a sign-in link": rate limits, then a queue message. Whether the
 * contact exists is only looked up by the queue consumer, so known and unknown addresses get
 * the same answer in the same time (security.md 6).
 */
import { RateLimited } from '../kernel/errors';
import type { Contact } from '../directory/model';
import type { Clock, Random, MessageQueue } from '../kernel/types';
import type { NotificationJob } from '../notifications/port';
import type { RateLimitStore } from './port';
import { signInPolicy } from './policy';
import { fixedWindow } from '../kernel/rate-window';
import { sha256 } from '../kernel/secrets';

export interface RequestSignInLinkDeps {
  rateLimits: RateLimitStore;
  queue: MessageQueue<NotificationJob>;
  clock: Clock;
  random: Random;
}

export async function requestSignInLink(
  /** `clientSubject`: the client's rate-limit identity (an IPv4 address, or an IPv6 /64). */
  input: { slug: string; contact: Contact; returnPage: string | null; clientSubject: string | null },
  deps: RequestSignInLinkDeps,
): Promise<void> {
  const now = deps.clock.now();
  const { windowStart, retryAfterSeconds: retryAfter } = fixedWindow(now, signInPolicy.rateWindowSeconds);
  const tooMany = () =>
    new RateLimited(retryAfter, `Too many sign-in links were requested. Please try again in ${Math.ceil(retryAfter / 60)} minutes.`).saying('problems.sign-in-link.too-many', { minutes: Math.ceil(retryAfter / 60) });

  // The counter names hold a hash, not the address itself: rate-limit items carry no personal data.
  const contactCounter = `contact#${input.slug}#${sha256(`${input.contact.channel}:${input.contact.address}`)}`;
  if (!(await deps.rateLimits.hit(contactCounter, windowStart, signInPolicy.rateWindowSeconds, signInPolicy.maxLinksPerContact))) {
    throw tooMany();
  }
  if (input.clientSubject) {
    const ipCounter = `ip#${sha256(input.clientSubject)}`;
    if (!(await deps.rateLimits.hit(ipCounter, windowStart, signInPolicy.rateWindowSeconds, signInPolicy.maxLinksPerIp))) {
      throw tooMany();
    }
  }

  await deps.queue.send({
    kind: 'sign-in-link',
    requestId: deps.random.bytes(16).toString('base64url'),
    slug: input.slug,
    contact: input.contact,
    // The page to land on after signing in (checked by the request's schema, rule 67): it rides with the link.
    ...(input.returnPage ? { returnPage: input.returnPage } : {}),
    requestedAt: now.toISOString(),
  });
}
