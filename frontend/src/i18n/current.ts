/**
 * The language the page shows now, its words (`t`) and its formats (`f()`): what components call.
 *
 *   t('portal.jobs.title')                       // "Work history" / "Historial de trabajos"
 *   f().visit(job.window, portal.timeZone)       // the one formatter, in the current language
 *
 * A language is shown once its catalog has arrived (the entry loads it before the first render,
 * alongside the first API request): until then the page keeps the language it has, so a switch
 * never flashes keys or a half-translated page. Showing one updates `<html lang>` and tells the
 * root component to render again, in place: every component keeps its state and the customer's input.
 */
import type { Messages } from '@lingui/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatFor, type Format } from '../../../shared/contract/i18n/format';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/contract/i18n/languages';
import { createTranslator, type MessageValues, type Translator } from '../../../shared/contract/i18n/translate';
import type { MessageKey } from '../../../shared/contract/i18n/keys';

/** Fetches one language's compiled catalog (the page's entry passes the build's chunk loader). */
export type CatalogLoader = (language: Language) => Promise<Messages>;

let loader: CatalogLoader | null = null;
const catalogs = new Map<Language, Promise<Messages>>();
let translator: Translator | null = null;
let wanted: Language | null = null;
const listeners = new Set<() => void>();
let firstShown: () => void = () => undefined;
const shown = new Promise<void>((resolve) => (firstShown = resolve));

/** Where catalogs come from; set once by the page's entry. */
export function setCatalogLoader(load: CatalogLoader): void {
  loader = load;
  catalogs.clear();
}

function catalogOf(language: Language): Promise<Messages> {
  if (!loader) return Promise.reject(new Error('no catalog loader: the entry sets one before showing a language'));
  let pending = catalogs.get(language);
  if (!pending) {
    pending = loader(language);
    // A failed load (a dropped connection) is not kept: the next switch tries again.
    pending.catch(() => catalogs.delete(language));
    catalogs.set(language, pending);
  }
  return pending;
}

/**
 * Shows the page in this language once its catalog is here. Of several calls in flight, the last
 * one wins. Rejects when the catalog cannot be loaded (the page stays in the language it had).
 */
export async function showLanguage(language: Language): Promise<void> {
  wanted = language;
  if (translator?.language === language) return;
  const arriving = catalogOf(language);
  const messages = await arriving;
  if (wanted !== language) return;
  translator = createTranslator(language, messages);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  firstShown();
  for (const listener of [...listeners]) listener();
}

/** Resolves once a language is shown: the entry renders the page then, never with keys for words. */
export function whenLanguageShown(): Promise<void> {
  return shown;
}

/** The language shown (English until a catalog is shown). */
export function currentLanguage(): Language {
  return translator?.language ?? DEFAULT_LANGUAGE;
}

/**
 * The language the page shows, or is loading to show: what a request asks its answer in, so the
 * first requests, sent while the catalog is still on its way, ask in the right one.
 */
export function requestLanguage(): Language {
  return wanted ?? currentLanguage();
}

/** A message in the current language; the key itself if no catalog is shown yet (never in a page: the entry waits). */
export function t(key: MessageKey, values?: MessageValues): string {
  return translator ? translator.t(key, values) : key;
}

/**
 * A message with elements in it (a link, a `<time>`, bold words), for JSX: the message decides
 * where they go, since each language orders a sentence its own way.
 *
 *   tx('portal.invoice.due', { date: <time dateTime={iso}>{f().date(iso, zone)}</time> })
 */
export function tx(key: MessageKey, values: Record<string, ComponentChildren>): ComponentChildren[] {
  const plain: MessageValues = {};
  const elements: ComponentChildren[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' || typeof value === 'number') plain[name] = value;
    else {
      // A mark no message contains stands in for the element, and is swapped back after.
      plain[name] = `\u0001${elements.length}\u0002`;
      elements.push(value);
    }
  }
  return t(key, plain)
    .split(/\u0001(\d+)\u0002/)
    .map((part, i) => (i % 2 === 1 ? elements[Number(part)] : part))
    .filter((part) => part !== '');
}

/** Dates, times, money and numbers in the current language (shared/contract/i18n/format.ts). */
export function f(): Format {
  return formatFor(currentLanguage());
}

/** Calls back after each change of the language shown; returns the unsubscribe. */
export function onLanguageShown(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * For the root component: renders it again, and so the whole page, when the language changes.
 * Returns the current language.
 */
export function useLanguage(): Language {
  const [language, setLanguage] = useState(currentLanguage);
  useEffect(() => {
    setLanguage(currentLanguage());
    return onLanguageShown(() => setLanguage(currentLanguage()));
  }, []);
  return language;
}
