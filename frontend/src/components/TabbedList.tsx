/**
 * A list page's tabs and the selected tab's panel (the work history, the invoices, the
 * estimates): its list read a page at a time (usePagedList), with what shows while the first page
 * loads, when it is refused, when the tab has nothing yet, and "Load more" while there is more.
 * The page keeps its own words, cards and controls.
 */
import type { ComponentChildren } from 'preact';
import type { PagedList } from '../usePagedList';
import { BusyButton } from './BusyButton';
import { Loading, ProblemMessage } from './Status';
import { panelId, type TabDef, tabId, Tabs } from './Tabs';
import { t } from '../i18n/current';

interface Props<T extends string, Item extends { id: string }> {
  /** The tab list's accessible name. */
  label: string;
  /** Prefixes the tabs' and panel's element ids. */
  prefix: string;
  tabs: TabDef<T>[];
  selected: T;
  onSelect: (tab: T) => void;
  list: PagedList<Item>;
  /** While the selected tab's first page loads. */
  loading: string;
  /** When the selected tab has nothing: what it says, and a hint of what will show up here. */
  empty: string;
  emptyHint: string;
  /** One item's card: a keyed `li` whose link has the id usePagedList moves focus to. */
  card: (item: Item) => ComponentChildren;
  /** Under the cards (the invoices' "Pay selected" bar). */
  children?: ComponentChildren;
}

export function TabbedList<T extends string, Item extends { id: string }>(props: Props<T, Item>) {
  const { label, prefix, tabs, selected, onSelect, loading, empty, emptyHint, card, children } = props;
  const { first, retry, items, nextCursor, loadMore, loadingMore, moreProblem } = props.list;
  return (
    <>
      <Tabs label={label} prefix={prefix} tabs={tabs} selected={selected} onSelect={onSelect} />
      <div class="tab-panel" role="tabpanel" id={panelId(prefix, selected)} aria-labelledby={tabId(prefix, selected)} tabIndex={0}>
        {first.status === 'loading' && <Loading label={loading} />}
        {/* A 401 sends the customer to sign in (usePagedList). */}
        {first.status === 'error' && first.problem.status !== 401 && <ProblemMessage problem={first.problem} retry={retry} />}
        {first.status === 'ok' && items.length === 0 && (
          <div class="empty">
            <p>{empty}</p>
            <p class="hint">{emptyHint}</p>
          </div>
        )}
        {items.length > 0 && <ul class="card-list">{items.map(card)}</ul>}
        {children}
        {moreProblem && moreProblem.status !== 401 && <ProblemMessage problem={moreProblem} />}
        {first.status === 'ok' && nextCursor && (
          <BusyButton class="button button-secondary button-block" onClick={loadMore} pending={loadingMore}>
            {loadingMore ? t('common.loading') : t('portal.list.loadMore')}
          </BusyButton>
        )}
      </div>
    </>
  );
}
