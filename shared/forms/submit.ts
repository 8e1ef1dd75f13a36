/**
 * Submitting a form. One conditional write decides: the submission item, under an id derived from
 * the sent form's (one sent form, one submission), written only if there is none. A double tap, a
 * retry, or the same form submitted from two devices at once meet at that write: one is written,
 * every other finds it. The same answers again get the first answer back (200, the same
 * submission); other answers get 409.
 *
 * Before the write, everything the submission refers to is made safe to repeat: the answers are
 * checked against the version filled (the schema the page ran), a drawn signature is stored under
 * its own hash, and files are claimed for this submission's id (a repeat claims the same). Both are
 * written to expire (`attachmentsConfirmWithinMs`) until the write that uses them confirms them, so
 * a submit that loses the write and dies before giving them back leaves nothing for good. What
 * follows is owed by the write itself (shared/followups): the drawings and files it names are kept
 * for good, the sent form moves to the customer's submitted list, and the business hears
 * `form.submitted` with the answers. The request runs them at once; after a crash the re-driver
 * does, with no client involved.
 */
import { createHash } from 'node:crypto';
import type { SubmitFormBody, SubmitFormResponse } from '../contract/customer/forms';
import { checkAnswers, formAnswersSchema, type SignatureAnswer } from '../contract/forms';
import type { UploadRef } from '../contract/customer/uploads';
import { canonicalJson } from '../kernel/canonical-json';
import { Conflict, InvalidInput } from '../kernel/errors';
import { emitEventStep, eventId, oweEvent, type EventStepDeps } from '../events/emit';
import { defineStep, newOwedSteps, owe, type StepToOwe } from '../followups/owed';
import { runLeftoverSteps, runOwedSteps, type AnyStep, type RunDeps } from '../followups/run';
import { stepOwner } from '../followups/port';
import { crashPoint } from '../followups/crash';
import { need } from '../followups/need';
import type { FormStore } from './port';
import type { CustomerScope } from '../invoices/customer-invoices';
import type { DecisionRequest } from '../estimates/decide';
import { checkSignatureImage } from '../estimates/signature-image';
import { submissionIdOf, type SignatureRecord, type SubmissionRecord, type SubmittedFile } from './model';
import { fillableVersion, sentFormFor } from './customer-forms';
import { answerProblemsError, submissionSummaryOf } from './views';

/**
 * Attaches uploads to the submission, all or none, their claims expiring at `confirmBy` unless
 * confirmed (shared/uploads/claim.ts, bound by the handler).
 */
export type ClaimFiles = (refs: readonly UploadRef[], claimedBy: string, field: (i: number) => string, confirmBy: string) => Promise<SubmittedFile[]>;
/** Gives back uploads the submission claimed and does not name (shared/uploads/claim.ts: `releaseClaimedUploads`). */
export type ReleaseFiles = (ids: readonly string[], claimedBy: string) => Promise<void>;
/** Confirms the submission's claims: they no longer expire (shared/uploads/claim.ts: `confirmClaimedUploads`). */
export type ConfirmFiles = (ids: readonly string[], claimedBy: string) => Promise<void>;

/**
 * How long a submission's drawings and file claims, written before its deciding write, wait for
 * that write's step to confirm them: far past every retry of a failing step (about 4 h before one
 * needs attention: shared/followups/run.ts), so one that keeps failing is seen long before anything
 * the submission names could go.
 */
export const attachmentsConfirmWithinMs = 7 * 24 * 60 * 60 * 1000;

/** What a submission uses: the forms, and the queue its event goes by; the uploads' confirmation where the function has it. */
export type SubmitDeps = RunDeps & { forms: FormStore; confirmFiles?: ConfirmFiles | undefined } & EventStepDeps;

/** The drawings and files the submission names are kept for good (written to expire until now: see above). */
export const attachmentsKeptStep = defineStep<{ businessId: string; submissionId: string }, SubmitDeps>('form-attachments-kept', async (a, deps) => {
  const submission = await deps.forms.getSubmission(a.businessId, a.submissionId, { consistent: true });
  if (!submission) return;
  const { files, drawings } = referencesOf(submission.answers);
  await Promise.all([
    files.size ? need(deps.confirmFiles, 'uploads')([...files], submission.id) : null,
    ...[...drawings].map((hash) => deps.forms.keepSignatureImage(submission.businessId, submission.id, hash)),
  ]);
});

/** The sent form moves to the customer's submitted list (and its draft goes): owed by the submission. */
export const formSubmittedStep = defineStep<{ businessId: string; submissionId: string }, SubmitDeps>('form-submitted', async (a, deps) => {
  const submission = await deps.forms.getSubmission(a.businessId, a.submissionId, { consistent: true });
  if (submission) await deps.forms.markSubmitted({ businessId: submission.businessId, id: submission.sentFormId, customerId: submission.customerId }, submission.id, submission.submittedAt);
});

/** The steps a submission may owe. */
export const submissionSteps: readonly AnyStep<SubmitDeps>[] = [attachmentsKeptStep, formSubmittedStep, emitEventStep];

const owner = (s: Pick<SubmissionRecord, 'businessId' | 'id'>) => stepOwner('submission', s);

export const answersHashOf = (answers: unknown): string => createHash('sha256').update(canonicalJson(answers)).digest('hex');

export async function submitForm(
  caller: CustomerScope,
  sentFormId: string,
  body: SubmitFormBody,
  request: DecisionRequest,
  deps: SubmitDeps & { claimFiles: ClaimFiles; releaseFiles: ReleaseFiles },
): Promise<SubmitFormResponse> {
  const sent = await sentFormFor(caller, sentFormId, deps, { consistent: true });
  const submissionId = submissionIdOf(sent.id);
  const answersHash = answersHashOf(body.answers);
  const existing = await deps.forms.getSubmission(sent.businessId, submissionId, { consistent: true });
  if (existing) return repeatOf(existing, answersHash, request, deps);

  // The version filled: the current one, or the one its draft was saved on; any other is 409.
  const version = await fillableVersion(sent, body.version, deps);
  const checked = checkAnswers(formAnswersSchema(version.definition), body.answers);
  if (!checked.ok) throw answerProblemsError(checked.problems);
  // The submission item holds the answers, and its owed `form.submitted` event holds them again:
  // bounded here, before anything is written, so the item stays far under DynamoDB's 400 KB (a
  // drawing is kept in an item of its own, so its PNG does not count).
  const answersBytes = Buffer.byteLength(JSON.stringify(checked.answers, (_key, value: unknown) => (typeof value === 'string' && value.startsWith('data:image/') ? '' : value)), 'utf8');
  if (answersBytes > maxAnswersBytes) {
    throw new InvalidInput([{ field: 'answers', message: `are ${Math.ceil(answersBytes / 1024)} KB in all: at most ${maxAnswersBytes / 1024} KB`, said: { key: 'problems.form.answers-too-long', values: { max: maxAnswersBytes / 1024 } } }], 'The answers are too long in all.');
  }
  const now = deps.clock.now().toISOString();
  const confirmBy = new Date(deps.clock.now().getTime() + attachmentsConfirmWithinMs).toISOString();

  // What the answers refer to, each safe to repeat: drawings under their hash, files claimed for
  // this id. Everything that can refuse is checked before anything is written: every drawing, then
  // every file of every answer in one claim (all or none), so a refusal leaves nothing behind.
  const answers: Record<string, unknown> = { ...checked.answers };
  const drawings: { fieldId: string; answer: SignatureAnswer; image: CheckedImage | null }[] = [];
  const files: { fieldId: string; ref: UploadRef; at: number }[] = [];
  for (const field of version.definition.fields) {
    const value = answers[field.id];
    if (value === undefined) continue;
    if (field.kind === 'signature') drawings.push({ fieldId: field.id, answer: value as SignatureAnswer, image: checkedDrawing(field.id, value as SignatureAnswer) });
    if (field.kind === 'file') (value as { id: string }[]).forEach(({ id }, at) => files.push({ fieldId: field.id, ref: { id }, at }));
  }
  const claimed = files.length ? await deps.claimFiles(files.map((f) => f.ref), submissionId, (i) => `answers.${files[i]!.fieldId}[${files[i]!.at}]`, confirmBy) : [];
  for (const field of version.definition.fields) if (field.kind === 'file' && answers[field.id] !== undefined) answers[field.id] = claimed.filter((_, i) => files[i]!.fieldId === field.id);
  for (const { fieldId, answer, image } of drawings) {
    if (image) await deps.forms.putSignatureImage(sent.businessId, submissionId, image.hash, image.png, now, confirmBy);
    answers[fieldId] = signatureRecordOf(answer, image);
  }

  const submission: SubmissionRecord = {
    businessId: sent.businessId,
    id: submissionId,
    sentFormId: sent.id,
    formId: sent.formId,
    revision: version.revision,
    definitionHash: version.definitionHash,
    customerId: sent.customerId,
    jobId: sent.jobId,
    answers,
    answersHash,
    submittedAt: now,
    via: request.via,
    ip: request.ip,
    userAgent: request.userAgent,
    requestId: request.requestId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const owed = newOwedSteps(owedBy(submission), deps.clock.now());
  if (!(await deps.forms.putSubmission(submission, owed))) {
    // Another tap or device submitted first: the same answers are that submission; others are 409.
    const winner = await deps.forms.getSubmission(sent.businessId, submissionId, { consistent: true });
    if (!winner) throw new Conflict('This form is being submitted. Please reload it.').saying('problems.form.submitted');
    // Past here, a crash leaves what this submit took to expire unconfirmed (the tests crash here).
    crashPoint('submission:lost');
    await giveBack(submission, winner, deps);
    return repeatOf(winner, answersHash, request, deps);
  }
  await runOwedSteps(owner(submission), owed, submissionSteps, deps);
  return responseOf(submission);
}

/** The answers' text in all, in bytes (UTF-8): twice this fits an item with room to spare. */
export const maxAnswersBytes = 150 * 1024;

const responseOf = (s: SubmissionRecord): SubmitFormResponse => ({ status: 'submitted', submissionId: s.id, submittedAt: s.submittedAt });

/** A form already submitted: the same request or the same answers finish what it owes and answer as it did; anything else is 409. */
async function repeatOf(existing: SubmissionRecord, answersHash: string, request: DecisionRequest, deps: SubmitDeps): Promise<SubmitFormResponse> {
  if (existing.requestId !== request.requestId && existing.answersHash !== answersHash) {
    throw new Conflict('This form was already submitted: it can no longer change.').saying('problems.form.submitted');
  }
  await runLeftoverSteps(owner(existing), submissionSteps, deps);
  return responseOf(existing);
}

type CheckedImage = { hash: string; png: Uint8Array };

/** A drawing checked (a real PNG with ink), or null for a typed signature; refused naming its field. */
function checkedDrawing(fieldId: string, answer: SignatureAnswer): CheckedImage | null {
  if (!answer.image) return null;
  const checked = checkSignatureImage(answer.image);
  if (!checked.ok) throw new InvalidInput([{ field: `answers.${fieldId}.image`, message: checked.message, said: { key: 'problems.field.signature-image' } }]).saying('problems.form.answers');
  return { hash: checked.hash, png: checked.png };
}

const signatureRecordOf = (answer: SignatureAnswer, image: CheckedImage | null): SignatureRecord =>
  image ? { name: answer.name, method: 'drawn', typed: null, imageHash: image.hash } : { name: answer.name, method: 'typed', typed: answer.typed ?? answer.name, imageHash: null };

/** The uploads and drawings answers name. */
function referencesOf(answers: Record<string, unknown>): { files: Set<string>; drawings: Set<string> } {
  const files = new Set<string>();
  const drawings = new Set<string>();
  for (const value of Object.values(answers)) {
    if (Array.isArray(value)) for (const f of value) if (f && typeof f === 'object' && typeof (f as SubmittedFile).key === 'string') files.add((f as SubmittedFile).id);
    if (value && typeof value === 'object' && typeof (value as SignatureRecord).imageHash === 'string') drawings.add((value as SignatureRecord).imageHash!);
  }
  return { files, drawings };
}

/**
 * A submit that lost the deciding write gives back, before it answers, what it took and the
 * winner does not name: its files' claims (the uploads expire again as if never claimed; the
 * customer may attach them elsewhere) and its drawings. Both were taken under the submission's
 * id, which the winner shares, so what both name stays (the winner's step confirms it).
 *
 * Not a follow-up step (the loser owns no item to record one on), and it need not be: what it
 * gives back was written to expire unless the winner confirms it. A crash before this leaves the
 * loser's own drawings and claims to expire (`attachmentsConfirmWithinMs`); until then its extra
 * uploads cannot be attached elsewhere. The copies its claims made in the business's namespace
 * stay unnamed, as they do after this give-back (shared/uploads/claim.ts).
 */
async function giveBack(mine: SubmissionRecord, winner: SubmissionRecord, deps: Pick<SubmitDeps, 'forms'> & { releaseFiles: ReleaseFiles }): Promise<void> {
  const took = referencesOf(mine.answers);
  const kept = referencesOf(winner.answers);
  const files = [...took.files].filter((id) => !kept.files.has(id));
  const drawings = [...took.drawings].filter((hash) => !kept.drawings.has(hash));
  await Promise.all([
    files.length ? deps.releaseFiles(files, mine.id) : null,
    ...drawings.map((hash) => deps.forms.deleteSignatureImage(mine.businessId, mine.id, hash)),
  ]);
}

function owedBy(s: SubmissionRecord): StepToOwe[] {
  return [
    // First: by the time the business hears of the submission, what it names is kept for good.
    owe(attachmentsKeptStep, s.id, { businessId: s.businessId, submissionId: s.id }),
    owe(formSubmittedStep, s.id, { businessId: s.businessId, submissionId: s.id }),
    oweEvent({
      id: eventId('form.submitted', s.id),
      type: 'form.submitted',
      createdAt: s.submittedAt,
      businessId: s.businessId,
      // What GET submissions/{id} lists, under the event's name for its id.
      data: (({ id, ...summary }) => ({ submissionId: id, ...summary }))(submissionSummaryOf(s)),
    }),
  ];
}
