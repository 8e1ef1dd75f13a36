/**
 * A language's words on the server, from the catalog areas a function needs. Each entry module
 * (translator.ts for messages and the PDF, problem-words.ts for problem details) names its areas
 * with its own template-literal `require`, so esbuild bundles exactly those files, for every
 * language folder, into the functions that import it and no others: a page read carries the
 * problems catalog (10 KB), not the portal's (50 KB) it never writes. A new language folder needs
 * no edit here. Compiled once per language, the first time one is needed.
 */
import type { Messages } from '@lingui/core';
import type { Catalog } from '../contract/i18n/catalog';
import { compileCatalog } from '../contract/i18n/compile';
import { formatFor, type Format } from '../contract/i18n/format';
import { DEFAULT_LANGUAGE, type Language } from '../contract/i18n/languages';
import { createTranslator, type Translator } from '../contract/i18n/translate';

/** What a message writer needs: the words (`t`) and the formats (`f`) of one language. */
export interface Words extends Translator {
  readonly f: Format;
}

/** `load`: the catalog files of these areas in one language, merged. */
export function wordsSource(load: (language: Language) => Catalog): (language: Language) => Words {
  const compiled = new Map<Language, Messages>();
  const messagesOf = (language: Language): Messages => {
    let messages = compiled.get(language);
    if (!messages) compiled.set(language, (messages = compileCatalog(load(language))));
    return messages;
  };
  const words = new Map<Language, Words>();
  return (language) => {
    let w = words.get(language);
    if (!w) {
      // A key missing in a language falls back to English (the catalog test keeps that from happening).
      const translator = createTranslator(language, messagesOf(language), language === DEFAULT_LANGUAGE ? undefined : messagesOf(DEFAULT_LANGUAGE));
      words.set(language, (w = { ...translator, f: formatFor(language) }));
    }
    return w;
  };
}
