/**
 * What a change to how the customer signs in asks for (a password, an email or a phone): proof it
 * is them beyond the session, since a stolen session must not be able to make itself permanent.
 * The current password when they have one, or a sign-in by link in the last 10 minutes. A wrong
 * current password is a try on the account, throttled as at sign-in (./sign-in.ts).
 */
import { InvalidInput, Forbidden } from '../../kernel/errors';
import type { Clock } from '../../kernel/types';
import type { Session } from '../model';
import type { StoredPassword } from './entity';
import { verifyPassword } from './hashing';
import { recentLinkSignInMs } from './policy';
import type { PasswordStore } from './port';
import { accountHashOf, takeTry } from './sign-in';

export const recentlyVerified = (session: Session, now: Date): boolean =>
  session.signedInWith === 'link' && now.getTime() - new Date(session.createdAt).getTime() < recentLinkSignInMs;

export async function proveItIsThem(
  session: Session,
  stored: StoredPassword | null,
  currentPassword: string | undefined,
  email: string | null,
  deps: { passwords: PasswordStore; clock: Clock },
): Promise<void> {
  if (stored?.phc && currentPassword !== undefined) {
    const accountHash = accountHashOf(email ?? `customer:${session.customerId}`);
    await takeTry(session.businessId, accountHash, deps);
    if (await verifyPassword(stored.phc, currentPassword)) {
      await deps.passwords.clearTries(session.businessId, accountHash);
      return;
    }
    throw new InvalidInput([{ field: 'currentPassword', message: 'is not your current password', said: { key: 'problems.password.current-wrong' } }]);
  }
  if (recentlyVerified(session, deps.clock.now())) return;
  if (stored?.phc) throw new InvalidInput([{ field: 'currentPassword', message: 'is needed: your current password, or sign in again with a link', said: { key: 'problems.password.current-needed' } }]);
  throw new Forbidden('For your security, sign in again with a link, then make this change within 10 minutes.').saying('problems.password.reauth');
}
