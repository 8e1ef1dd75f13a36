/**
 * The walk-through's layout findings at 390×844 (an iPhone 12–15), issue 17 §4.10, in real
 * Chromium against the local stack:
 * - the signed-in header takes far less than the 275 px it took (a third of the screen), and keeps
 *   its height when the session answers (Lighthouse measured a layout shift there);
 * - after Approve, the next step (pay the deposit) and its button are on screen without scrolling;
 * - a phone number never breaks across lines (at 390 and at 320 px);
 * - a link page shows the business's contact line once (not in the page and again in the footer).
 */
import type { Browser, Page } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, businessApi, recordPageErrors, signInAsJordan } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const iphone = { width: 390, height: 844 };
const day = 24 * 3600_000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** Every tel: link's line boxes: one each when no number breaks. */
function phoneLines(page: Page): Promise<{ text: string; lines: number }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('a[href^="tel:"]')).map((a) => {
      // Line boxes of the text itself (an inline element's client rects are one per line).
      const range = document.createRange();
      range.selectNodeContents(a);
      const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      return { text: a.textContent ?? '', lines: tops.size };
    }),
  );
}

/** How many times the page's visible text names the business's phone number. */
const phoneMentions = (page: Page) => page.evaluate(() => (document.body.innerText.match(/\(555\) 555-0100/g) ?? []).length);

async function sendEstimate(id: string): Promise<string> {
  const written = await businessApi(stack, 'PUT', `/estimates/${id}`, {
    customerId: seed.jordan.id,
    number: id.toUpperCase().replace(/_/g, '-'),
    title: 'New water heater at 12 Elm Street',
    currency: 'USD',
    expiresAt: iso(Date.now() + 30 * day),
    terms: 'Work is guaranteed for one year.',
    options: [
      { id: 'repair', name: 'Repair', description: 'Repair the water heater you have.', lines: [{ description: 'Thermocouple', quantity: 1, unitAmount: 18_500 }], taxAmount: 0, recommended: false },
      { id: 'replace', name: 'Replace', description: 'A new 40-gallon gas water heater.', lines: [{ description: '40-gallon gas water heater', quantity: 1, unitAmount: 95_000 }], taxAmount: 0, recommended: true },
    ],
    signature: 'typed',
    deposit: { percent: 25 },
    scheduling: { durationMinutes: 120 },
    address: { line1: '12 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  });
  expect({ status: written.status, body: written.body }).toMatchObject({ status: 201 });
  expect((await businessApi(stack, 'POST', `/estimates/${id}/send`, { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  return stack.outbox.messages().find((m) => m.link?.includes('/acme/estimate#token='))!.link!;
}

// The header holds the language switcher's row too (a 24 px target on every page, issue 17 §1): 128 px
// at most, under half of the 275 it took.
test('the signed-in header takes at most 128 px of 844 (it took 275), on every menu page', async () => {
  const context = await browser.newContext({ viewport: iphone });
  const page = await signInAsJordan(stack, context);
  const heights: string[] = [];
  for (const path of ['jobs', 'estimates', 'invoices']) {
    await page.goto(`${stack.url}/acme/${path}`);
    await page.getByRole('navigation', { name: 'Portal' }).waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const header = await page.getByRole('banner').boundingBox();
    const height = Math.round(header!.height);
    heights.push(`${path}: ${height} px`);
    // The number itself in the failure: "height: 131" where at most 128 was wanted.
    expect({ path, height }).toEqual({ path, height: Math.min(height, 128) });
    // The customer's name and the menu are still there, and the menu's links are big enough to press.
    await expect(page.getByRole('banner').innerText()).resolves.toContain('Jordan Rivera');
    for (const link of await page.getByRole('navigation', { name: 'Portal' }).getByRole('link').all()) {
      const box = (await link.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
  }
  process.stdout.write(`signed-in header at 390×844: ${heights.join(', ')}\n`);
  await context.close();
});

// Lighthouse measured a layout shift of 0.064 on the signed-in pages (the goal: under 0.05): the
// header grew by Sign out's and the menu's rows when the session answered, pushing the page down,
// and the footer, held below the fold while the page loaded, moved up into view when it had.
test('the signed-in header keeps its height when the session answers, and the footer shows where it stays: nothing moves', async () => {
  const context = await browser.newContext({ viewport: iphone });
  await (await signInAsJordan(stack, context)).close();
  const page = await context.newPage();
  // Every layout shift of the load that no input caused, as Chromium reports them.
  await page.addInitScript(() => {
    (window as unknown as { shifts: number[] }).shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) (window as unknown as { shifts: number[] }).shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // The session's answer is held back until the header has been measured without it.
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/session', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${stack.url}/acme/jobs`);
  await page.getByRole('banner').waitFor();
  const before = (await page.getByRole('banner').boundingBox())!.height;
  answer();
  await page.getByRole('navigation', { name: 'Portal' }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const after = (await page.getByRole('banner').boundingBox())!.height;
  expect(Math.round(after)).toBe(Math.round(before));
  const shift = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((sum, value) => sum + value, 0));
  expect(shift).toBeLessThan(0.01);
  // What held the room is gone, and was never there for a screen reader.
  await expect(page.locator('.header-placeholder').count()).resolves.toBe(0);
  await context.close();
});

test('after Approve, the deposit step and its "Pay deposit" button are on screen without scrolling', async () => {
  const link = await sendEstimate('est_fold');
  const context = await browser.newContext({ viewport: iphone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-FOLD' }).waitFor();
  await page.getByRole('radio', { name: 'Replace', exact: true }).check();
  await page.locator('#signature-name').fill('Jordan Rivera');
  await page.getByRole('checkbox', { name: 'I accept the terms' }).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  const pay = page.getByRole('button', { name: /^Pay deposit \$/ });
  await pay.waitFor();
  // Measured once the page has moved to the decision (focus and scroll go together), not after a guessed sleep.
  await page.waitForFunction(() => document.activeElement?.id === 'decision-heading', undefined, { timeout: 5_000 });
  const box = (await pay.boundingBox())!;
  expect({ top: Math.round(box.y), bottom: Math.round(box.y + box.height), within: box.y >= 0 && box.y + box.height <= iphone.height }).toEqual({
    top: expect.any(Number),
    bottom: expect.any(Number),
    within: true,
  });
  const heading = (await page.getByRole('heading', { level: 2, name: 'Pay the deposit' }).boundingBox())!;
  expect(heading.y).toBeGreaterThanOrEqual(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('phone numbers never break across lines at 390, 320 and 280 px (the business\'s and the customer\'s, on a job and on the invoices)', async () => {
  const context = await browser.newContext({ viewport: iphone });
  const page = await signInAsJordan(stack, context);
  const pages = [`${stack.url}/acme/jobs/job_fc1090`, `${stack.url}/acme/invoices`];
  for (const width of [390, 320, 280]) {
    await page.setViewportSize({ width, height: 844 });
    for (const url of pages) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('a[href^="tel:"]').first().waitFor();
      const lines = await phoneLines(page);
      expect(lines.length).toBeGreaterThan(0);
      expect({ width, url, lines }).toEqual({ width, url, lines: lines.map((l) => ({ ...l, lines: 1 })) });
    }
  }
  await context.close();
});

test('a link page shows the business contact line once, not again in the footer', async () => {
  const link = await sendEstimate('est_contact_once');
  const context = await browser.newContext({ viewport: iphone });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Estimate EST-CONTACT-ONCE' }).waitFor();
  await page.locator('a[href^="tel:"]').first().waitFor();
  await expect(phoneMentions(page)).resolves.toBe(1);

  // A pay link, and a link that no longer opens anything: once each as well.
  const invoice = await businessApi(stack, 'PUT', '/invoices/inv_contact_once', {
    customerId: seed.jordan.id,
    number: 'INV-CONTACT-ONCE',
    issuedAt: iso(Date.now() - day),
    dueAt: iso(Date.now() + 30 * day),
    currency: 'USD',
    lines: [{ description: 'Boiler service', quantity: 1, unitAmount: 9_900 }],
  });
  expect(invoice.status).toBe(201);
  expect((await businessApi(stack, 'POST', '/invoices/inv_contact_once/send', { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  const payLink = stack.outbox.messages().find((m) => m.link?.includes('/acme/pay#token='))!.link!;
  await page.goto('about:blank');
  await page.goto(payLink);
  await page.getByRole('heading', { level: 1, name: 'Invoice INV-CONTACT-ONCE' }).waitFor();
  await page.locator('a[href^="tel:"]').first().waitFor();
  await expect(phoneMentions(page)).resolves.toBe(1);

  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/pay#token=${'A'.repeat(43)}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('a[href^="tel:"]').first().waitFor();
  await expect(phoneMentions(page)).resolves.toBe(1);

  // A signed-in page with no contact line of its own keeps the footer's.
  const signedIn = await signInAsJordan(stack, context);
  await signedIn.getByRole('heading', { level: 1, name: 'Work history' }).waitFor();
  await signedIn.locator('footer a[href^="tel:"]').waitFor();
  await expect(phoneMentions(signedIn)).resolves.toBe(1);
  await context.close();
});
