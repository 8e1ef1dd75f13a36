/**
 * Crash points, for fault injection. A multi-step write passes through a named point after its
 * deciding write and after each follow-up step; a test (or the soak, infra/soak) installs an
 * injector that throws `InjectedCrash` at a point of its choosing, which nothing catches: the
 * request or message ends there as if the process had died, and the re-driver must finish the
 * rest with no client retrying. In production nothing is installed and a point costs a function call.
 */
export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
  constructor(readonly point: string) {
    super(`Injected crash at ${point}`);
  }
}

type Injector = (point: string) => boolean;
let injector: Injector | null = null;

/** Tests and the soak only: `decide(point)` true → crash there. `null` removes it. */
export function injectCrashes(decide: Injector | null): void {
  injector = decide;
}

export function crashPoint(point: string): void {
  if (injector?.(point)) throw new InjectedCrash(point);
}

export const isInjectedCrash = (error: unknown): error is InjectedCrash => error instanceof InjectedCrash;

/**
 * Tests: runs `action` with a crash at the first pass through `point` (one crash: a redelivery or
 * retry after it runs clean, as after a real process death), then removes the injector whatever
 * happens. `action` can ask whether the crash has happened yet (it may come from a queue consumer
 * after the request has answered).
 */
export async function withCrashAt<T>(point: string, action: (crashed: () => boolean) => Promise<T>): Promise<T> {
  let crashed = false;
  injectCrashes((at) => {
    if (crashed || at !== point) return false;
    crashed = true;
    return true;
  });
  try {
    return await action(() => crashed);
  } finally {
    injectCrashes(null);
  }
}
