/**
 * The sign-in flow and the work history in real Chromium, against the local stack (the real
 * handlers on dynalite, the outbox for email) serving the built portal on the same origin.
 *
 * What matters most here: a mail scanner that opens the sign-in link, even running the page's
 * script, must neither sign in nor use the link up (security.md item 4); only the person's
 * "Sign in" press does. Every page is also checked at 360 px for horizontal scroll and with
 * axe-core for serious or critical accessibility violations.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request, type Response } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../infra/local/stack';
import { buildFrontend } from '../build';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dist = path.join(__dirname, '../dist');
const phone = { width: 360, height: 740 };

let stack: LocalStack;
let browser: Browser;
let quietLogs: jest.SpyInstance | undefined;

beforeAll(async () => {
  // The handlers log one JSON line per request; this test asserts on pages, not on logs.
  quietLogs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  if (!existsSync(path.join(dist, 'index.html')) || !existsSync(path.join(dist, 'build-manifest.json'))) {
    await buildFrontend({ quiet: true });
  }
  stack = await startLocalStack({ port: 0, memory: true });
  browser = await chromium.launch({
    // Debian's Chromium by default; CHROMIUM_PATH points elsewhere (see README).
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  quietLogs?.mockRestore();
});

/** axe-core, injected with evaluate (which the CSP does not govern): no serious or critical violations. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ page: label, serious }).toEqual({ page: label, serious: [] });
}

async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect({ page: label, overflow: widths.scroll > widths.viewport }).toEqual({ page: label, overflow: false });
}

async function checkPage(page: Page, label: string): Promise<void> {
  await expectNoHorizontalScroll(page, label);
  await expectAccessible(page, label);
}

/** GET /api/me from inside the page: same origin, with whatever cookies this browser holds. */
async function meStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/me', { credentials: 'same-origin' })).status);
}

function expectSecurityHeaders(response: Response | null): void {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
}

/** Records API calls a page makes, to prove what it did not call. */
function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) calls.push(`${request.method()} ${url.pathname}`);
  });
  return calls;
}

/** Collects CSP violations and script errors: the portal must run under its own CSP. */
function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

test('sign in by email link, browse the work history, open a job, sign out', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);

  // --- sign-in page ---
  const signInResponse = await page.goto(`${stack.url}/acme/`);
  expectSecurityHeaders(signInResponse);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' }).isVisible()).resolves.toBe(true);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await expect(page.title()).resolves.toBe('Acme Plumbing & Heating – Sign in');
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

  // --- work history (the scanner did not use the link up: this sign-in works) ---
  await page.waitForURL(`${stack.url}/acme/jobs`);
  expect(new URL(page.url()).hash).toBe('');
  expect(calls.filter((c) => c === 'POST /api/auth/verify')).toHaveLength(1);
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
  for (const section of ['Details', 'Messages', 'Charges & payments', 'Notes', 'Attachments']) {
    await expect(page.getByRole('heading', { level: 2, name: section }).isVisible()).resolves.toBe(true);
  }
  await expect(page.locator('main').innerText()).resolves.toContain('Job J-1041');
  await expect(page.getByRole('region', { name: 'Details' }).innerText()).resolves.toMatch(/Arrival window\s+\d{1,2}:\d\d\s[AP]M – \d{1,2}:\d\d\s[AP]M/);
  await expect(page.getByRole('region', { name: 'Details' }).innerText()).resolves.toContain('Maria Lopez');
  // Focus moved to the new page's heading, and the page change was announced.
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
  await page.locator('[aria-live="polite"]', { hasText: 'Water heater replacement' }).waitFor({ state: 'attached' });
  await expect(page.title()).resolves.toBe('Acme Plumbing & Heating – Water heater replacement');
  await checkPage(page, 'job detail');

  // Back to the list keeps the tab.
  await page.getByRole('link', { name: 'All jobs' }).click();
  await page.waitForURL(`${stack.url}/acme/jobs?when=past`);

  // --- sign out ---
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${stack.url}/acme/`);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await expect(meStatus(page)).resolves.toBe(401);
  await page.goto(`${stack.url}/acme/jobs`);
  await page.waitForURL(`${stack.url}/acme/`);

  expect(errors).toEqual([]);
  await context.close();
});

test('a used or malformed link says what to do next', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();

  await page.goto(`${stack.url}/acme/link#token=not-a-token`);
  await page.getByRole('heading', { level: 1, name: 'This sign-in link is incomplete' }).waitFor();
  await expect(page.getByRole('link', { name: 'Ask for a new sign-in link' }).getAttribute('href')).resolves.toBe('/acme/');

  // Well-formed but unknown: the API's 401 detail is shown with a way back.
  await page.goto('about:blank');
  await page.goto(`${stack.url}/acme/link#token=${'A'.repeat(43)}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Ask for a new sign-in link' }).isVisible()).resolves.toBe(true);
  expect(new URL(page.url()).hash).toBe('');
  await expect(meStatus(page)).resolves.toBe(401);
  await checkPage(page, 'link landing, refused');

  await page.goto(`${stack.url}/no-such-portal/`);
  await page.getByRole('heading', { level: 1, name: 'Portal not found' }).waitFor();
  await context.close();
});
