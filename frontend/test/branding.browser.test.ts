/**
 * Branding that shows (issue 18 §5), in real Chromium under the portal's real CSP (`img-src 'self'
 * data:`, unchanged): a logo uploaded through the business API renders in the portal's header and
 * on the tracking page, and a technician's uploaded photo on the tracking page. Each image must
 * actually decode (`naturalWidth > 0`), with no CSP violation or script error on the page.
 */
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../infra/local/stack';
import { demoPng } from '../../infra/local/demo-files';
import { browserSuite, businessApi, phone, putUpcomingJob, recordPageErrors, signInAsJordan, startTracking } from './browser-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));

/** Both steps of an upload through the business API, as a business's system would: returns the /media/ path. */
async function upload(bytes: Buffer): Promise<string> {
  const started = (await businessApi(stack, 'POST', '/media', { contentType: 'image/png', sizeBytes: bytes.length })) as { status: number; body: { id: string; upload: { url: string; headers: Record<string, string> } } };
  expect(started.status).toBe(201);
  expect((await fetch(started.body.upload.url, { method: 'PUT', headers: started.body.upload.headers, body: new Uint8Array(bytes) })).status).toBe(200);
  const done = (await businessApi(stack, 'POST', `/media/${started.body.id}/complete`)) as { status: number; body: { url: string } };
  expect(done.status).toBe(200);
  return done.body.url;
}

/** The image's decoded width once it has loaded (0 when the browser refused or could not decode it). */
const naturalWidth = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate(async (img: HTMLImageElement) => {
    if (!img.complete) {
      await new Promise((resolve) => {
        img.addEventListener('load', resolve, { once: true });
        img.addEventListener('error', resolve, { once: true });
      });
    }
    return img.naturalWidth;
  });

let logoUrl: string;
let photoUrl: string;

beforeAll(async () => {
  logoUrl = await upload(demoPng(160, 48, [11, 92, 173]));
  photoUrl = await upload(demoPng(96, 96, [200, 120, 40]));
  expect((await businessApi(stack, 'PATCH', '/settings', { logoUrl })).status).toBe(200);
});

test("the uploaded logo renders in the portal's header, from the portal's own origin, under the unchanged CSP", async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await signInAsJordan(stack, context);
  const errors = recordPageErrors(page);
  const response = await page.goto(`${stack.url}/acme/jobs`);
  expect(response!.headers()['content-security-policy']).toContain("img-src 'self' data:;");
  const logo = page.locator('header img.brand-logo');
  await logo.waitFor({ timeout: 10_000 });
  expect(await logo.getAttribute('src')).toBe(logoUrl);
  expect(await logo.getAttribute('alt')).toBe('Acme Plumbing & Heating');
  expect(await naturalWidth(page, 'header img.brand-logo')).toBe(160);
  expect(errors).toEqual([]);
  await context.close();
});

test("the tracking page shows the business's logo and the technician's uploaded photo", async () => {
  await putUpcomingJob(stack, 'job_brand_track', { number: 'J-BRAND', technicianName: 'Dev Okafor' });
  const link = await startTracking(stack, 'job_brand_track', { name: 'Dev Okafor', photoUrl });
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(link);
  await page.locator('img.tracking-avatar').waitFor({ timeout: 10_000 });
  expect(await page.locator('img.tracking-avatar').getAttribute('src')).toBe(photoUrl);
  expect(await naturalWidth(page, 'img.tracking-avatar')).toBe(96);
  await page.locator('img.brand-logo').waitFor({ timeout: 10_000 });
  expect(await naturalWidth(page, 'img.brand-logo')).toBe(160);
  expect(await page.locator('.tracking-avatar--initials').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});
