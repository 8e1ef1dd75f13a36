/** Each kind of schema refusal a customer can meet has its catalog message, with its requirement. */
import * as v from 'valibot';
import { fieldSaying } from './field-saying';

const sayingOf = (schema: v.GenericSchema, value: unknown) => {
  const result = v.safeParse(schema, value);
  if (result.success) throw new Error('expected a refusal');
  return fieldSaying(result.issues[0]);
};

test.each([
  ['a missing field', v.object({ a: v.string() }), {}, { key: 'problems.field.required' }],
  ['an unknown field', v.strictObject({ a: v.optional(v.string()) }), { b: 1 }, { key: 'problems.field.unknown' }],
  ['not text', v.string('must be a string'), 3, { key: 'problems.field.text' }],
  ['not a number', v.number(), 'x', { key: 'problems.field.number' }],
  ['not true or false', v.boolean(), 'x', { key: 'problems.field.boolean' }],
  ['not a list', v.array(v.string()), 'x', { key: 'problems.field.list' }],
  ['not a whole number', v.pipe(v.number(), v.integer()), 1.5, { key: 'problems.field.whole-number' }],
  ['not an email address', v.pipe(v.string(), v.email()), 'x', { key: 'problems.field.email' }],
  ['terms not accepted', v.literal(true), false, { key: 'problems.field.accept' }],
  ['not one of the choices', v.picklist(['en', 'es']), 'fr', { key: 'problems.field.choice' }],
  ['empty text', v.pipe(v.string(), v.nonEmpty()), '', { key: 'problems.field.empty' }],
  ['text too short', v.pipe(v.string(), v.minLength(2)), 'a', { key: 'problems.field.too-short', values: { min: 2 } }],
  ['text too long', v.pipe(v.string(), v.maxLength(5000)), 'x'.repeat(5001), { key: 'problems.field.too-long', values: { max: 5000 } }],
  ['too few in a list', v.pipe(v.array(v.string()), v.minLength(1)), [], { key: 'problems.field.too-few', values: { min: 1 } }],
  ['too many in a list', v.pipe(v.array(v.string()), v.maxLength(2)), ['a', 'b', 'c'], { key: 'problems.field.too-many', values: { max: 2 } }],
  ['a number too small', v.pipe(v.number(), v.minValue(1)), 0, { key: 'problems.field.too-small', values: { min: 1 } }],
  ['a number too large', v.pipe(v.number(), v.maxValue(10)), 11, { key: 'problems.field.too-large', values: { max: 10 } }],
  ['any other check', v.pipe(v.string(), v.regex(/^a/)), 'b', { key: 'problems.field.invalid' }],
])('%s', (_what, schema, value, expected) => {
  expect(sayingOf(schema as v.GenericSchema, value)).toEqual(expected);
});
