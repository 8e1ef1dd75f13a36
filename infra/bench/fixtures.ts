/**
 * What the benchmark writes into the local stack before it measures: businesses, customers,
 * API keys, sessions, sign-in links and jobs, all through the stack's own stores and use cases
 * (so every item is one the functions can read), and the bulk data for the 10,000-row series.
 */
import { hashPassword } from '../../shared/auth/password/hashing';
import { secretHashOf } from '../../shared/account/contact-change';
import { mintApiKey } from '../../shared/business-api/api-keys';
import { businessBySlug, createBusiness } from '../../shared/directory/businesses';
import { upsertCustomer } from '../../shared/directory/customers';
import { newSecret, sha256 } from '../../shared/kernel/secrets';
import { startSession } from '../../shared/auth/sessions';
import { signInPolicy } from '../../shared/auth/policy';
import { jobSummaryEntity } from '../../shared/jobs/entity';
import type { Business } from '../../shared/directory/model';
import type { JobFields, JobRecord, MessageRecord } from '../../shared/jobs/model';
import { mintFor, newId } from '../../shared/kernel/ids';
import { startTracking } from '../../shared/tracking/visit';
import { summaryRecordOf } from '../../shared/jobs/summary';
import { noJobMoney } from '../../shared/contract/totals';
import type { ObjectLinkKind } from '../../shared/links/model';
import type { LocalStack } from '../local/stack';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** Runs `work(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** A fresh business API key (read and write): each series gets its own, so no one key's rate limit (600/min) is reached. */
export async function newApiKey(stack: LocalStack, businessId: string, name = 'Benchmark key'): Promise<string> {
  const { clock, random } = stack.source;
  const minted = mintApiKey({ businessId, name, mode: 'test', scopes: ['read', 'write'], expiresAt: null }, { clock, random });
  await stack.stores.apiKeys.putKey(minted.record);
  return minted.key;
}

/** A session made in the store, as sign-in makes it; the value is the cookie's. */
/** What the bench's sessions say they were signed in from (a phone's Chrome). */
export const benchUserAgent = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

export async function newSession(stack: LocalStack, businessId: string, customerId: string): Promise<string> {
  const { clock, random } = stack.source;
  const { sessionId } = await startSession(businessId, customerId, { userAgent: benchUserAgent, signedInWith: 'link' }, { sessions: stack.stores.auth, clock, random });
  return sessionId;
}

/** An unused sign-in link's token, stored as the notification consumer stores it. */
export async function newLinkToken(stack: LocalStack, businessId: string, customerId: string): Promise<string> {
  const { clock, random } = stack.source;
  const token = newSecret(random);
  const now = clock.now();
  await stack.stores.auth.putLink({
    tokenHash: sha256(token),
    businessId,
    customerId,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + signInPolicy.linkLifetimeMs).toISOString(),
    returnPage: null,
    sentTo: null,
  });
  return token;
}

/** Starts a technician's visit to the job, as the business API does (the "on my way" send is not queued). */
export async function startBenchVisit(stack: LocalStack, businessId: string, jobId: string): Promise<void> {
  const { clock, random } = stack.source;
  const { jobs, directory, tracking } = stack.stores;
  await startTracking(businessId, jobId, { technician: { name: 'Dev Okafor', vehicle: 'White van' }, channel: 'sms' }, mintFor(null, { clock, random }), { jobs, directory, tracking, notifications: { send: async () => {} }, clock });
}

/** A link to the job's visit, as the notifications consumer mints one (an hour long). */
export function newTrackingLinkToken(stack: LocalStack, businessId: string, customerId: string, jobId: string): Promise<string> {
  return newObjectLinkToken(stack, 'tracking', businessId, customerId, jobId);
}

/** A link that opens one invoice (a pay link), estimate or visit without signing in, stored as a send stores it (an hour long). */
export async function newObjectLinkToken(stack: LocalStack, kind: ObjectLinkKind, businessId: string, customerId: string, objectId: string): Promise<string> {
  const token = newSecret(stack.source.random);
  const now = stack.source.clock.now();
  await stack.stores.links.putObjectLink({ kind, tokenHash: sha256(token), businessId, customerId, objectId, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + hour).toISOString(), sentTo: { channel: 'email', address: 'j•••@bench.example' }, opens: { number: `BENCH-${kind}`, title: null } });
  return token;
}

export async function benchBusiness(stack: LocalStack, slug: string, name: string): Promise<Business> {
  const deps = { directory: stack.stores.directory, clock: stack.source.clock, random: stack.source.random };
  return (
    (await businessBySlug(slug, deps)) ??
    createBusiness({ slug, name, timeZone: 'America/Chicago', primaryColor: '#334155', logoUrl: null, sections: ['home', 'jobs', 'messages'], contactPhone: null, contactEmail: null }, deps)
  );
}

export async function benchCustomer(stack: LocalStack, businessId: string, customerId: string): Promise<void> {
  await upsertCustomer(businessId, customerId, { name: `Bench ${customerId}`, email: `${customerId.replace(/_/g, '-')}@bench.example`, phone: null }, { directory: stack.stores.directory, clock: stack.source.clock });
}

/** A job as the business API takes it; `shiftDays` moves the appointment (a reschedule moves the summary). */
export function jobFields(customerId: string, number: string, start: Date, shiftDays = 0): JobFields {
  const at = start.getTime() + shiftDays * day;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    customerId,
    number,
    title: 'Annual furnace tune-up',
    status: at < Date.now() ? 'completed' : 'scheduled',
    scheduledStart: iso(at),
    scheduledEnd: iso(at + 4 * hour),
    arrivalWindow: { start: iso(at), end: iso(at + 2 * hour) },
    scopeOfWork: 'Yearly maintenance: clean burners, check the heat exchanger, replace the filter.',
    address: { line1: '1234 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
    contact: { name: 'Bench Customer', phone: null, email: 'customer@bench.example' },
    technician: { name: 'Maria Lopez' },
    currency: 'USD',
    charges: [
      { id: 'ch1', description: 'Furnace tune-up', quantity: 1, unitAmount: 14900 },
      { id: 'ch2', description: 'MERV 11 filter', quantity: 1, unitAmount: 2400 },
    ],
    taxAmount: 192,
    location: { lat: 39.7817, lng: -89.6501 },
  };
}

/**
 * `count` jobs of one customer, written with the store's own `putJob` and `putSummary` (the two
 * items `PUT jobs/{id}` leaves once its sync is done), so each is in the changes index and in
 * the customer's work history. Every job is in the past and changed one second after the
 * previous one, from `firstChange` on. Returns the `updatedAt` of each job, oldest first.
 */
export async function bulkJobs(stack: LocalStack, businessId: string, customerId: string, count: number, firstChange: Date): Promise<string[]> {
  const updated: string[] = [];
  const firstAppointment = Date.now() - (count + 30) * day;
  await pool(count, 16, async (i) => {
    const id = `job_bulk_${String(i).padStart(5, '0')}`;
    const at = new Date(firstChange.getTime() + i * 1000).toISOString();
    updated[i] = at;
    const job: JobRecord = { ...jobFields(customerId, `B-${i + 1}`, new Date(firstAppointment + i * day)), businessId, id, version: 1, createdAt: at, updatedAt: at };
    const summaryKey = jobSummaryEntity.key(businessId, customerId, job.scheduledEnd, id);
    if (!(await stack.stores.jobs.putJob(job, null))) throw new Error(`bulk job ${id} exists already`);
    await stack.stores.jobs.putSummary(summaryKey, summaryRecordOf(job, noJobMoney, at));
  });
  return updated;
}

/** `count` messages on a job, alternating business and customer, one minute apart, oldest first. */
export async function bulkMessages(stack: LocalStack, businessId: string, jobId: string, count: number): Promise<void> {
  const first = Date.now() - (count + 10) * 60_000;
  await pool(count, 16, async (i) => {
    const at = new Date(first + i * 60_000);
    const message: MessageRecord = {
      id: newId('msg', { clock: { now: () => at }, random: stack.source.random }),
      at: at.toISOString(),
      from: i % 2 === 0 ? 'business' : 'customer',
      author: i % 2 === 0 ? 'Acme office' : 'Bench Customer',
      text: `Message ${i + 1}: the technician will call about 10 minutes before arriving.`,
    };
    if (!(await stack.stores.jobs.addPart(businessId, jobId, 'messages', message))) throw new Error(`message ${i} exists already`);
  });
}

/**
 * A customer's account as it looks on a typical day: `devices` browsers signed in and `links` live
 * links (a sign-in link and pay links), on a customer of its own each time, so every run's lists
 * are the same size whatever earlier runs (or an event built ahead of its run) did. Returns each
 * session's cookie value and each link's token.
 */
export async function benchAccount(stack: LocalStack, businessId: string, counts: { devices: number; links: number }): Promise<{ sessions: string[]; linkTokens: string[] }> {
  const customerId = `cus_bench_acct_${stack.source.random.bytes(6).toString('hex')}`;
  await benchCustomer(stack, businessId, customerId);
  const sessions: string[] = [];
  for (let i = 0; i < counts.devices; i++) sessions.push(await newSession(stack, businessId, customerId));
  const linkTokens: string[] = [];
  for (let i = 0; i < counts.links; i++) linkTokens.push(i === 0 ? await newLinkToken(stack, businessId, customerId) : await newObjectLinkToken(stack, 'invoice', businessId, customerId, `inv_bench_account_${i}`));
  return { sessions, linkTokens };
}

/**
 * A customer of their own with a change of phone waiting for its texted code (as the consumer
 * leaves it once sent): the session to confirm it from, and the code.
 */
export async function benchPendingPhoneChange(stack: LocalStack, businessId: string): Promise<{ session: string; code: string }> {
  const customerId = `cus_bench_contact_${stack.source.random.bytes(6).toString('hex')}`;
  await benchCustomer(stack, businessId, customerId);
  const session = await newSession(stack, businessId, customerId);
  const now = new Date();
  const id = `chg_bench_${stack.source.random.bytes(6).toString('hex')}`;
  const code = '424242';
  const to = `+1555${String(stack.source.random.bytes(3).readUIntBE(0, 3) % 10_000_000).padStart(7, '0')}`;
  const customer = await stack.stores.directory.getCustomer(businessId, customerId);
  await stack.stores.profiles.putContactChange({
    id, businessId, customerId, channel: 'sms', from: customer?.phone ?? null, to, secretHash: secretHashOf(id, code), sentAt: now.toISOString(), attempts: 0,
    requestedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 10 * 60_000).toISOString(), version: 1, createdAt: now.toISOString(), updatedAt: now.toISOString(),
  });
  return { session, code };
}

/** The password every bench account with one has. */
export const benchPassword = 'correct horse battery staple';

/**
 * A customer of their own with a password set a day ago (hashed as setting it hashes it) and a
 * browser signed in by a link a moment ago: for the password routes' first requests.
 */
export async function benchPasswordAccount(stack: LocalStack, businessId: string): Promise<{ session: string; email: string }> {
  const customerId = `cus_bench_pw_${stack.source.random.bytes(6).toString('hex')}`;
  await benchCustomer(stack, businessId, customerId);
  // Set a day ago, as a password being changed or removed usually was: a change within a minute of
  // the last one is taken for a retry and checked against it (one more Argon2id verification).
  const setAt = new Date(Date.now() - 86_400_000).toISOString();
  const phc = await hashPassword(benchPassword, stack.source.random);
  if (!(await stack.stores.passwords.putPassword({ businessId, customerId, phc, setAt, version: 1 }, null, {}, setAt))) throw new Error('the bench password exists already');
  return { session: await newSession(stack, businessId, customerId), email: `${customerId.replace(/_/g, '-')}@bench.example` };
}
