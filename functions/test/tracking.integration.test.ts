/**
 * Technician tracking end to end against the local stack: the business API starts a visit (the
 * "on my way" link goes out once, from the queue), feeds positions (one conditional write each;
 * older fixes ignored; bad coordinates and future times refused), marks arrival (the position is
 * hidden) and completion (the link answers 410 and the position is deleted). The page's
 * `GET /api/tracking`: the view, its ETag and 304, the link's limits (scanners, other links, other
 * businesses, guessing) and the 12-hour limit. security.md 12 and 14 for tracking links.
 */
import type { LinkResponse } from '../../shared/contract/customer/links';
import type { TrackingView } from '../../shared/contract/customer/tracking';
import { withCrashAt } from '../../shared/followups/crash';
import { fastPathGraceMs } from '../../shared/followups/owed';
import { demo } from '../../infra/local/seed';
import { newestToken, sentBy, signedInClient, startTestStack, tokenOf, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { trackingVisitEntity } from '../../shared/tracking/entity';
import { greatCircleMeters } from '../../shared/tracking/eta';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { jobBody, writeRecorder } from '../../infra/local/testing/business-api';

let stack: TestStack;
let acme: BusinessClient;
let bright: BusinessClient;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  bright = stack.business('brightclean');
});
afterAll(() => stack.stop());

const hour = 3600_000;
const destination = { lat: 39.7817, lng: -89.6501 };
// A photo is an uploaded /media/ image (functions/test/business-api.media.integration.test.ts).
const technician = { name: 'Dev Okafor', photoUrl: null, vehicle: 'White Ford Transit' };
const nowIso = (offsetMs = 0) => new Date(stack.source.clock.now().getTime() + offsetMs).toISOString();
const acmeId = () => stack.demo.acme.business.id;

let jobCounter = 0;
/** A fresh upcoming job of Jordan's at the destination. */
async function newJob(overrides: Record<string, unknown> = {}): Promise<string> {
  const id = `job_track_${++jobCounter}`;
  const res = await acme.put(`/jobs/${id}`, jobBody(stack, demo.jordan.id, 5 * hour, { location: destination, ...overrides }));
  expect(res.status).toBe(201);
  return id;
}

/** Starts tracking, drains the queue, and returns the token of the link it sent (null when nothing was sent). */
async function start(jobId: string, body: Record<string, unknown> = { technician, channel: 'sms' }, expected = 201): Promise<{ token: string | null; visitId: string }> {
  const { result: res, sent } = await sentBy(stack, () => acme.post(`/jobs/${jobId}/tracking`, body));
  expect(res.status).toBe(expected);
  return { token: sent.length ? tokenOf(sent[0]!.link!) : null, visitId: res.body.visitId };
}

function page(token: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  return stack.client().getWithLink('/api/tracking', token, headers);
}

const position = (lat: number, lng: number, offsetMs = 0, extra: Record<string, unknown> = {}) => ({ lat, lng, accuracy: 12, heading: 180, speed: 11, at: nowIso(offsetMs), ...extra });

describe('starting a visit', () => {
  test('sends one "on my way" link to the customer, from the queue; starting again keeps that link and sends nothing', async () => {
    const jobId = await newJob();
    const first = await start(jobId);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const message = stack.outbox.messages()[0]!;
    expect(message.to).toBe(demo.jordan.phone);
    expect(message.text).toContain('Dev Okafor');
    expect(message.text).toContain(`${stack.url}/acme/track#token=`);

    // Again, with a retried queue delivery, a different channel and a new vehicle: same visit, no second message.
    const again = await start(jobId, { technician: { ...technician, vehicle: 'Red van' }, channel: 'email' }, 200);
    expect(again).toEqual({ token: null, visitId: first.visitId });
    const view = await page(first.token!);
    expect(view.status).toBe(200);
    expect(view.body.technician).toEqual({ ...technician, vehicle: 'Red van' });

    // The same request retried with its Idempotency-Key replays the first answer and sends nothing either.
    const otherJob = await newJob();
    const key = { 'idempotency-key': `start-${otherJob}` };
    // Counted before the requests: the local queue may deliver on its own before the drain below.
    const before = stack.outbox.messages().length;
    const a = await acme.post(`/jobs/${otherJob}/tracking`, { technician, channel: 'email' }, key);
    const b = await acme.post(`/jobs/${otherJob}/tracking`, { technician, channel: 'email' }, key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before + 1);
    expect(stack.outbox.messages()[0]!.to).toBe(demo.jordan.email);
  });

  test('GET /api/link names the tracking link and its job; a mail scanner opening it changes nothing', async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    const recorder = writeRecorder(stack, 'trackingScanner');
    const link = await stack.client().getWithLink<LinkResponse>('/api/link', token!);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ kind: 'tracking', id: jobId, portal: { slug: 'acme' } });
    for (let i = 0; i < 3; i++) expect((await page(token!)).status).toBe(200);
    expect(recorder.dataWrites()).toEqual([]);
  });

  test('refuses clearly: no location, a finished job, an unreachable customer, bad bodies; nothing is written', async () => {
    const noLocation = await newJob({ location: null });
    const res = await acme.post(`/jobs/${noLocation}/tracking`, { technician, channel: 'sms' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/no location/);

    const done = await newJob({ status: 'completed' });
    expect((await acme.post(`/jobs/${done}/tracking`, { technician, channel: 'sms' })).status).toBe(409);
    expect((await acme.post('/jobs/job_nope/tracking', { technician, channel: 'sms' })).status).toBe(404);

    // Sam's job, Sam without a phone: 400 naming the channel.
    await acme.put(`/customers/cus_track_nophone`, { name: 'No Phone', email: 'nophone@example.com', phone: null });
    const samJob = 'job_track_nophone';
    expect((await acme.put(`/jobs/${samJob}`, jobBody(stack, 'cus_track_nophone', 5 * hour, { location: destination }))).status).toBe(201);
    const unreachable = await acme.post(`/jobs/${samJob}/tracking`, { technician, channel: 'sms' });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.errors).toEqual([{ field: 'channel', message: "this job's customer has no phone number" }]);

    const bad = await acme.post(`/jobs/${samJob}/tracking`, { technician: { name: '', photoUrl: 'http://x.example/a.jpg' }, channel: 'fax', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'extra', 'technician.name', 'technician.photoUrl'].sort());
    expect(await stack.dynamo.doc.send(getVisit(samJob))).not.toHaveProperty('Item');
  });
});

describe('positions (tracking-update)', () => {
  test('one conditional write per update; the page shows position, straight-line distance and an ETA range', async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    const empty = await page(token!);
    expect(empty.body.status).toBe('en_route');
    expect(empty.body).not.toHaveProperty('position');
    expect(empty.body).not.toHaveProperty('eta');

    // One second into a minute of its own, whose positions budget a first report has started
    // (on a job with no visit: 404), so the function knows the key's business: what every report
    // of a fleet after the first looks like.
    stack.advanceClock(60_000 - (stack.source.clock.now().getTime() % 60_000) + 1000);
    expect((await acme.put('/jobs/job_no_visit/tracking/position', position(39.76, -89.67, -5_000))).status).toBe(404);
    stack.resetDynamoCalls();
    const recorder = writeRecorder(stack, 'trackingUpdate');
    const fix = position(39.7617, -89.6701, -5_000);
    const res = await acme.put(`/jobs/${jobId}/tracking/position`, fix);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ jobId, applied: true });
    expect(recorder.dataWrites()).toEqual([trackingVisitEntity.key(acmeId(), jobId).pk]);
    // The API key's check beside the count in the business's positions budget (an UpdateItem each,
    // one round), then the position's one conditional write: no read.
    expect(stack.dynamoCalls()).toEqual(['UpdateItem', 'UpdateItem', 'UpdateItem']);

    const view: TrackingView = (await page(token!)).body;
    expect(view.position).toEqual({ lat: fix.lat, lng: fix.lng, at: fix.at });
    expect(view.destination).toEqual(destination);
    const meters = greatCircleMeters(fix, destination);
    expect(view.distanceMeters).toBe(Math.round(meters));
    expect(meters).toBeGreaterThan(2_500);
    expect(meters).toBeLessThan(3_000);
    // 2.8 km × 1.3 at 40 km/h ≈ 5.5 min: a range rounded out to 5 minutes, at least 10 wide, after the fix.
    const earliest = Date.parse(view.eta!.earliest);
    const latest = Date.parse(view.eta!.latest);
    expect(earliest % (5 * 60_000)).toBe(0);
    expect(latest % (5 * 60_000)).toBe(0);
    expect(latest - earliest).toBeGreaterThanOrEqual(10 * 60_000);
    expect(earliest).toBeLessThanOrEqual(Date.parse(fix.at) + 5.5 * 60_000 * 0.85);
    expect(latest).toBeGreaterThanOrEqual(Date.parse(fix.at) + 5.5 * 60_000 * 1.25);
    expect(view.business).toMatchObject({ name: demo.acme.name, timeZone: 'America/Chicago', distanceUnit: 'mi', contact: { phone: demo.acme.contactPhone } });
    expect(view.map).toBeNull();
  });

  test('an older or repeated fix is ignored: the marker never moves backwards, and only the latest is kept', async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    const latest = position(39.70, -89.60, -1_000);
    expect((await acme.put(`/jobs/${jobId}/tracking/position`, latest)).body.applied).toBe(true);
    const older = await acme.put(`/jobs/${jobId}/tracking/position`, position(39.10, -89.10, -60_000));
    expect(older.status).toBe(200);
    expect(older.body).toEqual({ jobId, applied: false, ignored: 'older' });
    // The same time again (a retried request) is not newer either.
    const same = await acme.put(`/jobs/${jobId}/tracking/position`, { ...latest, lat: 39.2 });
    expect(same.body.applied).toBe(false);
    expect((await page(token!)).body.position).toMatchObject({ lat: 39.70, lng: -89.60 });

    // Ten updates at once, out of order: the newest wins, whatever order they land in.
    const fixes = Array.from({ length: 10 }, (_, i) => position(39.71 + i / 1000, -89.61, -900 + i * 50));
    await Promise.all([...fixes].reverse().map((f) => acme.put(`/jobs/${jobId}/tracking/position`, f)));
    expect((await page(token!)).body.position).toEqual({ lat: fixes[9]!.lat, lng: fixes[9]!.lng, at: fixes[9]!.at });
    // No trail: the visit item holds one position.
    const { Item } = await stack.dynamo.doc.send(getVisit(jobId));
    expect(Object.keys(Item!).filter((k) => /position|trail|history/i.test(k))).toEqual(['position']);
  });

  test('refuses coordinates out of range, a time in the future, unknown fields, and jobs with no visit', async () => {
    const jobId = await newJob();
    await start(jobId);
    const cases: [Record<string, unknown>, string][] = [
      [position(91, 0), 'lat'],
      [position(-90.5, 0), 'lat'],
      [position(0, 180.01), 'lng'],
      [position(0, -181), 'lng'],
      [position(10, 10, 10 * 60_000), 'at'],
      [{ ...position(10, 10), at: 'yesterday' }, 'at'],
      [position(10, 10, 0, { speed: -1 }), 'speed'],
      [position(10, 10, 0, { heading: 400 }), 'heading'],
      [position(10, 10, 0, { altitude: 3 }), 'altitude'],
      [{ lng: 10, at: nowIso() }, 'lat'],
    ];
    for (const [body, field] of cases) {
      const res = await acme.put(`/jobs/${jobId}/tracking/position`, body);
      expect([res.status, res.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // A device clock a little ahead is fine.
    expect((await acme.put(`/jobs/${jobId}/tracking/position`, position(39.7, -89.6, 30_000))).body.applied).toBe(true);
    const untracked = await newJob();
    expect((await acme.put(`/jobs/${untracked}/tracking/position`, position(39.7, -89.6))).status).toBe(404);
  });
});

describe('arrival and completion', () => {
  test('arrived hides the position and ignores later fixes; completed ends the link (410) and deletes the position', async () => {
    const jobId = await newJob();
    const { token, visitId } = await start(jobId);
    await acme.put(`/jobs/${jobId}/tracking/position`, position(39.78, -89.65, -1_000));

    const arrived = await acme.post(`/jobs/${jobId}/tracking/arrived`, {});
    expect(arrived.status).toBe(200);
    expect(arrived.body).toMatchObject({ jobId, visitId, status: 'arrived', hasPosition: false });
    expect((await acme.post(`/jobs/${jobId}/tracking/arrived`, {})).status).toBe(200);
    const view = await page(token!);
    expect(view.body.status).toBe('arrived');
    for (const hidden of ['position', 'distanceMeters', 'eta']) expect(view.body).not.toHaveProperty(hidden);
    expect((await acme.put(`/jobs/${jobId}/tracking/position`, position(39.79, -89.66))).body).toEqual({ jobId, applied: false, ignored: 'arrived' });
    expect((await stack.dynamo.doc.send(getVisit(jobId))).Item!.position).toBeNull();

    const completed = await acme.post(`/jobs/${jobId}/tracking/completed`, {});
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', hasPosition: false });
    const over = await page(token!);
    expect(over.status).toBe(410);
    expect(over.headers.get('content-type')).toBe('application/problem+json');
    expect((await stack.client().getWithLink('/api/link', token!)).status).toBe(410);
    // Completing again changes nothing; positions and arrival are refused (409), the link stays dead.
    expect((await acme.post(`/jobs/${jobId}/tracking/completed`, {})).status).toBe(200);
    expect((await acme.put(`/jobs/${jobId}/tracking/position`, position(39.79, -89.66))).status).toBe(409);
    expect((await acme.post(`/jobs/${jobId}/tracking/arrived`, {})).status).toBe(409);
  });

  test('a crash after the completion is written: with no retry, the re-driver deletes the visit\'s links', async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    await withCrashAt('visit:decided', async () => expect((await acme.post(`/jobs/${jobId}/tracking/completed`, {})).status).toBe(500));
    expect((await page(token!)).status).toBe(410);
    expect(await stack.stores.links.listObjectLinks('tracking', stack.demo.acme.business.id, jobId)).toHaveLength(1);
    stack.advanceClock(fastPathGraceMs + 1000);
    await stack.redrive();
    expect(await stack.stores.links.listObjectLinks('tracking', stack.demo.acme.business.id, jobId)).toEqual([]);
  });

  test('a new visit after completion gets a new link; the old link never opens it', async () => {
    const jobId = await newJob();
    const first = await start(jobId);
    await acme.post(`/jobs/${jobId}/tracking/completed`, {});
    const second = await start(jobId);
    expect(second.visitId).not.toBe(first.visitId);
    expect(second.token).not.toBe(first.token);
    expect((await page(first.token!)).status).toBe(410);
    expect((await page(second.token!)).status).toBe(200);
  });

  test('the link and the visit end 12 hours after the start, whoever forgets to complete it', async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    await acme.put(`/jobs/${jobId}/tracking/position`, position(39.78, -89.65, -1_000));
    stack.advanceClock(12 * hour + 1_000);
    try {
      expect((await page(token!)).status).toBe(410);
      expect((await acme.put(`/jobs/${jobId}/tracking/position`, position(39.78, -89.65))).status).toBe(409);
      // Starting again is a new visit, with a new link.
      const again = await start(jobId);
      expect(again.token).not.toBeNull();
      expect((await page(again.token!)).body).not.toHaveProperty('position');
    } finally {
      stack.advanceClock(-(12 * hour + 1_000));
    }
  });
});

describe('the page read', () => {
  test('ETag and If-None-Match: 304 with no body until something changes, at the cost of one read', async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    await acme.put(`/jobs/${jobId}/tracking/position`, position(39.75, -89.62, -2_000));
    const first = await page(token!);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-store');

    stack.resetDynamoCalls();
    const unchanged = await page(token!, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBeUndefined();
    expect(unchanged.headers.get('etag')).toBe(etag);
    // The link's lookup (its rate counter and its key, side by side) and one read of the visit: nothing else.
    expect(stack.dynamoCalls().sort()).toEqual(['BatchGetItem', 'GetItem', 'GetItem']);

    await acme.put(`/jobs/${jobId}/tracking/position`, position(39.76, -89.63, -1_000));
    const moved = await page(token!, { 'if-none-match': etag });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(etag);
    expect(moved.body.position.lat).toBe(39.76);
  });

  test("never shows the customer's address, only the destination's coordinates", async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    await acme.put(`/jobs/${jobId}/tracking/position`, position(39.75, -89.62, -2_000));
    const text = JSON.stringify((await page(token!)).body);
    for (const part of ['1 Test Street', 'Springfield', '62704', 'line1', 'address', demo.jordan.email, demo.jordan.phone]) expect(text).not.toContain(part);
  });

  test('a tracking link opens only its visit; other links open no visit; session-only routes refuse it', async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    const client = stack.client();
    const withLink = (path: string) => client.getWithLink(path, token!);
    // It is not a sign-in, a pay link or an estimate link.
    expect((await withLink('/api/invoices/inv_1080')).status).toBe(404);
    expect((await withLink('/api/estimates/est_2001')).status).toBe(404);
    expect((await withLink('/api/jobs')).status).toBe(401);
    expect((await client.post('/api/auth/verify', { token })).status).toBe(401);
    // A sign-in link or a session opens no visit.
    const jordan: PortalClient = await signedInClient(stack);
    expect((await jordan.get('/api/tracking')).status).toBe(404);
    stack.nextRateWindow();
    const before = stack.outbox.messages().length;
    await stack.client().post('/api/auth/magic-link', { portal: 'acme', email: demo.jordan.email });
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before + 1);
    const signInToken = newestToken(stack);
    expect((await page(signInToken)).status).toBe(404);
  });

  test("another business's key reaches none of this business's visits (404); nothing changes", async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    await acme.put(`/jobs/${jobId}/tracking/position`, position(39.75, -89.62, -2_000));
    const before = (await page(token!)).body;
    expect((await bright.post(`/jobs/${jobId}/tracking`, { technician, channel: 'sms' })).status).toBe(404);
    expect((await bright.put(`/jobs/${jobId}/tracking/position`, position(1, 1))).status).toBe(404);
    expect((await bright.post(`/jobs/${jobId}/tracking/arrived`, {})).status).toBe(404);
    expect((await bright.post(`/jobs/${jobId}/tracking/completed`, {})).status).toBe(404);
    expect((await page(token!)).body).toEqual(before);
  });

  test('guessed tokens at a high rate are rate-limited; the real link still works from elsewhere', async () => {
    const jobId = await newJob();
    const { token } = await start(jobId);
    const guesser = stack.client();
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      statuses.push((await guesser.getWithLink('/api/tracking', `${'A'.repeat(42)}${i % 10}`)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([410, 410, 410, 410, 410]);
    expect(statuses.at(-1)).toBe(429);
    expect((await page(token!)).status).toBe(200);
  });
});

function getVisit(jobId: string) {
  return new GetCommand({ TableName: stack.dynamo.tableName, Key: trackingVisitEntity.key(acmeId(), jobId), ConsistentRead: true });
}
