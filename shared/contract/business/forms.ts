/**
 * The business API: customer forms. `PUT forms/{formId}` defines a template (a change makes a new
 * version; what was submitted keeps its own), `POST forms/{formId}/send` sends it to a customer as
 * a link that opens just that form, and the submissions are read back with their answers and PDF.
 */
import * as v from 'valibot';
import { CONDITION_KINDS, FORM_FIELD_KINDS, defaultTextMax, maxFilesPerField, maxFormChoices, maxFormFields, type FormField } from '../forms';
import { SentFormPath } from '../customer/forms';
import { multilineText, singleLineText } from '../text';
import { ExternalId, PageQuery } from './common';


// ---------- the template, as the business writes it (the fields' model: ../forms.ts) ----------

const FieldId = v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'must be 1–40 letters, digits, "_" or "-", starting with a letter'));

const ChoiceBody = v.strictObject({ value: v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"')), label: singleLineText(200) });

const FieldBody = v.strictObject({
  id: FieldId,
  kind: v.picklist(FORM_FIELD_KINDS, `must be one of ${FORM_FIELD_KINDS.join(', ')}`),
  label: singleLineText(200),
  help: v.optional(v.nullable(multilineText(1000)), null),
  required: v.optional(v.boolean('must be true or false'), false),
  showWhen: v.optional(v.nullable(v.strictObject({ field: FieldId, equals: v.union([v.pipe(v.string(), v.maxLength(64)), v.boolean()], 'must be a choice value or true/false') })), null),
  choices: v.optional(v.nullable(v.pipe(v.array(ChoiceBody, 'must be a list'), v.minLength(2, 'must have at least 2 choices'), v.maxLength(maxFormChoices, `must have at most ${maxFormChoices} choices`))), null),
  min: v.optional(v.nullable(v.pipe(v.number('must be a number'), v.finite())), null),
  max: v.optional(v.nullable(v.pipe(v.number('must be a number'), v.finite())), null),
  integer: v.optional(v.boolean('must be true or false'), false),
  signature: v.optional(v.nullable(v.picklist(['typed', 'drawn'], 'must be typed or drawn')), null),
  maxFiles: v.optional(v.nullable(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(maxFilesPerField, `must be at most ${maxFilesPerField}`))), null),
});

/** Why a list of fields is not a usable template (null when it is), as `[index, field, message]`. */
export function fieldsProblem(fields: readonly FormField[]): [number, string, string] | null {
  const seen = new Map<string, FormField>();
  for (const [i, f] of fields.entries()) {
    if (seen.has(f.id)) return [i, 'id', 'repeats an earlier field id'];
    const choosing = f.kind === 'single-choice' || f.kind === 'multiple-choice';
    if (choosing && !f.choices) return [i, 'choices', 'are required for a choice field'];
    if (!choosing && f.choices) return [i, 'choices', 'are only for single-choice and multiple-choice fields'];
    if (f.choices && new Set(f.choices.map((c) => c.value)).size !== f.choices.length) return [i, 'choices', 'must not repeat a value'];
    if (f.signature && f.kind !== 'signature') return [i, 'signature', 'is only for a signature field'];
    if (f.maxFiles !== null && f.kind !== 'file') return [i, 'maxFiles', 'is only for a file field'];
    if ((f.min !== null || f.integer) && f.kind !== 'number') {
      if (f.integer || f.kind !== 'short-text') return [i, f.integer ? 'integer' : 'min', 'is only for a number field'];
    }
    if (f.max !== null && f.kind !== 'number' && f.kind !== 'short-text' && f.kind !== 'long-text') return [i, 'max', 'is only for number and text fields'];
    if (f.max !== null && f.kind !== 'number' && (f.max < 1 || f.max > defaultTextMax[f.kind as 'short-text' | 'long-text'] * 2 || !Number.isInteger(f.max))) return [i, 'max', 'must be a whole number of characters from 1 to twice the default'];
    if (f.min !== null && f.max !== null && f.kind === 'number' && f.min > f.max) return [i, 'min', 'must not be above max'];
    if (f.showWhen) {
      const target = seen.get(f.showWhen.field);
      if (!target) return [i, 'showWhen.field', 'must name an earlier field'];
      if (!(CONDITION_KINDS as readonly string[]).includes(target.kind)) return [i, 'showWhen.field', `must name a ${CONDITION_KINDS.join(', ')} field`];
      if (target.kind === 'yes-no' ? typeof f.showWhen.equals !== 'boolean' : !target.choices!.some((c) => c.value === f.showWhen!.equals)) {
        return [i, 'showWhen.equals', target.kind === 'yes-no' ? 'must be true or false for a yes-no field' : 'must be one of that field\'s choice values'];
      }
    }
    seen.set(f.id, f);
  }
  return null;
}

export const FormDefinitionBody = v.pipe(
  v.strictObject({
    title: singleLineText(200),
    intro: v.optional(multilineText(5000), ''),
    fields: v.pipe(v.array(FieldBody, 'must be a list'), v.minLength(1, 'must have at least one field'), v.maxLength(maxFormFields, `must have at most ${maxFormFields} fields`)),
  }),
  v.transform((body) => ({
    ...body,
    fields: body.fields.map((f): FormField => ({
      ...f,
      required: f.kind === 'section' ? false : f.required,
      signature: f.kind === 'signature' ? (f.signature ?? 'typed') : f.signature,
      maxFiles: f.kind === 'file' ? (f.maxFiles ?? 1) : f.maxFiles,
    })),
  })),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = fieldsProblem(dataset.value.fields);
    if (!problem) return;
    const [index, key, message] = problem;
    const fields = dataset.value.fields;
    addIssue({
      message,
      path: [
        { type: 'object', origin: 'value', input: dataset.value, key: 'fields', value: fields },
        { type: 'array', origin: 'value', input: fields, key: index, value: fields[index] },
        ...key.split('.').map((k) => ({ type: 'object' as const, origin: 'value' as const, input: {}, key: k, value: undefined })),
      ],
    });
  }),
);
export type FormDefinitionBody = v.InferOutput<typeof FormDefinitionBody>;

export const FormPath = v.strictObject({ formId: ExternalId });
export const SubmissionPath = v.strictObject({ submissionId: v.pipe(v.string('must be a string'), v.regex(/^sub_[A-Za-z0-9]{22}$/, 'must be a submission id')) });

export const PutFormBody = FormDefinitionBody;
export type PutFormBody = v.InferOutput<typeof PutFormBody>;

export const SendFormBody = v.strictObject({
  customerId: ExternalId,
  /** The job the form is about, if any (shown with it; must be this customer's). */
  jobId: v.optional(v.nullable(ExternalId), null),
  channel: v.picklist(['email', 'sms'], 'must be "email" or "sms"'),
});
export type SendFormBody = v.InferOutput<typeof SendFormBody>;

export interface BusinessFormView {
  id: string;
  /** The current version: a changed definition is a new one. */
  version: number;
  title: string;
  intro: string;
  fields: FormField[];
  createdAt: string;
  updatedAt: string;
}

export interface SendFormResponse {
  status: 'queued';
  /** The customer's copy of the form (`sfm_…`): its link and its submission name it. */
  sentFormId: string;
  formId: string;
  customerId: string;
  channel: 'email' | 'sms';
}

/** A file answer: a short-lived download URL of the stored copy. */
export interface SubmittedFileView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  url: string;
}

export interface SubmissionView {
  id: string;
  formId: string;
  /** The template version the customer filled: its fields are `form.fields`. */
  version: number;
  sentFormId: string;
  customerId: string;
  jobId: string | null;
  submittedAt: string;
  via: 'session' | 'link';
  /** By field id, shown fields only. A signature: `{ name, method, typed, drawn }`; a file field: a list of files. */
  answers: Record<string, unknown>;
  form: { version: number; title: string; fields: FormField[] };
}

export type SubmissionSummary = Omit<SubmissionView, 'form'>;

/** What each route of this capability validates, by route name (shared/routes/). */
export const businessFormSchemas = {
  putForm: { path: FormPath, body: PutFormBody },
  sendForm: { path: FormPath, body: SendFormBody },
  revokeFormLinks: { path: SentFormPath },
  listFormSubmissions: { path: FormPath, query: PageQuery },
  getSubmission: { path: SubmissionPath },
  getSubmissionPdf: { path: SubmissionPath },
} as const;
