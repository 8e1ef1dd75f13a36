/**
 * An ARIA tablist (automatic activation): arrow keys, Home and End move between tabs and select
 * them; only the selected tab is in the Tab order. The caller renders the one panel, using
 * tabId/panelId so the tab and panel name each other.
 */
import { useRef } from 'preact/hooks';

export interface TabDef<T extends string> {
  id: T;
  label: string;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

interface Props<T extends string> {
  label: string;
  prefix: string;
  tabs: TabDef<T>[];
  selected: T;
  onSelect: (id: T) => void;
}

export function Tabs<T extends string>({ label, prefix, tabs, selected, onSelect }: Props<T>) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(e: KeyboardEvent) {
    const index = tabs.findIndex((t) => t.id === selected);
    const last = tabs.length - 1;
    const next =
      e.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : null;
    if (next === null) return;
    e.preventDefault();
    const tab = tabs[next]!;
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(prefix, tab.id)}`)?.focus();
  }

  return (
    <div class="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const isSelected = tab.id === selected;
        return (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={tabId(prefix, tab.id)}
            aria-selected={isSelected}
            aria-controls={isSelected ? panelId(prefix, tab.id) : undefined}
            tabIndex={isSelected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
