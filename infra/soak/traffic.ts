/**
 * The soak's traffic: scenarios a worker picks at random, each driven through HTTP as a real
 * client would (the portal with its cookie, the business API with a key, the Stripe sandbox's
 * test control). The business makes fresh customers' invoices, estimates and slots as it goes, so
 * the traffic never runs dry. A scenario tolerates the answers a crash or a race may give
 * (409, 410, 429, an injected 500): the invariant checker judges the end state, not each answer.
 */
import { performance } from 'node:perf_hooks';
import { signaturePng } from '../local/demo-files';
import type { LocalStack } from '../local/stack';
import { BusinessClient, PortalClient, testClientIpHeader, type ApiResponse } from '../local/test-support';
import type { Recorder } from './recorder';
import { between, pick, weighted, type Rng } from './rng';

const day = 24 * 3600_000;
const hour = 3600_000;
const address = { line1: '1 Soak Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' };
const drawing = signaturePng(400);
export const sandboxOutcomes = ['card', 'declined', 'ach_succeeded', 'ach_failed', 'affirm', 'klarna', 'expire'] as const;

export interface SoakCustomer {
  id: string;
  email: string;
  /** Signed in, or null (never yet, or the session ended). */
  client: PortalClient | null;
  /** Jobs the business wrote for this customer (with a location, so they can be tracked). */
  jobs: string[];
  /** Invoices the business wrote, with the body last PUT (a move re-sends it with another job). */
  invoices: Map<string, Record<string, unknown>>;
  tracking: Map<string, string>;
}

export interface World {
  stack: LocalStack;
  rec: Recorder;
  now: () => Date;
  keys: BusinessClient[];
  customers: SoakCustomer[];
  tag: string;
  seq: number;
  /** Flow errors (an expected link never arrived, an answer the scenario cannot read): reported, not invariants. */
  flowErrors: Map<string, number>;
  ips: number;
}

export const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
const nextId = (w: World, prefix: string) => `${prefix}_${w.tag}_${++w.seq}`;

async function timed<T>(w: World, route: string, call: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
  const started = performance.now();
  try {
    const res = await call();
    w.rec.record(route, res.status, performance.now() - started);
    return res;
  } catch (error) {
    w.rec.record(route, 0, performance.now() - started);
    throw error;
  }
}

/** The business API, on one of the business's keys (several, as a back office with workers would have). */
function biz(w: World, rng: Rng, method: string, template: string, path: string, json?: unknown) {
  const client = pick(rng, w.keys);
  return timed(w, `${method} /api/business/v1${template}`, () => client.request(method, path, json === undefined ? {} : { json }));
}

/** The portal as the signed-in customer; a 401 (the session idled out) drops the session. */
async function portal(w: World, c: SoakCustomer, method: string, template: string, path: string, json?: unknown, headers: Record<string, string> = {}) {
  const client = c.client ?? new PortalClient(w.stack.url, nextIp(w));
  const res = await timed(w, `${method} ${template}`, () => client.request(method, path, { ...(json === undefined ? {} : { json }), headers }));
  if (res.status === 401 && c.client === client) c.client = null;
  return res;
}

/** A link holder (no session): pay links, estimate links, the tracking page. */
function asLink(w: World, method: string, template: string, path: string, token: string) {
  const client = new PortalClient(w.stack.url, nextIp(w));
  return timed(w, `${method} ${template}`, () => client.request(method, path, { headers: { authorization: `Link ${token}` } }));
}

/** Each sign-in comes from its own address, as many visitors behind CloudFront would (per-IP limits). */
function nextIp(w: World): string {
  const n = ++w.ips;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function flowError(w: World, what: string): void {
  w.flowErrors.set(what, (w.flowErrors.get(what) ?? 0) + 1);
}

async function sandboxComplete(w: World, url: string, outcome: string, deliveries: number, reversed: boolean) {
  return timed(w, 'POST /dev/stripe/complete', async () => {
    const res = await fetch(`${w.stack.url}/dev/stripe/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url, outcome, deliveries, reversed }) });
    return { status: res.status, headers: res.headers, body: await res.json().catch(() => null), setCookies: [] };
  });
}

/** The newest outbox message to `to` after `afterId` whose link matches. */
async function linkFromOutbox(w: World, to: string, afterId: number, linkPart: string): Promise<string | null> {
  try {
    const message = await w.stack.outbox.waitFor((m) => m.id > afterId && m.to === to && (m.link?.includes(linkPart) ?? false), 5000);
    return message.link!.split('#token=')[1] ?? null;
  } catch {
    return null;
  }
}
const lastOutboxId = (w: World) => w.stack.outbox.messages()[0]?.id ?? 0;

// ---------- set-up ----------

export function jobBody(w: World, customerId: string, number: string, endInMs: number, cents: number) {
  const end = w.now().getTime() + endInMs;
  return {
    customerId, number, title: 'Soak job', status: 'scheduled',
    scheduledStart: iso(end - 4 * hour), scheduledEnd: iso(end), arrivalWindow: { start: iso(end - 4 * hour), end: iso(end - 2 * hour) },
    scopeOfWork: 'Soak.', address, contact: { name: 'Soak Customer', phone: null, email: null }, technician: { name: 'Dev Okafor' },
    currency: 'USD', charges: [{ id: 'l1', description: 'Labour', quantity: 1, unitAmount: cents }], taxAmount: 0, location: { lat: 39.78, lng: -89.65 },
  };
}

/** A customer of the business with a few jobs (past and upcoming). */
export async function createCustomer(w: World, rng: Rng, n: number): Promise<SoakCustomer> {
  const id = `cus_${w.tag}_${n}`;
  const email = `soak-${w.tag}-${n}@example.com`;
  const res = await biz(w, rng, 'PUT', '/customers/{customerId}', `/customers/${id}`, { name: `Soak Customer ${n}`, email });
  if (res.status !== 201 && res.status !== 200) throw new Error(`PUT customer answered ${res.status}`);
  const customer: SoakCustomer = { id, email, client: null, jobs: [], invoices: new Map(), tracking: new Map() };
  for (let j = 0; j < 3; j++) await newJob(w, rng, customer);
  return customer;
}

async function newJob(w: World, rng: Rng, c: SoakCustomer): Promise<string | null> {
  const id = nextId(w, 'job');
  const res = await biz(w, rng, 'PUT', '/jobs/{jobId}', `/jobs/${id}`, jobBody(w, c.id, id.toUpperCase(), between(rng, -20, 40) * day, between(rng, 5, 50) * 1000));
  if (res.status !== 201) return null;
  c.jobs.push(id);
  return id;
}

async function newInvoice(w: World, rng: Rng, c: SoakCustomer, options: { jobId?: string | null; cents?: number } = {}): Promise<string | null> {
  const id = nextId(w, 'inv');
  const now = w.now().getTime();
  const body = {
    customerId: c.id, jobId: options.jobId === undefined ? (rng() < 0.6 && c.jobs.length ? pick(rng, c.jobs) : null) : options.jobId,
    number: id.toUpperCase(), issuedAt: iso(now - day), dueAt: iso(now + 10 * day), currency: 'USD',
    lines: [{ description: 'Work', quantity: 1, unitAmount: options.cents ?? between(rng, 20, 400) * 100 }], taxAmount: 0,
  };
  const res = await biz(w, rng, 'PUT', '/invoices/{invoiceId}', `/invoices/${id}`, body);
  if (res.status !== 201) return null;
  c.invoices.set(id, body);
  return id;
}

async function ensureSignedIn(w: World, c: SoakCustomer): Promise<boolean> {
  if (c.client) return true;
  return signIn(w, c);
}

// ---------- scenarios ----------

/** Ask for a link, take the token from the outbox, verify: a fresh session from a fresh address. */
async function signIn(w: World, c: SoakCustomer): Promise<boolean> {
  const client = new PortalClient(w.stack.url, nextIp(w));
  const before = lastOutboxId(w);
  const asked = await timed(w, 'POST /api/auth/magic-link', () => client.post('/api/auth/magic-link', { portal: 'acme', email: c.email }));
  if (asked.status !== 202) return false; // 429: this address asked too often this window
  const token = await linkFromOutbox(w, c.email, before, '/link#token=');
  if (!token) {
    flowError(w, 'sign-in link never arrived');
    return false;
  }
  const verified = await timed(w, 'POST /api/auth/verify', () => client.post('/api/auth/verify', { token }));
  if (verified.status !== 200) return false;
  c.client = client;
  return true;
}

async function browse(w: World, rng: Rng, c: SoakCustomer) {
  if (!(await ensureSignedIn(w, c))) return;
  await portal(w, c, 'GET', '/api/me', '/api/me');
  const jobs = await portal(w, c, 'GET', '/api/jobs', `/api/jobs?when=${pick(rng, ['upcoming', 'past'])}&limit=20`);
  await portal(w, c, 'GET', '/api/invoices', `/api/invoices?status=${pick(rng, ['open', 'paid'])}`);
  await portal(w, c, 'GET', '/api/estimates', `/api/estimates?status=${pick(rng, ['open', 'decided'])}`);
  const listed = (jobs.body as { items?: { id: string }[] } | undefined)?.items ?? [];
  const jobId = listed.length ? pick(rng, listed).id : c.jobs.length ? pick(rng, c.jobs) : null;
  if (jobId) await portal(w, c, 'GET', '/api/jobs/{jobId}', `/api/jobs/${jobId}`);
}

async function messages(w: World, rng: Rng, c: SoakCustomer) {
  if (!c.jobs.length) return;
  const jobId = pick(rng, c.jobs);
  if (await ensureSignedIn(w, c)) await portal(w, c, 'POST', '/api/jobs/{jobId}/messages', `/api/jobs/${jobId}/messages`, { text: `Question ${w.seq++}: when do you arrive?` });
  await biz(w, rng, 'POST', '/jobs/{jobId}/messages', `/jobs/${jobId}/messages`, { text: `Answer ${w.seq++}: around ten.`, notify: pick(rng, ['none', 'email']) });
  await biz(w, rng, 'GET', '/jobs/{jobId}/messages', `/jobs/${jobId}/messages`);
}

/** Fresh invoices paid through a checkout by one of the sandbox's outcomes, events duplicated or reversed. */
async function checkout(w: World, rng: Rng, c: SoakCustomer) {
  const ids: string[] = [];
  for (let i = between(rng, 1, 2); i > 0; i--) {
    const id = await newInvoice(w, rng, c);
    if (id) ids.push(id);
  }
  if (!ids.length || !(await ensureSignedIn(w, c))) return;
  await payInvoices(w, rng, c, ids, pick(rng, sandboxOutcomes));
}

async function payInvoices(w: World, rng: Rng, c: SoakCustomer, invoiceIds: string[], outcome: string) {
  const started = await portal(w, c, 'POST', '/api/payments/checkout', '/api/payments/checkout', { invoiceIds });
  if (started.status !== 201) return;
  const { checkoutId, url } = started.body as { checkoutId: string; url: string };
  await sandboxComplete(w, url, outcome, between(rng, 1, 4), rng() < 0.3);
  await portal(w, c, 'GET', '/api/payments/checkout/{checkoutId}', `/api/payments/checkout/${checkoutId}`);
  // A declined card: the customer tries again, on the same open checkout, and pays by card.
  if (outcome === 'declined' && rng() < 0.6) {
    const again = await portal(w, c, 'POST', '/api/payments/checkout', '/api/payments/checkout', { invoiceIds });
    if (again.status === 201) await sandboxComplete(w, (again.body as { url: string }).url, 'card', between(rng, 1, 3), false);
  }
  await portal(w, c, 'GET', '/api/invoices/{invoiceId}', `/api/invoices/${invoiceIds[0]}`);
}

function estimateBody(w: World, c: SoakCustomer, number: string, options: { deposit: boolean; drawn: boolean }) {
  return {
    customerId: c.id, number, title: 'New boiler', currency: 'USD', expiresAt: iso(w.now().getTime() + 3650 * day), terms: 'Soak terms.',
    options: [
      { id: 'good', name: 'Good', lines: [{ description: 'Boiler', quantity: 1, unitAmount: 100_000 }], taxAmount: 0 },
      { id: 'better', name: 'Better', recommended: true, lines: [{ description: 'Efficient boiler', quantity: 1, unitAmount: 150_000 }], taxAmount: 0 },
    ],
    signature: options.drawn ? 'drawn' : 'typed', deposit: options.deposit ? { percent: 25 } : null, scheduling: { durationMinutes: 120 }, address,
  };
}

/** The business publishes fresh slots (two hours each, at times no other slot has). */
async function newSlots(w: World, rng: Rng, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = nextId(w, 'slot');
    const start = w.now().getTime() + 60 * day + w.seq * 3 * hour;
    const res = await biz(w, rng, 'PUT', '/slots/{slotId}', `/slots/${id}`, { start: iso(start), end: iso(start + 2 * hour) });
    if (res.status === 201) ids.push(id);
  }
  return ids;
}

/** Approve in 1–3 tabs at once; the winner's answer (or, after a crash, what the estimate says now). */
async function approve(w: World, rng: Rng, c: SoakCustomer, estimateId: string, drawn: boolean): Promise<{ next: string; depositInvoiceId: string | null } | null> {
  const tabs = between(rng, 1, 3);
  const signature = drawn ? { name: 'Soak Customer', image: drawing } : { name: 'Soak Customer' };
  const answers = await Promise.all(
    Array.from({ length: tabs }, () => portal(w, c, 'POST', '/api/estimates/{estimateId}/approve', `/api/estimates/${estimateId}/approve`, { version: 1, optionId: pick(rng, ['good', 'better']), signature, acceptTerms: true })),
  );
  const won = answers.find((a) => a.status === 200);
  if (won) return won.body as { next: string; depositInvoiceId: string | null };
  const read = await portal(w, c, 'GET', '/api/estimates/{estimateId}', `/api/estimates/${estimateId}`);
  if (read.status !== 200 || read.body.status !== 'approved') return null;
  return { next: read.body.next, depositInvoiceId: read.body.depositInvoice?.id ?? null };
}

/** Write, approve (parallel tabs), pay the deposit, book (parallel tabs on two slots); or decline. */
async function estimateFlow(w: World, rng: Rng, c: SoakCustomer) {
  const id = nextId(w, 'est');
  const deposit = rng() < 0.5;
  const drawn = rng() < 0.3;
  if ((await biz(w, rng, 'PUT', '/estimates/{estimateId}', `/estimates/${id}`, estimateBody(w, c, id.toUpperCase(), { deposit, drawn }))).status !== 201) return;
  if (!(await ensureSignedIn(w, c))) return;
  await portal(w, c, 'GET', '/api/estimates/{estimateId}', `/api/estimates/${id}`);
  if (rng() < 0.1) {
    await portal(w, c, 'POST', '/api/estimates/{estimateId}/decline', `/api/estimates/${id}/decline`, { reason: 'Too expensive' });
    return;
  }
  const approved = await approve(w, rng, c, id, drawn);
  if (!approved) return;
  if (approved.depositInvoiceId) {
    // The deposit: mostly by card, sometimes by an outcome that leaves it unpaid (then no booking).
    await payInvoices(w, rng, c, [approved.depositInvoiceId], rng() < 0.8 ? 'card' : pick(rng, sandboxOutcomes));
  }
  const slots = await newSlots(w, rng, 2);
  if (slots.length < 2) return;
  await portal(w, c, 'GET', '/api/estimates/{estimateId}/slots', `/api/estimates/${id}/slots`);
  const tabs = rng() < 0.5 ? slots : [slots[0]!];
  await Promise.all(tabs.map((slotId) => portal(w, c, 'POST', '/api/estimates/{estimateId}/schedule', `/api/estimates/${id}/schedule`, { slotId })));
}

/** Two customers, each with an approved estimate, race for one fresh slot. */
async function slotRace(w: World, rng: Rng, a: SoakCustomer, b: SoakCustomer) {
  if (a === b) return;
  const ids: [SoakCustomer, string][] = [];
  for (const c of [a, b]) {
    const id = nextId(w, 'est');
    if ((await biz(w, rng, 'PUT', '/estimates/{estimateId}', `/estimates/${id}`, estimateBody(w, c, id.toUpperCase(), { deposit: false, drawn: false }))).status !== 201) return;
    if (!(await ensureSignedIn(w, c)) || !(await approve(w, rng, c, id, false))) return;
    ids.push([c, id]);
  }
  const [slotId] = await newSlots(w, rng, 1);
  if (!slotId) return;
  await Promise.all(ids.map(([c, id]) => portal(w, c, 'POST', '/api/estimates/{estimateId}/schedule', `/api/estimates/${id}/schedule`, { slotId })));
}

/** Two offline payments of 80.00 race for a 100.00 balance: one 201, one 409. */
async function offlineRace(w: World, rng: Rng, c: SoakCustomer) {
  const id = await newInvoice(w, rng, c, { cents: 10_000 });
  if (!id) return;
  const pay = () => biz(w, rng, 'POST', '/invoices/{invoiceId}/payments', `/invoices/${id}/payments`, { amount: 8_000, currency: 'USD', method: pick(rng, ['cash', 'check']) });
  const answers = await Promise.all([pay(), pay()]);
  const statuses = answers.map((a) => a.status).sort();
  if (statuses[0] === 201 && statuses[1] === 201) flowError(w, 'offline race: both payments accepted');
}

/** A paid (or part-paid) invoice moves between the customer's jobs, or off any job. */
async function invoiceMove(w: World, rng: Rng, c: SoakCustomer) {
  if (c.jobs.length < 2) return;
  const [from, to] = [pick(rng, c.jobs), pick(rng, c.jobs)];
  const id = await newInvoice(w, rng, c, { jobId: from });
  if (!id) return;
  const body = c.invoices.get(id)!;
  const total = (body.lines as { unitAmount: number }[])[0]!.unitAmount;
  await biz(w, rng, 'POST', '/invoices/{invoiceId}/payments', `/invoices/${id}/payments`, { amount: rng() < 0.5 ? total : Math.ceil(total / 2), currency: 'USD', method: 'check' });
  const moved = { ...body, jobId: rng() < 0.8 ? to : null };
  const res = await biz(w, rng, 'PUT', '/invoices/{invoiceId}', `/invoices/${id}`, moved);
  if (res.status === 200) c.invoices.set(id, moved);
}

/** The business's other writes: reschedule a job, publish and move slots, revise an estimate, re-send an invoice's fields. */
async function businessWrites(w: World, rng: Rng, c: SoakCustomer) {
  const what = pick(rng, ['job', 'newJob', 'slot', 'estimate', 'invoice', 'lists'] as const);
  if (what === 'job' && c.jobs.length) {
    const jobId = pick(rng, c.jobs);
    await biz(w, rng, 'PUT', '/jobs/{jobId}', `/jobs/${jobId}`, jobBody(w, c.id, jobId.toUpperCase(), between(rng, -20, 40) * day, between(rng, 5, 50) * 1000));
  } else if (what === 'newJob') {
    await newJob(w, rng, c);
  } else if (what === 'slot') {
    const [slotId] = await newSlots(w, rng, 1);
    if (slotId && rng() < 0.5) {
      const start = w.now().getTime() + 90 * day + w.seq * 3 * hour;
      await biz(w, rng, 'PUT', '/slots/{slotId}', `/slots/${slotId}`, { start: iso(start), end: iso(start + 2 * hour) });
    }
  } else if (what === 'estimate') {
    const id = nextId(w, 'est');
    const body = estimateBody(w, c, id.toUpperCase(), { deposit: rng() < 0.5, drawn: false });
    await biz(w, rng, 'PUT', '/estimates/{estimateId}', `/estimates/${id}`, body);
    await biz(w, rng, 'PUT', '/estimates/{estimateId}', `/estimates/${id}`, { ...body, terms: 'Revised terms.' });
  } else if (what === 'invoice' && c.invoices.size) {
    const [id, body] = pick(rng, [...c.invoices.entries()]);
    await biz(w, rng, 'PUT', '/invoices/{invoiceId}', `/invoices/${id}`, body);
    await biz(w, rng, 'GET', '/invoices/{invoiceId}', `/invoices/${id}`);
  } else {
    const since = iso(w.now().getTime() - hour);
    await biz(w, rng, 'GET', '/jobs', `/jobs?updatedSince=${since}&limit=50`);
    await biz(w, rng, 'GET', '/invoices', `/invoices?updatedSince=${since}&limit=50`);
    await biz(w, rng, 'GET', '/estimates', `/estimates?updatedSince=${since}&limit=50`);
  }
}

/** "On my way": start a visit, send positions, the customer's page polls; sometimes arrive or complete. */
async function tracking(w: World, rng: Rng, c: SoakCustomer) {
  if (!c.jobs.length) return;
  const jobId = pick(rng, c.jobs);
  const before = lastOutboxId(w);
  const started = await biz(w, rng, 'POST', '/jobs/{jobId}/tracking', `/jobs/${jobId}/tracking`, { technician: { name: 'Dev Okafor', vehicle: 'White van' }, channel: 'email' });
  if (started.status === 201) {
    const token = await linkFromOutbox(w, c.email, before, '/track#token=');
    if (token) c.tracking.set(jobId, token);
    else flowError(w, 'tracking link never arrived');
  }
  if (started.status !== 201 && started.status !== 200) return;
  const token = c.tracking.get(jobId);
  for (let i = between(rng, 2, 5); i > 0; i--) {
    await biz(w, rng, 'PUT', '/jobs/{jobId}/tracking/position', `/jobs/${jobId}/tracking/position`, { lat: 39.7 + rng() * 0.1, lng: -89.7 + rng() * 0.1, accuracy: 8, at: w.now().toISOString() });
    if (token) await asLink(w, 'GET', '/api/tracking', '/api/tracking', token);
  }
  const end = rng();
  if (end < 0.3) await biz(w, rng, 'POST', '/jobs/{jobId}/tracking/arrived', `/jobs/${jobId}/tracking/arrived`, {});
  else if (end < 0.5) {
    await biz(w, rng, 'POST', '/jobs/{jobId}/tracking/completed', `/jobs/${jobId}/tracking/completed`, {});
    c.tracking.delete(jobId);
  }
}

/** How often each scenario is picked. */
export const scenarioWeights = {
  browse: 22, signIn: 4, messages: 10, checkout: 18, estimate: 12, slotRace: 4, offlineRace: 6, invoiceMove: 6, businessWrites: 10, tracking: 8,
} as const;

export async function runScenario(w: World, rng: Rng): Promise<string> {
  const name = weighted(rng, scenarioWeights);
  const c = pick(rng, w.customers);
  switch (name) {
    case 'browse': await browse(w, rng, c); break;
    case 'signIn': await signIn(w, c); break;
    case 'messages': await messages(w, rng, c); break;
    case 'checkout': await checkout(w, rng, c); break;
    case 'estimate': await estimateFlow(w, rng, c); break;
    case 'slotRace': await slotRace(w, rng, c, pick(rng, w.customers)); break;
    case 'offlineRace': await offlineRace(w, rng, c); break;
    case 'invoiceMove': await invoiceMove(w, rng, c); break;
    case 'businessWrites': await businessWrites(w, rng, c); break;
    case 'tracking': await tracking(w, rng, c); break;
  }
  return name;
}

export { testClientIpHeader };
