/**
 * The words of what the server writes to a customer: emails, texts and the estimate PDF (the
 * email, sms and pdf areas), in the customer's language. See words.ts for how a function carries
 * only the catalogs it uses.
 */
import type { Messages } from '@lingui/core';
import { wordsSource, type Words } from './words';

export type { Words } from './words';

export const wordsFor: (language: import('../contract/i18n/languages').Language) => Words = wordsSource((language) => ({
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ...(require(`./compiled/${language}/email.json`) as Messages),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ...(require(`./compiled/${language}/sms.json`) as Messages),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ...(require(`./compiled/${language}/pdf.json`) as Messages),
}));
