/**
 * The business's own links in the portal's menu (settings `portal.links`, issue 18 §5): after the
 * sections, in the business's order, said to lead to another website, opened with no referrer and
 * no handle on the portal's page (rule 76), and reached by keyboard like the rest of the menu. In
 * real Chromium against the local stack; Acme's demo data has two.
 */
import type { Browser } from 'playwright-core';
import { demo } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, businessApi, expectNoHorizontalScroll, signInAsJordan } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

afterEach(async () => {
  expect((await businessApi(stack, 'PATCH', '/settings', { portal: { links: demo.acme.links } })).status).toBe(200);
});

test("the menu shows the business's links after its sections, each said to lead to another website, with no referrer or opener", async () => {
  const context = await browser.newContext();
  const page = await signInAsJordan(stack, context);
  const menu = page.getByRole('navigation', { name: 'Portal' });
  await menu.waitFor();
  const links = await menu.getByRole('link').evaluateAll((all) => all.map((a) => ({ name: a.textContent, href: a.getAttribute('href'), rel: a.getAttribute('rel'), target: a.getAttribute('target') })));
  expect(links.map((l) => l.name)).toEqual(['Home', 'Work history', 'Estimates', 'Invoices', 'Request service', 'Forms', 'Our website (another website) ↗', 'Leave us a review (another website) ↗']);
  for (const link of links.slice(6)) {
    expect(link.rel).toBe('noopener noreferrer');
    // The same tab: a new window the customer did not ask for is a surprise (WCAG 3.2.5 advises against it).
    expect(link.target).toBeNull();
  }
  expect(links.slice(6).map((l) => l.href)).toEqual(demo.acme.links.map((l) => l.url));
  // The accessible name says where it leads; the arrow is decoration.
  await expect(menu.getByRole('link', { name: 'Our website (another website)', exact: true }).count()).resolves.toBe(1);
  // By keyboard: Tab from the last section reaches the business's links in order.
  await menu.getByRole('link', { name: 'Forms' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe(demo.acme.links[0]!.url);
  await context.close();
});

test('a business with no links of its own shows only its sections', async () => {
  expect((await businessApi(stack, 'PATCH', '/settings', { portal: { links: [] } })).status).toBe(200);
  const context = await browser.newContext();
  const page = await signInAsJordan(stack, context);
  const menu = page.getByRole('navigation', { name: 'Portal' });
  await menu.waitFor();
  await expect(menu.getByRole('link').allTextContents()).resolves.toEqual(['Home', 'Work history', 'Estimates', 'Invoices', 'Request service', 'Forms']);
  await context.close();
});

test('at 320 px the menu stays one row that scrolls within itself: Tab brings the last link into view, and the page never scrolls sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await signInAsJordan(stack, context);
  const menu = page.getByRole('navigation', { name: 'Portal' });
  await menu.waitFor();
  const rows = await menu.getByRole('link').evaluateAll((all) => new Set(all.map((a) => Math.round(a.getBoundingClientRect().top))).size);
  expect(rows).toBe(1);
  await expectNoHorizontalScroll(page, 'jobs at 320 px with eight menu entries');
  const last = menu.getByRole('link', { name: /Leave us a review/ });
  await last.focus();
  const box = (await last.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(320);
  await context.close();
});
