/**
 * The answers' schema of shared/contract/forms.ts, as the page and the server both run it: built
 * once from a version, it requires what is shown and required, drops what a condition hides, and
 * says what is wrong by field id.
 */
import { checkAnswers, formAnswersSchema, formDraftSchema, shownFieldIds, type FormField } from '../contract/forms';
import { sampleFormAnswers, sampleFormDefinition } from './sample-form';

const schema = formAnswersSchema(sampleFormDefinition);
const problems = (answers: unknown) => {
  const result = checkAnswers(schema, answers);
  return result.ok ? [] : result.problems.map((p) => [p.field, p.kind]);
};

describe('which fields show', () => {
  test('a field with a condition shows when the field it looks at shows and matches; a chain follows its first link', () => {
    const fields: FormField[] = [
      { id: 'a', kind: 'yes-no', label: 'A', help: null, required: false, showWhen: null, choices: null, min: null, max: null, integer: false, signature: null, maxFiles: null },
      { id: 'b', kind: 'multiple-choice', label: 'B', help: null, required: false, showWhen: { field: 'a', equals: true }, choices: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }], min: null, max: null, integer: false, signature: null, maxFiles: null },
      { id: 'c', kind: 'short-text', label: 'C', help: null, required: true, showWhen: { field: 'b', equals: 'y' }, choices: null, min: null, max: null, integer: false, signature: null, maxFiles: null },
    ];
    expect([...shownFieldIds({ fields }, { a: true, b: ['x', 'y'] })]).toEqual(['a', 'b', 'c']);
    // b is hidden, so c is hidden even though b's stale answer includes y.
    expect([...shownFieldIds({ fields }, { a: false, b: ['y'] })]).toEqual(['a']);
  });
});

describe('the answers of a submission', () => {
  test('the sample answers pass, and what is kept is what was shown', () => {
    const result = checkAnswers(schema, sampleFormAnswers);
    expect(result).toEqual({ ok: true, answers: expect.objectContaining({ pets: true, petDetails: 'A dog, in the yard', rooms: ['kitchen', 'basement'] }) });
  });

  test('a required field missing, a conditional one only when shown, an empty string as no answer', () => {
    const { pets: _p, ...noPets } = sampleFormAnswers;
    expect(problems(noPets)).toEqual([['pets', 'required']]);
    expect(problems({ ...sampleFormAnswers, petDetails: '  ' })).toEqual([['petDetails', 'required']]);
    const hidden = checkAnswers(schema, { ...sampleFormAnswers, pets: false, petDetails: 12 });
    expect(hidden.ok && hidden.answers).not.toHaveProperty('petDetails');
  });

  test('each kind checks its own: a choice, a date, a number, an email, a phone, a signature, unknown keys', () => {
    expect(problems({ ...sampleFormAnswers, service: 'x' })).toEqual([['service', 'picklist']]);
    expect(problems({ ...sampleFormAnswers, rooms: ['kitchen', 'kitchen'] })).toEqual([['rooms', 'check']]);
    expect(problems({ ...sampleFormAnswers, preferred: '2026-13-01' })).toEqual([['preferred', 'check']]);
    expect(problems({ ...sampleFormAnswers, age: 101 })).toEqual([['age', 'max_value']]);
    expect(problems({ ...sampleFormAnswers, age: 2.5 })).toEqual([['age', 'integer']]);
    expect(problems({ ...sampleFormAnswers, email: 'no' })).toEqual([['email', 'email']]);
    expect(problems({ ...sampleFormAnswers, phone: '12' })).toEqual([['phone', 'regex']]);
    expect(problems({ ...sampleFormAnswers, signature: { name: 'J', image: 'data:image/png;base64,AAAA' } })).toEqual([['signature', 'check']]);
    expect(problems({ ...sampleFormAnswers, nope: 1 })).toEqual([['nope', 'strict_object']]);
    expect(problems([])).toEqual([['', 'check']]);
  });

  test('a draft checks the shape only: nothing required, a half-typed email kept', () => {
    const result = checkAnswers(formDraftSchema(sampleFormDefinition), { email: 'half@', pets: true });
    expect(result).toEqual({ ok: true, answers: { email: 'half@', pets: true } });
    expect(checkAnswers(formDraftSchema(sampleFormDefinition), { pets: 'maybe' }).ok).toBe(false);
  });
});
