/**
 * The job page's conversation in real Chromium against the local stack: replying (shown at once
 * as "Sending…", "Not sent" with Retry when the network fails, and a retry never stores the
 * message twice), and the paged sections ("Show earlier messages", "Show more notes").
 */
import type { Browser, Page, Request, Route } from 'playwright-core';
import type { Message } from '../../shared/contract/customer/jobs';
import type { Page as ApiPage } from '../../shared/contract/common';
import type { LocalStack } from '../../infra/local/stack';
import { browserSuite, businessApi, checkPage, phone, recordApiCalls, recordPageErrors, signInAsJordan } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

const replies = '**/api/jobs/*/messages';

/** Every message of a job, oldest first, read by the signed-in page (as the customer). */
async function storedMessages(page: Page, jobId: string): Promise<Message[]> {
  const body = await page.evaluate(async (id) => (await fetch(`/api/jobs/${id}/messages?limit=100`)).json(), jobId);
  return (body as ApiPage<Message>).items.slice().reverse();
}

/** The texts of the messages shown, in order. */
/**
 * The messages the job page shows, once it shows them: the section is a chunk of its own, fetched
 * beside the job's read, so the heading can be up before the list is (read then, it would be empty).
 */
async function shownTexts(page: Page): Promise<string[]> {
  const texts = page.locator('ol.messages > li > p.prewrap');
  await texts.first().waitFor();
  return texts.allInnerTexts();
}

test('reply on a job: Sending…, then sent; a failed send is retried with the same key and stored once', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  const calls = recordApiCalls(page);
  await page.goto(`${stack.url}/acme/jobs/job_fc1090`);
  await page.getByRole('heading', { level: 1, name: 'Bathroom faucet installation' }).waitFor();
  const messages = page.getByRole('region', { name: 'Messages' });
  const box = page.getByLabel('Your message');
  const send = page.getByRole('button', { name: 'Send', exact: true });
  // The messages section is its own chunk, which can come after the h1.
  await box.waitFor();
  await checkPage(page, 'job with a reply box');

  // Empty: Send is off. Enter starts a new line, it does not send.
  await expect(send.isDisabled()).resolves.toBe(true);
  await box.click();
  await page.keyboard.type('The gate code is 4512.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Dog is friendly.');
  await expect(box.inputValue()).resolves.toBe('The gate code is 4512.\nDog is friendly.');
  expect(calls.filter((c) => c.startsWith('POST '))).toEqual([]);

  // --- sent: shown at once as Sending…, then as stored ---
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  await page.route(replies, async (route) => {
    await held;
    await route.continue();
  });
  await send.click();
  const pending = messages.getByRole('listitem').filter({ hasText: 'Dog is friendly.' });
  await pending.getByText('Sending…').waitFor();
  await expect(box.inputValue()).resolves.toBe('');
  await checkPage(page, 'job with a reply sending');
  release();
  await pending.locator('time').waitFor();
  await expect(pending.getByText('Sending…').count()).resolves.toBe(0);
  await page.locator('[aria-live="polite"]', { hasText: 'Message sent' }).waitFor({ state: 'attached' });
  await page.unroute(replies);
  expect((await storedMessages(page, 'job_fc1090')).filter((m) => m.text === 'The gate code is 4512.\nDog is friendly.')).toHaveLength(1);

  // --- not sent: the first try never reaches the server, the second reaches it but its answer is lost ---
  const keys: string[] = [];
  let attempt = 0;
  await page.route(replies, async (route: Route, request: Request) => {
    if (request.method() !== 'POST') return route.continue();
    keys.push((await request.allHeaders())['idempotency-key'] ?? '');
    attempt += 1;
    if (attempt === 2) await route.fetch(); // the server stores it...
    await route.abort('connectionreset'); // ...and the answer never arrives
  });
  const text = 'Please ring the bell twice.';
  await box.fill(text);
  await send.click();
  const failed = messages.getByRole('listitem').filter({ hasText: text });
  await failed.getByText('Not sent').waitFor();
  await page.locator('[aria-live="polite"]', { hasText: 'Message not sent' }).waitFor({ state: 'attached' });
  await checkPage(page, 'job with a reply not sent');
  await failed.getByRole('button', { name: 'Retry' }).click();
  await failed.getByText('Not sent').waitFor();
  expect(attempt).toBe(2);
  expect((await storedMessages(page, 'job_fc1090')).filter((m) => m.text === text)).toHaveLength(1);

  // The network is back: Retry gets the stored message back, it does not store another.
  await page.unroute(replies);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await failed.locator('time').waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Bathroom faucet installation' }).waitFor();
  expect((await shownTexts(page)).filter((t) => t === text)).toHaveLength(1);
  expect((await storedMessages(page, 'job_fc1090')).filter((m) => m.text === text)).toHaveLength(1);
  expect(keys).toHaveLength(2);
  expect(new Set(keys).size).toBe(1);
  expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);

  // --- Discard drops a reply that was not sent ---
  await page.route(replies, (route) => route.abort('failed'));
  await box.fill('Never mind.');
  await send.click();
  const dropped = messages.getByRole('listitem').filter({ hasText: 'Never mind.' });
  await dropped.getByText('Not sent').waitFor();
  await dropped.getByRole('button', { name: 'Discard' }).click();
  await expect(dropped.count()).resolves.toBe(0);
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('reply');
  await page.unroute(replies);

  // --- too long: the field says why, nothing is sent, the text stays ---
  const posts = calls.filter((c) => c.startsWith('POST ')).length;
  await box.fill('x'.repeat(5001));
  await send.click();
  await page.getByText('Your message must be at most 5000 characters').waitFor();
  await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(box.inputValue()).resolves.toHaveLength(5001);
  expect(calls.filter((c) => c.startsWith('POST ')).length).toBe(posts);

  expect(errors).toEqual([]);
  await context.close();
});

test('a reply the API refuses as invalid goes back into the box with the reason', async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  await page.goto(`${stack.url}/acme/jobs/job_sk1063`);
  await page.getByRole('heading', { level: 1, name: 'Kitchen sink leak repair' }).waitFor();
  await page.route(replies, (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Invalid request', status: 400, detail: 'The request has invalid fields.', errors: [{ field: 'body.text', message: 'must not contain control or direction-override characters' }] }),
    }),
  );
  await page.getByLabel('Your message').fill('Hello');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('Your message must not contain control or direction-override characters').waitFor();
  await expect(page.getByLabel('Your message').inputValue()).resolves.toBe('Hello');
  await expect(page.getByRole('region', { name: 'Messages' }).getByText('Not sent').count()).resolves.toBe(0);
  await checkPage(page, 'job with a refused reply');
  await context.close();
});

test('"Show earlier messages" and "Show more notes" read older pages', async () => {
  // 25 more messages and 21 more notes on J-1041, an hour apart, the newest 5 minutes ago.
  const now = Date.now();
  for (let i = 1; i <= 25; i++) {
    const at = new Date(now - (26 - i) * 60 * 60_000 - 5 * 60_000).toISOString();
    const posted = await businessApi(stack, 'POST', '/jobs/job_wh1041/messages', { text: `Update ${i} of 25`, notify: 'none', at });
    expect(posted.status).toBe(201);
  }
  for (let i = 1; i <= 21; i++) {
    const at = new Date(now - (22 - i) * 60 * 60_000).toISOString();
    expect((await businessApi(stack, 'POST', '/jobs/job_wh1041/notes', { text: `Note ${i} of 21`, at })).status).toBe(201);
  }

  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  await page.goto(`${stack.url}/acme/jobs/job_wh1041`);
  await page.getByRole('heading', { level: 1, name: 'Water heater replacement' }).waitFor();

  // The newest 20, oldest first, with the way to older ones above them.
  const first = await shownTexts(page);
  expect(first).toEqual(Array.from({ length: 20 }, (_, i) => `Update ${i + 6} of 25`));
  const earlier = page.getByRole('button', { name: 'Show earlier messages' });
  await checkPage(page, 'job with many messages');
  const buttonBox = await earlier.boundingBox();
  const listBox = await page.locator('ol.messages').boundingBox();
  expect(buttonBox!.y).toBeLessThan(listBox!.y);

  await earlier.click();
  await page.getByText('Update 1 of 25').waitFor();
  const all = await shownTexts(page);
  expect(all).toEqual([
    'Maria is on her way and should arrive around 9:15.',
    'Great, the side gate is open.',
    'All done: the new heater is running. Thanks, Jordan!',
    ...Array.from({ length: 25 }, (_, i) => `Update ${i + 1} of 25`),
  ]);
  await expect(earlier.count()).resolves.toBe(0);
  // Focus moves to the first message that appeared, so reading goes on from there.
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain('Maria is on her way');

  // Notes: newest first, "Show more notes" under them.
  const notes = page.getByRole('region', { name: 'Notes' });
  await expect(notes.getByRole('listitem').count()).resolves.toBe(20);
  await notes.getByRole('button', { name: 'Show more notes' }).click();
  await notes.getByText('Warranty registered with the manufacturer').waitFor();
  await expect(notes.getByRole('listitem').count()).resolves.toBe(23);
  await expect(notes.getByRole('button', { name: 'Show more notes' }).count()).resolves.toBe(0);
  await checkPage(page, 'job with every page shown');

  // A download link that has (nearly) expired: its page of attachments is read again and the fresh URL followed.
  const attachment = page.getByRole('region', { name: 'Attachments' }).getByRole('link', { name: 'J-1041 care instructions.txt' });
  const oldUrl = await attachment.getAttribute('href');
  await page.clock.setSystemTime(new Date(Date.now() + 10 * 60_000));
  const reread = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/jobs/job_wh1041/attachments');
  const download = page.waitForRequest((r) => new URL(r.url()).pathname.startsWith('/dev/files/'));
  await attachment.click();
  const fresh = ((await (await reread).json()) as ApiPage<{ fileName: string; url: string }>).items.find((a) => a.fileName === 'J-1041 care instructions.txt');
  expect((await download).url()).toBe(fresh!.url);
  expect(oldUrl).toMatch(/\/dev\/files\//);

  expect(errors).toEqual([]);
  await context.close();
});
