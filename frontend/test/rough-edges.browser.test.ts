/**
 * Rough edges a walk-through found (issue 17, section 4), in real Chromium against the local
 * stack: signing in keeps the page asked for (rule 67); a signed-out page logs no error, not even a
 * 401 for "am I signed in?" (rule 68); a single-option estimate has its option chosen; the slot
 * picker marks a time that clashes with a visit the customer already has.
 */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, businessApi, phone, recordPageErrors } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const day = 24 * 3600_000;
const hour = 3600_000;

/** Every console error and every failed request the page logs (a 401 shows as "Failed to load resource"). */
function recordConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return errors;
}

test('signed out on a job\'s page: the sign-in link brings the customer back to that job, not the job list (rule 67)', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/jobs/job_bl1102`);
  await page.waitForURL(`${stack.url}/acme/?returnTo=%2Facme%2Fjobs%2Fjob_bl1102`);
  await page.getByLabel('Email address').fill(seed.jordan.email);
  const before = stack.outbox.messages()[0]?.id ?? 0;
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.waitForURL(`${stack.url}/acme/check`);
  const message = await stack.outbox.waitFor((m) => m.id > before && m.to === seed.jordan.email && m.link !== null, 10_000);
  // The link itself names no page: the destination rides with its token, server-side.
  expect(message.link).toMatch(/\/acme\/link#token=[A-Za-z0-9_-]{43}$/);
  // Opened in a fresh tab, as from a mail app.
  const fromMail = await context.newPage();
  await fromMail.goto(message.link!);
  await fromMail.getByRole('button', { name: 'Sign in' }).click();
  await fromMail.waitForURL(`${stack.url}/acme/jobs/job_bl1102`);
  await fromMail.getByRole('heading', { level: 1, name: /Boiler safety inspection/ }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('a made-up returnTo on the sign-in page is dropped: the link lands on the job list', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  await page.goto(`${stack.url}/acme/?returnTo=${encodeURIComponent('//evil.example/acme/jobs')}`);
  await page.getByLabel('Email address').fill(seed.jordan.email);
  const before = stack.outbox.messages()[0]?.id ?? 0;
  const asked = page.waitForRequest((r) => r.url().endsWith('/api/auth/magic-link'));
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  expect(JSON.parse((await asked).postData() ?? '{}')).toEqual({ portal: 'acme', email: seed.jordan.email });
  const message = await stack.outbox.waitFor((m) => m.id > before && m.to === seed.jordan.email && m.link !== null, 10_000);
  await page.goto(message.link!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.url}/acme/home`);
  await context.close();
});

test('signed-out pages log no console error and no failed request, not even a 401 for "am I signed in?" (rule 68)', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordConsoleErrors(page);
  const probes: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/session' || path === '/api/me') probes.push(path);
  });
  for (const path of ['/acme/', '/acme/jobs', '/acme/jobs/job_bl1102', '/acme/invoices', '/acme/estimates', '/acme/check']) {
    await page.goto(`${stack.url}${path}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
  }
  expect(errors).toEqual([]);
  expect(probes.length).toBeGreaterThan(0);
  expect(new Set(probes)).toEqual(new Set(['/api/session']));
  await context.close();
});

test('a single-option estimate has its option chosen; the picker marks a time that clashes with a visit the customer already has, and it can still be booked', async () => {
  const job = (await businessApi(stack, 'GET', '/jobs/job_fc1090')).body as { scheduledStart: string; scheduledEnd: string };
  const clashStart = new Date(Date.parse(job.scheduledStart) - hour);
  const clash = { start: clashStart.toISOString(), end: new Date(clashStart.getTime() + 2 * hour).toISOString() };
  const freeStart = new Date(Date.parse(job.scheduledEnd) + day);
  const free = { start: freeStart.toISOString(), end: new Date(freeStart.getTime() + 2 * hour).toISOString() };
  expect((await businessApi(stack, 'PUT', '/slots/slot_edges_clash', clash)).status).toBe(201);
  expect((await businessApi(stack, 'PUT', '/slots/slot_edges_free', free)).status).toBe(201);
  const written = await businessApi(stack, 'PUT', '/estimates/est_edges_one', {
    customerId: seed.jordan.id,
    number: 'E-EDGES-1',
    title: 'Replace the kitchen tap',
    currency: 'USD',
    expiresAt: new Date(Date.now() + 30 * day).toISOString(),
    terms: 'Guaranteed for a year.',
    options: [{ id: 'only', name: 'New tap', description: 'A new kitchen tap.', lines: [{ description: 'Kitchen tap', quantity: 1, unitAmount: 24_000 }], taxAmount: 0, recommended: false }],
    signature: 'none',
    deposit: null,
    scheduling: { durationMinutes: 120 },
    address: { line1: '12 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  });
  expect(written.status).toBe(201);
  expect((await businessApi(stack, 'POST', '/estimates/est_edges_one/send', { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  const link = stack.outbox.messages().find((m) => m.link?.includes('/acme/estimate#token=') && m.text.includes('E-EDGES-1'))!.link!;

  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(link);
  const only = page.getByRole('radio', { name: 'New tap' });
  await only.waitFor();
  expect(await only.isChecked()).toBe(true);
  await page.getByText('You are approving').waitFor();
  await page.getByRole('checkbox', { name: /terms/i }).check();
  await page.getByRole('button', { name: /^Approve/ }).click();

  const labelOf = (slotId: string) => page.locator(`input[name="slotId"][value="${slotId}"]`).evaluate((el) => el.closest('label')?.textContent ?? '');
  const clashing = page.locator('input[name="slotId"][value="slot_edges_clash"]');
  await clashing.waitFor();
  // Part of the radio's own label, so a screen reader says it with the time.
  expect(await labelOf('slot_edges_clash')).toContain('You already have a visit at this time');
  expect(await labelOf('slot_edges_free')).not.toContain('already have');
  // Marked, not refused: it books.
  await clashing.check();
  await page.getByRole('button', { name: 'Book this time' }).click();
  await page.waitForFunction(() => /booked/i.test(document.body.innerText));
  expect((await businessApi(stack, 'GET', '/estimates/est_edges_one')).body).toMatchObject({ status: 'scheduled' });
  expect(errors).toEqual([]);
  await context.close();
});
