/**
 * Customer forms: the business's templates and their versions, a form sent to one customer (with
 * the draft they are filling), and the submission, written once and never changed.
 */
import type { FormAnswers, FormDefinition } from '../contract/forms';
import type { Versioned } from '../kernel/types';

/** A template as it stands now: its current version's definition (`PUT forms/{formId}`). */
export interface FormRecord extends Versioned {
  businessId: string;
  id: string;
  /** The current version: +1 (at least) each time the definition changes. */
  revision: number;
  definition: FormDefinition;
  /** SHA-256 of the definition's canonical JSON: the same definition again is no new version. */
  definitionHash: string;
}

/** One version of a template, written once: what a sent form is filled against and a submission keeps. */
export interface FormVersionRecord {
  businessId: string;
  formId: string;
  revision: number;
  definition: FormDefinition;
  definitionHash: string;
  createdAt: string;
}

/** What was typed so far, against one version; saved every few seconds and on leaving the page. */
export interface FormDraft {
  revision: number;
  answers: FormAnswers;
  savedAt: string;
}

export type SentFormStatus = 'open' | 'submitted';

/** A form sent to one customer (`POST forms/{formId}/send`): their copy to fill, from a link or the Forms section. */
export interface SentFormRecord extends Versioned {
  businessId: string;
  /** `sfm_…`, minted by the send (the same on a retried send). */
  id: string;
  formId: string;
  customerId: string;
  jobId: string | null;
  /** The template's title when it was sent, for the customer's list. */
  title: string;
  sentAt: string;
  status: SentFormStatus;
  /** Once submitted: its submission (id derived from this form's), and when. */
  submissionId: string | null;
  submittedAt: string | null;
  draft: FormDraft | null;
}

/** A drawn or typed signature as a submission keeps it (a drawing's PNG is its own item, by hash). */
export interface SignatureRecord {
  name: string;
  method: 'drawn' | 'typed';
  typed: string | null;
  imageHash: string | null;
}

/** A file answer as kept: the upload, copied to the submission's own storage. */
export interface SubmittedFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  key: string;
}

/**
 * What the customer submitted, against the version they filled: written once by the one
 * conditional write that decides (`attribute_not_exists`), never changed. Answers hold plain
 * values; signature answers are `SignatureRecord`s and file answers lists of `SubmittedFile`.
 */
export interface SubmissionRecord extends Versioned {
  businessId: string;
  /** `sub_…`: derived from the sent form's id, so a form is submitted once whatever the taps. */
  id: string;
  sentFormId: string;
  formId: string;
  revision: number;
  definitionHash: string;
  customerId: string;
  jobId: string | null;
  answers: FormAnswers;
  /** SHA-256 of the answers as sent (canonical JSON): a repeat of the same answers is the same submission. */
  answersHash: string;
  submittedAt: string;
  via: 'session' | 'link';
  ip: string | null;
  userAgent: string | null;
  /** The request that submitted (from its Idempotency-Key). */
  requestId: string;
}

/** The submission's id, from its sent form's: one sent form, one submission. */
export const submissionIdOf = (sentFormId: string): string => `sub_${sentFormId.replace(/^sfm_/, '')}`;
