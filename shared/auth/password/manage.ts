/**
 * The signed-in customer sets, changes or removes their password (`PUT`/`DELETE /api/me/password`).
 * Proof first: the current password, or a sign-in by link in the last 10 minutes (a stolen
 * session alone cannot plant a password of its own). Then one write of the password item, owing
 * in the same UpdateItem the two things every change must be followed by, which the re-driver
 * finishes if the function dies: every other session of the customer ends, and they are told.
 */
import type { PasswordChanged, PasswordStatus } from '../../contract/customer/password';
import { defineStep, newOwedSteps, owe } from '../../followups/owed';
import { runOwedSteps, type AnyStep } from '../../followups/run';
import { need, type StepDeps } from '../../followups/step-deps';
import { Conflict, Forbidden, InvalidInput, Unauthenticated } from '../../kernel/errors';
import type { Clock, Random } from '../../kernel/types';
import { queueNoticeStep } from '../../notifications/notice-step';
import type { Session } from '../model';
import type { SessionStore } from '../port';
import type { StoredPassword } from './entity';
import { hashPassword, verifyPassword } from './hashing';
import { passwordThrottle, recentLinkSignInMs } from './policy';
import type { PasswordStore } from './port';
import { passwordProblems } from './rules';
import { accountHashOf, checkAccountWait } from './sign-in';

/** Ends every session of the customer's but `keep` (the one that made the change). */
export const endOtherSessionsStep = defineStep<{ businessId: string; customerId: string; keep: string }, StepDeps>('end-other-sessions', async ({ businessId, customerId, keep }, deps) => {
  const sessions = need(deps.sessions, 'the sessions store') as SessionStore;
  const others = (await sessions.listSessions(businessId, customerId)).filter((s) => s.idHash !== keep);
  await Promise.all(others.map((s) => sessions.revokeSession(s)));
});

export const passwordSteps: readonly AnyStep[] = [endOtherSessionsStep as unknown as AnyStep, queueNoticeStep];

const recentlyVerified = (session: Session, now: Date) => session.signedInWith === 'link' && now.getTime() - new Date(session.createdAt).getTime() < recentLinkSignInMs;

export async function passwordStatus(session: Session, deps: { passwords: PasswordStore; clock: Clock }): Promise<PasswordStatus> {
  const stored = await deps.passwords.getPassword(session.businessId, session.customerId);
  return { hasPassword: Boolean(stored?.phc), setAt: stored?.phc ? stored.setAt : null, recentlyVerified: recentlyVerified(session, deps.clock.now()) };
}

type ManageDeps = StepDeps & { passwords: PasswordStore; random: Random };

/** The proof a change needs (module comment); a wrong current password counts as a wrong try on the account. */
async function proveItIsThem(session: Session, stored: StoredPassword | null, currentPassword: string | undefined, email: string | null, deps: ManageDeps): Promise<void> {
  const now = deps.clock.now();
  if (stored?.phc && currentPassword !== undefined) {
    const accountHash = accountHashOf(session.businessId, email ?? `customer:${session.customerId}`);
    const attempts = await checkAccountWait(accountHash, deps);
    if (await verifyPassword(stored.phc, currentPassword)) return;
    await deps.passwords.recordFailure(accountHash, attempts.restart, now.toISOString(), passwordThrottle.accountWindowSeconds);
    throw new InvalidInput([{ field: 'currentPassword', message: 'is not your current password', said: { key: 'problems.password.current-wrong' } }]);
  }
  if (recentlyVerified(session, now)) return;
  if (stored?.phc) throw new InvalidInput([{ field: 'currentPassword', message: 'is required: your current password, or sign in again with a link', said: { key: 'problems.password.current-wrong' } }]);
  throw new Forbidden('For your security, sign in again with a link, then set your password within 10 minutes.').saying('problems.password.reauth');
}

async function writePassword(session: Session, next: () => Promise<string | null>, proof: string | undefined, deps: ManageDeps, removing = false): Promise<PasswordChanged> {
  const { businessId, customerId } = session;
  const [customer, stored] = await Promise.all([deps.directory.getCustomer(businessId, customerId), deps.passwords.getPassword(businessId, customerId)]);
  if (!customer) throw new Unauthenticated('Please sign in again.').saying('problems.sign-in-again');
  // Removing a password there is none of: nothing to prove, nothing to write.
  if (removing && !stored?.phc) return { hasPassword: false, setAt: null, recentlyVerified: recentlyVerified(session, deps.clock.now()), signedOutElsewhere: 0 };
  await proveItIsThem(session, stored, proof, customer.email, deps);
  const phc = await next();
  const now = deps.clock.now();
  const at = now.toISOString();
  const change = phc === null ? 'removed' : stored?.phc ? 'changed' : 'set';
  const owedList = [
    owe(endOtherSessionsStep, `${customerId}:${at}`, { businessId, customerId, keep: session.idHash }),
    owe(queueNoticeStep, `password:${customerId}:${at}`, { job: { kind: 'password-changed', businessId, customerId, change, changedAt: at } }),
  ];
  const owed = newOwedSteps(owedList, now);
  const written: StoredPassword = { businessId, customerId, phc, setAt: at, version: (stored?.version ?? 0) + 1 };
  // On the version read: a change made meanwhile (another browser's) is not overwritten unseen.
  if (!(await deps.passwords.putPassword(written, stored?.version ?? null, owed, at))) {
    throw new Conflict('Your password was changed from another browser just now. Please try again.').saying('problems.profile.busy');
  }
  const others = (await deps.sessions.listSessions(businessId, customerId)).filter((s) => s.idHash !== session.idHash).length;
  await runOwedSteps({ kind: 'password', businessId, id: customerId }, owed, passwordSteps, deps);
  return { hasPassword: phc !== null, setAt: phc ? at : null, recentlyVerified: recentlyVerified(session, now), signedOutElsewhere: others };
}

export async function setPassword(session: Session, body: { password: string; currentPassword?: string | undefined }, deps: ManageDeps): Promise<PasswordChanged> {
  return writePassword(
    session,
    async () => {
      const customer = await deps.directory.getCustomer(session.businessId, session.customerId);
      const problems = passwordProblems(body.password, { email: customer?.email ?? null });
      if (problems.length > 0) throw new InvalidInput(problems);
      return hashPassword(body.password, deps.random);
    },
    body.currentPassword,
    deps,
  );
}

export async function removePassword(session: Session, body: { currentPassword?: string | undefined }, deps: ManageDeps): Promise<PasswordChanged> {
  return writePassword(session, async () => null, body.currentPassword, deps, true);
}
