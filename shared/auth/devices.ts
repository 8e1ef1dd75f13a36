/**
 * "Where am I signed in": the customer's own list of their sessions, ending one, or ending every
 * one but the browser asking. An ended session's cookie is refused on its next request, wherever
 * it is (the session item is gone; authenticate finds nothing).
 */
import type { DeviceView } from '../contract/customer/account';
import { NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import { publicIdOf } from '../kernel/secrets';
import type { Session } from './model';
import type { SessionStore } from './port';
import { isSessionLive } from './sessions';
import { describeUserAgent } from './user-agent';

type Deps = { sessions: SessionStore; clock: Clock };

/** The caller's live sessions, most recently seen first. */
async function liveSessions(caller: Session, deps: Deps): Promise<Session[]> {
  const now = deps.clock.now().getTime();
  const sessions = (await deps.sessions.listSessions(caller.businessId, caller.customerId)).filter((s) => isSessionLive(s, now) || s.idHash === caller.idHash);
  // Ties (two sessions of the same millisecond) go by the id's hash, so the list keeps one order.
  return sessions.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt) || b.createdAt.localeCompare(a.createdAt) || a.idHash.localeCompare(b.idHash));
}

export async function listDevices(caller: Session, deps: Deps): Promise<DeviceView[]> {
  return (await liveSessions(caller, deps)).map((s) => ({
    id: publicIdOf('ses', s.idHash),
    ...describeUserAgent(s.userAgent),
    signedInAt: s.createdAt,
    // The caller's own session was just renewed (or is within its minute): its freshest time is now's.
    lastSeenAt: s.idHash === caller.idHash ? caller.lastSeenAt : s.lastSeenAt,
    signedInWith: s.signedInWith,
    current: s.idHash === caller.idHash,
  }));
}

/** Ends one of the caller's sessions by its public id; says whether it was the caller's own (its cookie should go too). */
export async function endDevice(caller: Session, publicId: string, deps: Deps): Promise<{ wasCurrent: boolean }> {
  const session = (await liveSessions(caller, deps)).find((s) => publicIdOf('ses', s.idHash) === publicId);
  if (!session) throw new NotFound('No session of yours has that id: it may have ended already.').saying('problems.session.not-found');
  await deps.sessions.revokeSession(session);
  return { wasCurrent: session.idHash === caller.idHash };
}

/** Ends every session of the caller's but this one. */
export async function endOtherDevices(caller: Pick<Session, 'businessId' | 'customerId' | 'idHash'>, deps: { sessions: SessionStore }): Promise<number> {
  // Expired ones too: nothing of the customer's should linger once they asked for everything else to end.
  const others = (await deps.sessions.listSessions(caller.businessId, caller.customerId)).filter((s) => s.idHash !== caller.idHash);
  // Side by side: each one's two deletes stay in order (the session first), the sessions need not.
  await Promise.all(others.map((session) => deps.sessions.revokeSession(session)));
  return others.length;
}
