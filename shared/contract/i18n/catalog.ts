/**
 * Message catalogs: every string a customer reads, per language, in ICU MessageFormat
 * ("{count, plural, one {# invoice} other {# invoices}}"). One folder per language under
 * catalogs/, one JSON file per area; a key is "<area>.<name>" and lives in <area>.json, in every
 * language's folder (the catalog test holds them to the same files, keys and placeholders, and
 * fails on a key no code uses).
 *
 * Areas:
 *   common    words every page and message shares (language names, statuses, payment methods)
 *   portal    the portal's pages (may be split as portal-<part>.json when it grows)
 *   tracking  the technician tracking page (its own small entry, loads only common + tracking)
 *   problems  problem details the API sends and the pages show
 *   email, sms, pdf   what only the server writes: never sent to the browser
 *
 * Dates, times and money are formatted before they go into a message (format.ts, in the
 * business's time zone), so a message's placeholders are plain text or plural counts.
 */
/** Every area file, in every language's folder (the catalog test holds the folders to this list). */
export const AREAS = ['common', 'portal', 'tracking', 'problems', 'email', 'sms', 'pdf'] as const;
export type Area = (typeof AREAS)[number];

export const SERVER_ONLY_AREAS = ['email', 'sms', 'pdf'] as const;

/** The areas the server's functions write from: problem details, and what only the server writes. */
export const SERVER_AREAS = ['problems', ...SERVER_ONLY_AREAS] as const;

/** A catalog as written: key → ICU message. */
export type Catalog = Record<string, string>;

/** The area of a key: "portal.jobs.title" → "portal". */
export function areaOf(key: string): string {
  return key.slice(0, key.indexOf('.'));
}
