/**
 * Which language the page shows, in the one order (shared/contract/i18n/languages.ts
 * `resolveLanguage`): the customer's own choice (saved in this browser for every page, and on
 * their record when signed in), else the business's setting for this customer (from /api/me or a
 * link's lookup), else the browser's languages, else the business's default, else English.
 *
 * The page learns these as its answers arrive (session.ts, the link pages) and shows the language
 * they resolve to; the first guess, before any answer, uses what this browser knows by itself.
 */
import type { CustomerLanguage } from '../../../shared/contract/customer/portal';
import { isLanguage, negotiateLanguage, resolveLanguage, type Language } from '../../../shared/contract/i18n/languages';
import { showLanguage } from './current';

/** What is known of the customer's language, each piece from where it comes. */
export interface KnownLanguage {
  /** The choice saved in this browser (localStorage). */
  saved?: Language | undefined;
  /** What the server said of the customer: their saved choice, the business's setting for them, the business's default. */
  customer?: Partial<CustomerLanguage> | undefined;
  /** The business's default, from its portal (before anyone is known). */
  business?: Language | undefined;
}

/** The language these say, with the browser's (`navigator.languages`) between the customer's and the business's. */
export function pickLanguage(known: KnownLanguage, browserLanguages: readonly string[] | undefined): Language {
  return resolveLanguage(
    {
      chosen: known.saved ?? known.customer?.chosen,
      forCustomer: known.customer?.forCustomer,
      business: known.customer?.business ?? known.business,
    },
    negotiateLanguage(browserLanguages),
  );
}

/**
 * A customer's language as the server sent it, keeping only what is a language we have: the
 * answer is read from the network, and a server newer than this page may name one it lacks.
 */
export function customerLanguageOf(value: unknown): Partial<CustomerLanguage> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { chosen, forCustomer, business } = value as Record<string, unknown>;
  return {
    ...(isLanguage(chosen) ? { chosen } : {}),
    ...(isLanguage(forCustomer) ? { forCustomer } : {}),
    ...(isLanguage(business) ? { business } : {}),
  };
}

const STORAGE_KEY = 'portal.language';

/** The choice saved in this browser, if any (storage may be refused: private mode). */
export function savedLanguage(): Language | undefined {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : undefined;
  } catch {
    return undefined;
  }
}

const known: KnownLanguage = {};

function browserLanguages(): readonly string[] | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.languages;
}

/** The language to show now, from what is known. */
export function wantedLanguage(): Language {
  return pickLanguage({ ...known, saved: known.saved ?? savedLanguage() }, browserLanguages());
}

function showWanted(): Promise<void> {
  return showLanguage(wantedLanguage());
}

/** Shows what is known now; a catalog that cannot be loaded leaves the page as it is. */
function apply(): void {
  showWanted().catch(() => undefined);
}

/** What the server says of the signed-in customer (or of a link's customer). Absent: nothing learnt. */
export function learnCustomerLanguage(language: unknown): void {
  const learnt = customerLanguageOf(language);
  if (!learnt) return;
  known.customer = learnt;
  apply();
}

/** The business's default, from its portal's info. */
export function learnBusinessLanguage(language: unknown): void {
  if (!isLanguage(language) || known.business === language) return;
  known.business = language;
  apply();
}

/** The customer picked a language: saved in this browser, for every page, and shown. */
export function chooseLanguage(language: Language): Promise<void> {
  known.saved = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode): the choice holds for this page's life.
  }
  return showWanted();
}

/** The first language to show, before any answer has come (the entry loads its catalog at start). */
export function startLanguage(): Promise<void> {
  return showWanted();
}

/** For unit tests: forget what was learnt. */
export function resetKnownLanguage(): void {
  delete known.saved;
  delete known.customer;
  delete known.business;
}
