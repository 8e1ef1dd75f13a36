/**
 * A schema's refusal of one field, as a message of the problems catalog, so the customer API can
 * say it in the request's language. The English `message` stays what the schema wrote (the
 * business API documents those); the catalog's words are general ("must be at most 120
 * characters"), by the kind of check that failed and its requirement.
 */
import type * as v from 'valibot';
import type { FieldSaying } from '../../shared/kernel/errors';

export function fieldSaying(issue: v.BaseIssue<unknown>): FieldSaying {
  if (issue.received === 'undefined') return { key: 'problems.field.required' };
  const requirement = (issue as { requirement?: unknown }).requirement;
  const count = typeof requirement === 'number' ? requirement : undefined;
  const isList = Array.isArray(issue.input);
  switch (issue.type) {
    case 'strict_object':
      return { key: 'problems.field.unknown' };
    case 'string':
      return { key: 'problems.field.text' };
    case 'number':
      return { key: 'problems.field.number' };
    case 'boolean':
      return { key: 'problems.field.boolean' };
    case 'array':
      return { key: 'problems.field.list' };
    case 'object':
    case 'loose_object':
      return { key: 'problems.field.object' };
    case 'integer':
    case 'safe_integer':
      return { key: 'problems.field.whole-number' };
    case 'email':
      return { key: 'problems.field.email' };
    case 'literal':
      // The one literal a customer meets is `true` (accepting the estimate's terms).
      return issue.expected === 'true' ? { key: 'problems.field.accept' } : { key: 'problems.field.invalid' };
    case 'picklist':
    case 'enum':
    case 'union':
    case 'variant':
      return { key: 'problems.field.choice' };
    case 'min_length':
    case 'non_empty':
      if (count === undefined || issue.type === 'non_empty') return { key: 'problems.field.empty' };
      return isList ? { key: 'problems.field.too-few', values: { min: count } } : { key: 'problems.field.too-short', values: { min: count } };
    case 'max_length':
      if (count === undefined) return { key: 'problems.field.invalid' };
      return isList ? { key: 'problems.field.too-many', values: { max: count } } : { key: 'problems.field.too-long', values: { max: count } };
    case 'min_value':
      return count === undefined ? { key: 'problems.field.invalid' } : { key: 'problems.field.too-small', values: { min: count } };
    case 'max_value':
      return count === undefined ? { key: 'problems.field.invalid' } : { key: 'problems.field.too-large', values: { max: count } };
    default:
      return { key: 'problems.field.invalid' };
  }
}
