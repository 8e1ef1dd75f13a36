/**
 * The technician tracking page in real Chromium against the local stack. The "done when":
 * a business starts tracking one of Jordan's visits through the business API and feeds positions;
 * the link from the outbox opens, with no sign-in, a page showing who is coming, the arrival range
 * in the business's time zone and the distance; the marker and the text move on their own as
 * positions come in; arrival hides the position; completion turns the page into "This visit is
 * over" with the business's contact.
 *
 * Also: track.html is a page of its own (none of the app's JavaScript), loads nothing from another
 * origin and sends no Referer; the ETag / 304 path is what the refreshes use; a hidden tab asks
 * nothing; a cut-off link asks nothing and says so; a photo that does not load gives way to
 * initials. With no tile source (the local default), the map is a plain background with the two
 * markers at their places: the tests check where the technician's marker sits relative to the
 * destination's, in pixels, against the direction of the coordinates.
 *
 * The page refreshes every 3 s (15 s after five unchanged answers); here an init script sets `window.__trackingRefreshMs` so the
 * refreshes come quickly. Each test starts its own visit on its own job.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core';
import { demo as seed } from '../../infra/local/seed';
import type { LocalStack } from '../../infra/local/stack';
import type { TrackingView } from '../../shared/contract/customer/tracking';
import { buildFrontend } from '../build';
import { formatArrival, formatDistance } from '../src/tracking/format';
import { browserSuite, businessApi, checkPage, expectSecurityHeaders, meStatus, phone, putUpcomingJob, recordPageErrors, startTracking as startTrackingBy } from './browser-support';
import { showCatalogs } from './i18n-support';

let stack: LocalStack;
let browser: Browser;

browserSuite((started) => ({ stack, browser } = started));
// The expected words are computed here, in English, as the page (in an English browser) writes them.
beforeAll(() => showCatalogs('en'));

// A frontend/dist built before the tracking page existed has no track.html: build it afresh.
beforeAll(async () => {
  if (!existsSync(path.join(__dirname, '../dist/track.html'))) await buildFrontend({ quiet: true });
}, 60_000);

const desktop = { width: 1280, height: 800 };
const acmeZone = seed.acme.timeZone;
/** The page uses no-break spaces (and ICU may too); compare with plain spaces. */
const plain = (s: string | null) => (s ?? '').replace(/[\u202f\u00a0]/g, ' ').trim();
/** Jordan's address in the demo data (a made-up point in Springfield, IL). */
const destination = seed.locations.jordan;
const technician = { name: 'Dev Okafor', vehicle: 'White Ford Transit' };

let jobCounter = 0;
/** A fresh upcoming job of Jordan's at Acme, with the service address's coordinates. */
async function newJob(): Promise<string> {
  const id = `job_trackb_${++jobCounter}_${Date.now().toString(36)}`;
  await putUpcomingJob(stack, id, { number: `T-${jobCounter}`, technicianName: technician.name });
  return id;
}

/** Starts tracking by email; returns the "on my way" link the outbox received. */
const startTracking = (jobId: string, tech: Record<string, unknown> = technician): Promise<string> => startTrackingBy(stack, jobId, tech);

/** A fix `north`/`east` meters from the destination (roughly: 111 km per degree of latitude). */
async function putPosition(jobId: string, north: number, east: number): Promise<void> {
  const lat = destination.lat + north / 111_000;
  const lng = destination.lng + east / (111_000 * Math.cos((destination.lat * Math.PI) / 180));
  const res = await businessApi(stack, 'PUT', `/jobs/${jobId}/tracking/position`, { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)), accuracy: 10, at: new Date().toISOString() });
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
}

async function visitStatus(jobId: string, step: 'arrived' | 'completed'): Promise<void> {
  const res = await businessApi(stack, 'POST', `/jobs/${jobId}/tracking/${step}`, {});
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
}

/** What the page itself reads, asked from outside the browser (a read: it uses nothing up). */
async function viewOf(link: string): Promise<TrackingView> {
  const token = new URL(link).hash.replace(/^#token=/, '');
  const res = await fetch(`${stack.url}/api/tracking`, { headers: { authorization: `Link ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as TrackingView;
}

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Every request the page made (any origin). */
  requests: string[];
  /**
   * `GET /api/tracking` answers, in order: status, and the If-None-Match the request carried. An
   * answer is recorded the moment it arrives; its request's If-None-Match is read after (Playwright
   * reads all headers asynchronously), so read `ifNoneMatch` through `settledPolls`.
   */
  polls: { status: number; ifNoneMatch: string | undefined; etag: string | undefined }[];
  headerReads: Promise<void>[];
  errors: string[];
  response: Response | null;
}

/** Opens the link in a browser that has never signed in, refreshing every `refreshMs`. */
async function open(link: string, viewport = phone, refreshMs = 400): Promise<Opened> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(`window.__trackingRefreshMs = ${refreshMs};`);
  const page = await context.newPage();
  const requests: string[] = [];
  const polls: Opened['polls'] = [];
  page.on('request', (request: Request) => requests.push(request.url()));
  const headerReads: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    if (new URL(response.url()).pathname !== '/api/tracking') return;
    // Recorded at once: the page may act on this answer before an awaited header read returns.
    const poll: Opened['polls'][number] = { status: response.status(), ifNoneMatch: undefined, etag: response.headers().etag };
    polls.push(poll);
    // A page closed before the read returns has nothing more to tell (the read then fails: ignored).
    headerReads.push(response.request().allHeaders().then((headers) => void (poll.ifNoneMatch = headers['if-none-match']), () => undefined));
  });
  const errors = recordPageErrors(page);
  const response = await page.goto(link);
  return { context, page, requests, polls, headerReads, errors, response };
}

/** The answers so far, with every request's If-None-Match read. */
async function settledPolls(o: Opened): Promise<Opened['polls']> {
  await Promise.all(o.headerReads);
  return o.polls;
}

/** The centre of an element on screen. */
async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  expect(box).not.toBeNull();
  return { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
}

/** Where the technician's marker sits from the destination's: +x east, +y south (screen). */
async function offset(page: Page): Promise<{ dx: number; dy: number }> {
  const tech = await centre(page, '.tracking-marker--technician');
  const dest = await centre(page, '.tracking-marker--destination');
  return { dx: tech.x - dest.x, dy: tech.y - dest.y };
}

/**
 * How many times the page has asked for the tracking view: requests, counted when sent. (Answers
 * would count a request sent before the tab was hidden whose answer came after, as if asked while hidden.)
 */
const trackingCalls = (o: Opened) => o.requests.filter((url) => new URL(url).pathname === '/api/tracking').length;

/**
 * The arrival the page shows, checked against what the view's range says at the moment it was read:
 * the words change when the range's first minute comes ("Arriving any minute"), so the expected text
 * is taken from the clock just before and just after the read, and the page's must be one of them.
 */
async function arrivalShown(page: Page, view: TrackingView): Promise<string> {
  const before = plain(formatArrival(view.eta!, acmeZone, new Date()));
  const shown = plain(await page.locator('.tracking-eta').textContent());
  const after = plain(formatArrival(view.eta!, acmeZone, new Date()));
  expect([before, after]).toContain(shown);
  return shown;
}

/** A 1×1 grey PNG: a map tile. */
const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4BwAA7gDtEugVgAAAAABJRU5ErkJggg==', 'base64');

/** An element's text, spaces made plain ('' while it is not there). */
const textOf = async (page: Page, selector: string) => plain(await page.locator(selector).first().textContent({ timeout: 1_000 }).catch(() => ''));

/** Reads until the assertion holds (the page refreshes on its own), or fails with the last reading. */
async function eventually<T>(read: () => Promise<T> | T, assert: (value: T) => void, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      assert(value);
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the tracking page', () => {
  test('opens from the outbox link with no sign-in: who is coming, on the way, the arrival range in the business zone and the distance; nothing of the app, nothing from elsewhere, no Referer (360 px)', async () => {
    const jobId = await newJob();
    const link = await startTracking(jobId);
    // About 6 km south-west. Nearer, the range could already have started: its start is rounded down
    // to 5 minutes, so a technician whose faster drive is under 5 minutes (3 km is 4.9) can have one
    // that starts this minute, which the page rightly says as "Arriving any minute". At 6 km the
    // faster drive is 9.9 minutes: the range starts at least 4.9 minutes on, far more than this test takes.
    await putPosition(jobId, -4400, -4000);
    const view = await viewOf(link);
    expect(view.eta).toBeDefined();

    const o = await open(link, phone);
    const { page } = o;
    expectSecurityHeaders(o.response);
    expect(o.response!.headers()['content-type']).toMatch(/^text\/html/);
    expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
    expect(await page.evaluate(() => document.referrer)).toBe('');
    // track.html itself: no inline script or style, nothing named on another origin.
    const html = await (await fetch(`${stack.url}/acme/track`)).text();
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc="\/assets\/)[^>]*>|<style|\sstyle=/);
    expect(html).not.toMatch(/https?:\/\//);

    await page.locator('.tracking-eta').waitFor();
    expect(plain(await page.locator('h1').textContent())).toBe('Dev Okafor is on the way');
    expect(plain(await page.locator('.tracking-name').textContent())).toBe('Dev Okafor');
    expect(plain(await page.locator('.tracking-vehicle').textContent())).toBe('White Ford Transit');
    expect(plain(await page.locator('.tracking-avatar--initials').textContent())).toBe('DO');
    expect(plain(await page.locator('.badge').textContent())).toBe('On the way');

    // "Arriving 2:10–2:20 PM", in Chicago time, as the API's range says; the distance in miles.
    const eta = await arrivalShown(page, view);
    expect(eta).toMatch(/^Arriving \d{1,2}:\d{2}( [AP]M)?–\d{1,2}:\d{2} [AP]M$/);
    const distance = plain(await page.locator('.tracking-distance').textContent());
    expect(distance).toMatch(/^\d+\.\d mi away$/);
    expect(distance).toBe(`${plain(formatDistance(view.distanceMeters!, 'mi'))} away`);
    expect(plain(await page.locator('.tracking-updated').textContent())).toMatch(/^Updated (just now|\d+ s ago)$/);

    // The polite live region says nothing on opening (the page says it already), and never the ticking "updated" text.
    const live = page.locator('[aria-live="polite"]');
    expect(await live.count()).toBe(1);
    expect(plain(await live.textContent())).toBe('');
    expect(await live.locator('.tracking-updated').count()).toBe(0);

    // The business's branding and contact; never the address.
    expect(plain(await page.locator('.brand-name').textContent())).toBe(seed.acme.name);
    expect(plain(await page.locator('.tracking-contact').textContent())).toContain('(555) 555-0100');
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/Elm Street|Springfield|62701/);

    // The map, after the text: two markers on a plain background, no tiles; the marker south-west of the pin.
    await page.locator('.tracking-marker--destination').waitFor();
    await page.locator('.tracking-marker--technician').waitFor();
    expect(await page.locator('.tracking-map--plain').count()).toBe(1);
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    const { dx, dy } = await offset(page);
    expect(dx).toBeLessThan(-20);
    expect(dy).toBeGreaterThan(20);
    expect(plain(await page.locator('.tracking-marker--technician').textContent())).toContain('Dev Okafor');
    expect(plain(await page.locator('.tracking-marker--destination').textContent())).toBe('Your address');

    // No sign-in happened, and the token left the address bar.
    expect(await meStatus(page)).toBe(401);
    expect(page.url()).toBe(`${stack.url}/acme/track`);

    // Its own page: the tracking entry, its map chunk and Leaflet's stylesheet; none of the app, nothing from another origin.
    const own = o.requests.filter((url) => new URL(url).origin === stack.url);
    expect(o.requests.filter((url) => !url.startsWith('data:'))).toEqual(own);
    const scripts = own.filter((url) => url.endsWith('.js')).map((url) => new URL(url).pathname);
    expect(scripts.some((path) => /^\/assets\/track-[A-Z0-9]+\.js$/.test(path))).toBe(true);
    expect(scripts.some((path) => /^\/assets\/app-/.test(path))).toBe(false);
    expect(own.some((url) => /\/assets\/map-[A-Z0-9]+\.css$/.test(url))).toBe(true);

    await checkPage(page, 'tracking page, on the way (360 px)');
    expect(o.errors).toEqual([]);
    await o.context.close();
  });

  test('moves the marker and the text on its own as positions come in, with ETag and 304s; pauses while hidden; arrival hides the position and stops the refreshes (desktop)', async () => {
    const jobId = await newJob();
    const link = await startTracking(jobId);
    await putPosition(jobId, -3000, -2500);

    const o = await open(link, desktop, 300);
    const { page } = o;
    await page.locator('.tracking-marker--technician').waitFor();
    const first = await offset(page);
    expect(first.dx).toBeLessThan(-20);
    expect(first.dy).toBeGreaterThan(20);
    const firstDistance = plain(await page.locator('.tracking-distance').textContent());

    // Nothing changed: the refreshes send the ETag and get 304s.
    await eventually(() => o.polls.filter((p) => p.status === 304).length, (v) => expect(v).toBeGreaterThanOrEqual(2), 10_000);
    const unchanged = await settledPolls(o);
    expect(unchanged[0]).toMatchObject({ status: 200, ifNoneMatch: undefined });
    expect(unchanged[0]!.etag).toMatch(/^"/);
    for (const poll of unchanged.slice(1)) expect(poll.ifNoneMatch).toBe(unchanged[0]!.etag);

    // Now north-east of the address, and closer: the marker crosses over, the distance and range follow.
    await putPosition(jobId, 900, 1200);
    await eventually(async () => (await offset(page)).dx, (v) => expect(v).toBeGreaterThan(20), 10_000);
    const moved = await offset(page);
    expect(moved.dy).toBeLessThan(-20);
    const view = await viewOf(link);
    await eventually(() => textOf(page, '.tracking-distance'), (v) => expect(v).toBe(`${plain(formatDistance(view.distanceMeters!, 'mi'))} away`));
    expect(plain(await page.locator('.tracking-distance').textContent())).not.toBe(firstDistance);
    await arrivalShown(page, view);
    expect((await settledPolls(o)).some((p) => p.status === 200 && p.ifNoneMatch !== undefined)).toBe(true);

    // A hidden tab asks nothing; shown again, it asks at once.
    const hide = (state: 'hidden' | 'visible') =>
      page.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await page.waitForTimeout(400);
    await hide('hidden');
    await page.waitForTimeout(400);
    const whileHidden = trackingCalls(o);
    await page.waitForTimeout(1500);
    expect(trackingCalls(o)).toBe(whileHidden);
    await hide('visible');
    await eventually(() => trackingCalls(o), (v) => expect(v).toBeGreaterThan(whileHidden), 2_000);

    await checkPage(page, 'tracking page, on the way (desktop)');

    // Arrived: the position and its marker go, the page says so, and it stops asking.
    await visitStatus(jobId, 'arrived');
    await eventually(() => textOf(page, 'h1'), (v) => expect(v).toBe('Dev Okafor has arrived'), 10_000);
    expect(plain(await page.locator('.badge').textContent())).toBe('Arrived');
    expect(plain(await page.locator('[aria-live="polite"]').textContent())).toContain('Arrived');
    await eventually(() => page.locator('.tracking-marker--technician').count(), (v) => expect(v).toBe(0));
    expect(await page.locator('.tracking-marker--destination').count()).toBe(1);
    expect(await page.locator('.tracking-distance').count()).toBe(0);
    expect(await page.locator('.tracking-eta').textContent()).not.toMatch(/Arriving/);
    await page.waitForTimeout(300);
    const afterArrival = trackingCalls(o);
    await page.waitForTimeout(1500);
    expect(trackingCalls(o)).toBe(afterArrival);

    await checkPage(page, 'tracking page, arrived (desktop)');
    expect(o.errors).toEqual([]);
    await o.context.close();
  });

  test('completed: the open page turns into "This visit is over" with the business contact, a reload says so again, and so does the link opened afresh (360 px)', async () => {
    const jobId = await newJob();
    const link = await startTracking(jobId);
    await putPosition(jobId, -1500, 800);

    const o = await open(link, phone, 300);
    const { page } = o;
    await page.locator('.tracking-eta').waitFor();
    await visitStatus(jobId, 'completed');
    await eventually(() => textOf(page, 'h1'), (v) => expect(v).toBe('This visit is over'), 10_000);
    // The API said so (a poll already in flight when the visit ended may still answer 200 after it, under load).
    await eventually(() => o.polls.map((p) => p.status), (v) => expect(v).toContain(410));
    // The heading takes focus: the page the customer was reading has gone.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const contact = plain(await page.locator('main').textContent());
    expect(contact).toContain(seed.acme.name);
    expect(contact).toContain('(555) 555-0100');
    expect(contact).toContain(seed.acme.contactEmail);
    expect(await page.locator('a[href="tel:+15555550100"]').count()).toBe(1);
    expect(await page.locator('.tracking-map-frame, .tracking-marker--technician').count()).toBe(0);
    const after = trackingCalls(o);
    await page.waitForTimeout(1200);
    expect(trackingCalls(o)).toBe(after);
    await checkPage(page, 'tracking page, visit over (360 px)');

    // A reload (the token was kept for the tab) says the same.
    await page.reload();
    await eventually(() => textOf(page, 'h1'), (v) => expect(v).toBe('This visit is over'), 10_000);
    await eventually(() => textOf(page, 'main'), (v) => expect(v).toContain('(555) 555-0100'));
    expect(o.errors).toEqual([]);
    await o.context.close();

    // Opened afresh after the visit: the contact comes from the portal.
    const fresh = await open(link, phone);
    await eventually(() => textOf(fresh.page, 'h1'), (v) => expect(v).toBe('This visit is over'), 10_000);
    await eventually(() => textOf(fresh.page, 'main'), (v) => expect(v).toContain(seed.acme.contactEmail));
    expect(plain(await fresh.page.locator('.brand-name').textContent())).toBe(seed.acme.name);
    await eventually(() => fresh.polls.map((p) => p.status), (v) => expect(v).toEqual([410]));
    await checkPage(fresh.page, 'tracking page, opened after the visit (360 px)');
    await fresh.context.close();
  });

  test('before the first position: on the way, with the destination pinned and the arrival time to come', async () => {
    const jobId = await newJob();
    const link = await startTracking(jobId);
    const o = await open(link, phone, 300);
    const { page } = o;
    await page.locator('.tracking-eta').waitFor();
    expect(plain(await page.locator('.badge').textContent())).toBe('On the way');
    expect(plain(await page.locator('.tracking-eta').textContent())).toBe("The arrival time shows once Dev Okafor's location comes in.");
    await page.locator('.tracking-marker--destination').waitFor();
    expect(await page.locator('.tracking-marker--technician').count()).toBe(0);

    // The first fix arrives: the marker appears and the range is announced.
    await putPosition(jobId, 0, -2000);
    await page.locator('.tracking-marker--technician').waitFor({ timeout: 10_000 });
    await eventually(() => textOf(page, '[aria-live="polite"]'), (v) => expect(v).toMatch(/On the way\. Arriving (\d|any minute)/));
    const { dx, dy } = await offset(page);
    expect(dx).toBeLessThan(-20);
    expect(Math.abs(dy)).toBeLessThan(Math.abs(dx) / 4);
    expect(o.errors).toEqual([]);
    await o.context.close();
  });

  test('with a tile source: a tile layer with its attribution under the same markers (tiles served from our origin here, as the CSP allows)', async () => {
    const jobId = await newJob();
    const link = await startTracking(jobId);
    await putPosition(jobId, 1500, -1500);
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    // The local stack has no tile source: the API's answer gets one, at a path of our own origin.
    await page.route('**/api/tracking', async (route) => {
      const response = await route.fetch();
      if (response.status() !== 200) return route.fulfill({ response });
      const view = (await response.json()) as TrackingView;
      return route.fulfill({ response, json: { ...view, map: { tileUrl: `${stack.url}/test-tiles/{z}/{x}/{y}.png`, attribution: '© Test Tiles', maxZoom: 18 } } });
    });
    const tiles: string[] = [];
    await page.route('**/test-tiles/**', (route) => {
      tiles.push(new URL(route.request().url()).pathname);
      return route.fulfill({ status: 200, contentType: 'image/png', body: onePixelPng });
    });
    await page.goto(link);
    await page.locator('.tracking-marker--technician').waitFor();
    await eventually(() => page.locator('img.leaflet-tile').count(), (v) => expect(v).toBeGreaterThan(0));
    expect(tiles.every((path) => /^\/test-tiles\/\d+\/\d+\/\d+\.png$/.test(path))).toBe(true);
    expect(await page.locator('.tracking-map--plain').count()).toBe(0);
    expect(await textOf(page, '.leaflet-control-attribution')).toBe('© Test Tiles');
    const { dx, dy } = await offset(page);
    expect(dx).toBeLessThan(-20);
    expect(dy).toBeLessThan(-20);
    await checkPage(page, 'tracking page with map tiles (360 px)');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a photo that does not load (a /media/ path with no image behind it) gives way to initials', async () => {
    const jobId = await newJob();
    const link = await startTracking(jobId, { ...technician, photoUrl: `/media/${stack.demo.acme.business.id}/${'0'.repeat(64)}.png` });
    const o = await open(link, phone);
    await o.page.locator('.tracking-avatar--initials').waitFor({ timeout: 10_000 });
    expect(plain(await o.page.locator('.tracking-avatar--initials').textContent())).toBe('DO');
    expect(await o.page.locator('img.tracking-avatar').count()).toBe(0);
    await o.context.close();
  });

  test('a tracking link opened on another link page (the sign-in link page, a pay page) goes to the tracking page, token and all', async () => {
    const jobId = await newJob();
    const link = await startTracking(jobId);
    const token = new URL(link).hash;
    for (const page of ['link', 'pay']) {
      const o = await open(`${stack.url}/acme/${page}${token}`, phone);
      await eventually(() => o.page.url(), (url) => expect(url).toBe(`${stack.url}/acme/track`));
      await eventually(() => textOf(o.page, 'main'), (v) => expect(v).toContain(technician.name));
      expect(o.polls.some((p) => p.status === 200)).toBe(true);
      expect(o.errors).toEqual([]);
      await o.context.close();
    }
  });

  test('a cut-off link asks the API nothing and says the link is not valid, with the business contact', async () => {
    const o = await open(`${stack.url}/acme/track#token=abc123`, phone);
    await eventually(() => textOf(o.page, 'h1'), (v) => expect(v).toBe('This link is not valid'));
    await eventually(() => textOf(o.page, 'main'), (v) => expect(v).toContain('(555) 555-0100'));
    expect(o.polls).toEqual([]);
    expect(o.page.url()).toBe(`${stack.url}/acme/track`);
    await checkPage(o.page, 'tracking page, link not valid (360 px)');
    expect(o.errors).toEqual([]);
    await o.context.close();
  });
});
