/**
 * The server's translators: emails, texts, the PDF and problem details, in the customer's
 * language. Catalogs are read and compiled once per language, the first time one is needed (a
 * function that never writes to a customer never pays for it). The template-literal `require`
 * lets esbuild bundle every catalog file it could name, so a new language folder needs no edit here.
 */
import type { Messages } from '@lingui/core';
import type { Catalog } from '../contract/i18n/catalog';
import { compileCatalog } from '../contract/i18n/compile';
import { formatFor, type Format } from '../contract/i18n/format';
import { DEFAULT_LANGUAGE, type Language } from '../contract/i18n/languages';
import { createTranslator, type Translator } from '../contract/i18n/translate';

/** Every area file; the catalog test holds this list to the folders' contents. */
export const AREAS = ['common', 'portal', 'tracking', 'problems', 'email', 'sms', 'pdf'] as const;

const compiled = new Map<Language, Messages>();

function messagesOf(language: Language): Messages {
  let messages = compiled.get(language);
  if (!messages) {
    const catalog: Catalog = {};
    for (const area of AREAS) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Object.assign(catalog, require(`../contract/i18n/catalogs/${language}/${area}.json`) as Catalog);
    }
    messages = compileCatalog(catalog);
    compiled.set(language, messages);
  }
  return messages;
}

/** What a message writer needs: the words (`t`) and the formats (`f`) of one language. */
export interface Words extends Translator {
  readonly f: Format;
}

const words = new Map<Language, Words>();

export function wordsFor(language: Language): Words {
  let w = words.get(language);
  if (!w) {
    const translator = createTranslator(language, messagesOf(language), language === DEFAULT_LANGUAGE ? undefined : messagesOf(DEFAULT_LANGUAGE));
    w = { ...translator, f: formatFor(language) };
    words.set(language, w);
  }
  return w;
}
