/** The business's side of submissions: a template's list, one submission with its answers and files, its PDF. */
import type { SubmissionSummary, SubmissionView } from '../contract/business/forms';
import type { ListResponse } from '../contract/business/common';
import { NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { FileLinks } from '../files/port';
import type { SubmissionRecord } from './model';
import type { FormStore } from './port';
import { formVersion } from './templates';
import { submissionSummaryOf, submissionViewOf } from './views';

/** A file answer's download URL: long enough to start a download on a slow line, short enough that a forwarded one soon stops working. */
export const answerFileUrlLifetimeMs = 5 * 60_000;

export async function businessSubmission(businessId: string, submissionId: string, deps: { forms: FormStore }): Promise<SubmissionRecord> {
  const submission = await deps.forms.getSubmission(businessId, submissionId);
  if (!submission) throw new NotFound(`There is no submission ${submissionId}.`);
  return submission;
}

export async function listFormSubmissions(businessId: string, formId: string, query: { cursor?: string | undefined; limit: number }, deps: { forms: FormStore }): Promise<ListResponse<SubmissionSummary>> {
  if (!(await deps.forms.getForm(businessId, formId))) throw new NotFound(`There is no form ${formId}.`);
  const page = await deps.forms.listFormSubmissions(businessId, formId, { limit: query.limit, cursor: query.cursor ?? null });
  return { items: page.items.map(submissionSummaryOf), hasMore: page.nextCursor !== null, nextCursor: page.nextCursor };
}

export async function getBusinessSubmission(businessId: string, submissionId: string, deps: { forms: FormStore; files: FileLinks; clock: Clock }): Promise<SubmissionView> {
  const submission = await businessSubmission(businessId, submissionId, deps);
  const version = await formVersion(businessId, submission.formId, submission.revision, deps);
  return submissionViewOf(submission, version, deps.files, new Date(deps.clock.now().getTime() + answerFileUrlLifetimeMs));
}
