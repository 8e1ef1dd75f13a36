/**
 * The customer API: forms the business sent. A session lists them (to fill, and submitted) and
 * opens any of theirs; a form link opens that one form. Filling saves a draft every few seconds
 * (and on leaving the page) on the server, so it resumes on another device; the submission is
 * checked against the version filled (shared/contract/forms.ts, the same schema the page runs),
 * written once, and its PDF is the same for both sides.
 */
import * as v from 'valibot';
import { cursorParam, limitParam, type Page } from '../common';
import type { FormField } from '../forms';

export const SentFormId = v.pipe(v.string('must be a string'), v.regex(/^sfm_[A-Za-z0-9]{22}$/, 'must be a form id'));
export const SentFormPath = v.strictObject({ sentFormId: SentFormId });

/** `open`: to fill, newest sent first; `submitted`: newest submitted first. */
export const FormListQuery = v.strictObject({
  status: v.optional(v.picklist(['open', 'submitted'], 'must be "open" or "submitted"'), 'open'),
  cursor: cursorParam(512),
  limit: limitParam(100, 25),
});
export type FormListQuery = v.InferOutput<typeof FormListQuery>;

export interface FormSummary {
  id: string;
  title: string;
  status: 'open' | 'submitted';
  sentAt: string;
  submittedAt: string | null;
  jobId: string | null;
}

export type FormListResponse = Page<FormSummary>;

/** A version of the form, as the page renders and checks it. */
export interface FormVersionView {
  version: number;
  title: string;
  intro: string;
  fields: FormField[];
}

/** A file answer as shown: never its storage key. */
export interface AnswerFileView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface FormDetail extends FormSummary {
  /** What to fill: the current version (or, once submitted, the version that was filled). */
  form: FormVersionView;
  /** The draft saved so far (its own version: a draft of an older one is still filled against it). */
  draft: null | { version: number; answers: Record<string, unknown>; savedAt: string };
  /** Once submitted: the answers as kept (a signature as `{ name, method, typed }`, files as their names). */
  submission: null | { id: string; submittedAt: string; version: number; answers: Record<string, unknown> };
}

const Version = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'));
/** The answers by field id: checked against the version's own schema by the server (and the page). */
const Answers = v.record(v.pipe(v.string(), v.maxLength(40)), v.unknown(), 'must be an object of answers by field id');

export const SaveFormDraftBody = v.strictObject({ version: Version, answers: Answers });
export type SaveFormDraftBody = v.InferOutput<typeof SaveFormDraftBody>;

export interface SaveFormDraftResponse {
  savedAt: string;
}

export const SubmitFormBody = v.strictObject({ version: Version, answers: Answers });
export type SubmitFormBody = v.InferOutput<typeof SubmitFormBody>;

export interface SubmitFormResponse {
  status: 'submitted';
  submissionId: string;
  submittedAt: string;
}

/** `GET /api/forms/{id}/pdf`: a short-lived address of the submitted form's PDF. */
export interface FormPdfResponse {
  url: string;
  expiresAt: string;
}

/** What each route of this capability validates, by route name (shared/routes/). */
export const customerFormSchemas = {
  listForms: { query: FormListQuery },
  getForm: { path: SentFormPath },
  saveFormDraft: { path: SentFormPath, body: SaveFormDraftBody },
  submitForm: { path: SentFormPath, body: SubmitFormBody },
  getFormPdf: { path: SentFormPath },
} as const;
