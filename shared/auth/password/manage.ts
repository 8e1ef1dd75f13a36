/**
 * The signed-in customer sets, changes or removes their password (`PUT`/`DELETE /api/me/password`).
 * Proof first: the current password, or a sign-in by link in the last 10 minutes (a stolen
 * session alone cannot plant a password of its own). Then one write of the password item, owing
 * in the same UpdateItem the two things every change must be followed by, which the re-driver
 * finishes if the function dies: every other session of the customer ends, and they are told.
 */
import type { PasswordChanged, PasswordStatus } from '../../contract/customer/password';
import { newOwedSteps, owe } from '../../followups/owed';
import { runOwedSteps, type AnyStep, type RunDeps } from '../../followups/run';
import { Conflict, InvalidInput, Unauthenticated } from '../../kernel/errors';
import type { Clock, Random } from '../../kernel/types';
import { queueNoticeStep, type NoticeStepDeps } from '../../notifications/notice-step';
import type { DirectoryStore } from '../../directory/port';
import type { Session } from '../model';
import type { Customer } from '../../directory/model';
import { endOtherSessionsStep, type EndSessionsStepDeps } from '../end-other-sessions-step';
import { hashPassword, verifyPassword } from './hashing';
import type { PasswordStore } from './port';
import { proveItIsThem, recentlyVerified } from './proof';
import { passwordProblems } from './rules';

/** What a password change's steps use: the sessions it ends, and the queue its notice goes by. */
export type PasswordStepDeps = RunDeps & EndSessionsStepDeps & NoticeStepDeps;

export const passwordSteps: readonly AnyStep<PasswordStepDeps>[] = [endOtherSessionsStep as unknown as AnyStep<PasswordStepDeps>, queueNoticeStep];

export async function passwordStatus(session: Session, deps: { passwords: PasswordStore; clock: Clock }): Promise<PasswordStatus> {
  const stored = await deps.passwords.getPassword(session.businessId, session.customerId);
  return { hasPassword: Boolean(stored?.phc), setAt: stored?.phc ? stored.setAt : null, recentlyVerified: recentlyVerified(session, deps.clock.now()) };
}

type ManageDeps = PasswordStepDeps & { directory: DirectoryStore; passwords: PasswordStore; random: Random };

/** A retried `PUT` whose password is already the stored one, set this recently, answers as the first did. */
const retryWindowMs = 60_000;

async function writePassword(session: Session, next: (customer: Customer) => Promise<string | null>, proof: string | undefined, deps: ManageDeps, options: { removing?: boolean; password?: string } = {}): Promise<PasswordChanged> {
  const { businessId, customerId } = session;
  const [customer, stored] = await Promise.all([deps.directory.getCustomer(businessId, customerId), deps.passwords.getPassword(businessId, customerId)]);
  if (!customer) throw new Unauthenticated('Please sign in again.').saying('problems.sign-in-again');
  const now = deps.clock.now();
  // Removing a password there is none of (or a retried removal): nothing to prove, nothing to write.
  if (options.removing && !stored?.phc) return { hasPassword: false, setAt: null, recentlyVerified: recentlyVerified(session, now), signedOutElsewhere: 0 };
  // A retried set or change (its answer was lost): the same answer, with no second notice or sign-out.
  if (options.password !== undefined && stored?.phc && now.getTime() - new Date(stored.setAt).getTime() < retryWindowMs && (await verifyPassword(stored.phc, options.password))) {
    return { hasPassword: true, setAt: stored.setAt, recentlyVerified: recentlyVerified(session, now), signedOutElsewhere: 0 };
  }
  await proveItIsThem(session, stored, proof, customer.email, deps);
  const phc = await next(customer);
  const at = deps.clock.now().toISOString();
  const change = phc === null ? 'removed' : stored?.phc ? 'changed' : 'set';
  const owedList = [
    owe(endOtherSessionsStep, `${customerId}:${at}`, { businessId, customerId, keep: session.idHash }),
    owe(queueNoticeStep, `password:${customerId}:${at}`, { job: { kind: 'password-changed', businessId, customerId, change, changedAt: at } }),
  ];
  const owed = newOwedSteps(owedList, now);
  const written = { businessId, customerId, phc, setAt: at, version: (stored?.version ?? 0) + 1 };
  // On the version read: a change made meanwhile (another browser's) is not overwritten unseen.
  if (!(await deps.passwords.putPassword(written, stored?.version ?? null, owed, at))) {
    throw new Conflict('Your password was changed from another browser just now. Please try again.').saying('problems.password.busy');
  }
  const others = (await deps.sessions.listSessions(businessId, customerId)).filter((s) => s.idHash !== session.idHash).length;
  await runOwedSteps({ kind: 'password', businessId, id: customerId }, owed, passwordSteps, deps);
  return { hasPassword: phc !== null, setAt: phc ? at : null, recentlyVerified: recentlyVerified(session, now), signedOutElsewhere: others };
}

export async function setPassword(session: Session, body: { password: string; currentPassword?: string | undefined }, deps: ManageDeps): Promise<PasswordChanged> {
  return writePassword(
    session,
    async (customer) => {
      // A password signs in with the email: without one, it could never be used.
      if (!customer.email) throw new InvalidInput([{ field: 'password', message: 'needs an email on your account to sign in with', said: { key: 'problems.password.no-email' } }]);
      const problems = passwordProblems(body.password, { email: customer.email });
      if (problems.length > 0) throw new InvalidInput(problems);
      return hashPassword(body.password, deps.random);
    },
    body.currentPassword,
    deps,
    { password: body.password },
  );
}

export async function removePassword(session: Session, body: { currentPassword?: string | undefined }, deps: ManageDeps): Promise<PasswordChanged> {
  return writePassword(session, async () => null, body.currentPassword, deps, { removing: true });
}
