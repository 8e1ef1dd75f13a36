/**
 * The business API: customer forms. `PUT forms/{formId}` defines a template (a change makes a new
 * version; what was submitted keeps its own), `POST forms/{formId}/send` sends it to a customer as
 * a link that opens just that form, and the submissions are read back with their answers and PDF.
 */
import * as v from 'valibot';
import { FormDefinitionBody, type FormField } from '../forms';
import { SentFormPath } from '../customer/forms';
import { ExternalId, PageQuery } from './common';

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
