/**
 * Financing before checkout in real Chromium (issue 17, rough edge 12): an invoice whose balance
 * Affirm can finance shows Stripe's Payment Method Messaging (the local sandbox's stand-in,
 * loaded from its own origin under the page's CSP), and the customer can check their purchasing
 * power with the keyboard alone; a balance Affirm cannot take shows nothing and loads no script.
 */
import type { Browser } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, businessApi, phone, recordPageErrors } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const day = 24 * 3600_000;

/** A fresh open invoice of Jordan's at Acme, sent by email; its pay link. */
async function sendPayLink(id: string, cents: number): Promise<string> {
  const number = id.toUpperCase().replace(/_/g, '-');
  const written = await businessApi(stack, 'PUT', `/invoices/${id}`, {
    customerId: seed.jordan.id,
    number,
    issuedAt: new Date(Date.now() - day).toISOString(),
    dueAt: new Date(Date.now() + 30 * day).toISOString(),
    currency: 'USD',
    lines: [{ description: 'Water heater', quantity: 1, unitAmount: cents }],
  });
  expect(written.status).toBe(201);
  expect((await businessApi(stack, 'POST', `/invoices/${id}/send`, { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  return (await stack.outbox.waitFor((m) => m.text.includes(number) && m.link !== null)).link!;
}

test('an eligible balance shows Affirm\'s monthly example from Stripe\'s element; the customer checks their purchasing power by keyboard', async () => {
  const link = await sendPayLink('inv_fin_1250', 125_000);
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(link);

  const financing = page.getByRole('group', { name: 'Financing with Affirm' });
  await financing.waitFor();
  const frame = page.frameLocator('.financing iframe');
  await expect(frame.getByText('As low as $104.17/mo with Affirm').waitFor()).resolves.toBeUndefined();
  // Stripe.js came from the sandbox's origin, the one third-party origin the page's CSP allows.
  expect(scripts.filter((url) => !url.startsWith(stack.url))).toEqual([`${stack.stripe!.origin}/v3/stripe.js`]);

  // Keyboard only: Tab from the page into the frame's link, Enter opens the pre-qualification.
  const check = frame.getByRole('link', { name: 'Check your purchasing power' });
  await page.locator('.financing').focus().catch(() => undefined);
  let focused = false;
  for (let i = 0; i < 30 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await check.evaluate((el) => el === document.activeElement && document.hasFocus()).catch(() => false);
  }
  expect(focused).toBe(true);
  // Inside the frame, the focused link draws its own indicator (the page cannot style another origin's frame).
  await expect(check.evaluate((el) => getComputedStyle(el).outlineStyle)).resolves.not.toBe('none');
  const [prequal] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await prequal.waitForLoadState();
  await prequal.getByLabel('Full name').fill('Jordan Lee');
  await prequal.keyboard.press('Enter');
  await prequal.getByRole('status').getByText(/pre-qualified for up to/).waitFor();

  expect(errors).toEqual([]);
  await context.close();
});

test('a balance Affirm cannot take (under USD 50) shows no financing and loads no third-party script', async () => {
  const link = await sendPayLink('inv_fin_40', 4_000);
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(link);
  await page.getByRole('button', { name: /^Pay \$40\.00$/ }).waitFor();
  expect(await page.locator('.financing').count()).toBe(0);
  expect(requests.filter((url) => !url.startsWith(stack.url) || url.includes('/financing'))).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('an estimate from its link shows financing for the option the customer chooses, and follows the choice', async () => {
  const id = 'est_fin_1';
  const written = await businessApi(stack, 'PUT', `/estimates/${id}`, {
    customerId: seed.jordan.id,
    number: 'EST-FIN-1',
    title: 'New furnace',
    currency: 'USD',
    expiresAt: new Date(Date.now() + 30 * day).toISOString(),
    terms: 'Payment due on completion.',
    options: [
      { id: 'good', name: 'Good', description: 'Repair.', lines: [{ description: 'Repair', quantity: 1, unitAmount: 3_000 }], taxAmount: 0, recommended: false },
      { id: 'best', name: 'Best', description: 'New furnace.', lines: [{ description: 'Furnace', quantity: 1, unitAmount: 360_000 }], taxAmount: 0, recommended: true },
    ],
    signature: 'none',
    deposit: null,
    scheduling: null,
    address: { line1: '12 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  });
  expect(written.status).toBe(201);
  expect((await businessApi(stack, 'POST', `/estimates/${id}/send`, { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  const link = (await stack.outbox.waitFor((m) => m.text.includes('EST-FIN-1') && m.link !== null)).link!;

  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(link);
  // $3,600.00 over 12 months in the sandbox's example: $300.00.
  await page.getByRole('radio', { name: /Best/ }).check();
  await page.frameLocator('.financing iframe').getByText('As low as $300.00/mo with Affirm').waitFor();
  // $30.00 is under Affirm's least: the element goes.
  await page.getByRole('radio', { name: /Good/ }).check();
  await page.waitForFunction(() => document.querySelector('.financing') === null);
  expect(errors).toEqual([]);
  await context.close();
});
