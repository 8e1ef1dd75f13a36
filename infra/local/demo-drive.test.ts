import { greatCircleMeters } from '../../shared/tracking/eta';
import { demo } from './seed';
import { captureConsole, startTestStack, type TestStack } from './test-support';
import { drive, routeTo } from './demo-drive';

test('the route starts about 3 km away and ends at the destination, getting closer on the way', () => {
  const destination = demo.locations.jordan;
  const route = routeTo(destination, 20);
  expect(route).toHaveLength(20);
  expect(greatCircleMeters(route[0]!, destination)).toBeGreaterThan(2_500);
  expect(greatCircleMeters(route[0]!, destination)).toBeLessThan(3_500);
  expect(route.at(-1)).toEqual(destination);
  const distances = route.map((p) => greatCircleMeters(p, destination));
  expect(distances.every((d, i) => i === 0 || d <= distances[i - 1]!)).toBe(true);
});

describe('npm run demo:drive against the local stack', () => {
  let stack: TestStack;
  let restore: () => void;
  beforeAll(async () => {
    restore = captureConsole([]);
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.stop();
    restore();
  });

  test("drives to Jordan's next visit through the business API: the link is sent, the positions land, the visit ends", async () => {
    const lines: string[] = [];
    await drive({ url: stack.url, key: stack.demo.acme.apiKey, jobId: 'job_fc1090', everyMs: 0, steps: 5, complete: false, print: (l) => lines.push(l) });
    await stack.drainQueues();
    expect(stack.outbox.messages()[0]!.link).toContain('/acme/track#token=');
    expect(lines.filter((l) => l.startsWith('position') && !l.includes('ignored'))).toHaveLength(5);
    const visit = (await stack.stores.tracking.getVisit(stack.demo.acme.business.id, 'job_fc1090'))!;
    expect([visit.status, visit.position]).toEqual(['arrived', null]);
    await drive({ url: stack.url, key: stack.demo.acme.apiKey, jobId: 'job_fc1090', everyMs: 0, steps: 1, complete: true, print: (l) => lines.push(l) });
    expect(lines).toContain('Tracking was already under way for J-1090 (same link, nothing sent again).');
    expect((await stack.stores.tracking.getVisit(stack.demo.acme.business.id, 'job_fc1090'))!.status).toBe('completed');
  });
});

describe("finding the running stack's address (issue 17, 4.13)", () => {
  const { mkdtempSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { join } = require('node:path') as typeof import('node:path');
  const { writeRunningStack } = require('./running-stack') as typeof import('./running-stack');
  const { portalAddress } = require('./demo-drive') as typeof import('./demo-drive');
  const file = () => join(mkdtempSync(join(tmpdir(), 'drive-')), 'running-stack.json');

  test('--url first, then PORTAL_URL, then the address npm start wrote (any port), then localhost:3000', () => {
    const written = file();
    writeRunningStack(written, { url: 'http://localhost:4123', pid: process.pid, startedAt: new Date().toISOString() });
    expect(portalAddress('http://localhost:5000/', { PORTAL_URL: 'http://localhost:6000' }, written)).toMatchObject({ url: 'http://localhost:5000', from: '--url' });
    expect(portalAddress(undefined, { PORTAL_URL: 'http://localhost:6000' }, written)).toMatchObject({ url: 'http://localhost:6000' });
    expect(portalAddress(undefined, {}, written)).toMatchObject({ url: 'http://localhost:4123' });
    expect(portalAddress(undefined, {}, file())).toMatchObject({ url: 'http://localhost:3000' });
  });

  test('a file left by a stack that is gone (its process ended) is ignored', () => {
    const stale = file();
    writeRunningStack(stale, { url: 'http://localhost:4124', pid: 2 ** 22 + 17, startedAt: new Date().toISOString() });
    expect(portalAddress(undefined, { PORT: '3100' }, stale)).toMatchObject({ url: 'http://localhost:3100' });
  });

  test('nothing answering at the address: the error names it, where it came from, and the --url flag (not just "fetch failed")', async () => {
    // A port nothing listens on: taken, then let go.
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    await new Promise((done) => server.close(done));
    const error = await drive({ url: `http://127.0.0.1:${port}`, urlFrom: 'the default', key: 'k', jobId: 'job_fc1090', everyMs: 0, steps: 1, complete: false, print: () => undefined }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(new RegExp(`^No portal answered at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\); that address came from the default\\. .*npm run demo:drive -- --url http://localhost:<port>`));
  });
});

describe('npm start writes where it runs, and demo:drive finds it there', () => {
  let stack: TestStack;
  let restore: () => void;
  beforeAll(async () => {
    restore = captureConsole([]);
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.stop();
    restore();
  });

  test('a stack on a port of its own, found through the file alone', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { removeRunningStack, writeRunningStack } = await import('./running-stack');
    const { portalAddress } = await import('./demo-drive');
    const file = join(mkdtempSync(join(tmpdir(), 'drive-')), 'running-stack.json');
    writeRunningStack(file, { url: stack.url, pid: process.pid, startedAt: new Date().toISOString() });
    const address = portalAddress(undefined, {}, file);
    expect(address.url).toBe(stack.url);
    expect(stack.url).not.toBe('http://localhost:3000');
    const lines: string[] = [];
    await drive({ ...address, urlFrom: address.from, key: stack.demo.acme.apiKey, jobId: 'job_fc1090', everyMs: 0, steps: 2, complete: true, print: (l) => lines.push(l) });
    expect(lines.at(-1)).toBe('Completed: the link now says the visit is over.');
    removeRunningStack(file, process.pid);
    expect(portalAddress(undefined, {}, file).url).toBe('http://localhost:3000');
  });
});
