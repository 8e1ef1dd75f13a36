/**
 * A submission's PDF, for both sides (`GET /api/forms/{id}/pdf`, `GET submissions/{id}/pdf`):
 * rendered once (the estimate PDF's path) in the customer's language, stored beside the business's
 * files, and served through a short-lived download URL. Rendering is deterministic, so two at once
 * store the same bytes.
 */
import type { FormPdfResponse } from '../contract/customer/forms';
import { NotFound } from '../kernel/errors';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { FileUploads } from '../files/port';
import { messageLanguageOf } from '../directory/languages';
import { pdfUrlLifetimeMs } from '../estimates/estimate-pdf';
import type { SignatureRecord, SubmissionRecord } from './model';
import type { FormStore } from './port';
import { formVersion } from './templates';
import { formPdfFileName, renderFormPdf } from './pdf/render-form-pdf';

/** Where a submission's PDF is kept: one file, in the language of the customer's messages. */
export const formPdfKey = (s: Pick<SubmissionRecord, 'businessId' | 'formId' | 'id'>): string => `${s.businessId}/forms/${s.formId}/${s.id}.pdf`;

export async function submissionPdf(submission: SubmissionRecord, deps: { forms: FormStore; directory: DirectoryStore; files: FileUploads; clock: Clock }): Promise<FormPdfResponse> {
  const [version, business, customer] = await Promise.all([
    formVersion(submission.businessId, submission.formId, submission.revision, deps),
    deps.directory.getBusiness(submission.businessId),
    deps.directory.getCustomer(submission.businessId, submission.customerId),
  ]);
  if (!business || !customer) throw new NotFound(`There is no submission ${submission.id}.`);
  const language = messageLanguageOf(customer, business);
  const key = formPdfKey(submission);
  if (!(await deps.files.head(key))) {
    const signatureImages: Record<string, Uint8Array | null> = {};
    for (const field of version.definition.fields) {
      const hash = field.kind === 'signature' ? (submission.answers[field.id] as SignatureRecord | undefined)?.imageHash : null;
      if (hash) signatureImages[field.id] = await deps.forms.getSignatureImage(submission.businessId, submission.id, hash);
    }
    const bytes = await renderFormPdf({
      language,
      business: { name: business.name, contactPhone: business.contactPhone, contactEmail: business.contactEmail, timeZone: business.timeZone },
      customer: { name: customer.name },
      form: { version: version.revision, definition: version.definition },
      submission: { id: submission.id, submittedAt: submission.submittedAt, answers: submission.answers },
      signatureImages,
    });
    await deps.files.put(key, Buffer.from(bytes), 'application/pdf');
  }
  const expiresAt = new Date(deps.clock.now().getTime() + pdfUrlLifetimeMs);
  return { url: await deps.files.signedDownloadUrl(key, formPdfFileName(language, version.definition.title), expiresAt), expiresAt: expiresAt.toISOString() };
}
