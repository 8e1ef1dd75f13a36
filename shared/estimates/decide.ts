/**
 * Approving or declining an estimate. One conditional write decides: it sets the status and the
 * decision record on the version read, so of two decisions at once exactly one is written and the
 * other is answered 409. The record is written once and never changed (docs/data-model.md,
 * "Estimates").
 *
 * Without transactions, what follows the decision (the deposit invoice, the event to the
 * business) is owed by the deciding write itself (shared/followups): the request runs it at once,
 * and after a crash the re-driver does, with no client involved. Each step is safe to repeat: the
 * deposit invoice's id derives from the estimate, the event's id from the decision. The decision
 * keeps the request's id (from its Idempotency-Key), so the same request's retry finds its own
 * decision, runs whatever is still owed and answers as the first attempt would have.
 */
import type { ApproveEstimateBody, ApproveEstimateResponse, SignatureMethod } from '../contract/customer/estimates';
import { Conflict, Gone, InvalidInput, type FieldError } from '../kernel/errors';
import type { EstimateDecision, EstimateRecord } from './model';
import type { InvoiceRecord } from '../invoices/model';
import { linkToJob } from '../invoices/write-invoice';
import { syncJobMoney, type JobAccountDeps } from '../invoices/job-account';
import type { InvoiceStore } from '../invoices/port';
import type { EstimateStore } from './port';
import { noPayments } from '../invoices/model';
import { emitEventStep, eventId, oweEvent, type EventStepDeps } from '../events/emit';
import { defineStep, newOwedSteps, owe, type OwedSteps, type StepToOwe } from '../followups/owed';
import { runLeftoverSteps, runOwedSteps, type AnyStep, type RunDeps } from '../followups/run';
import { stepOwner } from '../followups/port';
import { formatMoney } from '../contract/money';
import { emptyLedger, statusOf } from '../invoices/ledger';
import type { CustomerScope } from '../invoices/customer-invoices';
import { readModifyWrite } from '../kernel/read-modify-write';
import { countMetric, metricNames } from '../logging/metrics';
import { estimateFor } from './customer-estimates';
import { optionTotals } from '../contract/totals';
import { depositFor, depositInvoiceIdOf, documentHashOf, isExpired } from './document';
import { checkSignatureImage } from './signature-image';
import { nextStepOf } from './views';
import { confirmationStep, oweApprovalConfirmation, type ConfirmationStepDeps } from './confirmations';

/** Who is deciding, and from where: kept in the decision record. */
export interface DecisionRequest {
  /** The same on every retry of one request (minted from its Idempotency-Key). */
  requestId: string;
  via: 'session' | 'link';
  ip: string | null;
  userAgent: string | null;
}

/** What a decision uses: the estimate, its deposit invoice and job, and what its steps use. */
export type DecideDeps = RunDeps & { estimates: EstimateStore; invoices: InvoiceStore } & JobAccountDeps & EventStepDeps & ConfirmationStepDeps;

/** The deposit invoice of an approved estimate (and the job's pointer to it): owed by the approval. */
export const depositInvoiceStep = defineStep<{ businessId: string; estimateId: string }, DecideDeps>('deposit-invoice', async (a, deps) => {
  const estimate = await deps.estimates.getEstimate(a.businessId, a.estimateId, { consistent: true });
  if (estimate?.decision?.kind === 'approved' && estimate.decision.depositInvoiceId && estimate.decision.depositAmount) await ensureDepositInvoice(estimate, deps);
});

/** The steps a decision may owe. */
export const decisionSteps: readonly AnyStep<DecideDeps>[] = [depositInvoiceStep, emitEventStep, confirmationStep];

const estimateOwner = (estimate: Pick<EstimateRecord, 'businessId' | 'id'>) => stepOwner('estimate', estimate);

export async function approveEstimate(caller: CustomerScope, estimateId: string, body: ApproveEstimateBody, request: DecisionRequest, deps: DecideDeps): Promise<ApproveEstimateResponse> {
  return decide(caller, estimateId, 'approved', body.version, request, deps, {
    record: async (estimate, now) => {
      const option = estimate.options.find((o) => o.id === body.optionId);
      if (!option) throw new InvalidInput([{ field: 'optionId', message: 'is not one of the options of this estimate', said: { key: 'problems.field.not-an-option' } }]);
      const signature = checkSignature(estimate, body.signature);
      if (signature.image) await deps.estimates.putSignatureImage(estimate.businessId, estimate.id, signature.image.hash, signature.image.png, now);
      const deposit = depositFor(estimate.deposit, optionTotals(option).total);
      return {
        parts: {
          optionId: option.id,
          signerName: signature.name,
          signatureMethod: signature.method,
          typedSignature: signature.typed,
          signatureImageHash: signature.image?.hash ?? null,
          depositInvoiceId: deposit ? depositInvoiceIdOf(estimate.id) : null,
          depositAmount: deposit || null,
        },
        // Someone else decided first: a drawing that is not in the winning record is nobody's signature.
        lost: async (winner) => {
          if (signature.image && winner?.decision?.signatureImageHash !== signature.image.hash) await deps.estimates.deleteSignatureImage(estimate.businessId, estimate.id, signature.image.hash);
        },
      };
    },
    owes: (decided) => [
      ...(decided.decision!.depositInvoiceId ? [owe(depositInvoiceStep, decided.id, { businessId: decided.businessId, estimateId: decided.id })] : []),
      approvedEvent(decided),
      // Last: the confirmation names the deposit, which the step before wrote.
      oweApprovalConfirmation(decided),
    ],
    finish: (decided) => finishApproval(decided, deps),
    gaveUp: 'This estimate kept changing while we tried to record your approval. Please reload it and try again.',
  });
}

export async function declineEstimate(caller: CustomerScope, estimateId: string, body: { reason?: string | undefined }, request: DecisionRequest, deps: DecideDeps): Promise<{ status: 'declined' }> {
  return decide(caller, estimateId, 'declined', null, request, deps, {
    record: async () => ({ parts: { reason: body.reason || null } }),
    owes: (decided) => [declinedEvent(decided)],
    finish: async () => ({ status: 'declined' as const }),
    gaveUp: 'This estimate kept changing while we tried to record your answer. Please reload it and try again.',
  });
}

type DecisionParts = Partial<Pick<EstimateDecision, 'optionId' | 'signerName' | 'signatureMethod' | 'typedSignature' | 'signatureImageHash' | 'depositInvoiceId' | 'depositAmount' | 'reason'>>;

/**
 * The one way an estimate is decided: read it; the same request's retry finishes its own
 * decision; otherwise check it can be decided (`version`: the one the customer read, or null for
 * the current one), record the decision on the version read, and finish. A lost race reads again
 * (and then finds it decided: 409).
 */
async function decide<R>(
  caller: CustomerScope,
  estimateId: string,
  kind: EstimateDecision['kind'],
  version: number | null,
  request: DecisionRequest,
  deps: DecideDeps,
  steps: {
    /** Checks the request and writes what the decision refers to; `lost` undoes that when another decision wins. */
    record: (estimate: EstimateRecord, now: string) => Promise<{ parts: DecisionParts; lost?: (winner: EstimateRecord | null) => Promise<void> }>;
    /** What the decision owes (shared/followups): run by the request, or by the re-driver after a crash. */
    owes: (decided: EstimateRecord) => StepToOwe[];
    finish: (decided: EstimateRecord) => Promise<R>;
    gaveUp: string;
  },
): Promise<R> {
  return readModifyWrite<EstimateRecord, R>(
    () => estimateFor(caller, estimateId, deps, { consistent: true }),
    async (estimate) => {
      if (estimate.decision?.requestId === request.requestId && estimate.decision.kind === kind) {
        await runLeftoverSteps(estimateOwner(estimate), decisionSteps, deps);
        return { done: await steps.finish(estimate) };
      }
      checkDecidable(estimate, version ?? estimate.revision, deps.clock.now());
      const now = deps.clock.now().toISOString();
      const { parts, lost } = await steps.record(estimate, now);
      const decision: EstimateDecision = {
        kind,
        at: now,
        revision: estimate.revision,
        documentHash: documentHashOf(estimate),
        ...request,
        optionId: null,
        signerName: null,
        signatureMethod: null,
        typedSignature: null,
        signatureImageHash: null,
        depositInvoiceId: null,
        depositAmount: null,
        reason: null,
        ...parts,
      };
      const decided: EstimateRecord = { ...estimate, status: kind, decision, version: estimate.version + 1, updatedAt: now };
      const owed: OwedSteps = newOwedSteps(steps.owes(decided), deps.clock.now(), decided.version * 1000);
      return {
        write: () => deps.estimates.putEstimate(decided, estimate.version, owed),
        after: async () => {
          if (kind === 'approved') countMetric(metricNames.estimatesApproved, 1);
          await runOwedSteps(estimateOwner(decided), owed, decisionSteps, deps);
          return steps.finish(decided);
        },
        lost: lost && (async () => lost(await deps.estimates.getEstimate(estimate.businessId, estimate.id, { consistent: true }))),
      };
    },
    () => new Conflict(steps.gaveUp).saying('problems.estimate.busy'),
    // A lost decision is settled: the next read finds it decided (409), so no waiting before it.
    { backoff: false },
  );
}

/** Already decided → 409; expired → 410; a version other than the current one → 409 "changed". */
function checkDecidable(estimate: EstimateRecord, version: number, now: Date): void {
  if (estimate.decision) {
    // No date in the words: an error does not know the business's time zone, and the page that
    // reloads shows when, written the customer's way.
    throw new Conflict(`This estimate was already ${estimate.decision.kind}. Reload it to see the decision and when it was made.`).saying('problems.estimate.decided', { decision: estimate.decision.kind });
  }
  if (isExpired(estimate, now)) throw new Gone('This estimate has expired (its page shows when). Please contact the business for a new one.').saying('problems.estimate.expired');
  if (version !== estimate.revision) {
    throw new Conflict(`This estimate has changed since you opened it (you read version ${version}, it is now version ${estimate.revision}). Please read the new version before approving.`).saying('problems.estimate.changed', { read: version, current: estimate.revision });
  }
}

/** The signature as checked: who signed, how, and what they signed with. */
interface CheckedSignature {
  name: string | null;
  method: SignatureMethod | null;
  typed: string | null;
  image: { png: Buffer; hash: string } | null;
}

/**
 * The signature the estimate asks for. `typed`: the signer's name, which is the signature (an
 * explicit `typed` text may be sent too). `drawn`: the name and exactly one of a drawing (`image`)
 * or the name typed as the signature (`typed`): whoever cannot draw signs by typing, on every
 * estimate, whatever the business chose (WCAG 2.1.1; ESIGN/UETA take a typed name as a signature).
 */
function checkSignature(estimate: EstimateRecord, signature: ApproveEstimateBody['signature']): CheckedSignature {
  if (estimate.signature === 'none') return { name: signature?.name || null, method: null, typed: null, image: null };
  const errors: FieldError[] = [];
  if (!signature?.name) errors.push({ field: 'signature.name', message: 'is required: type your full name to sign', said: { key: 'problems.field.signature-name' } });
  let image: { png: Buffer; hash: string } | null = null;
  if (estimate.signature === 'typed') {
    if (signature?.image) errors.push({ field: 'signature.image', message: 'is not asked: this estimate is signed by typing your name', said: { key: 'problems.field.signature-not-asked' } });
  } else if (signature?.image && signature.typed) {
    errors.push({
      field: 'signature.typed',
      message: 'cannot come with a drawing: sign either by drawing (image) or by typing your name (typed), not both',
      said: { key: 'problems.field.signature-both' },
    });
  } else if (signature?.image) {
    const checked = checkSignatureImage(signature.image);
    if (checked.ok) image = { png: checked.png, hash: checked.hash };
    else errors.push({ field: 'signature.image', message: checked.message, said: { key: 'problems.field.signature-image' } });
  } else if (!signature?.typed) {
    errors.push({
      field: 'signature.image',
      message: 'is required: draw your signature in the box, or type your name as your signature (typed)',
      said: { key: 'problems.field.signature-required' },
    });
  }
  if (errors.length > 0) throw new InvalidInput(errors, 'This estimate needs your signature to be approved.').saying('problems.estimate.signature-needed');
  if (image) return { name: signature!.name, method: 'drawn', typed: null, image };
  return { name: signature!.name, method: 'typed', typed: signature!.typed ?? signature!.name, image: null };
}

/** What the approval leads to, once its steps ran (the deposit invoice, if asked, exists unless its step failed: then the re-driver makes it). */
async function finishApproval(estimate: EstimateRecord, deps: DecideDeps): Promise<ApproveEstimateResponse> {
  const decision = estimate.decision!;
  const deposit = decision.depositInvoiceId ? await deps.invoices.getInvoice(estimate.businessId, decision.depositInvoiceId, { consistent: true }) : null;
  return { status: 'approved', next: nextStepOf(estimate, deposit) ?? 'done', ...(decision.depositInvoiceId ? { depositInvoiceId: decision.depositInvoiceId } : {}) };
}

function approvedEvent(estimate: EstimateRecord): StepToOwe {
  const decision = estimate.decision!;
  return oweEvent({
    id: eventId('estimate.approved', `${estimate.id}#${decision.requestId}`),
    type: 'estimate.approved',
    createdAt: decision.at,
    businessId: estimate.businessId,
    data: {
      estimateId: estimate.id,
      customerId: estimate.customerId,
      version: decision.revision,
      optionId: decision.optionId,
      signer: { name: decision.signerName, method: decision.signatureMethod, typed: decision.typedSignature, drawn: decision.signatureImageHash !== null, via: decision.via, ip: decision.ip, userAgent: decision.userAgent, at: decision.at },
      documentHash: decision.documentHash,
      depositInvoiceId: decision.depositInvoiceId,
      depositAmount: decision.depositAmount,
      currency: estimate.currency,
    },
  });
}

/** The deposit invoice, under the id derived from the estimate: written once, found by every retry. */
async function ensureDepositInvoice(estimate: EstimateRecord, deps: DecideDeps): Promise<InvoiceRecord> {
  const decision = estimate.decision!;
  const id = decision.depositInvoiceId!;
  // The job page lists it (a repeat of the pointer writes the same item).
  await linkToJob('invoice', { businessId: estimate.businessId, id, jobId: estimate.jobId }, null, deps);
  const option = estimate.options.find((o) => o.id === decision.optionId)!;
  const amount = decision.depositAmount!;
  const invoice: InvoiceRecord = {
    businessId: estimate.businessId,
    id,
    estimateId: estimate.id,
    customerId: estimate.customerId,
    jobId: estimate.jobId,
    number: `${estimate.number}-D`,
    issuedAt: decision.at,
    dueAt: decision.at,
    currency: estimate.currency,
    lines: [{ description: `Deposit for estimate ${estimate.number}: ${option.name} (${formatMoney(optionTotals(option).total, estimate.currency)})`, quantity: 1, unitAmount: amount }],
    taxAmount: 0,
    total: amount,
    ...emptyLedger,
    status: statusOf(emptyLedger, amount),
    version: 1,
    createdAt: decision.at,
    updatedAt: decision.at,
  };
  // Written only if absent: a retry finds the one made first (and whatever was paid on it since).
  const written = (await deps.invoices.putInvoice(invoice, noPayments, null)) ? invoice : (await deps.invoices.getInvoice(estimate.businessId, id, { consistent: true }))!;
  // A new invoice on the job: its balance due now includes it. Inside the step, so a crash before it is re-run.
  if (estimate.jobId) await syncJobMoney(estimate.businessId, estimate.jobId, deps);
  return written;
}

function declinedEvent(estimate: EstimateRecord): StepToOwe {
  const decision = estimate.decision!;
  return oweEvent({
    id: eventId('estimate.declined', `${estimate.id}#${decision.requestId}`),
    type: 'estimate.declined',
    createdAt: decision.at,
    businessId: estimate.businessId,
    data: { estimateId: estimate.id, customerId: estimate.customerId, version: decision.revision, reason: decision.reason, via: decision.via, documentHash: decision.documentHash },
  });
}
