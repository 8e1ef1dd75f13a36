/**
 * Someone who is not a customer yet asks for work from the business's website
 * (`POST /api/portals/{slug}/requests`, no sign-in). Nobody may file a request in someone else's
 * name, so it is held until its email proves it: the notifications consumer mints a link's secret
 * (only its salted hash is stored, as for a change of address, shared/account/contact-change.ts)
 * and emails it; `POST …/requests/{id}/confirm` with the token makes the request visible to the
 * business (`customer: null`, the contact given) and owes `request.created`. Its files are
 * attached at once but kept only when it is confirmed: until then they expire with their uploads.
 *
 * Abuse without a captcha (docs/security.md rule 86), cheapest first:
 * 1. a hidden field people never see (`website`) and the time the form was open (`fillMs`): a
 *    bot's request is answered like any other and dropped, before any read (no round trip);
 * 2. the body is checked against the business (its service, the times) before anything is
 *    counted: a refused form uses up no limit;
 * 3. per client (IPv4 address or IPv6 /64) an hour and a day, and per email (across every
 *    business, the address normalised: `emailCounterOf`): fixed windows, one conditional
 *    UpdateItem each, side by side (one round trip);
 * 4. a daily cap per business, counted only for requests that passed 3 (one more round trip), so
 *    one flooding client cannot use up the business's day (its daily limit is a tenth of the cap).
 * Then the email confirmation: a request whose link nobody opens is never seen and expires.
 *
 * A resend after a lost answer or a server error makes no second request: the page keeps a
 * `submissionKey` for its draft, the request's id derives from it and the contact's email, and a
 * request found under that id is answered as the first time (no second email, no limit counted).
 */
import { timingSafeEqual } from 'node:crypto';
import type { PublicRequestAccepted, PublicRequestBody, PublicRequestConfirmed } from '../contract/customer/requests';
import type { Language } from '../contract/i18n/languages';
import { resolveSlug } from '../directory/businesses';
import type { DirectoryStore } from '../directory/port';
import { newOwedSteps, owe } from '../followups/owed';
import { stepOwner } from '../followups/port';
import { runLeftoverSteps, runOwedSteps } from '../followups/run';
import type { RequestStepDeps } from './create';
import { Gone, InvalidInput, NotFound, RateLimited } from '../kernel/errors';
import { derivedId, newId } from '../kernel/ids';
import { fixedWindow } from '../kernel/rate-window';
import { newSecret, sha256 } from '../kernel/secrets';
import type { Clock, Random } from '../kernel/types';
import type { RateLimitStore } from '../auth/port';
import { logger } from '../logging/logger';
import { countMetric, metricNames } from '../logging/metrics';
import { queueNoticeStep } from '../notifications/notice-step';
import type { NotificationJob, Notifier } from '../notifications/port';
import { requestConfirmMessage } from '../notifications/templates';
import { claimRequestFiles, keepRequestFiles, requestCreatedEvent, requestFields, requestSteps, type ClaimDeps } from './create';
import type { ServiceRequest } from './model';
import type { RequestStore } from './port';

export const publicRequestPolicy = {
  /** A person types a request in more than this; a script posts at once. */
  minFillMs: 3_000,
  /** Per client address (IPv6: per /64), per hour. */
  perClientPerHour: 5,
  /** Per client address, per day: well under the business's cap, so one client cannot close a business's form for the day. */
  perClientPerDay: 10,
  /** Per email (normalised, across all businesses), per day: each sends a link to an address of the sender's choosing. */
  perEmailPerDay: 3,
  /** Per business, per day: what its website may bring in before the form says "call us". */
  perBusinessPerDay: 100,
  /** The emailed link works this long; a held request is gone after it. */
  confirmWithinMs: 24 * 3600_000,
} as const;

const hour = 3600;
const day = 24 * hour;

const notFound = () => new NotFound('There is no customer portal at this address. Check the link you were sent.').saying('problems.portal.not-found');

/**
 * The address an email counter counts: lower-cased, and without a `+tag` in its local part, so
 * `Ann+1@x.com` and `ann+2@x.com` share one counter.
 */
export function emailCounterOf(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const local = lower.slice(0, at).replace(/\+.*$/, '');
  return `${local}${lower.slice(at)}`;
}

/** The id of the request a website form's `submissionKey` names (the same on every resend of that draft to that address). */
export const publicRequestIdOf = (businessId: string, submissionKey: string, email: string): string => derivedId('req_', `public-request\n${businessId}\n${submissionKey}\n${email.trim().toLowerCase()}`);

export type DropReason = 'hidden-field' | 'too-fast';

/** Why a request is dropped unseen, or null: checked before any read, so a bot costs nothing. */
export function dropReasonOf(body: Pick<PublicRequestBody, 'website' | 'fillMs'>): DropReason | null {
  if (body.website.trim() !== '') return 'hidden-field';
  if (body.fillMs < publicRequestPolicy.minFillMs) return 'too-fast';
  return null;
}

export async function createPublicRequest(
  slug: string,
  body: PublicRequestBody,
  /** `language`: what the page asked in (`Accept-Language`); none: the business's default. */
  input: { clientSubject: string | null; language: Language | undefined },
  deps: { directory: DirectoryStore; requests: RequestStore; rateLimits: RateLimitStore; clock: Clock; random: Random; claims: ClaimDeps; steps: RequestStepDeps },
): Promise<PublicRequestAccepted> {
  const now = deps.clock.now();
  const accepted: PublicRequestAccepted = { status: 'accepted', confirmBy: new Date(now.getTime() + publicRequestPolicy.confirmWithinMs).toISOString() };
  const dropped = dropReasonOf(body);
  if (dropped) {
    // The same answer as a kept request: a bot learns nothing to tune itself with.
    logger.info('public request dropped', { reason: dropped });
    countMetric(metricNames.publicRequestDropped, 1, { reason: dropped });
    return accepted;
  }
  const found = await resolveSlug(slug, deps);
  // A business that hides its Request service section takes no requests from its website either.
  if (!found || !found.business.sections.includes('requests')) throw notFound();
  const business = found.business;
  // Checked before anything is counted: a refused form uses up no limit.
  const fields = requestFields(business, body, body.address, [], now);
  const id = body.submissionKey ? publicRequestIdOf(business.id, body.submissionKey, body.contact.email) : newId('req', deps);
  if (body.submissionKey) {
    // A resend of a request already made (its answer was lost): answered as the first time.
    const earlier = await deps.requests.getRequest(business.id, id, { consistent: true });
    if (earlier) return resent(earlier, body, deps.steps);
  }
  const hourly = fixedWindow(now, hour);
  const daily = fixedWindow(now, day);
  const client = input.clientSubject ? sha256(input.clientSubject) : null;
  // Counter names hold hashes, never an address or an IP.
  const [clientHourOk, clientDayOk, emailOk] = await Promise.all([
    client ? deps.rateLimits.hit(`request-ip#${client}`, hourly.windowStart, hour, publicRequestPolicy.perClientPerHour) : true,
    client ? deps.rateLimits.hit(`request-ip-day#${client}`, daily.windowStart, day, publicRequestPolicy.perClientPerDay) : true,
    deps.rateLimits.hit(`request-email#${sha256(emailCounterOf(body.contact.email))}`, daily.windowStart, day, publicRequestPolicy.perEmailPerDay),
  ]);
  if (!clientHourOk || !clientDayOk || !emailOk) {
    const retryAfter = clientDayOk && emailOk ? hourly.retryAfterSeconds : daily.retryAfterSeconds;
    throw new RateLimited(retryAfter, 'Too many requests were sent from here. Please try again later, or call the business.').saying('problems.requests.too-many');
  }
  if (!(await deps.rateLimits.hit(`request-cap#${business.id}`, daily.windowStart, day, publicRequestPolicy.perBusinessPerDay))) {
    throw new RateLimited(daily.retryAfterSeconds, 'This business cannot take more requests from its website today. Please call it instead.').saying('problems.requests.business-full');
  }
  const at = now.toISOString();
  // Attached now, kept once confirmed: the files of a request nobody confirms expire with their uploads.
  const files = await claimRequestFiles(body, business.id, null, id, deps.claims, { keep: false });
  const request: ServiceRequest = {
    businessId: business.id,
    id,
    source: 'website',
    customerId: null,
    contact: { name: body.contact.name, email: body.contact.email, phone: body.contact.phone },
    language: input.language ?? business.defaultLanguage,
    held: true,
    status: 'new',
    ...fields,
    files,
    jobId: null,
    declineReason: null,
    decidedAt: null,
    confirmation: { secretHash: null, sentAt: null, expiresAt: accepted.confirmBy, confirmedAt: null },
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  // The link's send is owed by the write: a crash right after it still emails the person.
  const owed = newOwedSteps([owe(queueNoticeStep, `request-confirm:${id}`, { job: { kind: 'request-confirm', businessId: business.id, requestId: id } satisfies NotificationJob })], now);
  if (!(await deps.requests.putRequest(request, null, owed))) {
    // The same draft's other send made it meanwhile: answer as it did.
    const made = body.submissionKey ? await deps.requests.getRequest(business.id, id, { consistent: true }) : null;
    if (made) return resent(made, body, deps.steps);
    throw new Error(`Request id ${id} was minted twice`);
  }
  await runOwedSteps(stepOwner('request', request), owed, requestSteps, deps.steps);
  return accepted;
}

/** A resend finds its request: the same answer (and whatever that one's crash left owed is finished), nothing new. */
async function resent(request: ServiceRequest, body: PublicRequestBody, steps: RequestStepDeps): Promise<PublicRequestAccepted> {
  // The id derives from the contact's email: another contact's would be a broken derivation.
  if (request.source !== 'website' || !request.contact || !request.confirmation || request.contact.email.toLowerCase() !== body.contact.email.trim().toLowerCase()) {
    throw new Error(`Request ${request.id} was derived twice`);
  }
  await runLeftoverSteps(stepOwner('request', request), requestSteps, steps);
  return { status: 'accepted', confirmBy: request.confirmation.expiresAt };
}

/** Salted with the request's id: a token only ever confirms its own request. */
export const confirmationHashOf = (requestId: string, token: string) => sha256(`${requestId}:${token}`);

export type ConfirmationSendOutcome = 'sent' | 'already-sent' | 'gone';

/** The consumer's half: mint the link's secret, keep its hash, email the link. */
export async function sendRequestConfirmation(
  job: Extract<NotificationJob, { kind: 'request-confirm' }>,
  deps: { requests: RequestStore; directory: DirectoryStore; notifier: Notifier; clock: Clock; random: Random; portalOrigin: string },
): Promise<ConfirmationSendOutcome> {
  const [request, business] = await Promise.all([deps.requests.getRequest(job.businessId, job.requestId, { consistent: true }), deps.directory.getBusiness(job.businessId)]);
  const now = deps.clock.now();
  if (!request || !business || !request.held || !request.confirmation || !request.contact || new Date(request.confirmation.expiresAt).getTime() <= now.getTime()) return 'gone';
  if (request.confirmation.sentAt) return 'already-sent';
  const secret = newSecret(deps.random);
  // A redelivery after a crash mints again: only the newest link confirms.
  if (!(await deps.requests.setConfirmationSecret(request, confirmationHashOf(request.id, secret), null))) return 'gone';
  await deps.notifier.send(
    requestConfirmMessage({
      businessName: business.name,
      customerName: request.contact.name,
      language: request.language as Language,
      to: request.contact.email,
      url: `${deps.portalOrigin.replace(/\/+$/, '')}/${business.slug}/request/confirm#request=${request.id}&token=${secret}`,
      validHours: publicRequestPolicy.confirmWithinMs / 3600_000,
    }),
  );
  await deps.requests.setConfirmationSecret(request, confirmationHashOf(request.id, secret), deps.clock.now().toISOString());
  return 'sent';
}

const expired = () => new Gone('This link has expired. Please send your request again.').saying('problems.requests.confirm-expired');

/**
 * `POST /api/portals/{slug}/requests/{id}/confirm`: the emailed token shows the business the
 * request. One write on the version read decides (and owes `request.created`); a second click
 * finds it confirmed and answers the same.
 */
export async function confirmPublicRequest(
  slug: string,
  requestId: string,
  token: string,
  deps: { directory: DirectoryStore; requests: RequestStore; clock: Clock; claims: ClaimDeps; steps: RequestStepDeps },
): Promise<PublicRequestConfirmed> {
  const found = await resolveSlug(slug, deps);
  if (!found) throw notFound();
  const businessId = found.business.id;
  for (let attempt = 0; attempt < 3; attempt++) {
    const request = await deps.requests.getRequest(businessId, requestId, { consistent: true });
    if (!request || request.source !== 'website' || !request.confirmation) throw new NotFound('There is no such request.').saying('problems.requests.not-found');
    const stored = request.confirmation.secretHash;
    const given = Buffer.from(confirmationHashOf(request.id, token));
    if (!stored || given.length !== Buffer.from(stored).length || !timingSafeEqual(given, Buffer.from(stored))) {
      throw new InvalidInput([{ field: 'token', message: 'is not the link we sent', said: { key: 'problems.requests.wrong-link' } }]);
    }
    if (!request.held) {
      await runLeftoverSteps(stepOwner('request', request), requestSteps, deps.steps);
      return { status: 'confirmed', id: request.id };
    }
    const now = deps.clock.now();
    if (new Date(request.confirmation.expiresAt).getTime() <= now.getTime()) throw expired();
    const at = now.toISOString();
    // Its files are kept first (a repeat copies again): a confirmed request never names a file that may still expire.
    const files = await keepRequestFiles(request, deps.claims);
    const confirmed: ServiceRequest = { ...request, files, held: false, confirmation: { ...request.confirmation, confirmedAt: at }, version: request.version + 1, updatedAt: at };
    const owed = newOwedSteps([requestCreatedEvent(confirmed, at)], now);
    if (await deps.requests.putRequest(confirmed, request.version, owed)) {
      await runOwedSteps(stepOwner('request', confirmed), owed, requestSteps, deps.steps);
      return { status: 'confirmed', id: request.id };
    }
    // Another click confirmed it meanwhile: read again, and answer as it did.
  }
  throw new Error(`Request ${requestId} kept changing while it was confirmed`);
}
