/**
 * Customer forms, as both sides read them: a template's fields (what `PUT forms/{formId}` defines),
 * which of them show for a set of answers (simple conditions), and the one schema of the answers,
 * built once from a template version and run by the page as the customer types and by the server
 * on every draft and submission. Pure: valibot and this folder only.
 *
 * Answers are keyed by field id. A field hidden by its condition is not required, and whatever it
 * holds is dropped (a customer who said "no pets" and then "yes" keeps nothing typed under a
 * question they no longer see). A section heading takes no answer.
 */
import * as v from 'valibot';
import { Email } from './common';
import { multilineText, safeText, singleLineText } from './text';
import { SignatureBody } from './customer/estimates';
import { UploadRef } from './customer/upload-ref';

export const FORM_FIELD_KINDS = [
  'short-text',
  'long-text',
  'number',
  'date',
  'single-choice',
  'multiple-choice',
  'yes-no',
  'email',
  'phone',
  'address',
  'signature',
  'file',
  'section',
] as const;
export type FormFieldKind = (typeof FORM_FIELD_KINDS)[number];

/** The kinds a condition may look at: a yes/no (`equals: true|false`) or a choice (`equals: "<value>"`; a multiple choice: "includes"). */
export const CONDITION_KINDS = ['yes-no', 'single-choice', 'multiple-choice'] as const satisfies readonly FormFieldKind[];

export interface FormChoice {
  value: string;
  label: string;
}

/** "Show when field X is yes" / "… equals this choice". */
export interface FormCondition {
  field: string;
  equals: string | boolean;
}

export interface FormField {
  /** The business's id for the field: the key of its answer. */
  id: string;
  kind: FormFieldKind;
  label: string;
  help: string | null;
  /** Ignored for a section heading. */
  required: boolean;
  showWhen: FormCondition | null;
  /** single-choice and multiple-choice only. */
  choices: FormChoice[] | null;
  /** number: bounds and whole numbers; text: `max` is the longest answer. */
  min: number | null;
  max: number | null;
  integer: boolean;
  /** signature only: `typed` (the typed name signs) or `drawn` (a drawing, or the name typed as the signature, as estimates do). */
  signature: 'typed' | 'drawn' | null;
  /** file only: how many files (images or PDF), 1–10. */
  maxFiles: number | null;
}

/** One version of a template: what a customer fills and a submission keeps. */
export interface FormDefinition {
  title: string;
  intro: string;
  fields: FormField[];
}

export const maxFormFields = 100;
export const maxFormChoices = 50;
export const maxFilesPerField = 10;
/** Defaults when the business sets no `max`. */
export const defaultTextMax = { 'short-text': 200, 'long-text': 5000 } as const;

/** A drawn signature is dropped from a draft (the customer draws it again): drafts stay small enough to save on leaving the page. */
export const maxDraftBytes = 60 * 1024;

// ---------- which fields show ----------

const matches = (answer: unknown, equals: string | boolean): boolean =>
  Array.isArray(answer) ? answer.includes(equals) : answer === equals;

/**
 * The ids of the fields shown for these answers, in order. A field shows when it has no condition,
 * or when the field it looks at is itself shown and its answer matches. Conditions only look back
 * (the template is checked so), so one pass in order decides every field.
 */
export function shownFieldIds(definition: Pick<FormDefinition, 'fields'>, answers: Record<string, unknown>): Set<string> {
  const shown = new Set<string>();
  for (const field of definition.fields) {
    const c = field.showWhen;
    if (!c || (shown.has(c.field) && matches(answers[c.field], c.equals))) shown.add(field.id);
  }
  return shown;
}

/** No answer: absent, null, an empty or blank string, an empty list. */
export const isEmptyAnswer = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

// ---------- one answer's schema, by kind ----------

const DateAnswer = v.pipe(
  v.string('must be a date'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31'),
  v.check((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real date'),
);

/** A phone number as a person types it: digits, spaces, + ( ) . - (at least 7 digits). */
const PhoneAnswer = v.pipe(
  v.string('must be a phone number'),
  v.trim(),
  v.regex(/^\+?[0-9 ().-]{7,25}$/, 'must be a phone number'),
  v.check((s) => s.replace(/\D/g, '').length >= 7, 'must be a phone number'),
);

const AddressAnswer = v.strictObject({
  line1: singleLineText(200),
  // No answer is left out (or null: dropped before the line is checked).
  line2: v.optional(v.pipe(v.unknown(), v.transform((x) => x ?? ''), v.string('must be a string'), v.trim(), safeText('line'), v.maxLength(200, 'must be at most 200 characters'))),
  city: singleLineText(100),
  region: singleLineText(100),
  postalCode: singleLineText(20),
  country: v.optional(v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code like US')), 'US'),
});
export type AddressAnswer = v.InferOutput<typeof AddressAnswer>;

/**
 * A file answer's item: a completed upload's id, and the name the page showed for it, which a
 * draft keeps for the next visit (the submission keeps the upload's own name). Never a claim
 * token: a form's files are always the customer's own (a session's or a form link's; nobody
 * uploads for a form anonymously), so none is needed, and a draft holds no secret.
 */
const FileAnswerItem = v.strictObject({ id: UploadRef.entries.id, fileName: v.optional(v.pipe(v.string(), v.maxLength(255))) });

/** The signature answer: the estimate approval's own (a name, and a drawing or the name typed as the signature). */
export type SignatureAnswer = v.InferOutput<typeof SignatureBody>;

const answerSchemaOf = (field: FormField): v.GenericSchema<unknown, unknown> | null => {
  switch (field.kind) {
    case 'short-text':
      return singleLineText(field.max ?? defaultTextMax['short-text']);
    case 'long-text':
      return multilineText(field.max ?? defaultTextMax['long-text'], { required: true });
    case 'number': {
      // JSON carries no NaN or Infinity: a number that parsed is a finite one.
      const checks: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [];
      if (field.integer) checks.push(v.integer('must be a whole number'));
      if (field.min !== null) checks.push(v.minValue(field.min, `must be at least ${field.min}`));
      if (field.max !== null) checks.push(v.maxValue(field.max, `must be at most ${field.max}`));
      return v.pipe(v.number('must be a number'), ...checks);
    }
    case 'date':
      return DateAnswer;
    case 'single-choice':
      return v.picklist(field.choices!.map((c) => c.value), 'must be one of the choices');
    case 'multiple-choice':
      return v.pipe(
        v.array(v.picklist(field.choices!.map((c) => c.value), 'must be one of the choices'), 'must be a list of choices'),
        v.check((list) => new Set(list).size === list.length, 'must not repeat a choice'),
        v.maxLength(field.choices!.length, `must have at most ${field.choices!.length} choices`),
      );
    case 'yes-no':
      // A check, not v.boolean(): the same refusal, with one schema less in the portal's first load.
      return v.pipe(v.unknown(), v.check((x) => typeof x === 'boolean', 'must be yes or no'));
    case 'email':
      return Email;
    case 'phone':
      return PhoneAnswer;
    case 'address':
      return AddressAnswer;
    case 'signature': {
      const named = v.check((s: SignatureAnswer) => s.name.length > 0, 'is required: type your full name to sign');
      return field.signature === 'typed'
        ? v.pipe(SignatureBody, named, v.check((s) => s.image === undefined, 'is signed by typing your name: no drawing'))
        : v.pipe(
            SignatureBody,
            named,
            v.check((s) => !(s.image && s.typed), 'is signed by drawing or by typing your name, not both'),
            // Whoever cannot draw signs by typing their name, whatever the business chose (as estimates do).
            v.check((s) => !!(s.image || s.typed), 'is required: draw your signature, or type your name as your signature'),
          );
    }
    case 'file':
      return v.pipe(v.array(FileAnswerItem, 'must be a list of uploaded files'), v.maxLength(field.maxFiles ?? 1, `must have at most ${field.maxFiles ?? 1} files`));
    case 'section':
      return null;
  }
};

/** A draft keeps what was typed so far, checked for shape only (a half-typed email is a fine draft). */
const draftSchemaOf = (field: FormField): v.GenericSchema<unknown, unknown> | null => {
  const text = v.pipe(v.string('must be a string'), safeText('multiline'), v.maxLength(10_000, 'must be at most 10000 characters'));
  switch (field.kind) {
    case 'number':
      return v.union([v.pipe(v.number(), v.finite()), text], 'must be a number');
    case 'multiple-choice':
      return v.pipe(v.array(v.pipe(v.string(), v.maxLength(200)), 'must be a list'), v.maxLength(maxFormChoices));
    case 'yes-no':
      return v.boolean('must be yes or no');
    case 'address':
      return v.record(v.picklist(['line1', 'line2', 'city', 'region', 'postalCode', 'country']), v.nullable(v.pipe(v.string(), safeText('line'), v.maxLength(200))));
    case 'signature':
      // No drawing in a draft: it is drawn again at the end.
      return v.strictObject({ name: v.optional(v.pipe(v.string(), safeText('line'), v.maxLength(200))), typed: v.optional(v.pipe(v.string(), safeText('line'), v.maxLength(200))) });
    case 'file':
      return v.pipe(v.array(FileAnswerItem, 'must be a list of uploaded files'), v.maxLength(maxFilesPerField));
    case 'section':
      return null;
    default:
      return text;
  }
};

// ---------- the answers' schema ----------

/** The answers as kept: by field id, only shown fields with an answer. */
export type FormAnswers = Record<string, unknown>;

/**
 * The schema of a version's answers, built once per version: each field's own check, the fields
 * shown by the conditions, the required ones among them (the page's and the submission's). The
 * draft's (`formDraftSchema`) checks the shape only and requires nothing. Either way an answer to
 * a hidden field, or an empty one, is dropped, and a key that is no field of this version is refused.
 */
export function formAnswersSchema(definition: Pick<FormDefinition, 'fields'>): v.GenericSchema<unknown, FormAnswers> {
  return answersSchemaWith(definition, answerSchemaOf, true);
}

/** The draft's schema (the server's, on every save): the shape of each answer, nothing required. */
export const formDraftSchema = (definition: Pick<FormDefinition, 'fields'>) => answersSchemaWith(definition, draftSchemaOf, false);

const isAnswersObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function answersSchemaWith(definition: Pick<FormDefinition, 'fields'>, schemaOf: (field: FormField) => v.GenericSchema<unknown, unknown> | null, requiring: boolean): v.GenericSchema<unknown, FormAnswers> {
  const entries: Record<string, v.GenericSchema<unknown, unknown>> = {};
  for (const field of definition.fields) {
    const schema = schemaOf(field);
    if (schema) entries[field.id] = v.optional(schema);
  }
  const required = requiring ? definition.fields.filter((f) => f.required && f.kind !== 'section') : [];
  return v.pipe(
    v.unknown(),
    v.check(isAnswersObject, 'must be an object of answers by field id'),
    // Hidden and empty answers go before anything is checked: neither is required nor refused.
    v.transform((answers) => {
      if (!isAnswersObject(answers)) return answers;
      const shown = shownFieldIds(definition, answers);
      const known = new Set(definition.fields.map((f) => f.id));
      return Object.fromEntries(Object.entries(answers).filter(([id, value]) => !known.has(id) || (shown.has(id) && !isEmptyAnswer(value))));
    }),
    v.strictObject(entries),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const answers = dataset.value as FormAnswers;
      const shown = shownFieldIds(definition, answers);
      for (const field of required) {
        if (!shown.has(field.id) || answers[field.id] !== undefined) continue;
        addIssue({
          message: 'is required',
          received: 'undefined',
          path: [{ type: 'object', origin: 'value', input: answers, key: field.id, value: undefined }],
        });
      }
    }),
  ) as v.GenericSchema<unknown, FormAnswers>;
}

/** What is wrong with one answer: the field's id and the schema's words. */
export interface AnswerProblem {
  field: string;
  message: string;
  /** `required` when missing, else the kind of check that failed (valibot's issue type). */
  kind: string;
  /** The check's requirement when it is a number (a length, a bound). */
  requirement?: number;
}

export type AnswersCheck = { ok: true; answers: FormAnswers } | { ok: false; problems: AnswerProblem[] };

/** Runs a schema from `formAnswersSchema`: the kept answers, or each problem by field id (the first per field). */
export function checkAnswers(schema: v.GenericSchema<unknown, FormAnswers>, answers: unknown): AnswersCheck {
  const result = v.safeParse(schema, answers);
  if (result.success) return { ok: true, answers: result.output };
  const problems: AnswerProblem[] = [];
  for (const issue of result.issues) {
    const path = issue.path?.map((p) => String(p.key)) ?? [];
    const field = path[0] ?? '';
    if (problems.some((p) => p.field === field)) continue;
    const missing = issue.received === 'undefined';
    const requirement = (issue as { requirement?: unknown }).requirement;
    problems.push({
      field,
      message: issue.type === 'strict_object' && !missing ? 'is not a field of this form' : missing ? 'is required' : issue.message,
      kind: missing ? 'required' : issue.type,
      ...(typeof requirement === 'number' ? { requirement } : {}),
    });
  }
  return { ok: false, problems };
}
