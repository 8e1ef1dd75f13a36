/** The nesting scan run before JSON.parse (security.md rule 55). */
import fc from 'fast-check';
import { maxJsonDepth, nestsDeeperThan } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** The depth of a parsed value, the slow obvious way (fine for the small values fast-check makes). */
const depthOf = (value: unknown): number =>
  typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

test('rule 55: depth is counted across objects and arrays; the limit itself is allowed', () => {
  expect(nestsDeeperThan(bytes('{"a":1}'), 1)).toBe(false);
  expect(nestsDeeperThan(bytes('{"a":[1]}'), 1)).toBe(true);
  expect(nestsDeeperThan(bytes('{"a":[1]}'), 2)).toBe(false);
  expect(nestsDeeperThan(bytes('[{}, {}, {}, [[]]]'), 2)).toBe(true);
  expect(nestsDeeperThan(bytes('[{}, {}, {}, [[]]]'), 3)).toBe(false);
  expect(nestsDeeperThan(bytes('42'), 0)).toBe(false);
});

test('rule 55: brackets inside strings, escaped quotes and multi-byte characters do not count', () => {
  expect(nestsDeeperThan(bytes(JSON.stringify({ a: '[[[[{{{{' })), 1)).toBe(false);
  expect(nestsDeeperThan(bytes(JSON.stringify({ a: 'say \\"[[[ "quoted" \\\\', b: '\\' })), 1)).toBe(false);
  expect(nestsDeeperThan(bytes(JSON.stringify({ a: 'Łódź ✓ 𝄞 [', b: ['x'] })), 2)).toBe(false);
  expect(nestsDeeperThan(bytes(JSON.stringify({ a: 'Łódź ✓ 𝄞 [', b: ['x'] })), 1)).toBe(true);
});

test('rule 55: agrees with the depth of the parsed value for any JSON', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, limit) => {
      expect(nestsDeeperThan(bytes(JSON.stringify(value)), limit)).toBe(depthOf(value) > limit);
    }),
    { numRuns: 500 },
  );
});

test('rule 55: a 10,000-deep object and a 5,000-deep array are found without recursion, fast', () => {
  const object = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const array = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
  const started = performance.now();
  expect(nestsDeeperThan(bytes(object), maxJsonDepth)).toBe(true);
  expect(nestsDeeperThan(bytes(array), maxJsonDepth)).toBe(true);
  // The whole 256 KB a route may take, nesting nothing: one pass over it.
  expect(nestsDeeperThan(bytes(JSON.stringify({ a: 'x'.repeat(256 * 1024) })), maxJsonDepth)).toBe(false);
  expect(performance.now() - started).toBeLessThan(200);
});
