/** Whether a new password may be used (./policy.ts): the field errors, or none. */
import type { FieldError } from '../../kernel/errors';
import { commonPasswordList } from './common-passwords';
import { normalisePassword } from './hashing';
import { maxPasswordLength, minPasswordLength } from './policy';

let common: ReadonlySet<string> | null = null;
/** Built on first use: only the functions that set a password pay for it. */
const commonPasswords = () => (common ??= new Set(commonPasswordList.split('\n')));

export function passwordProblems(password: string, customer: { email: string | null }): FieldError[] {
  const normal = normalisePassword(password);
  const length = [...normal].length;
  const refuse = (message: string, key: 'problems.password.too-short' | 'problems.password.too-long' | 'problems.password.common' | 'problems.password.is-email'): FieldError[] => [
    { field: 'password', message, said: { key, values: { min: minPasswordLength, max: maxPasswordLength } } },
  ];
  if (length < minPasswordLength) return refuse(`must be at least ${minPasswordLength} characters`, 'problems.password.too-short');
  if (length > maxPasswordLength) return refuse(`must be at most ${maxPasswordLength} characters`, 'problems.password.too-long');
  const lower = normal.toLowerCase();
  if (commonPasswords().has(lower)) return refuse('is one of the most common passwords: choose another', 'problems.password.common');
  if (customer.email && (lower === customer.email || lower === customer.email.split('@')[0])) return refuse('must not be your email', 'problems.password.is-email');
  return [];
}
