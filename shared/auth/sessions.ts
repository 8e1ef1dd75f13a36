/** Sessions: created at sign-in, checked on every signed-in request, revoked at sign-out. */
import { Unauthenticated } from '../kernel/errors';
import type { Session } from './model';
import type { Clock, Random } from '../kernel/types';
import type { SessionStore } from './port';
import { signInPolicy } from './policy';
import { isWellFormedSecret, newSecret, sha256 } from '../kernel/secrets';

export async function startSession(
  businessId: string,
  customerId: string,
  deps: { sessions: SessionStore; clock: Clock; random: Random },
): Promise<{ sessionId: string; session: Session }> {
  const sessionId = newSecret(deps.random);
  const now = deps.clock.now();
  const session: Session = {
    idHash: sha256(sessionId),
    businessId,
    customerId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    absoluteExpiresAt: new Date(now.getTime() + signInPolicy.sessionAbsoluteMs).toISOString(),
  };
  await deps.sessions.putSession(session);
  return { sessionId, session };
}

export const sessionEndedDetail = 'Your session has ended. Please sign in again.';

/** The session behind a cookie, or Unauthenticated. Renews the idle timer (at most once a minute). */
export async function authenticate(sessionId: string | null, deps: { sessions: SessionStore; clock: Clock }): Promise<Session> {
  if (!sessionId || !isWellFormedSecret(sessionId)) throw new Unauthenticated('Please sign in.', true).saying('problems.sign-in');
  const session = await deps.sessions.getSession(sha256(sessionId));
  if (!session) throw new Unauthenticated(sessionEndedDetail, true).saying('problems.session-ended');
  const now = deps.clock.now().getTime();
  const idleUntil = new Date(session.lastSeenAt).getTime() + signInPolicy.sessionIdleMs;
  if (now >= idleUntil || now >= new Date(session.absoluteExpiresAt).getTime()) {
    throw new Unauthenticated(sessionEndedDetail, true).saying('problems.session-ended');
  }
  if (now - new Date(session.lastSeenAt).getTime() >= signInPolicy.sessionTouchEveryMs) {
    const lastSeenAt = new Date(now).toISOString();
    await deps.sessions.touchSession(session.idHash, lastSeenAt);
    return { ...session, lastSeenAt };
  }
  return session;
}

export async function endSession(session: Session, deps: { sessions: SessionStore }): Promise<void> {
  await deps.sessions.deleteSession(session.idHash);
}
