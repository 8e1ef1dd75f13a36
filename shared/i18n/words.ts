/**
 * A language's words on the server, from the catalog areas a function needs. Each entry module
 * (translator.ts for messages and the PDF, problem-words.ts for problem details) names its areas
 * with its own template-literal `require` of the compiled catalogs (compiled-catalogs.ts), so
 * esbuild bundles exactly those files, for every language folder, into the functions that import
 * it and no others: a page read carries the problems catalog (10 KB), not the portal's (50 KB) it
 * never writes, and no function carries the ICU parser. A new language needs no edit here.
 */
import type { Messages } from '@lingui/core';
import { formatFor, type Format } from '../contract/i18n/format';
import { DEFAULT_LANGUAGE, type Language } from '../contract/i18n/languages';
import { createTranslator, type Translator } from '../contract/i18n/translate';

/** What a message writer needs: the words (`t`) and the formats (`f`) of one language. */
export interface Words extends Translator {
  readonly f: Format;
}

/**
 * `messagesOf`: the compiled catalog files of these areas in one language, merged. A key missing
 * in a language falls back to English (the catalog test keeps that from happening), unless
 * `englishFallback` is false: areas the server never reads in English are not compiled in English.
 */
export function wordsSource<L extends Language = Language>(messagesOf: (language: L) => Messages, { englishFallback = true } = {}): (language: L) => Words {
  const words = new Map<L, Words>();
  return (language) => {
    let w = words.get(language);
    if (!w) {
      const english = englishFallback && language !== DEFAULT_LANGUAGE ? messagesOf(DEFAULT_LANGUAGE as L) : undefined;
      const translator = createTranslator(language, messagesOf(language), english);
      words.set(language, (w = { ...translator, f: formatFor(language) }));
    }
    return w;
  };
}
