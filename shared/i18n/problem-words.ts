/**
 * The words of problem details (the problems area), for the one problem mapping every HTTP
 * function has: only this catalog rides in their bundles (words.ts). Another language's only:
 * English problem details are written by the errors themselves (compiled-catalogs.ts says why).
 */
import type { Messages } from '@lingui/core';
import type { Language } from '../contract/i18n/languages';
import { wordsSource, type Words } from './words';

/** The languages problem details are translated into. */
export type ProblemTranslation = Exclude<Language, 'en'>;

export const problemWordsFor: (language: ProblemTranslation) => Words = wordsSource<ProblemTranslation>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (language) => require(`./compiled/${language}/problems.json`) as Messages,
  { englishFallback: false },
);
