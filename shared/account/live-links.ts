/**
 * "What links to my account are live": the customer's own list of the links that open something
 * of theirs without signing in (an unused sign-in link, pay, estimate and tracking links), and
 * withdrawing one. A withdrawn link fails on its next use, like one the business revoked. Tokens
 * are never shown, only that a link exists, what it opens and where it was sent.
 */
import type { LiveLinkView } from '../contract/customer/account';
import { NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import { publicIdOf } from '../kernel/secrets';
import type { LiveLink } from '../links/model';
import type { LiveLinkStore } from './port';

type Caller = { businessId: string; customerId: string };
type Deps = { liveLinks: LiveLinkStore; clock: Clock };

/** The caller's links that still open something (expiry is checked here: TTL deletes late), newest first. */
async function liveLinks(caller: Caller, deps: Deps): Promise<LiveLink[]> {
  const now = deps.clock.now().getTime();
  const links = await deps.liveLinks.listLiveLinks(caller.businessId, caller.customerId);
  // Two links of the same millisecond tie on issuedAt: the hash settles it, so the list keeps one order.
  return links.filter((l) => new Date(l.expiresAt).getTime() > now).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || a.tokenHash.localeCompare(b.tokenHash));
}

export async function listLiveLinks(caller: Caller, deps: Deps): Promise<LiveLinkView[]> {
  return (await liveLinks(caller, deps)).map((l) => ({
    id: publicIdOf('lnk', l.tokenHash),
    kind: l.kind,
    objectId: l.objectId,
    opens: l.opens,
    sentTo: l.sentTo,
    issuedAt: l.issuedAt,
    expiresAt: l.expiresAt,
  }));
}

export async function withdrawLiveLink(caller: Caller, publicId: string, deps: Deps): Promise<void> {
  const link = (await liveLinks(caller, deps)).find((l) => publicIdOf('lnk', l.tokenHash) === publicId);
  if (!link) throw new NotFound('No live link of yours has that id: it may have expired or been withdrawn already.').saying('problems.live-link.not-found');
  // The link first: once it is gone its token opens nothing, whatever happens to the pointers.
  if (link.kind === 'sign-in') await deps.liveLinks.deleteSignInLink(link.tokenHash);
  else await deps.liveLinks.deleteObjectLink(link.kind, caller.businessId, link.objectId!, link.tokenHash);
  await deps.liveLinks.deleteLiveLinkPointer(caller.businessId, caller.customerId, link.tokenHash);
}
