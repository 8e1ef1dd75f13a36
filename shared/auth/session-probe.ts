/**
 * "Am I signed in?" for the portal's pages: the customer and their portal, or just "no". A page
 * that expects a signed-out visitor must not log an error for it, so "no" is an answer here, and
 * the same one whatever the reason (no cookie, a malformed or forged one, an ended session, a
 * removed customer): it tells a caller nothing the cookie's holder could not already tell.
 */
import type { SessionResponse } from '../contract/customer/portal';
import { Unauthenticated } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import { getMe } from '../directory/get-me';
import type { SessionStore } from './port';
import { authenticate } from './sessions';

/** `endSession`: a cookie was sent but stands for no one, so the browser should drop it (rule 10). */
export async function probeSession(
  sessionId: string | null,
  deps: { sessions: SessionStore; directory: DirectoryStore; clock: Clock },
): Promise<{ answer: SessionResponse; endSession: boolean }> {
  if (!sessionId) return { answer: { signedIn: false }, endSession: false };
  try {
    const session = await authenticate(sessionId, deps);
    return { answer: { signedIn: true, ...(await getMe(session, deps)) }, endSession: false };
  } catch (error) {
    if (error instanceof Unauthenticated) return { answer: { signedIn: false }, endSession: true };
    throw error;
  }
}
