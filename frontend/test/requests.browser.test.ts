/**
 * Service requests in real Chromium at 390 px (and reflowing at 320 px), keyboard only where a
 * person would type: the signed-in form with an accepted and a refused upload and its draft
 * resumed after a reload, the request's page and withdrawing it, and the request from the
 * business's website with its email confirmation read from the local outbox.
 */
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../infra/local/stack';
import { demoPng } from '../../infra/local/demo-files';
import { demoServices } from '../../infra/local/seed';
import { browserSuite, businessApi, checkPage, expectNoHorizontalScroll, recordPageErrors, signInAsJordan } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const phone390 = { width: 390, height: 844 };

/** Waits until the element with `id` has focus (a refused submit moves it there). */
const focusIs = (page: Page, id: string) => page.waitForFunction((expected) => document.activeElement?.id === expected, id, { timeout: 5_000 });

test('signed in: a refused submit focuses the first bad field; a photo is accepted and a fake one refused; the draft survives a reload; sent, then withdrawn', async () => {
  const context = await browser.newContext({ viewport: phone390 });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Request service' }).click();
  await page.getByRole('heading', { level: 1, name: 'Service requests' }).waitFor();
  await checkPage(page, 'request list');
  await page.getByRole('link', { name: 'Request service' }).last().click();
  await page.getByRole('heading', { level: 1, name: 'Request service' }).waitFor();
  await page.getByRole('button', { name: 'Send the request' }).waitFor();

  // Sent empty: every message is tied to its field, and focus goes to the first.
  await page.getByRole('button', { name: 'Send the request' }).click();
  await focusIs(page, 'req-service');
  await page.getByText('Choose what you need, or “Something else”.').waitFor();
  await checkPage(page, 'request form with errors');

  // Keyboard only: the service, the description.
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Leak or burst pipe').isChecked()).resolves.toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.type('The pipe under the kitchen sink drips.');
  await page.getByLabel('As soon as possible').check();
  await page.getByLabel('Soon, this week').check();

  // One real photo (accepted), one text file dressed as a JPEG (refused by its first bytes).
  await page.setInputFiles('#req-files', { name: 'leak.png', mimeType: 'image/png', buffer: demoPng(64, 48, [20, 90, 200]) });
  // Its list item, once sent (the "Sending leak.png…" status line shows before it).
  await page.locator('.request-files li', { hasText: 'leak.png' }).waitFor();
  await page.setInputFiles('#req-files', { name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a picture at all, just words') });
  await page.locator('#req-files-error').waitFor();
  await expect(page.getAttribute('#req-files', 'aria-describedby')).resolves.toContain('req-files-error');
  await expect(page.locator('.request-files li').count()).resolves.toBe(1);
  await checkPage(page, 'request form with an upload refused');

  // Keyboard focus stays on the file input while a file is sent, and returns to it when a file is removed.
  await page.focus('#req-files');
  await page.setInputFiles('#req-files', { name: 'extra.png', mimeType: 'image/png', buffer: demoPng(32, 32, [200, 20, 20]) });
  await page.locator('.request-files li', { hasText: 'extra.png' }).waitFor();
  await focusIs(page, 'req-files');
  await page.getByRole('button', { name: 'Remove extra.png' }).focus();
  await page.keyboard.press('Enter');
  await focusIs(page, 'req-files');
  await expect(page.locator('.request-files li').count()).resolves.toBe(1);

  // The draft is kept in the same task a change is shown, before the next frame: a reload or a
  // closed tab right after a keystroke finds it. (The page's input event, then the draft as stored
  // once the render has run, and before the browser has painted.)
  const storedAtOnce = await page.evaluate(async () => {
    const box = document.getElementById('req-description') as HTMLTextAreaElement;
    box.value = 'The pipe under the kitchen sink drips, since Monday.';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((done) => setTimeout(done, 0));
    return Object.entries(localStorage).find(([key]) => key.startsWith('portal.requestDraft.'))?.[1] ?? '';
  });
  expect(JSON.parse(storedAtOnce)).toMatchObject({ description: 'The pipe under the kitchen sink drips, since Monday.' });

  // A reload keeps what was typed and the photo already sent.
  await page.reload();
  await page.getByRole('button', { name: 'Send the request' }).waitFor();
  await expect(page.getByLabel('Describe the problem').inputValue()).resolves.toBe('The pipe under the kitchen sink drips, since Monday.');
  await expect(page.getByLabel('Leak or burst pipe').isChecked()).resolves.toBe(true);
  await expect(page.locator('.request-files li').allInnerTexts()).resolves.toEqual([expect.stringContaining('leak.png')]);

  // The business stops offering the chosen service meanwhile: the server refuses the send, naming
  // the field. The corrected resend goes under a new Idempotency-Key (the server keeps its refusal
  // under the first one) and makes the request.
  const withoutLeak = (await businessApi(stack, 'PATCH', '/settings', { requests: { services: demoServices.filter((svc) => svc.id !== 'svc_leak') } })).status;
  expect(withoutLeak).toBe(200);
  try {
    await page.getByRole('button', { name: 'Send the request' }).click();
    await focusIs(page, 'req-service');
    await page.getByText('is not one of the services this business offers').waitFor();
    await page.getByLabel('Something else').check();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your request' }).waitFor();
  } finally {
    expect((await businessApi(stack, 'PATCH', '/settings', { requests: { services: demoServices } })).status).toBe(200);
  }
  await page.getByText('The pipe under the kitchen sink drips, since Monday.').waitFor();
  await page.getByText('leak.png').waitFor();
  await checkPage(page, 'request page');
  await page.setViewportSize({ width: 320, height: 700 });
  await expectNoHorizontalScroll(page, 'request page at 320 px');
  await page.setViewportSize(phone390);

  // The business sees it, with the photo.
  const requestId = new URL(page.url()).pathname.split('/').pop()!;
  const seen = (await businessApi(stack, 'GET', `/requests/${requestId}`)).body as { files: { fileName: string; url: string }[] };
  expect(seen.files.map((f) => f.fileName)).toEqual(['leak.png']);

  // The draft is gone once sent.
  await page.goto(`${stack.url}/acme/requests/new`);
  await page.getByRole('button', { name: 'Send the request' }).waitFor();
  await expect(page.getByLabel('Describe the problem').inputValue()).resolves.toBe('');

  // Withdraw it.
  await page.goto(`${stack.url}/acme/requests/${requestId}`);
  await page.getByRole('button', { name: 'Withdraw the request' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Withdrawn', { exact: true }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('from the website, no sign-in, with a photo: the request is held until the emailed link is opened and confirmed', async () => {
  const context = await browser.newContext({ viewport: phone390 });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/request`);
  await page.getByRole('heading', { level: 1, name: 'Ask Acme Plumbing & Heating for work' }).waitFor();
  await page.getByRole('button', { name: 'Send the request' }).waitFor();
  await checkPage(page, 'public request form');
  await page.setViewportSize({ width: 320, height: 700 });
  await expectNoHorizontalScroll(page, 'public request form at 320 px');
  await page.setViewportSize(phone390);

  await page.getByLabel('Blocked drain').check();
  await page.getByLabel('Describe the problem').fill('The shower drains slowly.');
  await page.getByLabel('Street address').fill('12 Maple Court');
  await page.getByLabel('City', { exact: true }).fill('Springfield');
  await page.getByLabel('State or region').fill('IL');
  await page.getByLabel('ZIP or postal code').fill('62704');
  await page.getByLabel('At times that suit me (up to 3)').check();
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  // More than a year ahead: refused here as the server would.
  await page.getByLabel('Day 1', { exact: true }).fill(new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Send the request' }).click();
  await focusIs(page, 'req-window0');
  await page.getByText('Choose a day within a year from today.').waitFor();
  await page.getByLabel('Day 1', { exact: true }).fill(day);
  // A second time, removed again: focus goes to "Add another time" (the Remove button is gone).
  await page.getByRole('button', { name: 'Add another time' }).click();
  await page.getByRole('button', { name: 'Remove time 2' }).focus();
  await page.keyboard.press('Enter');
  await focusIs(page, 'req-window-add');
  await page.getByLabel('It can wait').check();
  // A photo without a session: its claim token rides in the draft and with the request.
  await page.setInputFiles('#req-files', { name: 'drain.png', mimeType: 'image/png', buffer: demoPng(48, 48, [120, 60, 20]) });
  await page.locator('.request-files li', { hasText: 'drain.png' }).waitFor();
  await page.getByLabel('Your name').fill('Morgan Lee');
  await page.getByLabel('Email', { exact: true }).fill('not-an-email');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await focusIs(page, 'req-email');
  await page.getByLabel('Email', { exact: true }).fill('morgan@example.org');
  // A person takes longer than the time-to-fill floor (3 s) to get here; a script does not.
  await page.waitForTimeout(3_000);
  const before = stack.outbox.messages()[0]?.id ?? 0;
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
  await page.getByText('We sent a link to morgan@example.org.', { exact: false }).waitFor();
  await checkPage(page, 'check your email');

  const email = await stack.outbox.waitFor((m) => m.id > before && m.to === 'morgan@example.org' && m.link !== null, 10_000);
  const link = email.link!;
  const requestId = new URLSearchParams(new URL(link).hash.slice(1)).get('request')!;
  // Held: the business does not see it yet.
  expect((await businessApi(stack, 'GET', `/requests/${requestId}`)).status).toBe(404);

  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Confirm your request' }).waitFor();
  // The token left the address bar at once; opening the page confirmed nothing.
  await page.waitForFunction(() => location.hash === '');
  expect((await businessApi(stack, 'GET', `/requests/${requestId}`)).status).toBe(404);
  await checkPage(page, 'confirm your request');
  await page.getByRole('button', { name: 'Confirm and send my request' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Thank you: Acme Plumbing & Heating has your request', { exact: false }).first().waitFor();
  const seen = await businessApi(stack, 'GET', `/requests/${requestId}`);
  expect(seen.status).toBe(200);
  expect(seen.body).toMatchObject({ customerId: null, contact: { name: 'Morgan Lee', email: 'morgan@example.org' }, description: 'The shower drains slowly.' });
  expect((seen.body as { windows: unknown[] }).windows).toHaveLength(1);
  expect((seen.body as { files: { fileName: string }[] }).files.map((f) => f.fileName)).toEqual(['drain.png']);
  expect(errors).toEqual([]);
  await context.close();
});

/** Each choice of a fieldset: its label's box, its radio's box and the boxes its words take on screen. */
const choiceBoxes = (page: Page, field: string) =>
  page.evaluate((name) => {
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height });
    return [...document.querySelectorAll<HTMLLabelElement>(`fieldset[data-field="${name}"] > label.check`)].map((label) => {
      const range = document.createRange();
      range.selectNodeContents(label);
      const input = label.querySelector('input')!;
      const words = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0 && !(r.left >= input.getBoundingClientRect().left && r.right <= input.getBoundingClientRect().right));
      return { text: label.textContent!.trim(), label: box(label.getBoundingClientRect()), input: box(input.getBoundingClientRect()), words: words.map(box) };
    });
  }, field);

type Box = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
/** How far apart two boxes are (0 when they touch or overlap). */
const apart = (a: Box, b: Box) => Math.max(0, a.left - b.right, b.left - a.right, a.top - b.bottom, b.top - a.bottom);
const inside = (a: Box, b: Box) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;

test('from the website at 390 px: the service choices, a long one ("Leak or burst pipe") included, keep clear of each other\'s radios, each its own target of 24 px or more, and nothing scrolls sideways', async () => {
  const context = await browser.newContext({ viewport: phone390 });
  try {
    const page = await context.newPage();
    await page.goto(`${stack.url}/acme/request`);
    await page.getByRole('button', { name: 'Send the request' }).waitFor();
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      await expectNoHorizontalScroll(page, `public request form at ${width} px`);
      const choices = await choiceBoxes(page, 'service');
      expect(choices.map((c) => c.text)).toEqual(expect.arrayContaining(['Leak or burst pipe']));
      const problems: string[] = [];
      choices.forEach((c, i) => {
        if (c.label.width < 24 || c.label.height < 24) problems.push(`${c.text}: its target is ${c.label.width}×${c.label.height}`);
        // Its words sit inside its own label, beside its own radio.
        for (const w of c.words) if (!inside(w, c.label)) problems.push(`${c.text}: words outside its label`);
        choices.forEach((other, j) => {
          if (i === j) return;
          if (overlaps(c.label, other.label)) problems.push(`${c.text} overlaps ${other.text}`);
          // A choice's words stay clear of another's radio: which words go with which radio is never in doubt.
          for (const w of c.words) if (overlaps(w, other.label) || apart(w, other.input) < 8) problems.push(`${c.text}'s words run into ${other.text}'s radio (${apart(w, other.input).toFixed(1)} px apart)`);
        });
      });
      expect({ width, problems }).toEqual({ width, problems: [] });
    }
  } finally {
    await context.close();
  }
});
