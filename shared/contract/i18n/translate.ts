/**
 * Turning a key into the customer's words. `t('portal.invoice.pay', { amount: '$80.50' })`.
 * Lingui's core (2.4 KB gzip) does plurals and selects with Intl.PluralRules; messages arrive
 * compiled (compile.ts). A key missing from a language's catalog falls back to English rather
 * than showing the key: the catalog test keeps that from happening, this keeps a customer from
 * ever seeing "portal.x.y" if it does.
 */
import { setupI18n, type Messages } from '@lingui/core';
import { DEFAULT_LANGUAGE, LOCALES, type Language } from './languages';
import type { MessageKey } from './keys';

export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export interface Translator {
  readonly language: Language;
  readonly t: Translate;
}

export function createTranslator(language: Language, messages: Messages, fallback?: Messages): Translator {
  const i18n = setupI18n({ locale: language, locales: [LOCALES[language]], messages: { [language]: messages } });
  const english = fallback && language !== DEFAULT_LANGUAGE ? setupI18n({ locale: DEFAULT_LANGUAGE, messages: { [DEFAULT_LANGUAGE]: fallback } }) : undefined;
  const t: Translate = (key, values) => {
    if (messages[key] === undefined && english) return english._(key, values);
    return i18n._(key, values);
  };
  return { language, t };
}
