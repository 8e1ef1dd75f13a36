/**
 * The sign-in flow and the work history in real Chromium, against the local stack (the real
 * handlers on dynalite, the outbox for email) serving the built portal on the same origin.
 *
 * What matters most here: a mail scanner that opens the sign-in link, even running the page's
 * script, must neither sign in nor use the link up (security.md item 4); only the person's
 * "Sign in" press does. The link page names the business the link belongs to, whatever portal
 * it was opened under. Every page is also checked at 360 px for horizontal scroll and with
 * axe-core for serious or critical accessibility violations.
 */
import type { Browser } from 'playwright-core';
import type { Clock } from '../../shared/kernel/types';
import type { LocalStack } from '../../infra/local/stack';
import {
  browserSuite,
  checkPage,
  expectSecurityHeaders,
  meStatus,
  phone,
  recordApiCalls,
  recordPageErrors,
  requestLink,
  useLink,
  expectTitle,
} from './browser-support';

let stack: LocalStack;
let browser: Browser;
/** Added to the stack's clock: moves it past a link's expiry. */
let clockOffsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + clockOffsetMs) };

browserSuite((started) => ({ stack, browser } = started), { clock });

test('sign in by email link, browse the work history, open a job, sign out', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);

  // --- sign-in page ---
  const signInResponse = await page.goto(`${stack.url}/acme/`);
  expectSecurityHeaders(signInResponse);
  // The page draws once its language's words have arrived (start.ts): wait for it, don't sample it.
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await expectTitle(page, 'Acme Plumbing & Heating – Sign in');
  await checkPage(page, 'sign-in');

  await page.getByLabel('Email address').fill('jordan@example.com');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();

  // --- check your inbox ---
  await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
  await page.waitForURL(`${stack.url}/acme/check`);
  await expect(page.locator('main').innerText()).resolves.toContain('jordan@example.com');
  await checkPage(page, 'check your inbox');

  const message = await stack.outbox.waitFor((m) => m.to === 'jordan@example.com', 10_000);
  const link = /https?:\/\/\S+/.exec(message.text)?.[0];
  expect(link).toMatch(new RegExp(`^${stack.url}/acme/link#token=[A-Za-z0-9_-]{43}$`));

  // --- a mail scanner: HEAD and GET without cookies, then a cookie-less browser running the script ---
  for (const method of ['HEAD', 'GET']) {
    const scanned = await fetch(link!, { method, redirect: 'manual' });
    expect(scanned.status).toBe(200);
    expect(scanned.headers.get('set-cookie')).toBeNull();
    expect(scanned.headers.get('referrer-policy')).toBe('no-referrer');
  }
  const scannerContext = await browser.newContext();
  const scanner = await scannerContext.newPage();
  const scannerCalls = recordApiCalls(scanner);
  const scannerResponse = await scanner.goto(link!, { waitUntil: 'networkidle' });
  expectSecurityHeaders(scannerResponse);
  await scanner.getByRole('button', { name: 'Sign in' }).waitFor();
  await scanner.waitForLoadState('networkidle');
  // It looked the link up (a read that uses nothing), and wrote nothing.
  expect(scannerCalls).toContain('GET /api/link');
  expect(scannerCalls.filter((c) => !c.startsWith('GET '))).toEqual([]);
  expect(scannerCalls).not.toContain('POST /api/auth/verify');
  await expect(meStatus(scanner)).resolves.toBe(401);
  expect(await scannerContext.cookies()).toEqual([]);
  await scannerContext.close();

  // --- the person opens the link: nothing happens until they press Sign in ---
  const calls = recordApiCalls(page);
  const landingResponse = await page.goto(link!, { waitUntil: 'networkidle' });
  expectSecurityHeaders(landingResponse);
  await page.getByRole('heading', { level: 1, name: 'Sign in to Acme Plumbing & Heating' }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(calls).not.toContain('POST /api/auth/verify');
  await expect(meStatus(page)).resolves.toBe(401);
  await checkPage(page, 'sign-in link landing');

  await page.getByRole('button', { name: 'Sign in' }).click();

  // --- Home, then the work history (the scanner did not use the link up: this sign-in works) ---
  await page.waitForURL(`${stack.url}/acme/home`);
  expect(new URL(page.url()).hash).toBe('');
  expect(calls.filter((c) => c === 'POST /api/auth/verify')).toHaveLength(1);
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Work history' }).click();
  await page.getByRole('heading', { level: 1, name: 'Work history' }).waitFor();
  await expect(page.getByRole('banner').innerText()).resolves.toContain('Jordan Rivera');
  await page.getByRole('link', { name: 'Bathroom faucet installation' }).waitFor();
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
  await expect(page.getByRole('tab', { name: 'Upcoming' }).getAttribute('aria-selected')).resolves.toBe('true');
  // Another customer's job never shows.
  await expect(page.getByText('Garbage disposal replacement').count()).resolves.toBe(0);
  await checkPage(page, 'work history (upcoming)');

  // Arrow keys move between tabs.
  await page.getByRole('tab', { name: 'Upcoming' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Past' }).getAttribute('aria-selected')).resolves.toBe('true');
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Past');
  await page.getByRole('link', { name: 'Water heater replacement' }).waitFor();
  expect(page.url()).toBe(`${stack.url}/acme/jobs?when=past`);
  await checkPage(page, 'work history (past)');

  // --- a job ---
  await page.getByRole('link', { name: 'Water heater replacement' }).click();
  await page.getByRole('heading', { level: 1, name: 'Water heater replacement' }).waitFor();
  // Waited for, not read once: the Messages section is its own chunk, which can come after the h1.
  for (const section of ['Details', 'Messages', 'Charges & payments', 'Notes', 'Attachments']) {
    await page.getByRole('heading', { level: 2, name: section }).waitFor();
  }
  await expect(page.locator('main').innerText()).resolves.toContain('Job J-1041');
  await expect(page.getByRole('region', { name: 'Details' }).innerText()).resolves.toMatch(/Arrival window\s+\d{1,2}:\d\d\s[AP]M – \d{1,2}:\d\d\s[AP]M/);
  await expect(page.getByRole('region', { name: 'Details' }).innerText()).resolves.toContain('Maria Lopez');
  // The charges: what and how much, with the count and unit price under a line of several.
  const charges = page.getByRole('table', { name: 'Charges' });
  await expect(charges.getByRole('columnheader').allInnerTexts()).resolves.toEqual(['Item', 'Amount']);
  await expect(charges.getByRole('row', { name: /Labour \(hours\)/ }).innerText()).resolves.toMatch(/^Labour \(hours\)\s+4 × \$125\.00\s+\$500\.00$/);
  await expect(charges.getByRole('row', { name: /Expansion tank/ }).innerText()).resolves.toMatch(/^Expansion tank\s+\$89\.00$/);
  // Focus moved to the new page's heading, and the page change was announced.
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
  await page.locator('[aria-live="polite"]', { hasText: 'Water heater replacement' }).waitFor({ state: 'attached' });
  await expectTitle(page, 'Acme Plumbing & Heating – Water heater replacement');
  await checkPage(page, 'job detail');

  // Back to the list keeps the tab.
  await page.getByRole('link', { name: 'All jobs' }).click();
  await page.waitForURL(`${stack.url}/acme/jobs?when=past`);

  // --- sign out ---
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${stack.url}/acme/`);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await expect(meStatus(page)).resolves.toBe(401);
  // A signed-in page asked for while signed out: the sign-in page, which comes back to it after the link.
  await page.goto(`${stack.url}/acme/jobs`);
  await page.waitForURL(`${stack.url}/acme/?returnTo=%2Facme%2Fjobs`);

  expect(errors).toEqual([]);
  await context.close();
});

test('an Acme link opened under another portal is branded for Acme, and the URL says /acme/', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const calls = recordApiCalls(page);
  const link = await requestLink(stack, 'acme', 'jordan@example.com');
  const token = new URL(link).hash;

  await page.goto(`${stack.url}/brightclean/link${token}`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Sign in to Acme Plumbing & Heating' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/acme/link');
  expect(new URL(page.url()).hash).toBe(token);
  await expect(page.getByRole('banner').innerText()).resolves.toContain('Acme Plumbing & Heating');
  await expect(page.locator('body').innerText()).resolves.not.toContain('Bright Clean');
  await expectTitle(page, 'Acme Plumbing & Heating – Sign in');
  expect(calls.filter((c) => !c.startsWith('GET '))).toEqual([]);
  await checkPage(page, 'link landing, opened under another portal');

  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.url}/acme/home`);
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('a malformed, unknown, used or expired link says what to do next', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const calls = recordApiCalls(page);

  // Malformed: nothing to look up.
  await page.goto(`${stack.url}/acme/link#token=not-a-token`);
  await page.getByRole('heading', { level: 1, name: 'This sign-in link is incomplete' }).waitFor();
  await expect(page.getByRole('link', { name: 'Ask for a new sign-in link' }).getAttribute('href')).resolves.toBe('/acme/');
  expect(calls).not.toContain('GET /api/link');

  // Well-formed but unknown: the API says it is gone, before anyone presses a button.
  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/link#token=${'A'.repeat(43)}`);
  await page.getByRole('heading', { level: 1, name: 'This link has expired or was already used' }).waitFor();
  await expect(page.getByRole('button', { name: 'Sign in' }).count()).resolves.toBe(0);
  await expect(page.getByRole('main').getByRole('link', { name: 'Ask for a new sign-in link' }).getAttribute('href')).resolves.toBe('/acme/');
  await expect(page.getByRole('main').innerText()).resolves.toContain('(555) 555-0100');
  expect(new URL(page.url()).hash).toBe('');
  await checkPage(page, 'link landing, expired');

  // Used on another device: the expired page, and the fragment is dropped.
  // (Sam's links: each address may ask for five in 15 minutes, and Jordan's go to the other tests.)
  const used = await requestLink(stack, 'acme', 'sam@example.com');
  expect(await useLink(stack, used)).toBe(200);
  await page.goto('about:blank');
  await page.goto(used);
  await page.getByRole('heading', { level: 1, name: 'This link has expired or was already used' }).waitFor();
  expect(new URL(page.url()).hash).toBe('');

  // Used after the page opened (another tab got there first): "Sign in" leads to the same page, focused.
  const raced = await requestLink(stack, 'acme', 'jordan@example.com');
  await page.goto('about:blank');
  await page.goto(raced);
  await page.getByRole('heading', { level: 1, name: 'Sign in to Acme Plumbing & Heating' }).waitFor();
  expect(await useLink(stack, raced)).toBe(200);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'This link has expired or was already used' }).waitFor();
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
  expect(new URL(page.url()).hash).toBe('');
  await expect(meStatus(page)).resolves.toBe(401);

  // Expired: 16 minutes later.
  const expired = await requestLink(stack, 'acme', 'sam@example.com');
  clockOffsetMs = 16 * 60_000;
  try {
    await page.goto('about:blank');
    await page.goto(expired);
    await page.getByRole('heading', { level: 1, name: 'This link has expired or was already used' }).waitFor();
  } finally {
    clockOffsetMs = 0;
  }

  await page.goto(`${stack.url}/no-such-portal/`);
  await page.getByRole('heading', { level: 1, name: 'Portal not found' }).waitFor();
  await context.close();
});

test('the link page shows an invalid link, and a refused lookup, as the API words them', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const problem = (status: number, detail: string) => ({
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title: 'x', status, detail }),
  });

  // The API answers 404 for a token it cannot parse (the page itself only sends well-formed ones).
  await page.route('**/api/link', (route) => route.fulfill(problem(404, 'This link is not valid.')));
  await page.goto(`${stack.url}/acme/link#token=${'B'.repeat(43)}`);
  await page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
  await expect(page.getByRole('button', { name: 'Sign in' }).count()).resolves.toBe(0);
  expect(new URL(page.url()).hash).toBe('');
  await checkPage(page, 'link landing, not valid');

  // Rate-limited: the detail, a way to try again, and the person may still sign in.
  await page.unroute('**/api/link');
  await page.route('**/api/link', (route) => route.fulfill(problem(429, 'Too many links were opened from here. Please wait a few minutes.')));
  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/link#token=${'B'.repeat(43)}`);
  await page.getByRole('alert').getByText('Too many links were opened from here.').waitFor();
  await page.getByRole('button', { name: 'Try again' }).waitFor();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await checkPage(page, 'link landing, lookup refused');
  await context.close();
});
