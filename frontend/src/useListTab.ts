/**
 * The selected tab of a list page (the work history, the invoices, the estimates). It is kept in
 * the URL (`?when=past`, replaced, not pushed) so a reload returns to it, and the tab last shown is
 * remembered for the detail pages' "All …" link, which returns to it too.
 */
import { useState } from 'preact/hooks';
import type { TabDef } from './components/Tabs';

export interface ListTabs<T extends string> {
  /** The query parameter that names the selected tab; the URL of the first tab goes without it. */
  param: string;
  /** The first is shown when the URL names none. */
  tabs: TabDef<T>[];
  /** The tab last shown (for the "All …" link). */
  last: T;
}

export function listTabs<T extends string>(param: string, tabs: [TabDef<T>, ...TabDef<T>[]]): ListTabs<T> {
  return { param, tabs, last: tabs[0].id };
}

/** The tab a URL's query (`location.search`) names, else the first. */
export function tabFromSearch<T extends string>({ param, tabs }: ListTabs<T>, search: string): T {
  const named = new URLSearchParams(search).get(param);
  return (tabs.find((tab) => tab.id === named) ?? tabs[0]!).id;
}

/** The selected tab, and a way to select another: `href` is the list's URL with that tab. */
export function useListTab<T extends string>(list: ListTabs<T>, href: (tab: T) => string): [T, (next: T) => void] {
  const [tab, setTab] = useState(() => (list.last = tabFromSearch(list, location.search)));

  function select(next: T) {
    if (next === tab) return;
    list.last = next;
    history.replaceState(history.state, '', href(next));
    setTab(next);
  }

  return [tab, select];
}
