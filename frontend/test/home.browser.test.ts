/**
 * Home (issue 18 §1) in real Chromium against the local stack: where a sign-in lands; its cards
 * agree with the data and lead to their pages, by keyboard; opening a job with a new message reads
 * it; with the technician on the way, Home leads to the tracking page, which asks with the session
 * (no link in the address). At every page state: axe, no sideways scroll, focus, targets, reflow.
 */
import type { Browser } from 'playwright-core';
import { demo } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, checkPage, phone, recordApiCalls, recordPageErrors, requestLink, startTrackedVisit } from './browser-support';
import { auditPage, named, tabTo } from './keyboard-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

async function signedInOnHome(viewport = phone) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(await requestLink(stack, 'acme', demo.jordan.email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.url}/acme/home`);
  await page.getByRole('heading', { level: 2, name: 'To pay' }).waitFor();
  return { context, page, errors };
}

test('a sign-in lands on Home: what is due with a Pay button, the estimate to decide, the next visit, the new message, recent payments; each card leads on, by keyboard', async () => {
  const { context, page, errors } = await signedInOnHome();
  const main = page.locator('main');
  for (const heading of ['To pay', 'Estimates to decide', 'Next visit', 'New messages', 'Recent payments']) await main.getByRole('heading', { level: 2, name: heading }).waitFor();
  const due = await main.getByRole('region', { name: 'To pay' }).innerText();
  const amount = /(\$[\d,]+\.\d\d) due/.exec(due)![1]!;
  await main.getByRole('button', { name: `Pay ${amount}` }).waitFor();
  await main.getByRole('link', { name: 'E-2001: Replace the water heater' }).waitFor();
  await checkPage(page, 'home (360 px)');
  await auditPage(page, 'home');

  // The new message's job, by keyboard: opening it reads the message, and Home no longer lists it.
  await tabTo(page, named('Boiler safety inspection', 'A'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Boiler safety inspection' }).waitFor();
  await page.getByRole('region', { name: 'Messages' }).getByText('Maria will text you a two-hour arrival window').waitFor();
  await tabTo(page, named('Home', 'A'), { back: true, max: 80 });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'New messages' }).waitFor();
  await expect(main.getByRole('region', { name: 'New messages' }).innerText()).resolves.toContain('No new messages.');
  expect(errors).toEqual([]);
  await context.close();
});

test('with the technician on the way, Home says so and leads to the tracking page, which asks with the session: no link in the address or the request', async () => {
  await startTrackedVisit(stack, 'job_home_b1', { number: 'HB-1', technician: { name: 'Dev Okafor' } });
  const { context, page, errors } = await signedInOnHome();
  const visit = page.getByRole('region', { name: 'Next visit' });
  await visit.getByText('Dev Okafor is on the way.').waitFor();
  const calls = recordApiCalls(page);
  await visit.getByRole('link', { name: 'Follow Dev Okafor on the map' }).click();
  await page.waitForURL(`${stack.url}/acme/track?job=job_home_b1`);
  await page.locator('.tracking-eta').waitFor();
  await expect(page.locator('.badge').innerText()).resolves.toBe('On the way');
  expect(calls).toContain('GET /api/jobs/job_home_b1/tracking');
  expect(calls).not.toContain('GET /api/tracking');
  await checkPage(page, 'tracking page from Home (360 px)');
  expect(errors).toEqual([]);
  await context.close();
});
