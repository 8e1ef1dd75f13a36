/**
 * The two flavours of free text every schema builds on (rule 57), and the one cleaner for text
 * that becomes a header.
 *
 * Single-line text (names, titles, numbers, subjects, file names): no control character at all
 * (C0 including tab and line breaks, DEL, C1), no Unicode line or paragraph separator. A line
 * break in a business name would otherwise reach an email's Subject header, a PDF line or an SMS.
 *
 * Multi-line text (messages, notes, descriptions, terms, a decline reason): tab, LF and CR are
 * allowed; every other control character is not (NUL above all).
 *
 * Both: no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which reorder what
 * a reader sees ("invoice‮fdp.exe"), and no lone surrogate, which is not text at all (it cannot be
 * encoded as UTF-8, so it turns into U+FFFD somewhere down the line, differently in each place).
 * The direction marks U+200E, U+200F and U+061C stay allowed: a mark only acts as an invisible
 * letter of one direction and cannot reverse the text around it, and mixed Hebrew or Arabic names
 * with digits legitimately need them.
 */
import * as v from 'valibot';

/** Lone surrogates: a high one not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const directionOverride = /[\u202A-\u202E\u2066-\u2069]/;
/** C0 but tab, LF and CR; DEL; C1. */
const controlInMultiline = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Every C0 and C1 control, DEL, and the Unicode line and paragraph separators. */
const controlInLine = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

export const hasLoneSurrogate = (s: string): boolean => loneSurrogate.test(s);
export const hasDirectionOverride = (s: string): boolean => directionOverride.test(s);

/** Why `s` is not acceptable text, or null. Checked in this order so the message names the worst problem. */
export function textProblem(s: string, flavour: 'line' | 'multiline'): string | null {
  if (hasLoneSurrogate(s)) return 'must be valid Unicode text (it has a lone surrogate)';
  if (flavour === 'line' && /[\r\n\u2028\u2029]/.test(s)) return 'must be a single line (no line breaks)';
  if ((flavour === 'line' ? controlInLine : controlInMultiline).test(s)) return 'must not contain control characters';
  if (hasDirectionOverride(s)) return 'must not contain direction-override characters';
  return null;
}

/** A valibot action refusing what `textProblem` refuses; compose it into any string pipe. */
export const safeText = (flavour: 'line' | 'multiline') =>
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = textProblem(dataset.value, flavour);
    if (problem) addIssue({ message: problem });
  });

/** Any string at all must at least be well-formed Unicode: for URLs and other checked strings. */
export const wellFormed = () => v.check<string, string>((s) => !hasLoneSurrogate(s), 'must be valid Unicode text (it has a lone surrogate)');

/**
 * One line of text, 1..max characters. Trimmed first, so a stray trailing newline from a pasted
 * value is forgiven; one inside the text is refused. `what` only documents the call site.
 */
export const singleLineText = (max: number, _what?: string) =>
  v.pipe(v.string('must be a string'), v.trim(), safeText('line'), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

/**
 * Free text over several lines, up to `max` characters. By default it may be empty and is kept
 * as written; `required` trims it and refuses an empty one (a message, a note).
 */
export const multilineText = (max: number, options: { required?: boolean } = {}) =>
  options.required
    ? v.pipe(v.string('must be a string'), v.trim(), safeText('multiline'), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`))
    : v.pipe(v.string('must be a string'), safeText('multiline'), v.maxLength(max, `must be at most ${max} characters`));

/**
 * Text for a header or a one-line slot (an email subject, an SMS's opening): line breaks, tabs
 * and other controls become a space, overrides and lone surrogates go, runs of spaces shrink.
 * Input is validated before it is stored, but a value stored before rule 57 may still hold CR/LF,
 * so the header path cleans whatever it is given.
 */
export const oneLine = (s: string): string =>
  s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();

/**
 * A file's name as the customer's or the business's device gave it. Refused, not cleaned (rule 60):
 * a single line (no CR/LF, controls or direction overrides), no path separator, no double quote
 * (it ends the quoted name in Content-Disposition). Apostrophes and any script stay: "Jordan's
 * invoice.pdf" is fine.
 */
export const fileNameText = () =>
  v.pipe(singleLineText(200, 'fileName'), v.check((n) => !/[/\\]/.test(n) && n !== '.' && n !== '..', 'must be a file name, not a path'), v.check((n) => !n.includes('"'), 'must not contain a double quote'));
