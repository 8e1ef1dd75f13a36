/**
 * Reading a request's `Accept-Language`. The header is the client's to size: only its first
 * characters are read (rule 70); a person's browser sends a few dozen, 256 holds any real list.
 */
import { negotiateLanguage, type Language } from '../contract/i18n/languages';

export const acceptLanguageReadChars = 256;

/** The supported language a request's `Accept-Language` asks for first, if any. */
export function browserLanguageOf(acceptLanguage: string | undefined | null): Language | undefined {
  if (typeof acceptLanguage !== 'string') return undefined;
  return negotiateLanguage(acceptLanguage.slice(0, acceptLanguageReadChars));
}
