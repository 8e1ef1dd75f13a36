/**
 * A business with a light yellow brand (#FFEB3B, about 1.2:1 against white) in real Chromium:
 * the portal keeps its yellow where it is a background, puts black text on it, and draws text
 * and lines in a darkened yellow where they sit on white (brand.ts), so every pairing passes
 * (WCAG 1.4.3 text 4.5:1, 1.4.11 lines and indicators 3:1). axe's colour-contrast rule runs on
 * each page too (checkPage).
 */
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../infra/local/stack';
import { brandColors, contrastRatio, parseHexColor, relativeLuminance } from '../src/brand';
import { browserSuite, businessApi, checkPage, phone, signInAsJordan } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const yellow = '#FFEB3B';

beforeAll(async () => {
  const res = await businessApi(stack, 'PATCH', '/settings', { primaryColor: yellow });
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
});

/** "rgb(255, 235, 59)" → "#ffeb3b" (opaque colours only). */
const hexOf = (rgb: string) => {
  const m = /rgba?\((\d+), (\d+), (\d+)/.exec(rgb);
  return m ? `#${[m[1], m[2], m[3]].map((c) => Number(c).toString(16).padStart(2, '0')).join('')}` : rgb;
};
const ratio = (a: string, b: string) => contrastRatio(relativeLuminance(parseHexColor(hexOf(a))!), relativeLuminance(parseHexColor(hexOf(b))!));

/** Computed style properties of the first element matching. */
async function styleOf(page: Page, selector: string, props: string[]): Promise<Record<string, string>> {
  return page.locator(selector).first().evaluate((el, names) => {
    const s = getComputedStyle(el);
    return Object.fromEntries(names.map((n) => [n, s.getPropertyValue(n)]));
  }, props);
}

test('a light yellow brand: yellow header and buttons with black text, darkened yellow for links and lines on white; every pairing passes', async () => {
  const expected = brandColors(yellow);
  expect(expected).toMatchObject({ brand: '#ffeb3b', onBrand: '#000000' });

  // The sign-in page: the header and the primary button.
  const context = await browser.newContext({ viewport: phone });
  const signIn = await context.newPage();
  await signIn.goto(`${stack.url}/acme/`);
  await signIn.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
  await signIn.waitForFunction(() => document.documentElement.style.getPropertyValue('--brand') === '#ffeb3b');
  const header = await styleOf(signIn, '.site-header', ['background-color', 'color']);
  expect(hexOf(header['background-color']!)).toBe('#ffeb3b');
  expect(hexOf(header.color!)).toBe('#000000');
  expect(ratio(header['background-color']!, header.color!)).toBeGreaterThanOrEqual(4.5);
  const button = await styleOf(signIn, '.button-primary', ['background-color', 'color', 'border-top-color']);
  expect(ratio(button['background-color']!, button.color!)).toBeGreaterThanOrEqual(4.5);
  // Its edge on the white page: 3:1 (the yellow alone is 1.2:1).
  expect(ratio(button['border-top-color']!, '#ffffff')).toBeGreaterThanOrEqual(3);
  await checkPage(signIn, 'sign-in, yellow brand');
  await signIn.close();

  // Signed in: the selected tab's bar, a link, the pay bar's frame and a ticked checkbox.
  const page = await signInAsJordan(stack, context);
  await page.getByRole('tab', { name: 'Upcoming' }).waitFor();
  const tab = await styleOf(page, "[role='tab'][aria-selected='true']", ['border-bottom-color']);
  expect(ratio(tab['border-bottom-color']!, '#ffffff')).toBeGreaterThanOrEqual(3);
  await checkPage(page, 'work history, yellow brand');

  await page.goto(`${stack.url}/acme/invoices`);
  await page.getByRole('link', { name: 'Invoice INV-1063' }).waitFor();
  await page.getByRole('checkbox', { name: 'Select invoice INV-1063' }).check();
  await page.getByRole('region', { name: 'Pay selected invoices' }).waitFor();
  const bar = await styleOf(page, '.pay-bar', ['border-top-color']);
  expect(hexOf(bar['border-top-color']!)).toBe(expected.brandLine);
  expect(ratio(bar['border-top-color']!, '#ffffff')).toBeGreaterThanOrEqual(3);
  const check = await styleOf(page, '.check input', ['accent-color']);
  expect(hexOf(check['accent-color']!)).toBe(expected.brandLine);
  const ink = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand-ink').trim());
  expect(ink).toBe(expected.brandInk);
  expect(ratio(ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  await checkPage(page, 'invoices with the pay bar, yellow brand');
  await context.close();
});
