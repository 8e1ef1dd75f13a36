/**
 * A job section that arrives a page at a time (messages, notes, attachments, payments): the
 * job's first page, then older pages on request. Every loaded page remembers the cursor it was
 * read with, so one page can be read again (fresh attachment URLs) without reloading the rest.
 */
import { useEffect, useState, useLayoutEffect } from 'preact/hooks';
import type { JobSectionItem, JobSectionName } from '../../../../shared/contract/customer/jobs';
import type { Page } from '../../../../shared/contract/common';
import type { Problem } from '../../../../shared/contract/problem';
import { api } from '../../api';

/** Older items are read this many at a time (the size of the job's first page). */
export const SECTION_PAGE_SIZE = 20;

interface LoadedPage<T> extends Page<T> {
  /** The cursor this page was read with; null for the first page. */
  cursor: string | null;
}

export interface SectionPages<T> {
  /** Newest first, each item once. */
  items: T[];
  /** Whether older items remain. */
  hasMore: boolean;
  loading: boolean;
  problem: Problem | null;
  /** Reads the next older page; focus moves to the first new item in reading order. */
  loadMore: () => Promise<void>;
  /** Reads again the page holding this item: its fresh copy (null when it is gone), or not ok (see `problem`). */
  reread: (id: string) => Promise<{ ok: true; item: T | null } | { ok: false }>;
}

/** Joins two readings of a page: `fresh` first, then what it no longer holds (pushed further back by newer items). */
function merge<T extends { id: string }>(fresh: T[], old: T[]): T[] {
  const ids = new Set(fresh.map((item) => item.id));
  return [...fresh, ...old.filter((item) => !ids.has(item.id))];
}

function unique<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && (seen.add(item.id), true));
}

export function useSectionPages<S extends JobSectionName>(options: {
  jobId: string;
  section: S;
  first: Page<JobSectionItem[S]>;
  /** The element id of an item, to move focus to it. */
  domId: (item: JobSectionItem[S]) => string;
  /** Shown oldest first (messages): the first new item in reading order is the oldest loaded. */
  oldestFirst?: boolean;
  onSignedOut: () => void;
}): SectionPages<JobSectionItem[S]> {
  type T = JobSectionItem[S];
  const { jobId, section, domId, oldestFirst = false, onSignedOut } = options;
  const [pages, setPages] = useState<LoadedPage<T>[]>(() => [{ cursor: null, ...options.first }]);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  // In the same task as the new items are shown (see useFocusWhen): focus is never lost between.
  useLayoutEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId]);

  const nextCursor = pages[pages.length - 1]!.nextCursor;

  function failed(found: Problem) {
    if (found.status === 401) onSignedOut();
    else setProblem(found);
  }

  async function loadMore() {
    if (!nextCursor || loading) return;
    setLoading(true);
    setProblem(null);
    const result = await api.section(jobId, section, nextCursor, SECTION_PAGE_SIZE);
    setLoading(false);
    if (!result.ok) return failed(result.problem);
    setPages((old) => [...old, { cursor: nextCursor, ...result.data }]);
    const fresh = result.data.items;
    const first = oldestFirst ? fresh[fresh.length - 1] : fresh[0];
    if (first) setFocusId(domId(first));
  }

  async function reread(id: string): Promise<{ ok: true; item: T | null } | { ok: false }> {
    const page = pages.find((p) => p.items.some((item) => item.id === id));
    if (!page) return { ok: true, item: null };
    setProblem(null);
    const result = await api.section(jobId, section, page.cursor, SECTION_PAGE_SIZE);
    if (!result.ok) {
      failed(result.problem);
      return { ok: false };
    }
    // The page keeps its own nextCursor: it still points past the items it had.
    setPages((old) => old.map((p) => (p.cursor === page.cursor ? { ...p, items: merge(result.data.items, p.items) } : p)));
    return { ok: true, item: result.data.items.find((item) => item.id === id) ?? null };
  }

  return {
    items: unique(pages.flatMap((page) => page.items)),
    hasMore: nextCursor !== null,
    loading,
    problem,
    loadMore,
    reread,
  };
}
