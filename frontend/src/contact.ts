/**
 * The sign-in form's contact field: people type phone numbers the way they are printed
 * ("(555) 555-0123", "+1 555 555 0123"); the API wants E.164. Validation reuses the API's own
 * schemas, so the form can never accept what the API will refuse.
 */
import { safeParse } from 'valibot';
import { Email, Phone } from '../../shared/contract/common';
import { t } from './i18n/current';

export type ContactKind = 'email' | 'phone';

export type ContactResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * Strips spaces, dashes, brackets and dots; a 10-digit number is taken as North American
 * (+1), as is an 11-digit one starting with 1. "00" is the international prefix outside
 * North America. Anything else is returned stripped, for the schema to judge.
 */
export function normalisePhone(input: string): string {
  const stripped = input.replace(/[\s\-().\u2010-\u2015]/g, '');
  if (/^[0-9]{10}$/.test(stripped)) return `+1${stripped}`;
  if (/^1[0-9]{10}$/.test(stripped)) return `+${stripped}`;
  if (/^00[1-9][0-9]+$/.test(stripped)) return `+${stripped.slice(2)}`;
  return stripped;
}

export function parseContact(kind: ContactKind, input: string): ContactResult {
  if (input.trim() === '') {
    return { ok: false, message: kind === 'email' ? t('portal.signIn.error.emailEmpty') : t('portal.signIn.error.phoneEmpty') };
  }
  if (kind === 'email') {
    const result = safeParse(Email, input);
    return result.success
      ? { ok: true, value: result.output }
      : { ok: false, message: t('portal.signIn.error.email') };
  }
  const result = safeParse(Phone, normalisePhone(input));
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, message: t('portal.signIn.error.phone') };
}
