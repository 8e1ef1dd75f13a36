/**
 * Loads the browser's Intl data off the main thread while the page's first requests are on the
 * network: intl-warm-up.worker.ts says why. The build names the worker's file
 * (`INTL_WARM_UP_WORKER`, frontend/build.ts); the page's CSP allows it (a script of our own origin).
 * Without workers, or if it cannot start, the page's first formatter loads the data itself, as
 * before: slower, never wrong.
 */
declare const INTL_WARM_UP_WORKER: string | undefined;

export function warmUpIntl(): void {
  if (typeof Worker === 'undefined' || typeof INTL_WARM_UP_WORKER === 'undefined' || !INTL_WARM_UP_WORKER) return;
  try {
    const worker = new Worker(INTL_WARM_UP_WORKER);
    const done = () => worker.terminate();
    worker.addEventListener('message', done);
    worker.addEventListener('error', done);
  } catch {
    // A browser that refuses the worker: the page formats all the same.
  }
}
