/** Rule 57: the two flavours of free text, and the header cleaner. */
import fc from 'fast-check';
import * as v from 'valibot';
import { multilineText, oneLine, singleLineText, textProblem } from './text';

const line = singleLineText(200);
const lines = multilineText(2000);
const ok = (schema: v.GenericSchema, s: string) => v.safeParse(schema, s).success;

test('rule 57: single-line text refuses line breaks, tabs, NUL, C1, line separators, overrides and lone surrogates', () => {
  for (const bad of ['Acme\r\nBcc: x@example.com', 'Acme\nPlumbing', 'Acme\rX', 'A\tB', 'A\u0000B', 'A\u0085B', 'A\u009bB', 'A\u007fB', 'A\u2028B', 'A\u2029B', 'invoice\u202efdp.exe', 'A\u202aB', 'A\u2066B', 'A\u2069B', 'A\ud800B', 'A\udc00B', 'end\ud83d']) {
    expect([bad, ok(line, bad)]).toEqual([bad, false]);
  }
});

test('rule 57: single-line text keeps real text: accents, scripts, emoji, direction marks; a trailing newline is trimmed away', () => {
  for (const good of ['Acme Plumbing & Heating', 'Café Ñandú', 'שלום 123\u200f', 'مرحبا\u061c', 'Bob 🔧', "O'Brien \"Pipes\""]) expect([good, ok(line, good)]).toEqual([good, true]);
  expect(v.parse(line, '  Acme\r\n')).toBe('Acme');
});

test('rule 57: multi-line text allows tab, LF and CR, nothing else of the controls, no overrides, no lone surrogates', () => {
  expect(ok(lines, 'Line one\r\nLine two\n\tindented')).toBe(true);
  expect(ok(lines, 'para\u2029graph')).toBe(true);
  for (const bad of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u0085b', 'a\u202eb', 'a\u2067b', 'a\udfffb']) expect([bad, ok(lines, bad)]).toEqual([bad, false]);
});

test('rule 57: the message says what is wrong', () => {
  expect(textProblem('a\ud800', 'line')).toMatch(/lone surrogate/);
  expect(textProblem('a\nb', 'line')).toMatch(/single line/);
  expect(textProblem('a\u0000b', 'multiline')).toMatch(/control/);
  expect(textProblem('a\u202eb', 'multiline')).toMatch(/direction-override/);
  expect(textProblem('a\nb', 'multiline')).toBeNull();
});

test('rule 57: whatever the input, accepted single-line text has no control, override or lone surrogate, and oneLine() output never has CR or LF', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) })), (s) => {
      const parsed = v.safeParse(line, s);
      if (parsed.success) expect(textProblem(parsed.output, 'line')).toBeNull();
      const cleaned = oneLine(s);
      expect(cleaned).not.toMatch(/[\r\n\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      expect(textProblem(cleaned, 'line')).toBeNull();
    }),
    { numRuns: 2000 },
  );
});

test('oneLine() turns a stored name with CR/LF into one line', () => {
  expect(oneLine('Acme\r\nBcc: victim@example.com')).toBe('Acme Bcc: victim@example.com');
  expect(oneLine('  Bright\tClean \u202e ')).toBe('Bright Clean');
});
