/**
 * What the browser tests share: Chromium, the page checks every page must pass (no horizontal
 * scroll at 360 px, no serious or critical axe-core violation), and signing in as a demo
 * customer through a real link from the outbox.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request, type Response } from 'playwright-core';
import { demo } from '../../infra/local/seed';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/stack';
import { buildFrontend } from '../build';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dist = path.join(__dirname, '../dist');
export const phone = { width: 360, height: 740 };

export async function ensureBuilt(): Promise<void> {
  if (!existsSync(path.join(dist, 'index.html')) || !existsSync(path.join(dist, 'build-manifest.json'))) {
    await buildFrontend({ quiet: true });
  }
}

/**
 * What every browser test file starts and stops: the portal in memory on its own port, and one
 * Chromium. `started` receives both before the first test; the file's own `beforeAll` hooks run
 * after this one. Console lines are muted: the handlers log one JSON line per request, and these
 * tests assert on pages, not on logs.
 */
export function browserSuite(started: (suite: { stack: LocalStack; browser: Browser }) => void, options: Pick<LocalStackOptions, 'clock' | 'achSettleMs'> = {}): void {
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  let quietLogs: jest.SpyInstance | undefined;
  beforeAll(async () => {
    quietLogs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await ensureBuilt();
    stack = await startLocalStack({ port: 0, memory: true, ...options });
    browser = await launchChromium();
    started({ stack, browser });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    quietLogs?.mockRestore();
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    // Debian's Chromium by default; CHROMIUM_PATH points elsewhere (see README).
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // English unless a test's context says otherwise (`locale`): the tests read the English words.
    args: ['--lang=en-US', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** axe-core, injected with evaluate (which the CSP does not govern): no serious or critical violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ page: label, serious }).toEqual({ page: label, serious: [] });
}

export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect({ page: label, overflow: widths.scroll > widths.viewport }).toEqual({ page: label, overflow: false });
}

export async function checkPage(page: Page, label: string): Promise<void> {
  await expectNoHorizontalScroll(page, label);
  await expectAccessible(page, label);
}

/**
 * The document title, once the page has set it. The business's name comes from its own read,
 * which may answer after the h1 is shown, so the title is waited for rather than read once.
 */
export async function expectTitle(page: Page, title: string): Promise<void> {
  const shown = await page.waitForFunction((wanted) => document.title === wanted, title, { timeout: 5_000 }).then(
    () => title,
    () => page.title(),
  );
  expect(shown).toBe(title);
}

/** GET /api/me from inside the page: same origin, with whatever cookies this browser holds. */
export async function meStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/me', { credentials: 'same-origin' })).status);
}

export function expectSecurityHeaders(response: Response | null): void {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
}

/** Records API calls a page makes, to prove what it did not call. */
export function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) calls.push(`${request.method()} ${url.pathname}`);
  });
  return calls;
}

/** Collects CSP violations and script errors: the portal must run under its own CSP. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** Asks the API for a sign-in link, as the sign-in form does, and returns the one the outbox receives. */
export async function requestLink(stack: LocalStack, portal: string, email: string): Promise<string> {
  const before = stack.outbox.messages()[0]?.id ?? 0;
  const response = await fetch(`${stack.url}/api/auth/magic-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.url },
    body: JSON.stringify({ portal, email }),
  });
  expect(response.status).toBe(202);
  const message = await stack.outbox.waitFor((m) => m.id > before && m.to === email && m.link !== null, 10_000);
  return message.link!;
}

export const tokenOf = (link: string): string => new URL(link).hash.replace(/^#token=/, '');

/** Uses a link from outside the browser, as another device would. */
export async function useLink(stack: LocalStack, link: string): Promise<number> {
  const response = await fetch(`${stack.url}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.url },
    body: JSON.stringify({ token: tokenOf(link) }),
  });
  return response.status;
}

/**
 * Signs Jordan in to Acme in this context, through a real link and the "Sign in" button: the
 * sign-in lands on Home, and the menu's "Work history" leads on to the job list, where the page is left.
 */
export async function signInAsJordan(stack: LocalStack, context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(await requestLink(stack, 'acme', 'jordan@example.com'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.url}/acme/home`);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Work history' }).click();
  await page.waitForURL(`${stack.url}/acme/jobs`);
  return page;
}

/** Calls the business API as the demo business. */
export async function businessApi(stack: LocalStack, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack.url}/api/business/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.demo.acme.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** `s` as a regular expression matching it literally. */
export const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A label and its amount on a line of their own in a card's or section's text: "Balance due  $180.00". */
export function expectAmount(text: string, label: string, amount: string): void {
  expect(text).toMatch(new RegExp(`(^|\\n)${esc(label)}\\s+${esc(amount)}(\\n|$)`));
}

/** An upcoming job of Jordan's at Acme, starting in an hour, with his address's location: ready to be tracked. */
export async function putUpcomingJob(stack: LocalStack, jobId: string, options: { number: string; technicianName: string }): Promise<void> {
  const hour = 3600_000;
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  const start = Date.now() + hour;
  const job = await businessApi(stack, 'PUT', `/jobs/${jobId}`, {
    customerId: demo.jordan.id,
    number: options.number,
    title: 'Leaking kitchen tap',
    status: 'scheduled',
    scheduledStart: iso(start),
    scheduledEnd: iso(start + 2 * hour),
    arrivalWindow: { start: iso(start), end: iso(start + hour) },
    scopeOfWork: 'Replace the cartridge.',
    address: { line1: '12 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
    contact: { name: 'Jordan Rivera', phone: null, email: null },
    technician: { name: options.technicianName },
    currency: 'USD',
    charges: [{ id: 'l1', description: 'Labour', quantity: 1, unitAmount: 12500 }],
    taxAmount: 0,
    location: demo.locations.jordan,
  });
  expect({ status: job.status, body: job.body }).toMatchObject({ status: 201 });
}

/** Starts tracking a job by email; returns the "on my way" link Jordan's outbox received. */
export async function startTracking(stack: LocalStack, jobId: string, technician: Record<string, unknown>): Promise<string> {
  const before = stack.outbox.messages()[0]?.id ?? 0;
  const res = await businessApi(stack, 'POST', `/jobs/${jobId}/tracking`, { technician, channel: 'email' });
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  await stack.drainQueues();
  const message = await stack.outbox.waitFor((m) => m.id > before && m.to === demo.jordan.email && (m.link ?? '').includes('/acme/track#token='), 10_000);
  expect(message.link).toMatch(new RegExp(`^${esc(stack.url)}/acme/track#token=[A-Za-z0-9_-]{43}$`));
  return message.link!;
}

/** A visit of Jordan's at Acme starting in an hour, with the technician on the way: returns its tracking link. */
export async function startTrackedVisit(stack: LocalStack, jobId: string, options: { number: string; technician?: { name: string; vehicle?: string } }): Promise<string> {
  const technician = options.technician ?? { name: 'Dev Okafor' };
  await putUpcomingJob(stack, jobId, { number: options.number, technicianName: technician.name });
  return startTracking(stack, jobId, technician);
}

/**
 * Draws a wavy stroke across the signature box (the estimate's approval, a form's signature
 * question) with the mouse, once signature_pad has loaded. The box is measured once: wait first
 * for anything still loading above it.
 */
export async function drawSignature(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Clear the signature box', disabled: false }).waitFor();
  const canvas = page.getByRole('img', { name: 'Signature box: draw your signature here' });
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 14; i++) {
    await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 14), box.y + box.height * (0.5 - 0.25 * Math.sin(i / 1.5)), { steps: 3 });
  }
  await page.mouse.up();
}

/**
 * Back from Stripe's hosted page on the portal's return page: returns the checkout's id once
 * Stripe's word has been applied. The return page counts the payment from the checkout at once,
 * but the invoice's own ledger follows in a queued step a moment later, and an invoice page opened
 * next reads it once: the queues are drained before the test goes on.
 */
export async function backOnReturnPage(page: Page, stack: LocalStack): Promise<string> {
  await page.waitForURL(new RegExp(`^${esc(stack.url)}/acme/payments/chk_[A-Za-z0-9]{22}$`));
  await stack.drainQueues();
  return new URL(page.url()).pathname.split('/').pop()!;
}
