/**
 * The languages a customer can read the portal, its messages and its documents in, and how one is
 * picked. Adding a language is adding its catalog folder (catalogs/<code>/, the same files and
 * keys as catalogs/en/) and its code here; the catalog test fails until both agree.
 */
import * as v from 'valibot';

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a business that has said nothing gets, and what a missing message falls back to. */
export const DEFAULT_LANGUAGE: Language = 'en';

export const languageSchema = v.picklist(LANGUAGES, `must be one of ${LANGUAGES.join(', ')}`);

/**
 * The locale Intl formats with. US Spanish: the businesses are in the US, so dates, money and
 * phone numbers follow US conventions ("$1,234.50", 12-hour clock) written the Spanish way.
 */
export const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-US' };

/** Each language in its own words, for the switcher: a reader looks for the name they read. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first supported language in an `Accept-Language` header (or `navigator.languages`), by
 * quality then order: "es-MX,es;q=0.9,en;q=0.8" → es. Region and script are ignored ("es-419"
 * reads Spanish). Undefined when none is supported, so the caller's next fallback applies.
 */
export function negotiateLanguage(accepted: string | readonly string[] | undefined | null): Language | undefined {
  if (!accepted) return undefined;
  const entries = typeof accepted === 'string' ? accepted.split(',') : accepted;
  const ranked = entries
    .slice(0, 32) // a header is attacker-sized; a person lists a handful
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', quality: q === undefined ? 1 : Number(q), index };
    })
    .filter((e) => e.quality > 0 && Number.isFinite(e.quality))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((e) => e.primary).find(isLanguage);
}

/**
 * What is known about a customer's language, most specific first. `chosen`: the customer's own
 * pick (saved on their record, or in the browser on a link page without a session);
 * `forCustomer`: what the business set for this customer (business API `PUT customers/{id}`
 * `language`); `business`: the business's default.
 */
export interface LanguagePreference {
  chosen?: Language | undefined;
  forCustomer?: Language | undefined;
  business?: Language | undefined;
}

/**
 * The one order every reader of the preference follows: the customer's choice, else the
 * business's setting for that customer, else the browser's languages (`Accept-Language` or
 * `navigator.languages`; emails and texts have none, and use what the browser last said when the
 * customer was seen, if the caller passes it), else the business's default.
 */
export function resolveLanguage(preference: LanguagePreference, browser?: Language): Language {
  return preference.chosen ?? preference.forCustomer ?? browser ?? preference.business ?? DEFAULT_LANGUAGE;
}
