/**
 * Both pages load the browser's Intl data in a worker while their first requests travel
 * (src/i18n/warm-up.ts): the worker starts from the portal's own origin under its CSP, says it
 * is done, and the page's dates and money are written as before. In real Chromium against the
 * local stack.
 */
import type { Browser, Page, Worker } from 'playwright-core';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, recordPageErrors, signInAsJordan, startTrackedVisit } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const warmUpWorker = /\/assets\/intl-warm-up-\w+\.js$/;

/** The first worker the page starts, once it has started. */
function firstWorker(page: Page): Promise<Worker> {
  return new Promise((resolve) => page.once('worker', resolve));
}

test('the portal starts the Intl warm-up worker from its own origin, and still writes dates and money', async () => {
  const context = await browser.newContext();
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  const worker = firstWorker(page);
  const answered = page.waitForResponse((response) => warmUpWorker.test(new URL(response.url()).pathname));
  await page.goto(`${stack.url}/acme/invoices`);
  expect((await worker).url()).toBe(`${stack.url}${new URL((await answered).url()).pathname}`);
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/javascript/);
  // The invoices page still formats with Intl: money in dollars and a written date.
  // The heading comes before the list: wait for the first amount, then read the page.
  const money = /\$\d[\d,]*\.\d\d/;
  await page.locator('main').getByText(money).first().waitFor();
  const text = await page.locator('main').innerText();
  expect(text).toMatch(money);
  expect(text).toMatch(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}/);
  expect(errors).toEqual([]);
  await context.close();
});

test('the tracking page starts it too', async () => {
  const link = await startTrackedVisit(stack, 'job_intl_warm_up', { number: 'INTL-1' });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const worker = firstWorker(page);
  await page.goto(link);
  expect((await worker).url()).toMatch(warmUpWorker);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});
