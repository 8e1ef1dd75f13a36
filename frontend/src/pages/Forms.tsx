/**
 * The Forms section (`/{slug}/forms`, `/{slug}/forms/{formId}`) and a form link (`/{slug}/form`):
 * the first load carries only this, which loads the pages themselves on first visit (lazy.ts:
 * pages/forms/FormPages.tsx) and shows "Loading…" (or the failure, with Try again) meanwhile.
 */
import type { ComponentChildren, VNode } from 'preact';
import { Loading, ProblemMessage } from '../components/Status';
import { loadFormPages } from '../lazy';
import { useResource } from '../useResource';

type FormPages = typeof import('./forms/FormPages');

export function WithFormPages({ frame = (c) => <>{c}</>, children }: { frame?: (content: ComponentChildren) => VNode; children: (pages: FormPages) => VNode }) {
  const [code, retry] = useResource(() => loadFormPages(), []);
  if (code.status === 'ok') return children(code.data);
  return frame(code.status === 'error' ? <ProblemMessage problem={code.problem} retry={retry} /> : <Loading />);
}
