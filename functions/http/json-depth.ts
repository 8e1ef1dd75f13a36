/**
 * How deeply a JSON text nests, found before it is parsed (security.md rule 55). A 60 KB body can
 * open 10,000 objects; JSON.parse copes, but everything after it that walks the value by
 * recursion (JSON.stringify for the idempotency fingerprint, valibot, the log scrubber) overflows
 * the stack and answers 500. The deepest body this API takes nests 5 levels (an estimate's
 * options' lines), so a small ceiling refuses nothing real.
 *
 * A single loop over the bytes, no recursion, so the check cannot overflow itself. UTF-8 is safe
 * to scan byte by byte: every byte of a multi-byte character is ≥ 0x80, never a quote, a
 * backslash or a bracket.
 */
export const maxJsonDepth = 32;

const quote = 0x22;
const backslash = 0x5c;
const openers = new Set([0x7b, 0x5b]); // { [
const closers = new Set([0x7d, 0x5d]); // } ]

/** Whether the text opens more than `limit` objects or arrays inside one another. Stops at the first level too many. */
export function nestsDeeperThan(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    if (inString) {
      if (byte === backslash) i++; // the escaped character is never the closing quote
      else if (byte === quote) inString = false;
    } else if (byte === quote) {
      inString = true;
    } else if (openers.has(byte)) {
      if (++depth > limit) return true;
    } else if (closers.has(byte)) {
      depth--;
    }
  }
  return false;
}
