/**
 * Estimates in real Chromium against the local stack and its Stripe sandbox. The "done
 * when": a business writes an estimate with three options, a 25 % deposit and scheduling through
 * the business API, publishes two slots and sends it; from the link in the outbox, in a browser
 * that has never signed in, the customer approves the middle option with a drawn signature, pays
 * the deposit on the sandbox's checkout page, books a slot and sees the booking; signed in, the
 * job is under Upcoming, the estimate under Decided, and the signed PDF downloads.
 *
 * Also: the options side by side at 1280 px and stacked at 360 px; approving with the keyboard
 * alone where a typed name is the signature; an empty drawing refused before anything is sent; a
 * slot taken meanwhile offering the ones still open; an estimate changed while open; declining
 * with a reason; and made-up or withdrawn links showing a clear page with the business's contact.
 *
 * Each test writes its own estimate and slots, so none depends on another having run.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { formatDate, formatTimeRange } from '../src/format';
import { browserSuite, businessApi, checkPage, drawSignature, meStatus, phone, recordApiCalls, recordPageErrors, signInAsJordan, esc, expectTitle } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const day = 24 * 3600_000;
const hour = 3600_000;
const acmeZone = seed.acme.timeZone;
const terms = 'Work is guaranteed for one year. Łódź Müller ✓';
/** Newer ICU puts a narrow no-break space before AM/PM; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

const options = [
  {
    id: 'good',
    name: 'Good',
    description: 'Repair the water heater you have.',
    lines: [
      { description: 'Replace thermocouple', quantity: 1, unitAmount: 18_500 },
      { description: 'Labor (hours)', quantity: 2, unitAmount: 9_500 },
    ],
    taxAmount: 1_500,
    recommended: false,
  },
  {
    id: 'better',
    name: 'Better',
    description: 'A new 40-gallon gas water heater.',
    lines: [
      { description: '40-gallon gas water heater', quantity: 1, unitAmount: 95_000 },
      { description: 'Installation labor (hours)', quantity: 3, unitAmount: 9_500 },
      { description: 'Haul away the old unit', quantity: 1, unitAmount: 7_500 },
    ],
    taxAmount: 7_860,
    recommended: true,
  },
  {
    id: 'best',
    name: 'Best',
    description: 'A tankless gas water heater.',
    lines: [
      { description: 'Tankless gas water heater', quantity: 1, unitAmount: 210_000 },
      { description: 'Installation labor (hours)', quantity: 5, unitAmount: 9_500 },
    ],
    taxAmount: 15_450,
    recommended: false,
  },
];
/** Better: 95,000 + 3 × 9,500 + 7,500 + 7,860 tax = $1,388.60; a 25 % deposit is $347.15. */
const betterTotal = '$1,388.60';
const betterDeposit = '$347.15';

interface EstimateOptions {
  signature?: 'none' | 'typed' | 'drawn';
  deposit?: { percent: number } | { amount: number } | null;
  scheduling?: { durationMinutes: number } | null;
  title?: string;
}

function estimateBody(id: string, o: EstimateOptions = {}) {
  return {
    customerId: seed.jordan.id,
    number: id.toUpperCase().replace(/_/g, '-'),
    title: o.title ?? 'New water heater at 12 Elm Street',
    currency: 'USD',
    expiresAt: new Date(Date.now() + 30 * day).toISOString(),
    terms,
    options,
    signature: o.signature ?? 'drawn',
    deposit: o.deposit === undefined ? { percent: 25 } : o.deposit,
    scheduling: o.scheduling === undefined ? { durationMinutes: 120 } : o.scheduling,
    address: { line1: '12 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  };
}

/** A fresh estimate of Jordan's at Acme, sent by email; returns its link from the outbox. */
async function sendEstimate(id: string, o: EstimateOptions = {}): Promise<string> {
  const written = await businessApi(stack, 'PUT', `/estimates/${id}`, estimateBody(id, o));
  expect({ status: written.status, body: written.body }).toMatchObject({ status: 201 });
  const sent = await businessApi(stack, 'POST', `/estimates/${id}/send`, { channel: 'email' });
  expect({ status: sent.status, body: sent.body }).toMatchObject({ status: 202 });
  await stack.drainQueues();
  const message = stack.outbox.messages().find((m) => m.link?.includes('/acme/estimate#token='));
  const link = message!.link!;
  expect(link).toMatch(new RegExp(`^${esc(stack.url)}/acme/estimate#token=[A-Za-z0-9_-]{43}$`));
  return link;
}

/**
 * An open two-hour slot of Acme's, `days` from now at the UTC time given (each test its own
 * minutes: the demo seed's slots start on the hour); returns it, and how the picker shows it.
 */
async function putSlot(id: string, days: number, utcHour: number, utcMinute: number): Promise<{ id: string; start: string; end: string; day: string; time: string }> {
  const start = new Date(Date.now() + days * day);
  start.setUTCHours(utcHour, utcMinute, 0, 0);
  const slot = { start: start.toISOString(), end: new Date(start.getTime() + 2 * hour).toISOString() };
  const written = await businessApi(stack, 'PUT', `/slots/${id}`, slot);
  expect({ status: written.status, body: written.body }).toMatchObject({ status: 201 });
  return { id, ...slot, day: formatDate(slot.start, acmeZone), time: plain(formatTimeRange(slot, acmeZone)) };
}

/** A browser that has never signed in anywhere. */
async function freshPage(viewport = phone): Promise<{ context: BrowserContext; page: Page; calls: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return { context, page, calls: recordApiCalls(page), errors: recordPageErrors(page) };
}

/** The headers of every API request the page sends, by "METHOD /path" (the last of each). */
function recordHeaders(page: Page): Map<string, Record<string, string>> {
  const seen = new Map<string, Record<string, string>>();
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) seen.set(`${request.method()} ${url.pathname}`, request.headers());
  });
  return seen;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);
/**
 * Where focus ends up: the page moves it once what it announces has rendered, a frame after the
 * region appears, so a loaded machine can see the region first. Waits up to 5 s for `expected`,
 * then answers whatever has focus (the assertion shows it).
 */
const focusSettles = async (page: Page, expected: string) => {
  await page.waitForFunction((id) => document.activeElement?.id === id, expected, { timeout: 5_000 }).catch(() => undefined);
  return focusedId(page);
};

test('from the link, with no sign-in: three options, the middle one approved with a drawn signature, the deposit paid on Stripe\'s page, a slot booked; signed in, the job is under Upcoming, the estimate under Decided, the signed PDF downloads', async () => {
  const slotA = await putSlot('slot_flow_a', 3, 16, 10);
  const slotB = await putSlot('slot_flow_b', 4, 18, 10);
  const link = await sendEstimate('est_flow');
  const token = link.split('#token=')[1]!;
  const { context, page, calls, errors } = await freshPage();
  const headers = recordHeaders(page);

  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-FLOW' }).waitFor();
  // The token is out of the address bar and the history entry, kept for this tab only.
  expect(page.url()).toBe(`${stack.url}/acme/estimate`);
  await expect(page.evaluate(() => sessionStorage.getItem('portal.payLink'))).resolves.toBe(JSON.stringify({ portal: 'acme', token }));
  await expectTitle(page, 'Acme Plumbing & Heating – Estimate EST-FLOW');

  const main = page.getByRole('main');
  const text = await main.innerText();
  expect(text).toContain('New water heater at 12 Elm Street');
  expect(text).toContain('Awaiting your decision');
  expect(text).toMatch(/Sent \w{3}, \w{3} \d+\s+Valid until \w{3}, \w{3} \d+/);
  expect(text).toContain(terms);

  // Three options, one choice, the middle one recommended (the other radios are how to sign).
  const radios = page.getByRole('group', { name: 'Choose an option' }).getByRole('radio');
  await expect(radios.count()).resolves.toBe(3);
  await expect(radios.nth(0).getAttribute('aria-describedby')).resolves.toBeTruthy();
  const better = page.getByRole('radio', { name: 'Better', exact: true });
  await better.waitFor();
  await page.getByRole('radio', { name: 'Good', exact: true }).waitFor();
  await page.getByRole('radio', { name: 'Best', exact: true }).waitFor();
  // Marked on the card, and read out with the option.
  await expect(page.getByText('Recommended', { exact: true }).count()).resolves.toBe(1);
  const description = (name: string) =>
    page.getByRole('radio', { name, exact: true }).evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
    );
  await expect(description('Better')).resolves.toBe(`Recommended ${betterTotal} · deposit ${betterDeposit}`);
  await expect(description('Good')).resolves.not.toContain('Recommended');
  expect(text).toContain(`${betterTotal} · deposit ${betterDeposit}`);
  expect(text).toContain('40-gallon gas water heater');
  expect(text).toContain('3 × $95.00');
  for (const r of await radios.all()) await expect(r.isChecked()).resolves.toBe(false);
  await checkPage(page, 'estimate link: open, at 360 px');

  // Opening it read, with the link, and changed nothing (a mail scanner opening it approves nothing).
  expect(calls.filter((c) => !c.startsWith('GET '))).toEqual([]);
  expect(headers.get('GET /api/link')?.authorization).toBe(`Link ${token}`);
  expect(headers.get('GET /api/estimates/est_flow')?.authorization).toBe(`Link ${token}`);
  expect((await businessApi(stack, 'GET', '/estimates/est_flow')).body).toMatchObject({ status: 'sent' });

  // Choose, sign (typed and drawn), accept, approve.
  await better.check();
  await main.getByText(`You are approving Better for ${betterTotal}`).waitFor();
  // Better can be paid over time: its Affirm offer loads above the signature box and pushes it
  // down, so it is waited for before the box is measured and drawn in.
  await page.frameLocator('.financing iframe').getByText(/with Affirm/).waitFor();
  await page.getByLabel('Type your full name').fill('Jordan Rivera');
  await drawSignature(page);
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Approve' }).click();

  // The decision record takes focus; the deposit is next.
  await page.getByRole('heading', { level: 2, name: 'You approved this estimate' }).waitFor();
  await expect(focusSettles(page, 'decision-heading')).resolves.toBe('decision-heading');
  const record = await page.getByRole('region', { name: 'You approved this estimate' }).innerText();
  expect(record).toContain(`Better · ${betterTotal}`);
  expect(record).toContain('Jordan Rivera (typed name and drawn signature)');
  expect(record).toContain('From the estimate link');
  expect(record).toMatch(/[0-9a-f]{64}/);
  const approve = headers.get('POST /api/estimates/est_flow/approve')!;
  expect(approve.authorization).toBe(`Link ${token}`);
  expect(approve['idempotency-key']).toMatch(/^[\x21-\x7e]{1,255}$/);
  expect(await page.getByRole('radio').count()).toBe(0);
  await checkPage(page, 'estimate link: approved, deposit next');

  // The deposit, on the sandbox's hosted checkout page, and back to the estimate.
  await page.getByRole('button', { name: `Pay deposit ${betterDeposit}` }).click();
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  expect(headers.get('POST /api/payments/checkout')?.authorization).toBe(`Link ${token}`);
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Pay 347.15 USD');
  await page.getByRole('button', { name: 'Pay by card (succeeds)' }).click();
  await page.waitForURL(new RegExp(`^${esc(stack.url)}/acme/estimate\\?checkout=chk_[A-Za-z0-9]{22}$`));
  const checkoutId = new URL(page.url()).searchParams.get('checkout')!;

  // The slot picker, once the deposit is confirmed (asked with the kept link).
  await page.getByRole('main').getByText('Thank you — your deposit is paid.').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Choose a time for the visit' }).waitFor();
  expect(headers.get(`GET /api/payments/checkout/${checkoutId}`)?.authorization).toBe(`Link ${token}`);
  await expect(focusSettles(page, 'next-step-heading')).resolves.toBe('next-step-heading');
  expect(page.url()).toBe(`${stack.url}/acme/estimate`);
  const slots = page.getByRole('region', { name: 'Choose a time for the visit' });
  await slots.getByRole('group', { name: slotA.day }).getByRole('radio', { name: slotA.time }).waitFor();
  await slots.getByRole('group', { name: slotB.day }).getByRole('radio', { name: slotB.time }).waitFor();
  await checkPage(page, 'estimate link: slot picker');

  await slots.getByRole('group', { name: slotA.day }).getByRole('radio', { name: slotA.time }).check();
  await slots.getByRole('button', { name: 'Book this time' }).click();
  const booked = page.getByRole('region', { name: 'Your visit is booked' });
  await booked.waitFor();
  await expect(focusSettles(page, 'next-step-heading')).resolves.toBe('next-step-heading');
  const confirmation = plain(await booked.innerText());
  expect(confirmation).toContain(`${slotA.day} · ${slotA.time}`);
  expect(confirmation).toContain('Acme Plumbing & Heating will confirm the visit.');
  await expect(booked.getByRole('link', { name: 'Sign in to Acme Plumbing & Heating' }).getAttribute('href')).resolves.toBe('/acme/');
  const schedule = headers.get('POST /api/estimates/est_flow/schedule')!;
  expect(schedule.authorization).toBe(`Link ${token}`);
  expect(schedule['idempotency-key']).toBeTruthy();
  await checkPage(page, 'estimate link: booked');

  // No one was signed in, and the token was never offered as a sign-in token.
  expect(calls.filter((c) => c.includes('/api/auth/'))).toEqual([]);
  await expect(meStatus(page)).resolves.toBe(401);
  expect((await businessApi(stack, 'GET', '/estimates/est_flow')).body).toMatchObject({ status: 'scheduled' });

  // Signed in as Jordan in this same browser: the job under Upcoming.
  const signedIn = await signInAsJordan(stack, context);
  await signedIn.getByRole('tab', { name: 'Upcoming', selected: true }).waitFor();
  const job = signedIn.getByRole('link', { name: 'New water heater at 12 Elm Street' });
  await job.waitFor();
  const jobCard = plain(await signedIn.getByRole('listitem').filter({ has: job }).innerText());
  expect(jobCard).toContain(`${slotA.day} · ${slotA.time}`);

  // Estimates in the menu: the estimate under Decided, then its page with the booking and the job.
  await signedIn.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Estimates' }).click();
  await signedIn.getByRole('heading', { level: 1, name: 'Estimates' }).waitFor();
  await signedIn.getByRole('tab', { name: 'Open', selected: true }).waitFor();
  // Nothing of this customer's has expired: the Expired tab says so.
  await signedIn.getByRole('tab', { name: 'Expired' }).click();
  await signedIn.getByText('No expired estimates.').waitFor();
  expect(signedIn.url()).toBe(`${stack.url}/acme/estimates?status=expired`);
  await checkPage(signedIn, 'estimates: expired, none');
  await signedIn.getByRole('tab', { name: 'Decided' }).click();
  const card = signedIn.getByRole('listitem').filter({ has: signedIn.getByRole('link', { name: 'Estimate EST-FLOW' }) });
  await card.waitFor();
  expect(await card.innerText()).toContain('Scheduled');
  expect(await card.innerText()).toContain(betterTotal);
  expect(signedIn.url()).toBe(`${stack.url}/acme/estimates?status=decided`);
  await checkPage(signedIn, 'estimates: decided');
  await card.getByRole('link', { name: 'Estimate EST-FLOW' }).click();
  await signedIn.getByRole('heading', { level: 1, name: 'Estimate EST-FLOW' }).waitFor();
  const bookedSignedIn = signedIn.getByRole('region', { name: 'Your visit is booked' });
  await bookedSignedIn.waitFor();
  const jobHref = await bookedSignedIn.getByRole('link', { name: 'View the job' }).getAttribute('href');
  expect(jobHref).toMatch(/^\/acme\/jobs\/[A-Za-z0-9_-]+$/);
  await expect(signedIn.getByRole('link', { name: 'All estimates' }).getAttribute('href')).resolves.toBe('/acme/estimates?status=decided');
  await checkPage(signedIn, 'estimate signed in: booked');

  // The signed PDF: the endpoint answers with a short-lived URL, and the file is a PDF.
  const pdf = await signedIn.evaluate(async () => {
    const response = await fetch('/api/estimates/est_flow/pdf', { credentials: 'same-origin' });
    return { status: response.status, body: (await response.json()) as { url?: string; expiresAt?: string } };
  });
  expect(pdf).toMatchObject({ status: 200, body: { url: expect.any(String), expiresAt: expect.any(String) } });
  const file = await fetch(pdf.body.url!);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  // "Download PDF" downloads it, and the page stays.
  const [download] = await Promise.all([signedIn.waitForEvent('download'), signedIn.getByRole('button', { name: 'Download PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  await signedIn.getByRole('heading', { level: 1, name: 'Estimate EST-FLOW' }).waitFor();

  expect(errors).toEqual([]);
  await context.close();
});

test('signed in: an open estimate from the list, approved, the deposit paid and back on its page, a slot booked, and on to the job', async () => {
  const slot = await putSlot('slot_signed_in', 7, 16, 40);
  await sendEstimate('est_signed', { signature: 'typed' });
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  const headers = recordHeaders(page);

  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Estimates' }).click();
  await page.waitForURL(`${stack.url}/acme/estimates`);
  await page.getByRole('heading', { level: 1, name: 'Estimates' }).waitFor();
  await expect(page.getByRole('link', { name: 'Estimates', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Estimate EST-SIGNED' }) });
  await card.waitFor();
  const cardText = await card.innerText();
  expect(cardText).toContain('Awaiting your decision');
  expect(cardText).toContain('$390.00 – $2,729.50');
  expect(cardText).toMatch(/Valid until \w{3}, \w{3} \d+/);
  await checkPage(page, 'estimates: open');
  await card.getByRole('link', { name: 'Estimate EST-SIGNED' }).click();
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-SIGNED' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/estimates/est_signed`);

  await page.getByRole('radio', { name: 'Good', exact: true }).check();
  await page.getByLabel('Type your full name').fill('Jordan Rivera');
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  const record = page.getByRole('region', { name: 'You approved this estimate' });
  await record.waitFor();
  expect(await record.innerText()).toContain('Signed in to the portal');
  // The session decides: no link is sent.
  expect(headers.get('POST /api/estimates/est_signed/approve')?.authorization).toBeUndefined();

  // Good is $390.00: a 25 % deposit of $97.50, then back to this estimate's own page.
  await page.getByRole('button', { name: 'Pay deposit $97.50' }).click();
  await page.waitForURL(`${stack.stripe!.origin}/checkout/**`);
  await page.getByRole('button', { name: 'Pay by card (succeeds)' }).click();
  await page.waitForURL(new RegExp(`^${esc(stack.url)}/acme/estimates/est_signed\\?checkout=chk_[A-Za-z0-9]{22}$`));
  await page.getByRole('main').getByText('Thank you — your deposit is paid.').waitFor();
  const picker = page.getByRole('region', { name: 'Choose a time for the visit' });
  await picker.getByRole('group', { name: slot.day }).getByRole('radio', { name: slot.time }).check();
  await picker.getByRole('button', { name: 'Book this time' }).click();
  const booked = page.getByRole('region', { name: 'Your visit is booked' });
  await booked.waitFor();
  expect(plain(await booked.innerText())).toContain('It is in your work history under Upcoming.');
  await booked.getByRole('link', { name: 'View the job' }).click();
  await page.getByRole('heading', { level: 1, name: 'New water heater at 12 Elm Street' }).waitFor();
  // The job links back to the estimate it was booked from.
  const estimates = page.getByRole('region', { name: 'Estimate' });
  await estimates.getByRole('link', { name: /^Estimate / }).click();
  await page.waitForURL(/\/acme\/estimates\/[A-Za-z0-9_-]+$/);
  expect(errors).toEqual([]);
  await context.close();
});

test('the options sit side by side on a wide screen and stack on a phone', async () => {
  const link = await sendEstimate('est_layout', { signature: 'typed', deposit: null, scheduling: null });
  const { context, page, errors } = await freshPage({ width: 1280, height: 900 });
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-LAYOUT' }).waitFor();
  const cards = page.locator('.option-card');
  await expect(cards.count()).resolves.toBe(3);
  const boxes = async () => Promise.all((await cards.all()).map(async (c) => (await c.boundingBox())!));

  let [a, b, c] = await boxes();
  // Wide: one row, left to right, none overlapping.
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
  expect(Math.abs(b!.y - c!.y)).toBeLessThan(2);
  expect(a!.x + a!.width).toBeLessThanOrEqual(b!.x);
  expect(b!.x + b!.width).toBeLessThanOrEqual(c!.x);
  await checkPage(page, 'estimate at 1280 px');

  // A phone: one column, top to bottom, full width.
  await page.setViewportSize(phone);
  [a, b, c] = await boxes();
  expect(Math.abs(a!.x - b!.x)).toBeLessThan(2);
  expect(Math.abs(b!.x - c!.x)).toBeLessThan(2);
  expect(a!.y + a!.height).toBeLessThanOrEqual(b!.y);
  expect(b!.y + b!.height).toBeLessThanOrEqual(c!.y);
  expect(a!.width).toBeGreaterThan(phone.width * 0.8);
  await checkPage(page, 'estimate at 360 px');

  expect(errors).toEqual([]);
  await context.close();
});

test('with the keyboard alone (Tab, Space, Enter), a typed name approves where the business allows typed; then a time is booked the same way', async () => {
  const slot = await putSlot('slot_keys', 1, 13, 20);
  const link = await sendEstimate('est_keys', { signature: 'typed', deposit: null });
  const { context, page, errors } = await freshPage();
  const headers = recordHeaders(page);
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-KEYS' }).waitFor();
  // No drawing asked: no signature box, nothing loaded for it.
  await expect(page.getByRole('img', { name: /Signature box/ }).count()).resolves.toBe(0);
  await expect(page.getByText('Typing your name here signs this estimate.').count()).resolves.toBe(1);

  /** Tabs forward until focus is on something matching, at most `max` times. */
  async function tabTo(matches: (el: { tag: string; type: string | null; id: string; text: string }) => boolean, max = 40) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLInputElement | null;
        return { tag: a?.tagName ?? '', type: a?.getAttribute('type') ?? null, id: a?.id ?? '', text: a?.textContent?.trim() ?? '' };
      });
      if (matches(el)) return el;
    }
    throw new Error('focus never got there');
  }

  // The first option's radio (none is chosen yet), chosen with Space.
  const first = await tabTo((el) => el.type === 'radio');
  expect(first.id).toBe('option-good');
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Good', exact: true }).isChecked()).resolves.toBe(true);
  // Tab leaves the radio group for the name, past Stripe's financing element where Good qualifies
  // (its frame may still be loading: 1 or 2 stops, as in the drawn-signature test).
  await tabTo((el) => el.id === 'signature-name', 3);
  await page.keyboard.type('Jordan Rivera');
  await tabTo((el) => el.id === 'accept-terms', 1);
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'I accept the terms' }).isChecked()).resolves.toBe(true);
  await tabTo((el) => el.tag === 'BUTTON' && el.text === 'Approve', 1);
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { level: 2, name: 'You approved this estimate' }).waitFor();
  await expect(focusSettles(page, 'decision-heading')).resolves.toBe('decision-heading');
  expect(await page.getByRole('region', { name: 'You approved this estimate' }).innerText()).toContain('Jordan Rivera (signed by typing their name)');
  expect(headers.get('POST /api/estimates/est_keys/approve')?.['idempotency-key']).toBeTruthy();

  // No deposit: the slot picker is next, also by keyboard.
  await page.getByRole('heading', { level: 2, name: 'Choose a time for the visit' }).waitFor();
  const radio = page.getByRole('group', { name: slot.day }).getByRole('radio', { name: slot.time });
  await radio.waitFor();
  // Tab reaches the first open time (none is chosen yet); Space picks it.
  await tabTo((el) => el.type === 'radio');
  await page.keyboard.press('Space');
  await expect(page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="slotId"]:checked')?.value ?? null)).resolves.not.toBeNull();
  await tabTo((el) => el.tag === 'BUTTON' && el.text === 'Book this time');
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Your visit is booked' }).waitFor();
  await expect(focusSettles(page, 'next-step-heading')).resolves.toBe('next-step-heading');

  expect(errors).toEqual([]);
  await context.close();
});

test('with the keyboard alone, a drawn signature is not needed: the signature box is reachable and labelled, and typing the name signs (no clicks)', async () => {
  const link = await sendEstimate('est_keys_drawn', { deposit: null, scheduling: null });
  const { context, page, errors } = await freshPage();
  const bodies = new Map<string, unknown>();
  page.on('request', (request: Request) => {
    if (request.method() === 'POST') bodies.set(new URL(request.url()).pathname, request.postDataJSON());
  });
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-KEYS-DRAWN' }).waitFor();
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      const described = (a?.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      return { id: a?.id ?? '', label: a?.getAttribute('aria-label') ?? '', described, checked: (a as HTMLInputElement | null)?.checked ?? null };
    });
  async function tabTo(id: string, max = 40) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if ((await focused()).id === id) return;
    }
    throw new Error(`focus never got to #${id}`);
  }

  await tabTo('option-good');
  await page.keyboard.press('ArrowDown'); // Better
  await expect(page.getByRole('radio', { name: 'Better', exact: true }).isChecked()).resolves.toBe(true);
  // Past Stripe's financing element, where the chosen option qualifies (its frame may still be loading: 1 or 2 stops).
  await tabTo('signature-name', 3);
  await page.keyboard.type('Jordan Rivera');
  // How to sign: drawing is chosen; the box comes next in the tab order, labelled, and says how to sign without drawing.
  await tabTo('signature-method-drawn', 1);
  await expect(focused()).resolves.toMatchObject({ checked: true });
  await tabTo('signature-canvas', 1);
  const box = await focused();
  expect(box.label).toBe('Signature box: draw your signature here');
  expect(box.described).toContain('Can’t draw? Choose “Type my name as my signature”');
  // Back to the choice, and the arrow key picks typing: the statement says typing is signing, with the name.
  await page.keyboard.press('Shift+Tab');
  await expect(focused()).resolves.toMatchObject({ id: 'signature-method-drawn' });
  await page.keyboard.press('ArrowDown');
  const typed = await focused();
  expect(typed).toMatchObject({ id: 'signature-method-typed', checked: true });
  expect(typed.described).toContain('Typing your name is signing. When you approve, your name as typed above, “Jordan Rivera”, is your signature on this estimate');
  await expect(page.getByRole('img', { name: /Signature box/ }).count()).resolves.toBe(0);
  await tabTo('accept-terms', 1);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Approve');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { level: 2, name: 'You approved this estimate' }).waitFor();
  await expect(focusSettles(page, 'decision-heading')).resolves.toBe('decision-heading');
  expect(await page.getByRole('region', { name: 'You approved this estimate' }).innerText()).toContain('Jordan Rivera (signed by typing their name)');
  expect((bodies.get('/api/estimates/est_keys_drawn/approve') as { signature: unknown }).signature).toEqual({ name: 'Jordan Rivera', typed: 'Jordan Rivera' });
  expect(((await businessApi(stack, 'GET', '/estimates/est_keys_drawn')).body as { decision: unknown }).decision).toMatchObject({ signatureMethod: 'typed', typedSignature: 'Jordan Rivera', signatureImageHash: null });
  await checkPage(page, 'estimate link: approved by typing the name');
  expect(errors).toEqual([]);
  await context.close();
});

test('an empty drawing is refused at the signature box and nothing is sent; so are a missing name, option and acceptance', async () => {
  const link = await sendEstimate('est_empty', { deposit: null, scheduling: null });
  const { context, page, calls, errors } = await freshPage();
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-EMPTY' }).waitFor();
  await page.getByRole('button', { name: 'Clear the signature box', disabled: false }).waitFor();

  // Nothing filled in: each field says what it needs, and focus goes to the first (the options).
  await page.getByRole('button', { name: 'Approve' }).click();
  const main = page.getByRole('main');
  await main.getByText('Choose one of the options.').waitFor();
  await main.getByText('Type your full name to sign.').waitFor();
  await main.getByText(/^Draw your signature in the box, or choose/).waitFor();
  await main.getByText('Tick “I accept the terms” to approve.').waitFor();
  await expect(focusSettles(page, 'option-good')).resolves.toBe('option-good');

  // Everything but the drawing: refused at the box, which takes focus and reads out why.
  await page.getByRole('radio', { name: 'Better', exact: true }).check();
  await page.getByLabel('Type your full name').fill('Jordan Rivera');
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(focusSettles(page, 'signature-canvas')).resolves.toBe('signature-canvas');
  await expect(main.getByText('Type your full name to sign.').count()).resolves.toBe(0);
  const described = await page.evaluate(() => {
    const ids = document.activeElement?.getAttribute('aria-describedby')?.split(' ') ?? [];
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });
  expect(described).toContain('Draw your signature in the box');

  // Drawn, then cleared: empty again, refused again.
  await drawSignature(page);
  await expect(main.getByText(/^Draw your signature in the box, or choose/).count()).resolves.toBe(0);
  await page.getByRole('button', { name: 'Clear the signature box' }).click();
  await page.getByRole('button', { name: 'Approve' }).click();
  await main.getByText(/^Draw your signature in the box, or choose/).waitFor();
  await checkPage(page, 'estimate: signature refused');

  expect(calls.filter((c) => !c.startsWith('GET '))).toEqual([]);
  expect((await businessApi(stack, 'GET', '/estimates/est_empty')).body).toMatchObject({ status: 'sent' });
  expect(errors).toEqual([]);
  await context.close();
});

test('the server\'s own refusal of the signature is shown at the field', async () => {
  const link = await sendEstimate('est_refused', { signature: 'typed', deposit: null, scheduling: null });
  const { context, page, errors } = await freshPage();
  await page.route('**/api/estimates/est_refused/approve', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/problem+json',
      json: { type: 'about:blank', title: 'Bad request', status: 400, detail: 'This estimate needs your signature to be approved.', errors: [{ field: 'signature.name', message: 'is required: type your full name to sign' }] },
    }),
  );
  await page.goto(link);
  await page.getByRole('radio', { name: 'Best', exact: true }).check();
  await page.getByLabel('Type your full name').fill('J');
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('Is required: type your full name to sign.').waitFor();
  await page.getByRole('alert').getByText('This estimate needs your signature to be approved.').waitFor();
  await expect(focusSettles(page, 'signature-name')).resolves.toBe('signature-name');
  await expect(page.getByLabel('Type your full name').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(errors).toEqual([]);
  await context.close();
});

test('an estimate changed while it was open: approving says so and shows the new version to sign again', async () => {
  const link = await sendEstimate('est_changed', { signature: 'typed', deposit: null, scheduling: null });
  const { context, page, errors } = await freshPage();
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-CHANGED' }).waitFor();
  // The business edits it meanwhile: a new version.
  const edited = await businessApi(stack, 'PUT', '/estimates/est_changed', estimateBody('est_changed', { signature: 'typed', deposit: null, scheduling: null, title: 'New water heater at 12 Elm Street (revised)' }));
  expect(edited.status).toBe(200);

  await page.getByRole('radio', { name: 'Good', exact: true }).check();
  await page.getByLabel('Type your full name').fill('Jordan Rivera');
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  const notice = page.locator('#estimate-notice');
  await notice.getByText(/has changed since you opened it/).waitFor();
  await notice.getByText(/read it, then choose and sign again/).waitFor();
  await expect(focusSettles(page, 'estimate-notice')).resolves.toBe('estimate-notice');
  await page.getByText('New water heater at 12 Elm Street (revised)').waitFor();
  // The new version starts unchosen and unaccepted.
  await expect(page.getByRole('checkbox', { name: 'I accept the terms' }).isChecked()).resolves.toBe(false);
  await expect(page.getByRole('radio', { name: 'Good', exact: true }).isChecked()).resolves.toBe(false);

  // Approving the new version works.
  await page.getByRole('radio', { name: 'Good', exact: true }).check();
  await page.getByLabel('Type your full name').fill('Jordan Rivera');
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('heading', { level: 2, name: 'You approved this estimate' }).waitFor();
  // No scheduling, no deposit: the business will be in touch.
  await page.getByRole('heading', { level: 2, name: 'Thank you' }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('a slot taken meanwhile: the times still open are offered, and one of them books', async () => {
  const gone = await putSlot('slot_taken_a', 6, 16, 30);
  const left = await putSlot('slot_taken_b', 6, 18, 30);
  const link = await sendEstimate('est_taken', { signature: 'typed', deposit: null });
  const { context, page, errors } = await freshPage();
  await page.goto(link);
  await page.getByRole('radio', { name: 'Good', exact: true }).check();
  await page.getByLabel('Type your full name').fill('Jordan Rivera');
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  const picker = page.getByRole('region', { name: 'Choose a time for the visit' });
  await picker.getByRole('radio', { name: gone.time }).first().waitFor();

  // Someone else books the first time first: the API answers 409 with the ones still open (here, just the other one).
  await page.route('**/api/estimates/est_taken/schedule', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/problem+json',
      json: {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'Someone just booked that time. Please pick another.',
        slots: [{ id: left.id, start: left.start, end: left.end }],
      },
    }),
  );
  await picker.getByRole('group', { name: gone.day }).getByRole('radio', { name: gone.time }).check();
  await picker.getByRole('button', { name: 'Book this time' }).click();
  await picker.getByText('Sorry, that time was just booked by someone else. Choose another time.').waitFor();
  await expect(focusSettles(page, 'slot-error')).resolves.toBe('slot-error');
  await expect(picker.getByRole('radio').count()).resolves.toBe(1);
  await expect(picker.getByRole('radio', { name: gone.time }).count()).resolves.toBe(0);
  await checkPage(page, 'estimate: slot taken');

  await page.unroute('**/api/estimates/est_taken/schedule');
  await picker.getByRole('radio', { name: left.time }).check();
  await picker.getByRole('button', { name: 'Book this time' }).click();
  const booked = page.getByRole('region', { name: 'Your visit is booked' });
  await booked.waitFor();
  expect(plain(await booked.innerText())).toContain(`${left.day} · ${left.time}`);
  expect(errors).toEqual([]);
  await context.close();
});

test('declining, with a reason: the page says so with Acme\'s contact, and the business sees it', async () => {
  const link = await sendEstimate('est_decline', { signature: 'typed' });
  const { context, page, errors } = await freshPage();
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-DECLINE' }).waitFor();
  await page.getByRole('button', { name: 'Decline' }).click();
  const panel = page.getByRole('region', { name: 'Decline this estimate' });
  await panel.waitFor();
  await expect(focusSettles(page, 'decline-reason')).resolves.toBe('decline-reason');
  // "Keep it open" closes the panel and goes back to Decline.
  await panel.getByRole('button', { name: 'Keep it open' }).click();
  await expect(panel.count()).resolves.toBe(0);
  await page.getByRole('button', { name: 'Decline' }).click();
  await page.getByLabel('Reason (optional)').fill('We went with another quote.');
  await checkPage(page, 'estimate: declining');
  await page.getByRole('button', { name: 'Decline estimate' }).click();

  const decided = page.getByRole('region', { name: 'You declined this estimate' });
  await decided.waitFor();
  await expect(focusSettles(page, 'decision-heading')).resolves.toBe('decision-heading');
  const text = await decided.innerText();
  expect(text).toContain('Your reason: “We went with another quote.”');
  expect(text).toContain('Contact Acme Plumbing & Heating at (555) 555-0100 or office@acme-plumbing.example.');
  await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
  await expect(page.getByRole('main').innerText()).resolves.toContain('Declined');
  expect((await businessApi(stack, 'GET', '/estimates/est_decline')).body).toMatchObject({ status: 'declined' });
  await checkPage(page, 'estimate: declined');
  expect(errors).toEqual([]);
  await context.close();
});

test('a made-up link, a cut-off one and a withdrawn one each show a clear page with Acme\'s contact', async () => {
  const { context, page, calls, errors } = await freshPage();

  // Cut off: not even sent.
  await page.goto(`${stack.url}/acme/estimate#token=made-up`);
  await page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
  await page.getByRole('main').getByText('For a new link, contact Acme Plumbing & Heating at (555) 555-0100 or office@acme-plumbing.example.').waitFor();
  expect(calls).not.toContain('GET /api/link');
  await checkPage(page, 'estimate link: not valid');

  // Well-formed but unknown: the API cannot tell it from a withdrawn one.
  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/estimate#token=${'A'.repeat(43)}`);
  await page.getByRole('heading', { level: 1, name: /This link (has expired or was withdrawn|is not valid)/ }).waitFor();
  await page.getByRole('main').getByText(/For a new link, contact Acme Plumbing & Heating/).waitFor();

  // Withdrawn by the business.
  const link = await sendEstimate('est_revoked', { signature: 'typed' });
  expect((await businessApi(stack, 'POST', '/estimates/est_revoked/links/revoke', {})).status).toBe(200);
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'This link has expired or was withdrawn' }).waitFor();
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: '(555) 555-0100' }).getAttribute('href')).resolves.toBe('tel:+15555550100');
  await expect(main.getByRole('link', { name: 'office@acme-plumbing.example' }).getAttribute('href')).resolves.toBe('mailto:office@acme-plumbing.example');
  await expect(page.evaluate(() => sessionStorage.getItem('portal.payLink'))).resolves.toBeNull();
  await checkPage(page, 'estimate link: withdrawn');

  expect(calls.filter((c) => c.includes('/api/auth/'))).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('an estimate link opened at /link or /pay goes to its own page', async () => {
  const link = await sendEstimate('est_swap', { signature: 'typed' });
  const token = link.split('#token=')[1]!;
  const { context, page, errors } = await freshPage();
  await page.goto(`${stack.url}/acme/link#token=${token}`);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-SWAP' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/estimate`);
  await expect(page.getByRole('button', { name: 'Sign in' }).count()).resolves.toBe(0);
  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/pay#token=${token}`);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-SWAP' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/estimate`);
  expect(errors).toEqual([]);
  await context.close();
});
