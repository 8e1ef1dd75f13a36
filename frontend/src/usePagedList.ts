/**
 * A list read a page at a time under tabs (the work history, the invoices, the estimates): the
 * first page of the selected tab, the pages "Load more" added to it, and what goes with them
 * (TabbedList shows them). Changing tab starts again from its first page; a 401 on any page sends
 * the customer to sign in; after "Load more" keyboard and screen-reader users continue from the
 * first new item, not from the top.
 */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Problem } from '../../shared/contract/problem';
import type { ApiResult } from './api';
import { useResource, type Resource } from './useResource';
import { useSignInWhenSignedOut } from './useSignInWhenSignedOut';

export interface PagedList<T> {
  first: Resource<{ items: T[]; nextCursor: string | null }>;
  retry: () => void;
  /** The first page and every page added since, for the selected tab. */
  items: T[];
  nextCursor: string | null;
  loadMore: () => Promise<void>;
  loadingMore: boolean;
  moreProblem: Problem | null;
}

export function usePagedList<T extends { id: string }, Tab extends string>(
  slug: string,
  tab: Tab,
  read: (tab: Tab, cursor: string | undefined, signal?: AbortSignal) => Promise<ApiResult<{ items: T[]; nextCursor: string | null }>>,
  /** The element id of an item's card, to move focus to. */
  cardId: (item: T) => string,
): PagedList<T> {
  const [first, retry] = useResource((signal) => read(tab, undefined, signal), [tab]);
  const [more, setMore] = useState<{ tab: Tab; items: T[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<{ tab: Tab; problem: Problem } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  // A new tab starts from its first page: what was loaded or refused under another tab is dropped
  // (and not shown meanwhile).
  useEffect(() => {
    setMore(null);
    setMoreProblem(null);
  }, [tab]);
  const extra = more?.tab === tab ? more : null;
  const problem = moreProblem?.tab === tab ? moreProblem.problem : null;
  const items = first.status === 'ok' ? [...first.data.items, ...(extra?.items ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : first.status === 'ok' ? first.data.nextCursor : null;

  useSignInWhenSignedOut(slug, (first.status === 'error' && first.problem.status === 401) || problem?.status === 401);

  // Before the new items are painted, not after: focus never shows on the old button first, and
  // whoever sees the first new item (a person, or a test) finds focus already on it.
  useLayoutEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId]);

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreProblem(null);
    const result = await read(tab, nextCursor);
    setLoadingMore(false);
    if (!result.ok) {
      setMoreProblem({ tab, problem: result.problem });
      return;
    }
    setMore({ tab, items: [...(extra?.items ?? []), ...result.data.items], nextCursor: result.data.nextCursor });
    const firstNew = result.data.items[0];
    if (firstNew) setFocusId(cardId(firstNew));
  }

  return { first, retry, items, nextCursor, loadMore, loadingMore, moreProblem: problem };
}
