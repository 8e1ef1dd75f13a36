/**
 * When the tracking page asks again. Every `intervalMs` (3 s, the pace at which a technician's
 * app sends positions) while the tab is visible, with the last `ETag`, so an unchanged answer is
 * a 304 with no body; after `QUIET_AFTER` 304s in a row (nothing has moved for 15 s: stopped at a
 * light, or the app lost signal) it slows to five times the interval until something changes.
 * Nothing while the tab is hidden, and at once when it is shown again. It stops for
 * good once the visit is over (410), the link opens nothing (404) or the technician has arrived
 * (the position is gone then and nothing more will move). Asked too often (429): it waits as long
 * as the API says, at least a minute. No answer: it tries again at the usual pace.
 *
 * The browser's timers and visibility come in as `deps`, so the schedule is unit tested.
 */
import type { TrackingResult } from './api';

export const REFRESH_MS = 3_000;
/** Unchanged answers in a row after which the page asks five times less often. */
export const QUIET_AFTER = 5;
export const QUIET_FACTOR = 5;
/** After a 429 without `Retry-After`, and the least wait after one with it. */
export const RATE_LIMITED_MS = 60_000;

export interface PollerDeps {
  fetch: (etag: string | null) => Promise<TrackingResult>;
  intervalMs: number;
  now: () => number;
  isVisible: () => boolean;
  /** Calls `listener` whenever the tab is shown or hidden; returns how to stop listening. */
  onVisibilityChange: (listener: () => void) => () => void;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface Poller {
  /** Asks now (a "Try again" button), unless a request is already out or polling has stopped. */
  refreshNow(): void;
  /** Stops for good: the page is going away. */
  stop(): void;
}

/** Whether nothing more can change: no further request would show anything new. */
export function isFinal(result: TrackingResult): boolean {
  return result.kind === 'over' || result.kind === 'invalid' || (result.kind === 'view' && result.view.status === 'arrived');
}

/** Starts at once: the first request goes out before this returns. */
export function startPolling(deps: PollerDeps, onResult: (result: TrackingResult) => void): Poller {
  let etag: string | null = null;
  let timer: unknown = null;
  let inFlight = false;
  let stopped = false;
  /** A request is due, and waits for its timer or for the tab to be shown. */
  let due = false;
  /** After a 429: no request before this time, even when the tab is shown again. */
  let waitUntil = 0;
  /** 304s since the last answer that changed something. */
  let unchangedInARow = 0;

  const clear = () => {
    if (timer !== null) deps.clearTimeout(timer);
    timer = null;
  };

  const schedule = (ms: number) => {
    clear();
    due = true;
    if (deps.isVisible()) timer = deps.setTimeout(tick, ms);
  };

  const finish = (result: TrackingResult) => {
    inFlight = false;
    if (stopped) return;
    if (result.kind === 'view') etag = result.etag;
    if (result.kind === 'unchanged') unchangedInARow++;
    else if (result.kind === 'view') unchangedInARow = 0;
    waitUntil = 0;
    if (isFinal(result)) {
      stop();
    } else if (result.kind === 'limited') {
      const wait = Math.max(RATE_LIMITED_MS, result.retryAfterMs ?? 0);
      waitUntil = deps.now() + wait;
      schedule(wait);
    } else {
      schedule(unchangedInARow >= QUIET_AFTER ? deps.intervalMs * QUIET_FACTOR : deps.intervalMs);
    }
    onResult(result);
  };

  function tick() {
    if (stopped || inFlight) return;
    clear();
    due = false;
    inFlight = true;
    deps.fetch(etag).then(finish, (error: unknown) => finish({ kind: 'failed', detail: String(error) }));
  }

  const stopListening = deps.onVisibilityChange(() => {
    if (stopped) return;
    if (!deps.isVisible()) {
      clear();
      return;
    }
    // Shown again: ask at once (the position may be minutes old), unless the API asked us to wait.
    if (due && !inFlight && timer === null) {
      const wait = waitUntil - deps.now();
      if (wait > 0) timer = deps.setTimeout(tick, wait);
      else tick();
    }
  });

  function stop() {
    stopped = true;
    clear();
    stopListening();
  }

  tick();
  return {
    refreshNow: () => {
      if (!stopped && !inFlight) tick();
    },
    stop,
  };
}
