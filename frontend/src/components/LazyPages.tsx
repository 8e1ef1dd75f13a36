/**
 * A section whose pages load on first visit (lazy.ts: forms, service requests): the first load
 * carries only this, which shows "Loading…" (or the failure, with Try again) inside `frame`
 * meanwhile, then hands the loaded module to `children`. The pages set their own titles.
 */
import type { ComponentChildren, VNode } from 'preact';
import type { ApiResult } from '../api';
import { useResource } from '../useResource';
import { Loading, ProblemMessage } from './Status';

export function WithLazyPages<T>({ load, frame = (c) => <>{c}</>, children }: { load: () => Promise<ApiResult<T>>; frame?: (content: ComponentChildren) => VNode; children: (pages: T) => VNode }) {
  const [code, retry] = useResource(() => load(), []);
  if (code.status === 'ok') return children(code.data);
  return frame(code.status === 'error' ? <ProblemMessage problem={code.problem} retry={retry} /> : <Loading />);
}
