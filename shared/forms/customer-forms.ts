/**
 * The customer's side of forms: their list (to fill, submitted), one form with its draft or its
 * submission, and saving the draft. A session reaches every form sent to that customer; a form
 * link reaches its one form. Another customer's form, or one a link's holder was not sent, is
 * answered exactly like one that does not exist (404).
 */
import type { FormDetail, FormListQuery, FormListResponse, FormSummary, SaveFormDraftBody, SaveFormDraftResponse } from '../contract/customer/forms';
import { checkAnswers, formDraftSchema, maxDraftBytes } from '../contract/forms';
import { Conflict, InvalidInput, NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { CustomerScope } from '../invoices/customer-invoices';
import { submissionIdOf, type FormVersionRecord, type SentFormRecord, type SubmissionRecord } from './model';
import type { FormStore } from './port';
import { formVersion } from './templates';
import { answerProblemsError, customerAnswersView } from './views';

/** Whether the caller may see this sent form: the customer's own, and within what their link opens. */
export const reachesSentForm = (caller: CustomerScope, sent: Pick<SentFormRecord, 'id' | 'customerId'> | null): boolean =>
  !!sent && sent.customerId === caller.customerId && (!caller.only || (caller.only.kind === 'form' && caller.only.id === sent.id));

export async function sentFormFor(caller: CustomerScope, sentFormId: string, deps: { forms: FormStore }, options: { consistent?: boolean } = {}): Promise<SentFormRecord> {
  const sent = await deps.forms.getSentForm(caller.businessId, sentFormId, options);
  if (!sent || !reachesSentForm(caller, sent)) throw new NotFound(`There is no form ${sentFormId}.`).saying('problems.form.not-found');
  return sent;
}

export const formSummaryOf = (sent: SentFormRecord): FormSummary => ({
  id: sent.id,
  title: sent.title,
  status: sent.status,
  sentAt: sent.sentAt,
  submittedAt: sent.submittedAt,
  jobId: sent.jobId,
});

export async function listCustomerForms(caller: { businessId: string; customerId: string }, query: FormListQuery, deps: { forms: FormStore }): Promise<FormListResponse> {
  const page = await deps.forms.listCustomerForms(caller.businessId, caller.customerId, { list: query.status, limit: query.limit, cursor: query.cursor ?? null });
  return { items: page.items.map(formSummaryOf), nextCursor: page.nextCursor };
}

const versionView = (version: FormVersionRecord) => ({ version: version.revision, title: version.definition.title, intro: version.definition.intro, fields: version.definition.fields });

export async function getCustomerForm(caller: CustomerScope, sentFormId: string, deps: { forms: FormStore }): Promise<FormDetail> {
  // The submission's id derives from the form's: both in one round, then the version they name.
  const [sent, found] = await Promise.all([sentFormFor(caller, sentFormId, deps), deps.forms.getSubmission(caller.businessId, submissionIdOf(sentFormId))]);
  // The submission is the truth (its step may not have moved the sent form yet).
  const submission = found && found.sentFormId === sent.id ? found : null;
  if (submission) {
    const version = await formVersion(sent.businessId, sent.formId, submission.revision, deps);
    return {
      ...formSummaryOf(sent),
      status: 'submitted',
      submittedAt: submission.submittedAt,
      form: versionView(version),
      draft: null,
      submission: { id: submission.id, submittedAt: submission.submittedAt, version: submission.revision, answers: customerAnswersView(submission.answers) },
    };
  }
  // A draft keeps the version it was started on: a template changed meanwhile does not move it.
  const version = await formVersion(sent.businessId, sent.formId, sent.draft?.revision ?? null, deps);
  return {
    ...formSummaryOf(sent),
    form: versionView(version),
    draft: sent.draft && { version: sent.draft.revision, answers: sent.draft.answers, savedAt: sent.draft.savedAt },
    submission: null,
  };
}

/**
 * Saves what was typed so far, checked for shape against the version it was filled on (a hidden
 * field's answer is dropped; a half-typed value is kept). Last save wins; once submitted → 409.
 * Only the current version or the one the draft was started on may be saved: any other is stale
 * (409 `problems.form.changed`), so a submit later cannot pass an old version through the draft.
 */
export async function saveFormDraft(caller: CustomerScope, sentFormId: string, body: SaveFormDraftBody, deps: { forms: FormStore; clock: Clock }): Promise<SaveFormDraftResponse> {
  // Consistent: the version check below holds against this read, and the write is conditional on it.
  const sent = await sentFormFor(caller, sentFormId, deps, { consistent: true });
  if (sent.status !== 'open') throw submittedAlready();
  const version = await fillableVersion(sent, body.version, deps);
  const checked = checkAnswers(formDraftSchema(version.definition), body.answers);
  if (!checked.ok) throw answerProblemsError(checked.problems);
  if (Buffer.byteLength(JSON.stringify(checked.answers)) > maxDraftBytes) {
    throw new InvalidInput([{ field: 'answers', message: `must be at most ${maxDraftBytes} bytes as a draft`, said: { key: 'problems.field.too-long', values: { max: maxDraftBytes } } }]);
  }
  const savedAt = deps.clock.now().toISOString();
  if (!(await deps.forms.saveDraft(sent.businessId, sent.id, { revision: version.revision, answers: checked.answers, savedAt }, sent.draft?.revision ?? null))) {
    // Submitted meanwhile, or another save moved the draft to another version since it was read
    // (two tabs on two versions): this one wrote nothing, and is the stale one.
    const now = await deps.forms.getSentForm(sent.businessId, sent.id, { consistent: true });
    if (!now || now.status !== 'open') throw submittedAlready();
    throw formChanged(version.revision, now.draft?.revision ?? version.revision);
  }
  return { savedAt };
}

/**
 * The version a draft or a submission may fill: the form's current one, or the one its draft was
 * saved on. Any other is stale (the form changed since the page was opened): 409, and the page
 * reloads it rather than answering questions that are no longer asked.
 */
export async function fillableVersion(sent: SentFormRecord, filled: number, deps: { forms: FormStore }): Promise<FormVersionRecord> {
  const current = await formVersion(sent.businessId, sent.formId, null, deps);
  if (filled === current.revision) return current;
  if (filled !== sent.draft?.revision) throw formChanged(filled, current.revision);
  return formVersion(sent.businessId, sent.formId, filled, deps);
}

const formChanged = (filled: number, now: number) =>
  new Conflict(`This form has changed since you opened it (you filled version ${filled}, it is now version ${now}). Please reload it.`).saying('problems.form.changed');

export const submittedAlready = () => new Conflict('This form was already submitted: it can no longer change.').saying('problems.form.submitted');

/** The submission of a sent form, once it has one (the submission is the truth: its step may not have run yet). */
export async function submittedSubmission(sent: SentFormRecord, deps: { forms: FormStore }): Promise<SubmissionRecord> {
  const submission = await deps.forms.getSubmission(sent.businessId, submissionIdOf(sent.id));
  if (!submission) throw new NotFound('This form has not been submitted yet.').saying('problems.form.not-submitted');
  return submission;
}
