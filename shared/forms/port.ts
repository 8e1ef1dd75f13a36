import type { FormDraft, FormRecord, FormVersionRecord, SentFormRecord, SentFormStatus, SubmissionRecord } from './model';
import type { OwedSteps } from '../followups/owed';
import type { StorePage } from '../kernel/types';

export interface FormStore {
  getForm(businessId: string, formId: string, options?: { consistent?: boolean }): Promise<FormRecord | null>;
  /** Writes the template's current state if the stored version is `expectedVersion` (null: it must not exist). */
  putForm(form: FormRecord, expectedVersion: number | null): Promise<boolean>;
  getFormVersion(businessId: string, formId: string, revision: number): Promise<FormVersionRecord | null>;
  /** The highest version ever written (0: none), a version a crash left unpublished included. */
  lastFormRevision(businessId: string, formId: string): Promise<number>;
  /** Writes a version once: `same` when it is there with this definition already, `taken` when another definition holds the number. */
  putFormVersion(version: FormVersionRecord): Promise<'written' | 'same' | 'taken'>;

  getSentForm(businessId: string, sentFormId: string, options?: { consistent?: boolean }): Promise<SentFormRecord | null>;
  /** Creates a sent form; false when one with that id exists (a retried send). */
  createSentForm(sent: SentFormRecord): Promise<boolean>;
  /**
   * Saves the draft while the form is open and its draft is still on the version `draftRevisionRead`
   * (null: no draft) or on the draft's own version: one conditional write, so a save checked against
   * a draft another save has since moved to another version writes nothing. False when the form is
   * submitted (or gone), or its draft moved so.
   */
  saveDraft(businessId: string, sentFormId: string, draft: FormDraft, draftRevisionRead: number | null): Promise<boolean>;
  /** Marks it submitted (moves it to the customer's submitted list, drops the draft); a repeat changes nothing. */
  markSubmitted(sent: Pick<SentFormRecord, 'businessId' | 'id' | 'customerId'>, submissionId: string, at: string): Promise<void>;
  /** The customer's open (newest sent first) or submitted (newest submitted first) forms. */
  listCustomerForms(businessId: string, customerId: string, query: { list: SentFormStatus; limit: number; cursor: string | null }): Promise<StorePage<SentFormRecord>>;

  getSubmission(businessId: string, submissionId: string, options?: { consistent?: boolean }): Promise<SubmissionRecord | null>;
  /** The deciding write: the submission, only if there is none yet, owing `owed` in the same write. */
  putSubmission(submission: SubmissionRecord, owed: OwedSteps): Promise<boolean>;
  /** A template's submissions, newest first. */
  listFormSubmissions(businessId: string, formId: string, query: { limit: number; cursor: string | null }): Promise<StorePage<SubmissionRecord>>;
  /**
   * A drawn signature under its SHA-256, in the submission's partition (the same drawing again
   * writes nothing). Written before the submission is, it expires at `expiresAt` unless
   * `keepSignatureImage` keeps it: a drawing no submission names does not stay for good.
   */
  putSignatureImage(businessId: string, submissionId: string, imageHash: string, png: Uint8Array, at: string, expiresAt: string): Promise<void>;
  /** The drawing no longer expires (the submission names it); nothing when it is gone. */
  keepSignatureImage(businessId: string, submissionId: string, imageHash: string): Promise<void>;
  getSignatureImage(businessId: string, submissionId: string, imageHash: string): Promise<Uint8Array | null>;
  /** Removes a drawing no submission names (one a losing submit wrote); nothing when it is gone. */
  deleteSignatureImage(businessId: string, submissionId: string, imageHash: string): Promise<void>;
}
