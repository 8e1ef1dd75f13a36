/**
 * Demo data for the local stack, written on first start: two businesses, a customer of each
 * who shares one email address, jobs in the past and the future with every part filled in.
 * Times are relative to the first start so "upcoming" stays upcoming for a while.
 */
import type { Stores } from './all-stores';
import { stepDepsFrom } from '../../shared/steps/deps';
import type { Business, BusinessSettings } from '../../shared/directory/model';
import type { ChargeLine, JobFields, MessageRecord } from '../../shared/jobs/model';
import type { EstimateFields } from '../../shared/estimates/model';
import type { Clock, Random, MessageQueue } from '../../shared/kernel/types';
import type { NotificationJob } from '../../shared/notifications/port';
import type { WebhookJob } from '../../shared/events/model';
import { createBusiness, businessBySlug, setStripeAccount, updateSettings } from '../../shared/directory/businesses';
import { upsertCustomer } from '../../shared/directory/customers';
import { mintApiKey } from '../../shared/business-api/api-keys';
import { newId, type Mint } from '../../shared/kernel/ids';
import { upsertJob } from '../../shared/jobs/write-job';
import { addNote, completeAttachment, startAttachment } from '../../shared/jobs/notes-and-files';
import { completeMediaUpload, startMediaUpload } from '../../shared/media/uploads';
import { upsertInvoice } from '../../shared/invoices/write-invoice';
import { upsertEstimate } from '../../shared/estimates/write-estimate';
import { upsertForm } from '../../shared/forms/templates';
import { sampleFormDefinition } from '../../shared/forms/sample-form';
import { approveEstimate } from '../../shared/estimates/decide';
import { putSlot } from '../../shared/estimates/slots';
import { recordInvoicePayment } from '../../shared/invoices/record-payment';
import { syncJobMoney } from '../../shared/invoices/job-account';
import { postBusinessMessage, postCustomerMessage } from '../../shared/messages/messages';
import type { LocalFileStore } from './adapters/local-file-store';
import { demoPdf, demoPng } from './demo-files';
import { lineTotal } from '../../shared/contract/totals';
import type { ServiceRequest } from '../../shared/requests/model';

export interface SeedDeps {
  stores: Stores;
  files: LocalFileStore;
  notifications: MessageQueue<NotificationJob>;
  webhooks: MessageQueue<WebhookJob>;
  clock: Clock;
  random: Random;
}

/** The demo's fixed inputs. Business ids are minted when the seed runs (opaque `biz_…`), so tests find them by slug. */
export const demo = {
  acme: {
    slug: 'acme',
    name: 'Acme Plumbing & Heating',
    timeZone: 'America/Chicago',
    primaryColor: '#0b5cad',
    logoUrl: null,
    sections: ['home', 'jobs', 'estimates', 'invoices', 'messages', 'requests', 'forms'],
    // Its own links in the portal's menu, after the sections (settings `portal.links`).
    links: [
      { label: 'Our website', url: 'https://acme-plumbing.example/' },
      { label: 'Leave us a review', url: 'https://acme-plumbing.example/reviews' },
    ],
    contactPhone: '+15555550100',
    contactEmail: 'office@acme-plumbing.example',
  } satisfies BusinessSettings & Pick<Business, 'links'>,
  brightClean: {
    slug: 'brightclean',
    name: 'Bright Clean',
    timeZone: 'America/Los_Angeles',
    primaryColor: '#0f766e',
    logoUrl: null,
    sections: ['home', 'jobs', 'invoices', 'messages'],
    contactPhone: '+15555550200',
    contactEmail: 'hello@brightclean.example',
  } satisfies BusinessSettings,
  jordan: { id: 'cus_7f3k9q', name: 'Jordan Rivera', email: 'jordan@example.com', phone: '+15555550123' },
  /** Another Acme customer: their jobs must never show to Jordan. */
  sam: { id: 'cus_2h8w4n', name: 'Sam Patel', email: 'sam@example.com', phone: '+15555550145' },
  /** Bright Clean's Jordan: same email, a different customer of a different business. */
  jordanAtBrightClean: { id: 'cus_b2m4x1', name: 'Jordan Rivera', email: 'jordan@example.com', phone: '+15555550177' },
  /** Where each customer's jobs are (a tracked technician's destination); made-up points in those towns. */
  locations: {
    jordan: { lat: 39.7817, lng: -89.6501 },
    sam: { lat: 39.8003, lng: -89.6437 },
    jordanAtBrightClean: { lat: 36.9741, lng: -122.0308 },
  },
};

export type DemoSlug = 'acme' | 'brightclean';

const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;

interface JobSeed {
  id: string;
  number: string;
  title: string;
  daysFromNow: number;
  /** Hour (UTC) the arrival window opens. */
  startHourUtc: number;
  technician: string;
  scope: string;
  charges: [string, number, number][];
  taxCents: number;
  notes: string[];
  messages: [MessageRecord['from'], string][];
  attachments: ('pdf' | 'png' | 'txt')[];
}

const jordanJobs: JobSeed[] = [
  {
    id: 'job_wh1041', number: 'J-1041', title: 'Water heater replacement', daysFromNow: -62, startHourUtc: 14, technician: 'Maria Lopez',
    scope: 'Remove the leaking 40-gallon gas water heater and install a new 50-gallon unit. Replace the expansion tank and shut-off valve; haul away the old unit.',
    charges: [['50-gallon gas water heater', 1, 124900], ['Expansion tank', 1, 8900], ['Labour (hours)', 4, 12500], ['Haul-away and disposal', 1, 7500]],
    taxCents: 10704,
    notes: ['Old unit was 14 years old; sediment build-up caused the leak.', 'Warranty registered with the manufacturer: 6 years parts.'],
    messages: [['business', 'Maria is on her way and should arrive around 9:15.'], ['customer', 'Great, the side gate is open.'], ['business', 'All done: the new heater is running. Thanks, Jordan!']],
    attachments: ['pdf', 'png', 'txt'],
  },
  {
    id: 'job_sk1063', number: 'J-1063', title: 'Kitchen sink leak repair', daysFromNow: -21, startHourUtc: 19, technician: 'Dev Okafor',
    scope: 'Find and fix the leak under the kitchen sink. Replace the P-trap and supply lines if worn.',
    charges: [['Diagnostic visit', 1, 8900], ['P-trap kit', 1, 2450], ['Braided supply line', 2, 1250], ['Labour (hours)', 1, 12500]],
    taxCents: 396,
    notes: ['Supply lines were original (2009); both replaced.'],
    messages: [['customer', 'Could the technician call when he is 10 minutes away?'], ['business', 'Of course, we have added that to the visit notes.']],
    attachments: ['pdf', 'png'],
  },
  {
    id: 'job_fn1077', number: 'J-1077', title: 'Annual furnace tune-up', daysFromNow: -3, startHourUtc: 15, technician: 'Maria Lopez',
    scope: 'Yearly furnace maintenance: clean burners, check the heat exchanger, replace the filter, test the carbon-monoxide level.',
    charges: [['Furnace tune-up', 1, 14900], ['MERV 11 filter', 1, 2400]],
    taxCents: 192,
    notes: ['Heat exchanger in good condition. Filter size 16x25x1.'],
    messages: [['business', 'Reminder: your tune-up is tomorrow between 9 and 11 am.']],
    attachments: ['pdf'],
  },
  {
    id: 'job_fc1090', number: 'J-1090', title: 'Bathroom faucet installation', daysFromNow: 2, startHourUtc: 14, technician: 'Dev Okafor',
    scope: 'Install the customer-supplied bathroom faucet and a new pop-up drain. Check the shut-off valves.',
    charges: [['Faucet installation', 1, 16500], ['Pop-up drain assembly', 1, 3200]],
    taxCents: 256,
    notes: ['Customer is supplying the faucet (brushed nickel, single handle).'],
    messages: [['business', 'You are booked for the faucet installation. Reply here if anything changes.'], ['customer', 'Thanks! I will leave the faucet box in the bathroom.']],
    attachments: ['txt'],
  },
  {
    id: 'job_bl1102', number: 'J-1102', title: 'Boiler safety inspection', daysFromNow: 14, startHourUtc: 16, technician: 'Maria Lopez',
    scope: 'Annual boiler inspection before winter: pressure test, relief valve check, flue inspection.',
    charges: [['Boiler inspection', 1, 18900]],
    taxCents: 0,
    notes: [],
    messages: [['business', 'Maria will text you a two-hour arrival window the day before.']],
    attachments: [],
  },
];
const samJobs: JobSeed[] = [
  {
    id: 'job_sp2001', number: 'J-2001', title: 'Garbage disposal replacement', daysFromNow: 5, startHourUtc: 17, technician: 'Dev Okafor',
    scope: 'Replace the jammed garbage disposal with a 3/4 HP unit.',
    charges: [['3/4 HP disposal', 1, 21900], ['Labour (hours)', 1, 12500]],
    taxCents: 1752, notes: ['Private note about Sam.'], messages: [['customer', 'Sam here: is Tuesday OK?']], attachments: ['pdf'],
  },
];
const brightCleanJobs: JobSeed[] = [
  {
    id: 'job_bc3001', number: 'BC-301', title: 'Deep clean, 3-bedroom house', daysFromNow: -10, startHourUtc: 17, technician: 'Ana Silva',
    scope: 'Full deep clean: kitchen, two bathrooms, three bedrooms, inside the oven and fridge.',
    charges: [['Deep clean (3 bed / 2 bath)', 1, 32000], ['Inside oven', 1, 4500], ['Inside fridge', 1, 3500]],
    taxCents: 0, notes: ['Keys returned to the lockbox.'], messages: [['business', 'Your home is sparkling! See you next time.']], attachments: ['png'],
  },
  {
    id: 'job_bc3002', number: 'BC-317', title: 'Move-out clean', daysFromNow: 6, startHourUtc: 18, technician: 'Ana Silva',
    scope: 'Move-out clean for the apartment, including windows and baseboards.',
    charges: [['Move-out clean', 1, 38000]],
    taxCents: 0, notes: [], messages: [], attachments: [],
  },
];

/**
 * Writes the demo through the business API's own use cases, as a back office would. Acme goes
 * last: the local stack seeds when Acme's slug is missing, so a seed cut off half-way is done
 * again at the next start (every step is an upsert or finds its record already there).
 */
export async function seedDemoData(deps: SeedDeps): Promise<void> {
  const now = deps.clock.now();
  const brightClean = (await businessBySlug(demo.brightClean.slug, { directory: deps.stores.directory })) ?? (await createBusiness(demo.brightClean, { directory: deps.stores.directory, clock: deps.clock, random: deps.random }));
  await upsertCustomer(brightClean.id, demo.jordanAtBrightClean.id, fieldsOf(demo.jordanAtBrightClean), { directory: deps.stores.directory, clock: deps.clock });
  // Acme is created before its jobs but its slug is claimed by createBusiness: a re-run finds it.
  const acme = (await businessBySlug(demo.acme.slug, { directory: deps.stores.directory })) ?? (await createBusiness(demo.acme, { directory: deps.stores.directory, clock: deps.clock, random: deps.random }));
  for (const c of [demo.jordan, demo.sam]) await upsertCustomer(acme.id, c.id, fieldsOf(c), { directory: deps.stores.directory, clock: deps.clock });
  // Acme takes payments in the portal: its (sandbox) Stripe account, every method, parts of invoices from $10.
  await setStripeAccount(acme.id, { stripeAccountId: demoStripeAccount, chargesEnabled: true }, { directory: deps.stores.directory, clock: deps.clock });
  if (!(await deps.stores.directory.getBusiness(acme.id))!.payments.methods.affirm) {
    await updateSettings(acme.id, { payments: { methods: { ach: true, affirm: true, klarna: true }, partialPayments: { allowed: true, minimumAmount: 1000 } } }, { directory: deps.stores.directory, clock: deps.clock });
  }

  // Bright Clean has a logo, uploaded and published as the business API does (POST media, PUT, complete).
  if (!(await deps.stores.directory.getBusiness(brightClean.id))!.logoUrl) {
    const logo = demoPng(180, 48, [15, 118, 110]);
    const { media } = await startMediaUpload(brightClean.id, { contentType: 'image/png', sizeBytes: logo.length }, mintAt(now, deps), { media: deps.stores.media, files: deps.files });
    await deps.files.put(media.uploadKey, logo, media.contentType);
    const published = await completeMediaUpload(brightClean.id, media.id, { media: deps.stores.media, files: deps.files, clock: deps.clock });
    await updateSettings(brightClean.id, { logoUrl: published.url }, { directory: deps.stores.directory, clock: deps.clock });
  }

  const acmeAddress = { line1: '1234 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' };
  const samAddress = { line1: '56 Oak Avenue', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' };
  const brightAddress = { line1: '88 Harbor View Road', line2: 'Unit 4B', city: 'Santa Cruz', region: 'CA', postalCode: '95060', country: 'US' };
  for (const seed of jordanJobs) await writeJob(deps, acme, demo.jordan, acmeAddress, demo.locations.jordan, seed, now);
  for (const seed of samJobs) await writeJob(deps, acme, demo.sam, samAddress, demo.locations.sam, seed, now);
  for (const seed of brightCleanJobs) await writeJob(deps, brightClean, demo.jordanAtBrightClean, brightAddress, demo.locations.jordanAtBrightClean, seed, now);
  for (const seed of brightCleanInvoices) await writeInvoice(deps, brightClean, demo.jordanAtBrightClean.id, seed, now);
  for (const seed of samInvoices) await writeInvoice(deps, acme, demo.sam.id, seed, now);
  await writeEstimates(deps, acme, acmeAddress, now);
  await writeForms(deps, acme, now);
  for (const seed of jordanInvoices) await writeInvoice(deps, acme, demo.jordan.id, seed, now);
  await writeRequests(deps, acme, acmeAddress, now);
}

/** A demo request's fixed id (`req_` and 22 letters or digits). */
export const demoRequestId = (tag: string) => `req_demo${tag.padStart(18, '0')}`;

/** What Acme's request form offers (settings `requests.services`). */
export const demoServices = [
  { id: 'svc_leak', name: 'Leak or burst pipe' },
  { id: 'svc_drain', name: 'Blocked drain' },
  { id: 'svc_heater', name: 'Water heater' },
  { id: 'svc_heating', name: 'Heating or boiler' },
];

/**
 * Acme's service requests: Jordan's new one and one it scheduled as his upcoming job, and one from
 * its website (confirmed, not attached to a customer yet). Fixed ids: a re-run writes nothing twice.
 */
async function writeRequests(deps: SeedDeps, acme: Business, address: EstimateFields['address'] & object, now: Date): Promise<void> {
  const current = (await deps.stores.directory.getBusiness(acme.id))!;
  if (current.services.length === 0) await updateSettings(acme.id, { requests: { services: demoServices } }, { directory: deps.stores.directory, clock: deps.clock });
  const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
  const base = {
    businessId: acme.id, source: 'portal' as const, customerId: demo.jordan.id, contact: null, language: 'en', held: false, status: 'new' as const, address, asSoonAsPossible: false,
    windows: [], urgency: 'routine' as const, files: [], jobId: null, declineReason: null, decidedAt: null, confirmation: null, version: 1,
  };
  const requests: ServiceRequest[] = [
    {
      ...base, id: demoRequestId('drip'), service: demoServices[0]!, urgency: 'soon', description: 'The kitchen tap drips all night and the cabinet under the sink is damp.',
      windows: [{ start: at(3), end: new Date(new Date(at(3)).getTime() + 3 * hour).toISOString() }, { start: at(4), end: new Date(new Date(at(4)).getTime() + 3 * hour).toISOString() }],
      createdAt: at(-1), updatedAt: at(-1),
    },
    {
      ...base, id: demoRequestId('boiler'), service: demoServices[3]!, status: 'scheduled', jobId: 'job_bl1102', decidedAt: at(-5),
      description: 'The boiler bangs when it starts. Could someone look at it before winter?', asSoonAsPossible: true, createdAt: at(-7), updatedAt: at(-5), version: 2,
    },
    {
      ...base, id: demoRequestId('website'), source: 'website', customerId: null, contact: { name: 'Alex Morgan', email: 'alex@example.com', phone: '+15555550166' },
      service: demoServices[1]!, urgency: 'urgent', asSoonAsPossible: true, description: 'The basement floor drain is backing up after the rain.',
      address: { line1: '9 Birch Lane', line2: null, city: 'Springfield', region: 'IL', postalCode: '62702', country: 'US' },
      confirmation: { secretHash: null, sentAt: at(-1), expiresAt: at(0), confirmedAt: at(-1) }, createdAt: at(-1), updatedAt: at(-1), version: 2,
    },
  ];
  for (const request of requests) await deps.stores.requests.putRequest(request, null);
}

interface InvoiceSeed {
  id: string;
  number: string;
  /** The job it bills: its charges and tax become the lines, unless `lines` are given. */
  jobId: string | null;
  lines?: [string, number, number][];
  taxCents?: number;
  issuedDaysFromNow: number;
  dueDaysFromNow: number;
  /** Paid by check at the back office, as many days after issue. */
  paid: [cents: number, daysAfterIssue: number][];
}

/**
 * Jordan's invoices at Acme: two paid (the jobs that were paid), three open, one over $50 so
 * financing shows, one with a job and a partial payment, one without a job.
 */
const jordanInvoices: InvoiceSeed[] = [
  { id: 'inv_1041', number: 'INV-1041', jobId: 'job_wh1041', issuedDaysFromNow: -62, dueDaysFromNow: -32, paid: [[202004, 1]] },
  { id: 'inv_1063', number: 'INV-1063', jobId: 'job_sk1063', issuedDaysFromNow: -21, dueDaysFromNow: 9, paid: [[10000, 0]] },
  { id: 'inv_1077', number: 'INV-1077', jobId: 'job_fn1077', issuedDaysFromNow: -3, dueDaysFromNow: 27, paid: [[17492, 0]] },
  { id: 'inv_1080', number: 'INV-1080', jobId: null, lines: [['Annual maintenance plan', 1, 19900]], taxCents: 0, issuedDaysFromNow: -2, dueDaysFromNow: 14, paid: [] },
  { id: 'inv_1090', number: 'INV-1090', jobId: 'job_fc1090', issuedDaysFromNow: -1, dueDaysFromNow: 2, paid: [] },
];
const samInvoices: InvoiceSeed[] = [{ id: 'inv_2001', number: 'INV-2001', jobId: 'job_sp2001', issuedDaysFromNow: -1, dueDaysFromNow: 10, paid: [] }];
const brightCleanInvoices: InvoiceSeed[] = [{ id: 'inv_bc301', number: 'BC-INV-301', jobId: 'job_bc3001', issuedDaysFromNow: -10, dueDaysFromNow: 5, paid: [] }];

async function writeInvoice(deps: SeedDeps, business: Business, customerId: string, seed: InvoiceSeed, now: Date): Promise<void> {
  const { jobs } = deps.stores;
  const job = seed.jobId ? await jobs.getJob(business.id, seed.jobId) : null;
  const lines = seed.lines ? seed.lines.map(([description, quantity, unitAmount]) => ({ description, quantity, unitAmount })) : job!.charges.map(({ description, quantity, unitAmount }) => ({ description, quantity, unitAmount }));
  const issuedAt = new Date(now.getTime() + seed.issuedDaysFromNow * day);
  await upsertInvoice(
    business.id,
    seed.id,
    { customerId, jobId: seed.jobId, number: seed.number, issuedAt: issuedAt.toISOString(), dueAt: new Date(now.getTime() + seed.dueDaysFromNow * day).toISOString(), currency: 'USD', lines, taxAmount: seed.taxCents ?? job!.taxAmount },
    stepDepsFrom(deps.stores, deps.clock),
  );
  // Fixed payment ids: a re-run finds them applied and records nothing twice.
  for (const [i, [amount, after]] of seed.paid.entries()) {
    const paidAt = new Date(Math.min(issuedAt.getTime() + after * day + 2 * hour, now.getTime())).toISOString();
    await recordInvoicePayment(business.id, { id: `${seed.id}_pay${i + 1}`, invoiceId: seed.id, paidAt, method: 'check', amount, currency: 'USD', reference: `Check ${1040 + i}`, source: 'offline' }, stepDepsFrom(deps.stores, deps.clock));
  }
  // Data kept in .data/ from before a job kept its invoices' sums: summed again (a no-op otherwise).
  if (seed.jobId) await syncJobMoney(business.id, seed.jobId, stepDepsFrom(deps.stores, deps.clock));
}

/** Acme's open slots: two a day, 9–11 and 2–4 Chicago time (UTC−6 in winter), for the next 10 days. */
function demoSlots(now: Date): { id: string; start: string; end: string }[] {
  const slots: { id: string; start: string; end: string }[] = [];
  for (let d = 1; d <= 10; d++) {
    const date = new Date(now.getTime() + d * day).toISOString().slice(0, 10);
    for (const [name, startHour] of [['am', 15], ['pm', 20]] as const) {
      const start = new Date(`${date}T${String(startHour).padStart(2, '0')}:00:00.000Z`);
      slots.push({ id: `slot-${date.replace(/-/g, '')}-${name}`, start: start.toISOString(), end: new Date(start.getTime() + 2 * hour).toISOString() });
    }
  }
  return slots;
}

/**
 * Jordan's estimates at Acme: one open (three options, better recommended, a drawn signature, a
 * 25 % deposit and booking), and one approved last month (typed name, no deposit).
 */
async function writeEstimates(deps: SeedDeps, acme: Business, address: EstimateFields['address'], now: Date): Promise<void> {
  const { estimates, directory, jobs, slots, jobDocuments } = deps.stores;
  for (const slot of demoSlots(now)) await putSlot(acme.id, slot.id, slot, { slots, clock: deps.clock });
  const line = (description: string, quantity: number, unitAmount: number) => ({ description, quantity, unitAmount });
  const terms = 'Prices are valid until the date above. Work is guaranteed for one year from completion; parts carry the manufacturer’s warranty. The deposit is applied to the final invoice.';
  await upsertEstimate(
    acme.id,
    'est_2001',
    {
      customerId: demo.jordan.id, jobId: null, number: 'E-2001', title: 'Replace the water heater', currency: 'USD',
      expiresAt: new Date(now.getTime() + 30 * day).toISOString(), terms, signature: 'drawn', deposit: { percent: 25 }, scheduling: { durationMinutes: 120 }, address,
      options: [
        { id: 'good', name: 'Standard 40-gallon tank', description: 'Like-for-like replacement of the existing gas tank.', recommended: false, taxAmount: 9600, lines: [line('40-gallon gas water heater', 1, 89000), line('Installation and haul-away', 1, 45000), line('Expansion tank', 1, 11000)] },
        { id: 'better', name: 'High-efficiency 50-gallon', description: 'More hot water and lower gas bills; qualifies for the utility rebate.', recommended: true, taxAmount: 14400, lines: [line('50-gallon high-efficiency water heater', 1, 142000), line('Installation and haul-away', 1, 52000), line('Expansion tank', 1, 11000), line('Smart leak sensor', 1, 9000)] },
        { id: 'best', name: 'Tankless', description: 'Endless hot water, wall-mounted, 20-year heat exchanger warranty.', recommended: false, taxAmount: 27200, lines: [line('Tankless gas water heater', 1, 248000), line('Venting and gas line upgrade', 1, 64000), line('Installation and haul-away', 1, 58000)] },
      ],
    },
    { estimates, jobDocuments, directory, jobs, clock: deps.clock },
  );
  const decided = { customerId: demo.jordan.id, jobId: 'job_sk1063', number: 'E-1990', title: 'Kitchen sink and disposal', currency: 'USD', expiresAt: new Date(now.getTime() + 5 * day).toISOString(), terms, signature: 'typed' as const, deposit: null, scheduling: null, address: null,
    options: [{ id: 'repair', name: 'Repair the disposal', description: '', recommended: false, taxAmount: 1200, lines: [line('Disposal repair', 1, 18000)] }, { id: 'replace', name: 'New sink and disposal', description: '', recommended: true, taxAmount: 3400, lines: [line('Stainless sink', 1, 32000), line('Disposal', 1, 19000)] }] };
  const existing = await estimates.getEstimate(acme.id, 'est_1990');
  if (!existing) await upsertEstimate(acme.id, 'est_1990', decided, { estimates, jobDocuments, directory, jobs, clock: { now: () => new Date(now.getTime() - 30 * day) } });
  if (!existing?.decision) {
    const noEvents = { send: async () => {} };
    await approveEstimate({ businessId: acme.id, customerId: demo.jordan.id }, 'est_1990', { version: 1, optionId: 'replace', signature: { name: 'Jordan Rivera' }, acceptTerms: true }, { requestId: 'apr_seed_1990', via: 'session', ip: null, userAgent: null }, stepDepsFrom(deps.stores, { now: () => new Date(now.getTime() - 28 * day) }, { webhooks: noEvents, notifications: noEvents }));
  }
}

/** Whether the demo has been written completely (the last thing the seed writes is there). */
/** The demo form, and Jordan's copy of it to fill (in the Forms section; no link is sent, so the outbox stays empty). */
export const demoForm = { id: 'form_first_visit', sentFormId: 'sfm_DemoFirstVisitForm0001' } as const;

async function writeForms(deps: SeedDeps, acme: Business, now: Date): Promise<void> {
  const form = await upsertForm(acme.id, demoForm.id, sampleFormDefinition, { forms: deps.stores.forms, clock: deps.clock });
  const sentAt = new Date(now.getTime() - 2 * hour).toISOString();
  await deps.stores.forms.createSentForm({
    businessId: acme.id,
    id: demoForm.sentFormId,
    formId: demoForm.id,
    customerId: demo.jordan.id,
    jobId: null,
    title: form.form.definition.title,
    sentAt,
    status: 'open',
    submissionId: null,
    submittedAt: null,
    draft: null,
    version: 1,
    createdAt: sentAt,
    updatedAt: sentAt,
  });
}

export async function demoSeeded(stores: Stores): Promise<boolean> {
  const acme = await businessBySlug(demo.acme.slug, { directory: stores.directory });
  if (!acme) return false;
  const last = jordanInvoices[jordanInvoices.length - 1]!;
  return (await stores.invoices.getInvoice(acme.id, last.id)) !== null;
}

export const demoKeyName = 'Local demo key';

/** Acme's connected account in the local Stripe sandbox (Bright Clean has none: it shows no pay buttons). */
export const demoStripeAccount = 'acct_demo_acme';

/**
 * A fresh business API key for a demo business, printed at start: keys are stored hashed, so the
 * one printed last time cannot be shown again. The previous demo key is revoked, so at most one
 * demo key per business works at a time (keys created with `npm run admin` are left alone).
 */
export async function freshDemoKey(slug: DemoSlug, deps: { stores: Stores; clock: Clock; random: Random }): Promise<{ business: Business; key: string }> {
  const business = await businessBySlug(slug, { directory: deps.stores.directory });
  if (!business) throw new Error(`No demo business ${slug}`);
  for (const old of await deps.stores.apiKeys.listKeys(business.id)) {
    if (old.name === demoKeyName && !old.revokedAt) await deps.stores.apiKeys.revokeKey(old.id, business.id, deps.clock.now().toISOString());
  }
  const minted = mintApiKey({ businessId: business.id, name: demoKeyName, mode: 'test', scopes: ['read', 'write'], expiresAt: null }, deps);
  await deps.stores.apiKeys.putKey(minted.record);
  return { business, key: minted.key };
}

const fieldsOf = (c: { name: string; email: string; phone: string }) => ({ name: c.name, email: c.email, phone: c.phone });

/** The time and ids of a piece of history, as if it had been written then. */
function mintAt(at: Date, deps: { clock: Clock; random: Random }): Mint {
  return { now: at, id: (prefix) => newId(prefix, { clock: { now: () => at }, random: deps.random }) };
}

async function writeJob(
  deps: SeedDeps,
  business: Business,
  customer: { id: string; name: string; email: string; phone: string },
  address: JobFields['address'],
  location: JobFields['location'],
  seed: JobSeed,
  now: Date,
): Promise<void> {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const windowStart = midnight + seed.daysFromNow * day + seed.startHourUtc * hour;
  const iso = (ms: number) => new Date(ms).toISOString();
  const past = seed.daysFromNow < 0;
  const { jobs, directory } = deps.stores;
  /** History is in the past: before an upcoming visit, it is spread over the last hours instead. */
  const history = (planned: number, stepsBack: number) => new Date(Math.min(planned, now.getTime() - stepsBack * 3 * hour));
  const charges: ChargeLine[] = seed.charges.map(([description, quantity, unitAmount], i) => ({ id: `${seed.id}_ch${i + 1}`, description, quantity, unitAmount }));
  const fields: JobFields = {
    customerId: customer.id,
    number: seed.number,
    title: seed.title,
    status: past ? 'completed' : 'scheduled',
    scheduledStart: iso(windowStart),
    scheduledEnd: iso(windowStart + 4 * hour),
    arrivalWindow: { start: iso(windowStart), end: iso(windowStart + 2 * hour) },
    scopeOfWork: seed.scope,
    address,
    location,
    contact: { name: customer.name, phone: customer.phone, email: customer.email },
    technician: { name: seed.technician },
    currency: 'USD',
    charges,
    taxAmount: seed.taxCents,
  };
  const existing = await jobs.getJob(business.id, seed.id);
  await upsertJob(business.id, seed.id, fields, { jobs, directory, clock: deps.clock });
  if (existing) return; // its parts were written with it; a re-run must not add them again

  for (const [i, text] of seed.notes.entries()) {
    const at = history(windowStart - 2 * day + i * hour, seed.notes.length - i);
    await addNote(business.id, seed.id, { text, author: seed.technician, at: at.toISOString() }, mintAt(now, deps), { jobs, directory });
  }
  for (const [i, [from, text]] of seed.messages.entries()) {
    const at = history(windowStart - day + i * 2 * hour, seed.messages.length - i);
    if (from === 'business') {
      const { message } = await postBusinessMessage(business.id, seed.id, { text, at: at.toISOString(), notify: 'none' }, mintAt(at, deps), { jobs, unread: deps.stores.unread, directory, notifications: deps.notifications });
      // The business's last word before an upcoming visit has not been read yet: Home and the job list show it.
      if (!past && i === seed.messages.length - 1) await deps.stores.unread.markUnread(business.id, customer.id, { id: seed.id, number: seed.number, title: seed.title }, message.id, at.toISOString());
    } else {
      await postCustomerMessage({ businessId: business.id, customerId: customer.id }, seed.id, text, mintAt(at, deps), { jobs, directory, webhooks: deps.webhooks });
    }
  }
  for (const kind of seed.attachments) {
    const file = demoAttachment(kind, business, { ...fields, id: seed.id }, charges);
    const { attachment } = await startAttachment(business.id, seed.id, { fileName: file.fileName, contentType: file.contentType, sizeBytes: file.body.length }, mintAt(now, deps), { jobs, files: deps.files });
    await deps.files.put(attachment.fileKey, file.body, file.contentType);
    await completeAttachment(business.id, seed.id, attachment.id, { jobs, files: deps.files, clock: deps.clock });
  }
}

function demoAttachment(kind: 'pdf' | 'png' | 'txt', business: Business, job: JobFields & { id: string }, charges: ChargeLine[]) {
  const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
  switch (kind) {
    case 'pdf':
      return {
        fileName: `Work order ${job.number}.pdf`,
        contentType: 'application/pdf' as const,
        body: demoPdf(`${business.name}: work order ${job.number}`, [
          job.title,
          `Customer: ${job.contact.name}`,
          `Address: ${job.address.line1}, ${job.address.city}`,
          '',
          ...charges.map((c) => `${c.description}  x${c.quantity}  ${dollars(lineTotal(c))}`),
        ]),
      };
    case 'png':
      return { fileName: `${job.number} photo.png`, contentType: 'image/png' as const, body: demoPng(160, 120, [11, 92, 173]) };
    case 'txt':
      return {
        fileName: `${job.number} care instructions.txt`,
        contentType: 'text/plain' as const,
        body: Buffer.from(`${business.name}\n${job.title}\n\nKeep this note with your records. Call ${business.contactPhone ?? 'us'} with any question.\n`, 'utf8'),
      };
  }
}
