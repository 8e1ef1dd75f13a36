/**
 * The walk-through's signed-in journeys with the keyboard alone (WCAG 2.1.1), in real Chromium
 * against the local stack: sign in by email and by text message, the work history, a message
 * each way on a job, and signing out. No clicks: Tab, Shift+Tab, Enter, Space and the arrow
 * keys. At every focus stop, focus is visible and not under anything (keyboard-support.ts); on
 * every page state, targets are at least 24 px (or spaced) and the page reflows at 320 px and at
 * 200 % zoom.
 */
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../infra/local/stack';
import { demo as seed } from '../../infra/local/seed';
import { browserSuite, businessApi, phone, recordPageErrors } from './browser-support';
import { auditPage, focused, named, press, tabTo } from './keyboard-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

/** Waits for the newest outbox message to `to` after `before`, and returns its link. */
async function linkSentTo(to: string, before: number): Promise<string> {
  const message = await stack.outbox.waitFor((m) => m.id > before && m.to === to && m.link !== null, 10_000);
  return message.link!;
}

const newest = () => stack.outbox.messages()[0]?.id ?? 0;

/** From a link page: Tab to "Sign in", Enter, Home, and on to the work history by its menu link. */
async function signInFromLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await auditPage(page, 'sign-in link landing');
  await tabTo(page, named('Sign in', 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${stack.url}/acme/home`);
  await page.getByRole('heading', { level: 2, name: 'To pay' }).waitFor();
  await auditPage(page, 'home');
  await tabTo(page, named('Work history', 'A'));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${stack.url}/acme/jobs`);
  await page.getByRole('heading', { level: 1, name: 'Work history' }).waitFor();
}

test('sign in by email, the work history by tabs and arrows, a job, a message each way, and sign out: keyboard only', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);

  // --- sign-in page: the skip link first, then "Email" (already chosen), the address, the button ---
  await page.goto(`${stack.url}/acme/`);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await auditPage(page, 'sign-in');
  expect((await press(page, 'Tab')).name).toBe('Skip to content');
  await tabTo(page, (f) => f.id === 'contact');
  await page.keyboard.type('jordan@example.com');
  const before = newest();
  await tabTo(page, named('Send me a sign-in link', 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
  await auditPage(page, 'check your inbox');

  await signInFromLink(page, await linkSentTo('jordan@example.com', before));
  await auditPage(page, 'work history');

  // --- work history: to the tabs, the arrow keys switch them, Tab goes into the list ---
  await tabTo(page, (f) => f.role === 'tab' && f.name === 'Upcoming');
  await press(page, 'ArrowRight');
  await page.waitForURL(`${stack.url}/acme/jobs?when=past`);
  expect((await focused(page)).name).toBe('Past');
  await page.getByRole('link', { name: 'Water heater replacement' }).waitFor();
  await auditPage(page, 'work history, past');
  await press(page, 'ArrowLeft');
  await page.waitForURL(`${stack.url}/acme/jobs`);
  await page.getByRole('link', { name: 'Bathroom faucet installation' }).waitFor();
  await tabTo(page, named('Bathroom faucet installation', 'A'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Bathroom faucet installation' }).waitFor();
  // The whole page, with the messages section (its own chunk, which can come after the h1).
  await page.getByLabel('Your message').waitFor();
  await auditPage(page, 'job');

  // --- a message from the business, then one back: Tab to the box, type, Tab to Send, Enter ---
  const fromAcme = `Dev is bringing the new faucet (${Date.now()}).`;
  expect((await businessApi(stack, 'POST', '/jobs/job_fc1090/messages', { text: fromAcme })).status).toBe(201);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Bathroom faucet installation' }).waitFor();
  await page.getByRole('region', { name: 'Messages' }).getByText(fromAcme).waitFor();
  await tabTo(page, named('Your message', 'TEXTAREA'));
  await page.keyboard.type('Thanks, the gate code is 4512.');
  await tabTo(page, named('Send', 'BUTTON'));
  await page.keyboard.press('Enter');
  await page.locator('[aria-live="polite"]', { hasText: 'Message sent' }).waitFor({ state: 'attached' });
  const stored = (await businessApi(stack, 'GET', '/jobs/job_fc1090/messages')).body as { items: { text: string }[] };
  expect(stored.items.map((m) => m.text)).toContain('Thanks, the gate code is 4512.');
  await auditPage(page, 'job with a message each way');

  // --- sign out: back up to the header with Shift+Tab, Enter ---
  await tabTo(page, named('Sign out', 'BUTTON'), { back: true, max: 120 });
  await page.keyboard.press('Enter');
  await page.waitForURL(`${stack.url}/acme/`);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();

  expect(errors).toEqual([]);
  await context.close();
});

test('sign in by text message: the arrow keys choose "Text message", the number, Enter; the texted link signs in', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/`);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();

  await tabTo(page, (f) => f.type === 'radio' && f.name === 'Email');
  await press(page, 'ArrowRight');
  expect(await focused(page)).toMatchObject({ type: 'radio', name: 'Text message' });
  await page.getByLabel('Mobile number').waitFor();
  await auditPage(page, 'sign-in by text');
  await tabTo(page, (f) => f.id === 'contact');
  await page.keyboard.type('(555) 555-0123');
  const before = newest();
  // Enter in the field sends the form.
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).or(page.getByRole('heading', { level: 1, name: /Check your (phone|messages)/ })).waitFor();

  await signInFromLink(page, await linkSentTo(seed.jordan.phone, before));
  await expect(page.getByRole('banner').innerText()).resolves.toContain('Jordan Rivera');
  expect(errors).toEqual([]);
  await context.close();
});
