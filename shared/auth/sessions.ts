/** Sessions: created at sign-in, checked on every signed-in request, revoked at sign-out. */
import { Unauthenticated } from '../kernel/errors';
import type { Session, SignInContext } from './model';
import type { Clock, Random } from '../kernel/types';
import type { SessionStore } from './port';
import { signInPolicy } from './policy';
import { isWellFormedSecret, newSecret, sha256 } from '../kernel/secrets';

/** A User-Agent longer than this is cut: it is only shown, and a header is not a place to store pages of text. */
const userAgentLimit = 512;

export async function startSession(
  businessId: string,
  customerId: string,
  context: SignInContext,
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
    userAgent: context.userAgent ? context.userAgent.slice(0, userAgentLimit) : null,
    signedInWith: context.signedInWith,
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
  if (!isSessionLive(session, now)) throw new Unauthenticated(sessionEndedDetail, true).saying('problems.session-ended');
  if (now - new Date(session.lastSeenAt).getTime() >= signInPolicy.sessionTouchEveryMs) {
    const lastSeenAt = new Date(now).toISOString();
    await deps.sessions.touchSession(session.idHash, lastSeenAt);
    return { ...session, lastSeenAt };
  }
  return session;
}

/** Neither idle for too long nor past its absolute end: a cookie for it still opens the portal. */
export function isSessionLive(session: Session, now: number): boolean {
  const idleUntil = new Date(session.lastSeenAt).getTime() + signInPolicy.sessionIdleMs;
  return now < idleUntil && now < new Date(session.absoluteExpiresAt).getTime();
}

export async function endSession(session: Session, deps: { sessions: SessionStore }): Promise<void> {
  await deps.sessions.revokeSession(session);
}
