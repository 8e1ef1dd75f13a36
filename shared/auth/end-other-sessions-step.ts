import { defineStep } from '../followups/owed';
import { need } from '../followups/need';
import { endOtherDevices } from './devices';
import type { SessionStore } from './port';

/** What ending the other sessions uses: the customer's sessions. */
export interface EndSessionsStepDeps {
  sessions: SessionStore;
}

/**
 * The step a change to how the customer signs in owes (a password, an email, a phone): every
 * session of theirs but `keep` (the one that made the change) ends.
 */
export const endOtherSessionsStep = defineStep<{ businessId: string; customerId: string; keep: string }, EndSessionsStepDeps>('end-other-sessions', async ({ businessId, customerId, keep }, deps) => {
  await endOtherDevices({ businessId, customerId, idHash: keep }, { sessions: need(deps.sessions, 'the sessions store') });
});
