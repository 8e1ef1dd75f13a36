/**
 * A customer changes their own email or phone. The new address must prove it is theirs first:
 * 1. `POST /api/me/contact` stores the request (one per channel, a new one replaces it) and queues it;
 * 2. the notifications consumer mints the secret (a link's token for an email, six digits for a
 *    text), stores its hash on the request and sends it to the new address;
 * 3. `POST /api/me/contact/confirm` with the token or the code switches the address: the sign-in
 *    lookup of the new address is claimed first (conditional: free or a crash's leftover), then
 *    the profile is written on the version read, owing in the same UpdateItem the
 *    `customer.updated` event and the notice to the old address, then the old lookup is released.
 *    A crash after the claim leaves a lookup for an address the customer does not have (harmless:
 *    a link checks the customer's own address); after the write, the owed steps are finished by
 *    the re-driver with no client.
 *
 * The business's own writes win: a request whose channel the business changed since it was made
 * cannot be confirmed. An address another customer of the business has is refused without saying whose.
 */
import { timingSafeEqual } from 'node:crypto';
import { maskAddress } from '../contract/customer/account';
import type { ConfirmContactBody, ContactChangeBody, ContactChangeStarted } from '../contract/customer/profile';
import { owe } from '../followups/owed';
import { Conflict, Gone, InvalidInput, RateLimited, Unauthenticated } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { fixedWindow } from '../kernel/rate-window';
import { newSecret, sha256 } from '../kernel/secrets';
import type { Clock, MessageQueue, Random } from '../kernel/types';
import type { RateLimitStore } from '../auth/port';
import type { Session } from '../auth/model';
import type { PasswordStore } from '../auth/password/port';
import { proveItIsThem } from '../auth/password/proof';
import { endOtherSessionsStep } from '../auth/end-other-sessions-step';
import type { NotificationJob, Notifier, TextOptOutStore } from '../notifications/port';
import { queueNoticeStep } from '../notifications/notice-step';
import { mayText } from '../notifications/consent';
import { contactChangedNotice, contactConfirmMessage } from '../notifications/templates';
import { sendOnce, type SendClaim } from '../notifications/claims';
import { messageLanguageOf } from '../directory/languages';
import { claimContact } from '../directory/customers';
import { writeOwnProfile, type ProfileWrite } from './profile';
import { addressOn, type ContactChange, type ContactChannel, type Customer } from '../directory/model';
import type { DirectoryStore, ProfileStore } from '../directory/port';

export const contactChangePolicy = {
  /** The emailed link: long enough to find the email on another device. */
  linkLifetimeMs: 60 * 60_000,
  /** The texted code: six digits, so briefly. */
  codeLifetimeMs: 10 * 60_000,
  /** Wrong tries before a request is void: 5 in 10⁶ for a code. */
  maxAttempts: 5,
  /** Requests per customer per hour: each sends a message to an address of the customer's choosing. */
  requestsPerHour: 5,
} as const;

const fieldOf = (channel: ContactChannel) => (channel === 'email' ? 'email' : 'phone');

/** Salted with the request's id: the same code on two requests has two hashes. */
export const secretHashOf = (changeId: string, secret: string) => sha256(`${changeId}:${secret}`);

export async function requestContactChange(
  session: Session,
  body: ContactChangeBody,
  deps: { directory: DirectoryStore; profiles: ProfileStore; passwords: PasswordStore; rateLimits: RateLimitStore; notifications: MessageQueue<NotificationJob>; clock: Clock; random: Random },
): Promise<ContactChangeStarted> {
  const [channel, to] = 'email' in body ? (['email', body.email] as const) : (['sms', body.phone] as const);
  const [customer, password] = await Promise.all([deps.directory.getCustomer(session.businessId, session.customerId), deps.passwords.getPassword(session.businessId, session.customerId)]);
  if (!customer) throw new Unauthenticated('Please sign in again.').saying('problems.sign-in-again');
  // A new address is a new way in: a stolen session alone must not be able to set one (rule 82).
  await proveItIsThem(session, password, body.currentPassword, customer.email, deps);
  const from = addressOn(customer, channel);
  if (from === to) {
    throw new InvalidInput([{ field: fieldOf(channel), message: `is already your ${channel === 'email' ? 'email address' : 'phone number'}`, said: { key: channel === 'email' ? 'problems.contact.same-email' : 'problems.contact.same-phone' } }]);
  }
  const now = deps.clock.now();
  const { windowStart, retryAfterSeconds } = fixedWindow(now, 3600);
  if (!(await deps.rateLimits.hit(`contact-change#${session.businessId}#${session.customerId}`, windowStart, 3600, contactChangePolicy.requestsPerHour))) {
    throw new RateLimited(retryAfterSeconds, 'You have asked to change your contact details too often. Please try again later.').saying('problems.contact.too-often');
  }
  const lifetime = channel === 'email' ? contactChangePolicy.linkLifetimeMs : contactChangePolicy.codeLifetimeMs;
  const at = now.toISOString();
  const change: ContactChange = {
    id: newId('chg_', deps),
    businessId: session.businessId,
    customerId: session.customerId,
    channel,
    from,
    to,
    secretHash: null,
    sentAt: null,
    attempts: 0,
    requestedAt: at,
    expiresAt: new Date(now.getTime() + lifetime).toISOString(),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await deps.profiles.putContactChange(change);
  // The secret is minted by the consumer, so it is never in the queue (or a log).
  await deps.notifications.send({ kind: 'contact-confirm', businessId: change.businessId, customerId: change.customerId, channel, changeId: change.id });
  return { pending: { channel, to: maskAddress(channel, to), expiresAt: change.expiresAt } };
}

export type ContactSendOutcome = 'sent' | 'already-sent' | 'gone' | 'stopped';

/** Six digits, uniform: a draw that would bias the low codes is drawn again. */
function sixDigits(random: Random): string {
  for (;;) {
    const n = random.bytes(4).readUInt32BE(0);
    if (n < 4_294_000_000) return String(n % 1_000_000).padStart(6, '0');
  }
}

/** The consumer's half: mint the secret, keep its hash, send it to the new address. */
export async function sendContactConfirmation(
  job: Extract<NotificationJob, { kind: 'contact-confirm' }>,
  deps: { directory: DirectoryStore; profiles: ProfileStore; optOuts: TextOptOutStore; notifier: Notifier; clock: Clock; random: Random; portalOrigin: string },
): Promise<ContactSendOutcome> {
  const [changes, customer, business] = await Promise.all([
    deps.profiles.getContactChanges(job.businessId, job.customerId),
    deps.directory.getCustomer(job.businessId, job.customerId),
    deps.directory.getBusiness(job.businessId),
  ]);
  const change = changes.find((c) => c.id === job.changeId);
  const now = deps.clock.now();
  if (!change || !customer || !business || new Date(change.expiresAt).getTime() <= now.getTime()) return 'gone';
  if (change.sentAt) return 'already-sent';
  if (change.channel === 'sms' && !(await mayText(change.to, deps))) return 'stopped';
  const secret = change.channel === 'email' ? newSecret(deps.random) : sixDigits(deps.random);
  // A redelivery after a crash mints again: only the newest secret confirms.
  if (!(await deps.profiles.setContactSecret(change, secretHashOf(change.id, secret), now.toISOString()))) return 'gone';
  await deps.notifier.send(
    contactConfirmMessage({
      businessName: business.name,
      customerName: customer.name,
      language: messageLanguageOf(customer, business),
      channel: change.channel,
      to: change.to,
      ...(change.channel === 'email'
        ? { url: `${deps.portalOrigin.replace(/\/+$/, '')}/${business.slug}/profile#token=${secret}`, validMinutes: contactChangePolicy.linkLifetimeMs / 60_000 }
        : { code: secret, validMinutes: contactChangePolicy.codeLifetimeMs / 60_000 }),
    }),
  );
  await deps.profiles.markContactSent(change, deps.clock.now().toISOString());
  return 'sent';
}

/** Another customer of the business has the address: refused without saying whose. */
const taken = () => new Conflict('This address is already used by another account with this business. Use another, or ask the business to change it.').saying('problems.contact.taken');

const expired = () => new Gone('This confirmation has expired or was replaced by a newer one. Ask for a new one.').saying('problems.contact.expired');

/**
 * `POST /api/me/contact/confirm`: the token (email) or code (text) switches the address. Every try
 * is counted before it is checked, so two at once cannot both slip past the limit.
 */
export async function confirmContactChange(
  session: Session,
  body: ConfirmContactBody,
  deps: { directory: DirectoryStore; profiles: ProfileStore; clock: Clock },
): Promise<ProfileWrite> {
  const channel: ContactChannel = 'token' in body ? 'email' : 'sms';
  const secret = 'token' in body ? body.token : body.code;
  const changes = await deps.profiles.getContactChanges(session.businessId, session.customerId);
  const change = changes.find((c) => c.channel === channel);
  const now = deps.clock.now();
  if (!change || !change.secretHash || new Date(change.expiresAt).getTime() <= now.getTime()) throw expired();
  if (!(await deps.profiles.countContactAttempt(change, contactChangePolicy.maxAttempts, now.toISOString()))) {
    throw new Gone('Too many wrong tries. Ask for a new code.').saying('problems.contact.too-many-tries');
  }
  const given = Buffer.from(secretHashOf(change.id, secret));
  const stored = Buffer.from(change.secretHash);
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
    const field = 'token' in body ? 'token' : 'code';
    throw new InvalidInput([{ field, message: 'is not the one we sent', said: { key: 'token' in body ? 'problems.contact.wrong-token' : 'problems.contact.wrong-code' } }]);
  }
  const contact = { channel, address: change.to };
  let claimed = false;
  const giveBack = async () => {
    if (claimed) await deps.directory.releaseContact(session.businessId, contact, session.customerId);
  };
  const written = await writeOwnProfile(
    session,
    (current) => {
      const address = addressOn(current, channel);
      if (address === change.to) return current; // switched already (a retry after a crash, or the business did it)
      // The business wrote another address since the request: theirs wins.
      if (address !== change.from) throw new Conflict('Your business updated your contact details since you asked. Please ask again.').saying('problems.contact.changed-meanwhile');
      return channel === 'email' ? { ...current, email: change.to } : { ...current, phone: change.to };
    },
    (before, after) => [
      // Every other browser signs in again: whoever else held a session learns nothing new from the change.
      owe(endOtherSessionsStep, `contact:${change.id}`, { businessId: change.businessId, customerId: change.customerId, keep: session.idHash }),
      ...(change.from && addressOn(before, channel) !== addressOn(after, channel)
        ? [owe(queueNoticeStep, `contact-changed:${change.id}`, { job: { kind: 'contact-changed', businessId: change.businessId, customerId: change.customerId, changeId: change.id, channel, from: change.from, to: change.to, changedAt: after.updatedAt } })]
        : []),
    ],
    deps,
    {
      // Before the write: the new address's sign-in lookup points at this customer, or nothing is written.
      beforeWrite: async (current: Customer) => {
        if (claimed || addressOn(current, channel) === change.to) return;
        await claimContact(session.businessId, contact, session.customerId, now.toISOString(), deps, taken);
        claimed = true;
      },
    },
  ).catch(async (error: unknown) => {
    // Refused before the write (the business changed the address, it is taken, it kept changing):
    // nothing was written, and the claim goes back with it. Any other failure may have come after
    // the write landed, so the claim stays (a lookup for an address the customer lacks is harmless).
    if (error instanceof Conflict) await giveBack();
    throw error;
  });
  // Whether this request switched it or an earlier one did (and died before finishing): the new
  // address's lookup is the customer's, the old one's is released, the request is done.
  if (!claimed) await claimContact(session.businessId, contact, session.customerId, now.toISOString(), deps, taken);
  if (change.from && change.from !== change.to) await deps.directory.releaseContact(session.businessId, { channel, address: change.from }, session.customerId);
  await deps.profiles.deleteContactChange(change);
  return written;
}

/** The consumer's half of the notice to the old address: sent once, and only a STOP stops it. */
export async function noticeOfContactChange(
  job: Extract<NotificationJob, { kind: 'contact-changed' }>,
  deps: { directory: DirectoryStore; optOuts: TextOptOutStore; notifier: Notifier; claims: { claimFor(businessId: string, customerId: string, noticeId: string): SendClaim }; clock: Clock },
): Promise<'sent' | 'already-sent' | 'gone' | 'stopped'> {
  const [customer, business] = await Promise.all([deps.directory.getCustomer(job.businessId, job.customerId), deps.directory.getBusiness(job.businessId)]);
  if (!customer || !business) return 'gone';
  if (job.channel === 'sms' && !(await mayText(job.from, deps))) return 'stopped';
  return sendOnce(
    deps.claims.claimFor(job.businessId, job.customerId, `contact-changed#${job.changeId}`),
    'contact-notice',
    () =>
      deps.notifier.send(
        contactChangedNotice({
          businessName: business.name,
          customerName: customer.name,
          language: messageLanguageOf(customer, business),
          timeZone: business.timeZone,
          channel: job.channel,
          to: job.from,
          newAddress: maskAddress(job.channel, job.to),
          changedAt: job.changedAt,
          businessContact: business.contactPhone ?? business.contactEmail,
        }),
      ),
    deps.clock,
  );
}
