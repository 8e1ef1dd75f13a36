/** How kept answers are shown: to the customer, to the business (with file URLs), in the webhook and the PDF. */
import type { BusinessFormView, SubmissionSummary, SubmissionView, SubmittedFileView } from '../contract/business/forms';
import type { AnswerProblem, FormField } from '../contract/forms';
import { InvalidInput, type FieldSaying } from '../kernel/errors';
import type { FileLinks } from '../files/port';
import type { FormRecord, FormVersionRecord, SignatureRecord, SubmissionRecord, SubmittedFile } from './model';

export const businessFormView = (form: FormRecord): BusinessFormView => ({
  id: form.id,
  version: form.revision,
  title: form.definition.title,
  intro: form.definition.intro,
  fields: form.definition.fields,
  createdAt: form.createdAt,
  updatedAt: form.updatedAt,
});

/** A stored answer's parts, by the field's kind. */
const isFileList = (value: unknown): value is SubmittedFile[] => Array.isArray(value) && value.every((f) => typeof f === 'object' && f !== null && 'key' in f);
const isSignature = (value: unknown): value is SignatureRecord => typeof value === 'object' && value !== null && 'method' in value && 'name' in value;

const fileView = ({ id, fileName, contentType, sizeBytes }: SubmittedFile) => ({ id, fileName, contentType, sizeBytes });
const signatureView = (s: SignatureRecord) => ({ name: s.name, method: s.method, typed: s.typed, drawn: s.imageHash !== null });

/** Answers as plain values: a signature as `{ name, method, typed, drawn }`, files by name (never their storage key). */
export function customerAnswersView(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, isFileList(value) ? value.map(fileView) : isSignature(value) ? signatureView(value) : value]));
}

/** What the schema refused, by field: `answers.<fieldId>`, each said by its kind in the customer's language. */
export function answerProblemsError(problems: AnswerProblem[]): InvalidInput {
  return new InvalidInput(
    problems.map((p) => ({ field: p.field ? `answers.${p.field}` : 'answers', message: p.message, said: sayingOf(p) })),
    'Some answers need another look.',
  ).saying('problems.form.answers');
}

function sayingOf(p: AnswerProblem): FieldSaying {
  switch (p.kind) {
    case 'required':
      return { key: 'problems.field.required' };
    case 'strict_object':
      return { key: 'problems.field.unknown' };
    case 'email':
      return { key: 'problems.field.email' };
    case 'picklist':
    case 'union':
      return { key: 'problems.field.choice' };
    case 'number':
    case 'finite':
      return { key: 'problems.field.number' };
    case 'integer':
      return { key: 'problems.field.whole-number' };
    case 'boolean':
      return { key: 'problems.field.boolean' };
    case 'min_value':
      return p.requirement === undefined ? { key: 'problems.field.invalid' } : { key: 'problems.field.too-small', values: { min: p.requirement } };
    case 'max_value':
      return p.requirement === undefined ? { key: 'problems.field.invalid' } : { key: 'problems.field.too-large', values: { max: p.requirement } };
    case 'max_length':
      return p.requirement === undefined ? { key: 'problems.field.invalid' } : { key: 'problems.field.too-long', values: { max: p.requirement } };
    case 'min_length':
      return { key: 'problems.field.empty' };
    default:
      return { key: 'problems.field.invalid' };
  }
}

/** File answers with a short-lived download URL each, for the business. */
async function answersWithUrls(answers: Record<string, unknown>, files: FileLinks, expiresAt: Date): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(answers).map(async ([id, value]): Promise<[string, unknown]> => {
      if (isFileList(value)) return [id, await Promise.all(value.map(async (f): Promise<SubmittedFileView> => ({ ...fileView(f), url: await files.signedDownloadUrl(f.key, f.fileName, expiresAt) })))];
      return [id, isSignature(value) ? signatureView(value) : value];
    }),
  );
  return Object.fromEntries(entries);
}

export const submissionSummaryOf = (s: SubmissionRecord): SubmissionSummary => ({
  id: s.id,
  formId: s.formId,
  version: s.revision,
  sentFormId: s.sentFormId,
  customerId: s.customerId,
  jobId: s.jobId,
  submittedAt: s.submittedAt,
  via: s.via,
  answers: customerAnswersView(s.answers),
});

export async function submissionViewOf(s: SubmissionRecord, version: FormVersionRecord, files: FileLinks, urlsExpireAt: Date): Promise<SubmissionView> {
  return {
    ...submissionSummaryOf(s),
    answers: await answersWithUrls(s.answers, files, urlsExpireAt),
    form: { version: version.revision, title: version.definition.title, fields: version.definition.fields },
  };
}

/** One answer as a line of text (the PDF): `null` for a field with no answer. */
export function answerText(field: FormField, value: unknown, words: { yes: string; no: string }): string | null {
  if (value === undefined || value === null) return null;
  if (isFileList(value)) return value.map((f) => f.fileName).join('\n');
  if (isSignature(value)) return value.typed ?? value.name;
  switch (field.kind) {
    case 'yes-no':
      return value ? words.yes : words.no;
    case 'single-choice':
      return field.choices?.find((c) => c.value === value)?.label ?? String(value);
    case 'multiple-choice':
      return (value as string[]).map((v) => field.choices?.find((c) => c.value === v)?.label ?? v).join(', ');
    case 'address': {
      const a = value as { line1: string; line2: string | null; city: string; region: string; postalCode: string; country: string };
      return [a.line1, a.line2, `${a.city}, ${a.region} ${a.postalCode}`, a.country].filter(Boolean).join('\n');
    }
    default:
      return String(value);
  }
}
