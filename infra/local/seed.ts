/**
 * Demo data for the local stack, written on first start: two businesses, a customer of each
 * who shares one email address, jobs in the past and the future with every part filled in.
 * Times are relative to the first start so "upcoming" stays upcoming for a while.
 */
import type { Charge, Message, Note, Payment } from '../../shared/api/contract';
import type { DynamoStores } from '../../shared/data/dynamo-store';
import type { AttachmentRecord, Business, Customer, JobRecord } from '../../shared/domain/model';
import type { FileStore } from '../../shared/domain/ports';
import { demoPdf, demoPng } from './demo-files';

export const demo = {
  acme: {
    id: 'acme',
    name: 'Acme Plumbing & Heating',
    timeZone: 'America/Chicago',
    primaryColor: '#0b5cad',
    logoUrl: null,
    menu: ['jobs'],
    contactPhone: '+15555550100',
    contactEmail: 'office@acme-plumbing.example',
  } satisfies Business,
  brightClean: {
    id: 'brightclean',
    name: 'Bright Clean',
    timeZone: 'America/Los_Angeles',
    primaryColor: '#0f766e',
    logoUrl: null,
    menu: ['jobs'],
    contactPhone: '+15555550200',
    contactEmail: 'hello@brightclean.example',
  } satisfies Business,
  jordan: { businessId: 'acme', id: 'cus_7f3k9q', name: 'Jordan Rivera', email: 'jordan@example.com', phone: '+15555550123' } satisfies Customer,
  /** Another Acme customer: their jobs must never show to Jordan. */
  sam: { businessId: 'acme', id: 'cus_2h8w4n', name: 'Sam Patel', email: 'sam@example.com', phone: '+15555550145' } satisfies Customer,
  /** Bright Clean's Jordan: same email, a different customer of a different business. */
  jordanAtBrightClean: { businessId: 'brightclean', id: 'cus_b2m4x1', name: 'Jordan Rivera', email: 'jordan@example.com', phone: '+15555550177' } satisfies Customer,
};

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
  paidCents: number[];
  notes: string[];
  messages: [Message['from'], string][];
  attachments: ('pdf' | 'png' | 'txt')[];
}

/**
 * Writes are deterministic (a re-run overwrites), and Acme's profile goes last: the local stack
 * seeds when it is missing, so a seed cut off half-way is simply done again at the next start.
 */
export async function seedDemoData(stores: DynamoStores, files: FileStore, now = new Date()): Promise<void> {
  await stores.directory.putBusiness(demo.brightClean);
  for (const customer of [demo.jordan, demo.sam, demo.jordanAtBrightClean]) await stores.directory.putCustomer(customer);

  const acmeAddress = { line1: '1234 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' };
  const jordanJobs: JobSeed[] = [
    {
      id: 'job_wh1041', number: 'J-1041', title: 'Water heater replacement', daysFromNow: -62, startHourUtc: 14, technician: 'Maria Lopez',
      scope: 'Remove the leaking 40-gallon gas water heater and install a new 50-gallon unit. Replace the expansion tank and shut-off valve; haul away the old unit.',
      charges: [['50-gallon gas water heater', 1, 124900], ['Expansion tank', 1, 8900], ['Labour (hours)', 4, 12500], ['Haul-away and disposal', 1, 7500]],
      taxCents: 10704, paidCents: [202004],
      notes: ['Old unit was 14 years old; sediment build-up caused the leak.', 'Warranty registered with the manufacturer: 6 years parts.'],
      messages: [['business', 'Maria is on her way and should arrive around 9:15.'], ['customer', 'Great, the side gate is open.'], ['business', 'All done: the new heater is running. Thanks, Jordan!']],
      attachments: ['pdf', 'png', 'txt'],
    },
    {
      id: 'job_sk1063', number: 'J-1063', title: 'Kitchen sink leak repair', daysFromNow: -21, startHourUtc: 19, technician: 'Dev Okafor',
      scope: 'Find and fix the leak under the kitchen sink. Replace the P-trap and supply lines if worn.',
      charges: [['Diagnostic visit', 1, 8900], ['P-trap kit', 1, 2450], ['Braided supply line', 2, 1250], ['Labour (hours)', 1, 12500]],
      taxCents: 396, paidCents: [10000],
      notes: ['Supply lines were original (2009); both replaced.'],
      messages: [['customer', 'Could the technician call when he is 10 minutes away?'], ['business', 'Of course, we have added that to the visit notes.']],
      attachments: ['pdf', 'png'],
    },
    {
      id: 'job_fn1077', number: 'J-1077', title: 'Annual furnace tune-up', daysFromNow: -3, startHourUtc: 15, technician: 'Maria Lopez',
      scope: 'Yearly furnace maintenance: clean burners, check the heat exchanger, replace the filter, test the carbon-monoxide level.',
      charges: [['Furnace tune-up', 1, 14900], ['MERV 11 filter', 1, 2400]],
      taxCents: 192, paidCents: [17492],
      notes: ['Heat exchanger in good condition. Filter size 16x25x1.'],
      messages: [['business', 'Reminder: your tune-up is tomorrow between 9 and 11 am.']],
      attachments: ['pdf'],
    },
    {
      id: 'job_fc1090', number: 'J-1090', title: 'Bathroom faucet installation', daysFromNow: 2, startHourUtc: 14, technician: 'Dev Okafor',
      scope: 'Install the customer-supplied bathroom faucet and a new pop-up drain. Check the shut-off valves.',
      charges: [['Faucet installation', 1, 16500], ['Pop-up drain assembly', 1, 3200]],
      taxCents: 256, paidCents: [],
      notes: ['Customer is supplying the faucet (brushed nickel, single handle).'],
      messages: [['business', 'You are booked for the faucet installation. Reply here if anything changes.'], ['customer', 'Thanks! I will leave the faucet box in the bathroom.']],
      attachments: ['txt'],
    },
    {
      id: 'job_bl1102', number: 'J-1102', title: 'Boiler safety inspection', daysFromNow: 14, startHourUtc: 16, technician: 'Maria Lopez',
      scope: 'Annual boiler inspection before winter: pressure test, relief valve check, flue inspection.',
      charges: [['Boiler inspection', 1, 18900]],
      taxCents: 0, paidCents: [],
      notes: [],
      messages: [],
      attachments: [],
    },
  ];
  const samJobs: JobSeed[] = [
    {
      id: 'job_sp2001', number: 'J-2001', title: 'Garbage disposal replacement', daysFromNow: 5, startHourUtc: 17, technician: 'Dev Okafor',
      scope: 'Replace the jammed garbage disposal with a 3/4 HP unit.',
      charges: [['3/4 HP disposal', 1, 21900], ['Labour (hours)', 1, 12500]],
      taxCents: 1752, paidCents: [], notes: ['Private note about Sam.'], messages: [['customer', 'Sam here: is Tuesday OK?']], attachments: ['pdf'],
    },
  ];
  const brightCleanJobs: JobSeed[] = [
    {
      id: 'job_bc3001', number: 'BC-301', title: 'Deep clean, 3-bedroom house', daysFromNow: -10, startHourUtc: 17, technician: 'Ana Silva',
      scope: 'Full deep clean: kitchen, two bathrooms, three bedrooms, inside the oven and fridge.',
      charges: [['Deep clean (3 bed / 2 bath)', 1, 32000], ['Inside oven', 1, 4500], ['Inside fridge', 1, 3500]],
      taxCents: 0, paidCents: [40000], notes: ['Keys returned to the lockbox.'], messages: [['business', 'Your home is sparkling! See you next time.']], attachments: ['png'],
    },
    {
      id: 'job_bc3002', number: 'BC-317', title: 'Move-out clean', daysFromNow: 6, startHourUtc: 18, technician: 'Ana Silva',
      scope: 'Move-out clean for the apartment, including windows and baseboards.',
      charges: [['Move-out clean', 1, 38000]],
      taxCents: 0, paidCents: [], notes: [], messages: [], attachments: [],
    },
  ];

  const brightAddress = { line1: '88 Harbor View Road', line2: 'Unit 4B', city: 'Santa Cruz', region: 'CA', postalCode: '95060', country: 'US' };
  const samAddress = { line1: '56 Oak Avenue', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' };
  for (const seed of jordanJobs) await writeJob(stores, files, demo.acme, demo.jordan, acmeAddress, seed, now);
  for (const seed of samJobs) await writeJob(stores, files, demo.acme, demo.sam, samAddress, seed, now);
  for (const seed of brightCleanJobs) await writeJob(stores, files, demo.brightClean, demo.jordanAtBrightClean, brightAddress, seed, now);
  await stores.directory.putBusiness(demo.acme);
}

async function writeJob(
  stores: DynamoStores,
  files: FileStore,
  business: Business,
  customer: Customer,
  address: JobRecord['address'],
  seed: JobSeed,
  now: Date,
): Promise<void> {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const windowStart = midnight + seed.daysFromNow * day + seed.startHourUtc * hour;
  const iso = (ms: number) => new Date(ms).toISOString();
  const past = seed.daysFromNow < 0;
  const money = (amount: number) => ({ amount, currency: 'USD' });

  const job: JobRecord = {
    businessId: business.id,
    customerId: customer.id,
    id: seed.id,
    number: seed.number,
    title: seed.title,
    status: past ? 'completed' : 'scheduled',
    scheduledStart: iso(windowStart),
    scheduledEnd: iso(windowStart + 4 * hour),
    arrivalWindow: { start: iso(windowStart), end: iso(windowStart + 2 * hour) },
    scopeOfWork: seed.scope,
    address,
    contact: { name: customer.name, phone: customer.phone, email: customer.email },
    technician: { name: seed.technician },
    currency: 'USD',
    tax: money(seed.taxCents),
  };
  const charges: Charge[] = seed.charges.map(([description, quantity, unit], i) => ({
    id: `${seed.id}_ch${i + 1}`,
    description,
    quantity,
    unitPrice: money(unit),
    total: money(unit * quantity),
  }));
  const payments: Payment[] = seed.paidCents.map((amount, i) => ({
    id: `${seed.id}_pay${i + 1}`,
    paidAt: iso(windowStart + 5 * hour + i * day),
    method: i === 0 ? 'Card •••• 4242' : 'Bank transfer',
    amount: money(amount),
  }));
  const notes: Note[] = seed.notes.map((text, i) => ({ id: `${seed.id}_n${i + 1}`, at: iso(windowStart - 2 * day + i * hour), author: seed.technician, text }));
  const messages: Message[] = seed.messages.map(([from, text], i) => ({
    id: `${seed.id}_m${i + 1}`,
    at: iso(windowStart - day + i * 2 * hour),
    from,
    author: from === 'business' ? business.name : customer.name,
    text,
  }));
  const attachments: AttachmentRecord[] = [];
  for (const kind of seed.attachments) {
    const file = demoAttachment(kind, business, job, charges);
    const fileKey = `${business.id}/${job.id}/${kind}`;
    await files.put(fileKey, file.body, file.contentType);
    attachments.push({ id: `${job.id}_${kind}`, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.body.length, fileKey });
  }
  await stores.jobs.putJob(job, { charges, payments, notes, attachments, messages });
}

function demoAttachment(kind: 'pdf' | 'png' | 'txt', business: Business, job: JobRecord, charges: Charge[]) {
  const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
  switch (kind) {
    case 'pdf':
      return {
        fileName: `Work order ${job.number}.pdf`,
        contentType: 'application/pdf',
        body: demoPdf(`${business.name}: work order ${job.number}`, [
          job.title,
          `Customer: ${job.contact.name}`,
          `Address: ${job.address.line1}, ${job.address.city}`,
          '',
          ...charges.map((c) => `${c.description}  x${c.quantity}  ${dollars(c.total.amount)}`),
        ]),
      };
    case 'png':
      return { fileName: `${job.number} photo.png`, contentType: 'image/png', body: demoPng(160, 120, [11, 92, 173]) };
    case 'txt':
      return {
        fileName: `${job.number} care instructions.txt`,
        contentType: 'text/plain; charset=utf-8',
        body: Buffer.from(`${business.name}\n${job.title}\n\nKeep this note with your records. Call ${business.contactPhone ?? 'us'} with any question.\n`, 'utf8'),
      };
  }
}
