import { defineStep } from '../followups/owed';
import { need, type StepDeps } from '../followups/step-deps';

/**
 * The step a change to how the customer signs in owes (a password, an email, a phone): every
 * session of theirs but `keep` (the one that made the change) ends.
 */
export const endOtherSessionsStep = defineStep<{ businessId: string; customerId: string; keep: string }, StepDeps>('end-other-sessions', async ({ businessId, customerId, keep }, deps) => {
  const sessions = need(deps.sessions, 'the sessions store');
  const others = (await sessions.listSessions(businessId, customerId)).filter((s) => s.idHash !== keep);
  await Promise.all(others.map((s) => sessions.revokeSession(s)));
});
