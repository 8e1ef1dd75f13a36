/**
 * The words of problem details (the problems area), for the one problem mapping every HTTP
 * function has: only this catalog rides in their bundles (words.ts).
 */
import type { Messages } from '@lingui/core';
import type { Language } from '../contract/i18n/languages';
import { wordsSource, type Words } from './words';

export const problemWordsFor: (language: Language) => Words = wordsSource(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (language) => require(`./compiled/${language}/problems.json`) as Messages,
);
