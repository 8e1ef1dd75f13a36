/**
 * The portal in Spanish, in real Chromium against the local stack, for a customer whose browser
 * reads Spanish first (`es-MX`), on a 320 px phone: the sign-in page, the sign-in link, the work
 * history, a job, the invoices and an invoice, an estimate opened from its link, and the tracking
 * page. On each: `<html lang="es">`, no English words of the portal's own left (every English
 * catalog message that Spanish writes differently, in the text, the labels and the title), nothing
 * scrolls sideways and no text is cut off (Spanish runs longer). The language switcher changes
 * the page in place, keeping what the customer typed, and the choice holds on the next page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, businessApi, expectAccessible, recordPageErrors, requestLink, startTrackedVisit, expectTitle } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const narrow = { width: 320, height: 700 };
const day = 24 * 3600_000;
const catalogDir = path.join(__dirname, '../../shared/contract/i18n/catalogs');
const catalog = (language: string, area: string) => JSON.parse(readFileSync(path.join(catalogDir, language, `${area}.json`), 'utf8')) as Record<string, string>;

/**
 * The portal's own English words a Spanish page must not show: each English message's text
 * between its placeholders, where Spanish writes it differently, of more than a word or two
 * (short ones like "Total" or "Portal" are the same in both).
 */
const englishWords: string[] = (() => {
  const words = new Set<string>();
  for (const area of ['common', 'portal', 'tracking']) {
    const en = catalog('en', area);
    const es = catalog('es', area);
    for (const [key, message] of Object.entries(en)) {
      if (message === es[key]) continue;
      // The literal text of an ICU message: what lies outside its {placeholders} and plural forms.
      for (const piece of message.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)) {
        const text = piece.trim();
        if (text.length >= 12 && /[a-z]{3}/.test(text)) words.add(text);
      }
    }
  }
  return [...words];
})();

/** What the customer can read or hear on the page: its text, its labels, its alt texts and its title. */
async function readable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label], [alt], [title], [placeholder]')].flatMap((el) =>
      ['aria-label', 'alt', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.title, document.body.innerText, ...labels].join('\n');
  });
}

/** Every check a Spanish page must pass. */
async function expectSpanishPage(page: Page, label: string): Promise<void> {
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('es');
  const text = await readable(page);
  const english = englishWords.filter((words) => text.includes(words));
  expect({ page: label, english }).toEqual({ page: label, english: [] });
  const layout = await page.evaluate(() => {
    const scroller = document.scrollingElement!;
    // Text cut off: an element that hides what overflows it and has more content than room.
    const clipped = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') return false;
        if (el.classList.contains('visually-hidden') || el.closest('.visually-hidden, .skip-link, .leaflet-container')) return false;
        const style = getComputedStyle(el);
        const hides = (o: string) => o === 'hidden' || o === 'clip';
        const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        return text && ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1) || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1));
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent!.trim().slice(0, 40)}`);
    // What sticks out on the right, to say what made the page scroll sideways.
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !el.closest('.visually-hidden, .skip-link'))
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 40)}`);
    return { scrollWidth: scroller.scrollWidth, innerWidth: window.innerWidth, clipped, wide };
  });
  const sideways = layout.scrollWidth > layout.innerWidth ? layout.wide : false;
  expect({ page: label, sideways, clipped: layout.clipped }).toEqual({ page: label, sideways: false, clipped: [] });
  await expectAccessible(page, label);
}

/** A fresh estimate of Jordan's, sent by email: its link from the outbox. */
async function sendEstimate(id: string): Promise<string> {
  const written = await businessApi(stack, 'PUT', `/estimates/${id}`, {
    customerId: seed.jordan.id,
    number: id.toUpperCase().replace(/_/g, '-'),
    title: 'New water heater',
    currency: 'USD',
    expiresAt: new Date(Date.now() + 30 * day).toISOString(),
    terms: 'Work is guaranteed for one year.',
    options: [
      { id: 'repair', name: 'Repair', description: 'Repair the heater you have.', lines: [{ description: 'Replace thermocouple', quantity: 1, unitAmount: 18_500 }], taxAmount: 0, recommended: false },
      { id: 'replace', name: 'Replace', description: 'A new 40-gallon heater.', lines: [{ description: '40-gallon water heater', quantity: 1, unitAmount: 95_000 }], taxAmount: 0, recommended: true },
    ],
    signature: 'typed',
    deposit: { percent: 25 },
    scheduling: { durationMinutes: 120 },
    address: { line1: '12 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  });
  expect({ status: written.status, body: written.body }).toMatchObject({ status: 201 });
  expect((await businessApi(stack, 'POST', `/estimates/${id}/send`, { channel: 'email' })).status).toBe(202);
  await stack.drainQueues();
  return stack.outbox.messages().find((m) => m.link?.includes('/acme/estimate#token='))!.link!;
}

/** A visit of Jordan's today, tracked: the tracking link from the outbox. */
async function startTracking(id: string): Promise<string> {
  const link = await startTrackedVisit(stack, id, { number: 'T-ES-1', technician: { name: 'Dev Okafor', vehicle: 'White Ford Transit' } });
  const { lat, lng } = seed.locations.jordan;
  expect((await businessApi(stack, 'PUT', `/jobs/${id}/tracking/position`, { lat: lat + 0.02, lng, accuracy: 10, at: new Date().toISOString() })).status).toBe(200);
  return link;
}

test('the main journeys in Spanish, for a browser that reads Spanish first, at 320 px', async () => {
  const context = await browser.newContext({ viewport: narrow, locale: 'es-MX' });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const languages: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) languages.push(request.headers()['accept-language'] ?? '(none)');
  });

  // --- the sign-in page ---
  await page.goto(`${stack.url}/acme/`);
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  await expectTitle(page, 'Acme Plumbing & Heating – Iniciar sesión');
  await page.getByRole('button', { name: 'Enviarme un enlace para iniciar sesión' }).waitFor();
  await expectSpanishPage(page, 'sign-in');
  // An empty address is refused in Spanish, by the page itself.
  await page.getByRole('button', { name: 'Enviarme un enlace para iniciar sesión' }).click();
  await page.getByText('Escriba su correo electrónico.').waitFor();

  // --- the sign-in link ---
  await page.goto(await requestLink(stack, 'acme', seed.jordan.email));
  await page.getByRole('heading', { level: 1, name: `Iniciar sesión en ${seed.acme.name}` }).waitFor();
  await expectSpanishPage(page, 'sign-in link');
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();

  // --- Home, the work history, then a job ---
  await page.waitForURL(`${stack.url}/acme/home`);
  await page.getByRole('heading', { level: 2, name: 'Por pagar' }).waitFor();
  await expectSpanishPage(page, 'home');
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Historial de trabajos' }).click();
  await page.waitForURL(`${stack.url}/acme/jobs`);
  await page.getByRole('heading', { level: 1, name: 'Historial de trabajos' }).waitFor();
  await page.locator('.job-card').first().waitFor();
  await expectSpanishPage(page, 'work history');
  await page.getByRole('tab', { name: 'Anteriores' }).click();
  // The past tab's own list (the upcoming cards are on the page until it comes).
  await page.waitForURL(`${stack.url}/acme/jobs?when=past`);
  await page.getByRole('link', { name: 'Water heater replacement' }).click();
  await page.waitForURL(/\/acme\/jobs\/job_/);
  await page.getByRole('heading', { level: 2, name: 'Detalles' }).waitFor();
  await expectSpanishPage(page, 'a job');

  // --- the invoices, then an invoice ---
  await page.getByRole('link', { name: 'Facturas' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Facturas' }).waitFor();
  await page.locator('.invoice-card').first().waitFor();
  await expectSpanishPage(page, 'invoices');
  await page.locator('.invoice-card a').first().click();
  await page.waitForURL(/\/acme\/invoices\/.+/);
  await page.getByRole('heading', { level: 2, name: 'Cargos' }).waitFor();
  await expectSpanishPage(page, 'an invoice');

  // --- an estimate from its link (no session needed) ---
  await page.goto(await sendEstimate('est_es_1'));
  await page.getByRole('heading', { level: 1, name: 'Presupuesto EST-ES-1' }).waitFor();
  await page.getByRole('heading', { name: 'Elija una opción' }).waitFor();
  await expectSpanishPage(page, 'an estimate from its link');

  // --- the tracking page ---
  await page.goto(await startTracking(`job_es_track_${Date.now().toString(36)}`));
  await page.getByRole('heading', { level: 1, name: 'Dev Okafor va en camino' }).waitFor();
  await page.locator('.tracking-eta').waitFor();
  await expectSpanishPage(page, 'tracking page');

  // Every API request asked for Spanish (problem details come back in it).
  expect(languages.length).toBeGreaterThan(5);
  expect([...new Set(languages)]).toEqual(['es']);
  expect(errors).toEqual([]);
  await context.close();
});

test('the switcher changes the page in place, keeps what was typed, and the choice holds on every page', async () => {
  const context = await browser.newContext({ viewport: narrow, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${stack.url}/acme/`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');

  // Each option is named in its own language, marked with it, and big enough to press.
  const spanish = page.getByRole('button', { name: 'Español' });
  await expect(spanish.getAttribute('lang')).resolves.toBe('es');
  await expect(spanish.getAttribute('aria-pressed')).resolves.toBe('false');
  const box = (await spanish.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(24);
  expect(box.height).toBeGreaterThanOrEqual(24);

  // Typed, then switched with the keyboard: the address stays, the words change, focus stays put.
  await page.getByLabel('Email address').fill('someone@example.com');
  await spanish.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  await expect(page.getByRole('textbox', { name: 'Dirección de correo electrónico' }).inputValue()).resolves.toBe('someone@example.com');
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('es');
  await expectTitle(page, 'Acme Plumbing & Heating – Iniciar sesión');
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Español');
  await expect(spanish.getAttribute('aria-pressed')).resolves.toBe('true');

  // The choice holds on the next page load, over the browser's English.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  await page.goto(`${stack.url}/acme/nowhere`);
  await page.getByRole('heading', { level: 1, name: 'No se encontró la página' }).waitFor();

  // And back.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
  await context.close();
});
