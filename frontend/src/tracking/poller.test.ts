import type { TrackingView } from '../../../shared/contract/customer/tracking';
import { testView } from './test-view';
import { retryAfterMs, trackingResult, type TrackingResult } from './api';
import { QUIET_AFTER, RATE_LIMITED_MS, REFRESH_MS, startPolling, type PollerDeps } from './poller';

/** A fake browser: a clock, timers and a tab that can be hidden; the API answers from a queue. */
function harness(answers: TrackingResult[]) {
  let now = 0;
  let visible = true;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const listeners = new Set<() => void>();
  const requests: (string | null)[] = [];
  const results: TrackingResult[] = [];
  const deps: PollerDeps = {
    intervalMs: 15_000,
    now: () => now,
    isVisible: () => visible,
    onVisibilityChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTimeout: (callback, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (id) => timers.delete(id as number),
    fetch: async (etag) => {
      requests.push(etag);
      return answers.shift() ?? { kind: 'unchanged' };
    },
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    deps,
    requests,
    results,
    timers,
    listeners,
    settle,
    /** Moves the clock on, firing due timers in order (and letting each request answer). */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        await settle();
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].callback();
        await settle();
      }
      now = end;
    },
    async setVisible(value: boolean) {
      visible = value;
      for (const listener of [...listeners]) listener();
      await settle();
    },
  };
}

const viewResult = (etag: string, status: TrackingView['status'] = 'en_route'): TrackingResult => ({ kind: 'view', view: testView(status), etag });

describe('startPolling', () => {
  it('asks at once, then every interval with the last ETag', async () => {
    const h = harness([viewResult('"a"'), { kind: 'unchanged' }, viewResult('"b"'), { kind: 'unchanged' }]);
    startPolling(h.deps, (r) => h.results.push(r));
    await h.settle();
    expect(h.requests).toEqual([null]);
    await h.advance(14_999);
    expect(h.requests).toHaveLength(1);
    await h.advance(1);
    expect(h.requests).toEqual([null, '"a"']);
    await h.advance(30_000);
    expect(h.requests).toEqual([null, '"a"', '"a"', '"b"']);
    expect(h.results.map((r) => r.kind)).toEqual(['view', 'unchanged', 'view', 'unchanged']);
  });

  it('asks every 3 s, the pace positions come at; after five 304s in a row every 15 s, and every 3 s again once something changed', async () => {
    expect(REFRESH_MS).toBe(3_000);
    const unchanged = (n: number): TrackingResult[] => Array.from({ length: n }, () => ({ kind: 'unchanged' }) as const);
    const h = harness([viewResult('"a"'), ...unchanged(QUIET_AFTER), viewResult('"b"'), viewResult('"c"')]);
    h.deps.intervalMs = REFRESH_MS;
    startPolling(h.deps, (r) => h.results.push(r));
    await h.settle();
    // The first answer and five 304s: one request every 3 s.
    await h.advance(QUIET_AFTER * 3_000);
    expect(h.requests).toHaveLength(1 + QUIET_AFTER);
    // Quiet: the next asks 15 s later, not 3 s.
    await h.advance(14_999);
    expect(h.requests).toHaveLength(1 + QUIET_AFTER);
    await h.advance(1);
    expect(h.requests).toHaveLength(2 + QUIET_AFTER);
    // That one moved ("b"): back to every 3 s.
    await h.advance(3_000);
    expect(h.requests).toHaveLength(3 + QUIET_AFTER);
    expect(h.requests.at(-1)).toBe('"b"');
  });

  it('asks nothing while the tab is hidden, and at once when it is shown again', async () => {
    const h = harness([viewResult('"a"')]);
    startPolling(h.deps, (r) => h.results.push(r));
    await h.settle();
    await h.setVisible(false);
    await h.advance(10 * 60_000);
    expect(h.requests).toHaveLength(1);
    await h.setVisible(true);
    expect(h.requests).toEqual([null, '"a"']);
    // And on at the usual pace from there.
    await h.advance(15_000);
    expect(h.requests).toHaveLength(3);
  });

  it('hidden and shown again before the interval is up: asks at once, and only once', async () => {
    const h = harness([viewResult('"a"')]);
    startPolling(h.deps, () => undefined);
    await h.settle();
    await h.advance(5_000);
    await h.setVisible(false);
    await h.setVisible(true);
    expect(h.requests).toHaveLength(2);
    expect(h.timers.size).toBe(1);
    await h.advance(15_000);
    expect(h.requests).toHaveLength(3);
  });

  it('stops once the technician has arrived', async () => {
    const h = harness([viewResult('"a"'), viewResult('"b"', 'arrived')]);
    startPolling(h.deps, (r) => h.results.push(r));
    await h.advance(15_000);
    await h.advance(60 * 60_000);
    await h.setVisible(false);
    await h.setVisible(true);
    expect(h.requests).toHaveLength(2);
    expect(h.timers.size).toBe(0);
    expect(h.listeners.size).toBe(0);
  });

  it.each([
    ['the visit is over (410)', { kind: 'over' } as const],
    ['the link opens nothing (404)', { kind: 'invalid' } as const],
  ])('stops when %s', async (_, answer) => {
    const h = harness([viewResult('"a"'), answer]);
    startPolling(h.deps, (r) => h.results.push(r));
    await h.advance(15_000);
    await h.advance(60 * 60_000);
    expect(h.requests).toHaveLength(2);
    expect(h.results.at(-1)).toEqual(answer);
  });

  it('waits as the API says after a 429, at least a minute, even when the tab is shown again', async () => {
    const h = harness([viewResult('"a"'), { kind: 'limited', retryAfterMs: 5_000 }, { kind: 'limited', retryAfterMs: 120_000 }]);
    startPolling(h.deps, () => undefined);
    await h.advance(15_000);
    expect(h.requests).toHaveLength(2);
    await h.setVisible(false);
    await h.setVisible(true);
    await h.advance(RATE_LIMITED_MS - 1);
    expect(h.requests).toHaveLength(2);
    await h.advance(1);
    expect(h.requests).toHaveLength(3);
    await h.advance(119_999);
    expect(h.requests).toHaveLength(3);
    await h.advance(1);
    expect(h.requests).toEqual([null, '"a"', '"a"', '"a"']);
  });

  it('keeps trying at the usual pace when the network fails', async () => {
    const h = harness([{ kind: 'failed', detail: 'offline' }, { kind: 'failed', detail: 'offline' }, viewResult('"a"')]);
    startPolling(h.deps, (r) => h.results.push(r));
    await h.advance(30_000);
    expect(h.results.map((r) => r.kind)).toEqual(['failed', 'failed', 'view']);
  });

  it('refreshNow asks at once (a "Try again"), not while a request is out, never after stop', async () => {
    const h = harness([{ kind: 'failed', detail: 'offline' }]);
    const poller = startPolling(h.deps, () => undefined);
    poller.refreshNow();
    expect(h.requests).toHaveLength(1);
    await h.settle();
    poller.refreshNow();
    expect(h.requests).toHaveLength(2);
    await h.settle();
    poller.stop();
    poller.refreshNow();
    await h.advance(60_000);
    expect(h.requests).toHaveLength(2);
    expect(h.timers.size).toBe(0);
  });

  it('an answer that arrives after stop is dropped', async () => {
    const h = harness([viewResult('"a"')]);
    const poller = startPolling(h.deps, (r) => h.results.push(r));
    poller.stop();
    await h.settle();
    expect(h.results).toEqual([]);
    expect(h.timers.size).toBe(0);
  });
});

describe('trackingResult', () => {
  const response = (status: number, body?: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: new Headers(headers),
    json: async () => (body === undefined ? Promise.reject(new SyntaxError('no body')) : body),
  });

  it('reads a view and its ETag', async () => {
    expect(await trackingResult(response(200, testView(), { etag: '"x"' }))).toEqual({ kind: 'view', view: testView(), etag: '"x"' });
  });

  it.each([
    [304, 'unchanged'],
    [410, 'over'],
    [404, 'invalid'],
    [401, 'invalid'],
    [429, 'limited'],
    [500, 'failed'],
    [502, 'failed'],
  ])('%i → %s', async (status, kind) => {
    expect((await trackingResult(response(status))).kind).toBe(kind);
  });

  it('a 200 that is not a view is a failure', async () => {
    expect((await trackingResult(response(200))).kind).toBe('failed');
    expect((await trackingResult(response(200, { hello: 1 }))).kind).toBe('failed');
  });

  it('a 429 carries Retry-After', async () => {
    expect(await trackingResult(response(429, undefined, { 'retry-after': '30' }))).toEqual({ kind: 'limited', retryAfterMs: 30_000 });
  });

  it.each([
    ['30', 30_000],
    ['0', 0],
    [null, null],
    ['soon', null],
    ['Wed, 21 Oct 2026 07:28:00 GMT', null],
    ['-5', null],
  ])('Retry-After %j → %j ms', (header, expected) => {
    expect(retryAfterMs(header)).toBe(expected);
  });
});
