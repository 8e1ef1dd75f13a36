/**
 * The customer's own account (issue 18 §4) in real Chromium against the local stack, keyboard
 * only: from the customer's name in the header to Your account, Signed-in devices (signing another
 * browser out, which is then refused) and Live links (withdrawing a pay link, which then opens
 * nothing). At every page: axe, no sideways scroll, focus visible, targets of 24 px, reflow at
 * 320 px and at 200 % (keyboard-support.ts).
 */
import type { Browser } from 'playwright-core';
import { demo } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, businessApi, checkPage, meStatus, phone, recordPageErrors, signInAsJordan } from './browser-support';
import { auditPage, focused, named, tabTo } from './keyboard-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

test('from the name in the header to Your account and Signed-in devices, by keyboard: another browser is signed out and refused from then on', async () => {
  // Another browser of Jordan's, signed in first: a desktop.
  const elsewhere = await browser.newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' });
  const other = await signInAsJordan(stack, elsewhere);
  await expect(meStatus(other)).resolves.toBe(200);

  const context = await browser.newContext({ viewport: phone, userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36' });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  await page.getByRole('link', { name: 'Bathroom faucet installation' }).waitFor();

  // The header's name is the way to the account.
  await tabTo(page, named(/Jordan Rivera \(your account\)/, 'A'), { back: false });
  await page.keyboard.press('Enter');
  await page.waitForURL(`${stack.url}/acme/profile`);
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await page.getByRole('link', { name: 'Signed-in devices' }).waitFor();
  expect((await focused(page)).tag).toBe('H1');
  await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe(demo.jordan.name);
  const details = await page.locator('main').innerText();
  for (const shown of [demo.jordan.email, '(555) 555-0123']) expect(details).toContain(shown);
  await checkPage(page, 'your account (360 px)');
  await auditPage(page, 'your account');

  await tabTo(page, named('Signed-in devices', 'A'));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${stack.url}/acme/profile/devices`);
  await page.getByRole('heading', { level: 1, name: 'Signed-in devices' }).waitFor();
  const thisOne = page.locator('li.card', { hasText: 'This device' });
  await thisOne.waitFor();
  await expect(thisOne.getByRole('heading').innerText()).resolves.toBe('Chrome 131 on Android 14');
  const firefox = page.locator('li.card', { hasText: 'Firefox 133 on Windows' }).first();
  await firefox.waitFor();
  await checkPage(page, 'signed-in devices (360 px)');
  await auditPage(page, 'signed-in devices');

  // Sign the desktop out: its button says which device.
  const before = await page.locator('li.card').count();
  await tabTo(page, named(/^Sign out Firefox 133 on Windows$/, 'BUTTON'));
  await page.keyboard.press('Enter');
  const notice = page.getByRole('status').filter({ hasText: 'Firefox 133 on Windows is signed out.' });
  await notice.waitFor();
  // The row has gone with its button: focus is on the message saying so.
  expect((await focused(page)).name).toBe('Firefox 133 on Windows is signed out.');
  await expect(page.locator('li.card').count()).resolves.toBe(before - 1);
  await expect(meStatus(other)).resolves.toBe(401);
  await other.reload();
  await other.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await expect(meStatus(page)).resolves.toBe(200);

  // Back to the account page by its link above the heading.
  await tabTo(page, named('Your account', 'A'), { back: true });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  expect(errors).toEqual([]);
  await Promise.all([context.close(), elsewhere.close()]);
});

test('Live links: a pay link sent by email is listed with where it went and when it expires; withdrawn by keyboard, it opens nothing', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  const before = stack.outbox.messages()[0]?.id ?? 0;
  expect((await businessApi(stack, 'POST', '/invoices/inv_1080/send', { channel: 'email' })).status).toBe(202);
  const sent = await stack.outbox.waitFor((m) => m.id > before && m.to === demo.jordan.email && m.link !== null, 10_000);
  const payLink = sent.link!;

  await page.goto(`${stack.url}/acme/profile/links`);
  await page.getByRole('heading', { level: 1, name: 'Live links' }).waitFor();
  const card = page.locator('li.card', { hasText: 'Pay link for invoice INV-1080' }).first();
  await card.waitFor();
  const text = await card.innerText();
  expect(text).toContain('j•••@example.com by email');
  expect(text).toMatch(/Expires/);
  expect(await page.locator('main').innerText()).not.toContain(new URL(payLink).hash.slice('#token='.length));
  await checkPage(page, 'live links (320 px)');
  await auditPage(page, 'live links');

  await tabTo(page, named(/^Withdraw Pay link for invoice INV-1080$/, 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Pay link for invoice INV-1080 is withdrawn: it no longer opens anything.' }).waitFor();
  expect((await focused(page)).name).toBe('Pay link for invoice INV-1080 is withdrawn: it no longer opens anything.');

  // The withdrawn link, opened in a browser that never signed in: it says so, and shows no invoice.
  const stranger = await browser.newContext();
  const opened = await stranger.newPage();
  await opened.goto(payLink);
  await opened.getByRole('heading', { level: 1 }).filter({ hasText: /no longer|not valid|expired|withdrawn/i }).waitFor();
  await expect(opened.locator('main').innerText()).resolves.not.toContain('INV-1080');
  expect(errors).toEqual([]);
  await Promise.all([context.close(), stranger.close()]);
});
