/**
 * The signed-in customer's own profile: what `GET /api/me` shows and `PATCH /api/me` changes
 * (name, language, notification choices). Every write is a versioned write of the profile, as the
 * business's are, and owes, in the same UpdateItem, the `customer.updated` event the business
 * hears (the follow-up outbox, shared/followups): the event goes out even if the function dies
 * right after the write.
 */
import { maskAddress } from '../contract/customer/account';
import { NOTICE_CHANNELS, NOTIFICATION_TOPICS, type AccountView, type NotificationChoices, type PatchMeBody, type ProfileResponse } from '../contract/customer/profile';
import type { Language } from '../contract/i18n/languages';
import { customerView } from '../directory/customer-view';
import { emitEventStep, eventId, oweEvent, type EventStepDeps } from '../events/emit';
import { queueNoticeStep, type NoticeStepDeps } from '../notifications/notice-step';
import { endOtherSessionsStep, type EndSessionsStepDeps } from '../auth/end-other-sessions-step';
import { newOwedSteps, type OwedSteps, type StepToOwe } from '../followups/owed';
import { Conflict, Unauthenticated } from '../kernel/errors';
import { readModifyWrite } from '../kernel/read-modify-write';
import { runOwedSteps, type AnyStep, type RunDeps } from '../followups/run';
import type { Clock } from '../kernel/types';
import type { TextOptOutStore } from '../notifications/port';
import { toCustomer } from '../directory/customer-entity';
import { customerLanguageOf } from '../directory/languages';
import type { Business, ContactChange, Customer, CustomerWithLink } from '../directory/model';
import type { DirectoryStore, ProfileStore } from '../directory/port';
import { toPortalInfo } from '../directory/portal-info';

type Session = { businessId: string; customerId: string };

const signInAgain = () => new Unauthenticated('Please sign in again.').saying('problems.sign-in-again');

/** `GET /api/me`: the customer and their portal, then (one more round) their texts' stop and pending changes. */
export async function getProfile(session: Session, deps: { directory: DirectoryStore; profiles: ProfileStore; optOuts: TextOptOutStore; clock: Clock }): Promise<ProfileResponse> {
  const found = await deps.directory.getCustomerWithBusiness(session.businessId, session.customerId);
  // The customer was removed after sign-in: the session no longer stands for anyone.
  if (!found) throw signInAgain();
  return profileOf(found.customer, found.business, await accountOf(found.customer, deps), deps.clock.now());
}

/** What the profile page shows beyond the customer: their phone's STOP and their pending changes, side by side. */
async function accountOf(customer: Customer, deps: { profiles: ProfileStore; optOuts: TextOptOutStore }): Promise<{ textsStopped: boolean; changes: ContactChange[] }> {
  const [textsStopped, changes] = await Promise.all([
    customer.phone ? deps.optOuts.isStopped(customer.phone) : Promise.resolve(false),
    deps.profiles.getContactChanges(customer.businessId, customer.id),
  ]);
  return { textsStopped, changes };
}

export function profileOf(customer: Customer, business: Business, account: { textsStopped: boolean; changes: ContactChange[] }, now: Date): ProfileResponse {
  const view: AccountView = {
    notifications: customer.notifications,
    textsStopped: account.textsStopped,
    pendingContacts: account.changes
      // Sent, not expired, and not already the customer's (a request whose confirmation died before it was tidied away).
      .filter((c) => c.sentAt !== null && new Date(c.expiresAt).getTime() > now.getTime() && (c.channel === 'email' ? customer.email : customer.phone) !== c.to)
      .map((c) => ({ channel: c.channel, to: maskAddress(c.channel, c.to), expiresAt: c.expiresAt })),
  };
  return {
    customer: { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone, language: customerLanguageOf(customer, business) },
    business: toPortalInfo(business),
    account: view,
  };
}

/** The choices after a `PATCH`: what it names changes, the rest stays. */
export function mergeChoices(current: NotificationChoices, patch: PatchMeBody['notifications']): NotificationChoices {
  const next = structuredClone(current);
  for (const topic of NOTIFICATION_TOPICS) {
    for (const channel of NOTICE_CHANNELS) {
      const chosen = patch?.[topic]?.[channel];
      if (chosen !== undefined) next[topic][channel] = chosen;
    }
  }
  return next;
}

/** Which fields the business sees changed in `customer.updated`. */
function changedFields(before: Customer, after: Customer): string[] {
  const changed: string[] = [];
  if (before.name !== after.name) changed.push('name');
  if (before.email !== after.email) changed.push('email');
  if (before.phone !== after.phone) changed.push('phone');
  if (before.chosenLanguage !== after.chosenLanguage) changed.push('chosenLanguage');
  if (JSON.stringify(before.notifications) !== JSON.stringify(after.notifications)) changed.push('notifications');
  return changed;
}

/** The event a change by the customer owes: named by the version it made, so a retry owes the same one. */
export function customerUpdatedEvent(before: Customer, after: Customer): StepToOwe {
  return oweEvent({
    id: eventId('customer.updated', `${after.businessId}#${after.id}#${after.version}`),
    type: 'customer.updated',
    createdAt: after.updatedAt,
    businessId: after.businessId,
    data: { customerId: after.id, changed: changedFields(before, after), customer: { ...customerView(after), notifications: after.notifications } },
  });
}

export interface ProfileWrite {
  before: Customer;
  after: Customer;
  business: Business;
  /** What the write owes, as stored on the profile (empty when nothing changed). */
  owed: OwedSteps;
}

/**
 * The customer changes their own profile: one versioned write on what was read, owing the
 * event; a race with the business's own write reads again and applies the change to what won.
 * Nothing changed: nothing written, no event.
 */
export async function writeOwnProfile(
  session: Session,
  change: (current: Customer) => Customer,
  alsoOwed: (before: Customer, after: Customer) => StepToOwe[],
  deps: { directory: DirectoryStore; profiles: ProfileStore; clock: Clock },
  hooks: { beforeWrite?: (current: Customer) => Promise<void> } = {},
): Promise<ProfileWrite> {
  const { businessId, customerId } = session;
  return readModifyWrite<[CustomerWithLink | null, Business | null], ProfileWrite>(
    () => Promise.all([deps.directory.getCustomer(businessId, customerId), deps.directory.getBusiness(businessId)]),
    async ([stored, business]) => {
      if (!stored || !business) throw signInAgain();
      const before = toCustomer(stored);
      const wanted = change(before);
      if (changedFields(before, wanted).length === 0) return { done: { before, after: before, business, owed: {} } };
      const now = deps.clock.now();
      const after: Customer = { ...wanted, version: before.version + 1, updatedAt: now.toISOString() };
      const owed = newOwedSteps([customerUpdatedEvent(before, after), ...alsoOwed(before, after)], now);
      await hooks.beforeWrite?.(before);
      return {
        write: () => deps.profiles.putProfileOwing(after, before.version, owed),
        after: () => ({ before, after, business, owed }),
      };
    },
    () => new Conflict('Your profile kept changing while we saved it. Please try again.').saying('problems.profile.busy'),
  );
}

/** What `PATCH /api/me` changes on a customer. */
export const patchOf =
  (patch: PatchMeBody) =>
  (current: Customer): Customer => ({
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.language !== undefined ? { chosenLanguage: patch.language as Language | null } : {}),
    notifications: mergeChoices(current.notifications, patch.notifications),
  });

/** What a profile write's steps use: the queues its event and notices go by, and the sessions an address change ends. */
export type ProfileStepDeps = RunDeps & EventStepDeps & NoticeStepDeps & EndSessionsStepDeps;

/** The steps a profile write can owe, for the request that runs them at once and the re-driver. */
export const profileSteps: readonly AnyStep<ProfileStepDeps>[] = [emitEventStep, queueNoticeStep, endOtherSessionsStep as unknown as AnyStep<ProfileStepDeps>];

/**
 * Runs what a profile write owes at once (the fast path; the re-driver finishes whatever a crash
 * leaves), then answers with the profile as it now is.
 */
export async function finishProfileWrite(
  session: Session,
  written: ProfileWrite,
  deps: ProfileStepDeps & { directory: DirectoryStore; profiles: ProfileStore; optOuts: TextOptOutStore },
): Promise<ProfileResponse> {
  await runOwedSteps({ kind: 'customer', businessId: session.businessId, id: session.customerId }, written.owed, profileSteps, deps);
  const { after, business } = written;
  return profileOf(after, business, await accountOf(after, deps), deps.clock.now());
}

/** `PATCH /api/me`. */
export async function updateProfile(session: Session, patch: PatchMeBody, deps: ProfileStepDeps & { directory: DirectoryStore; profiles: ProfileStore; optOuts: TextOptOutStore }): Promise<ProfileResponse> {
  return finishProfileWrite(session, await writeOwnProfile(session, patchOf(patch), () => [], deps), deps);
}
