/** Loads something when a page mounts (or its inputs change), with loading/error states and a retry. */
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../shared/contract/problem';
import type { ApiResult } from './api';

export type Resource<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; problem: Problem };

export function useResource<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  deps: readonly unknown[],
): [Resource<T>, () => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setState(result.ok ? { status: 'ok', data: result.data } : { status: 'error', problem: result.problem });
      },
      () => {
        // Aborted because the page went away: nothing to show.
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

/** A load that never finishes: for a resource that waits on something else (a token, another resource). */
export const notYet: Promise<never> = new Promise(() => undefined);
