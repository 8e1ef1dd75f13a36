/**
 * Every kind of follow-up step, for the re-driver, which may find any of them owed. Each
 * capability defines its own steps beside the writes that owe them; this list only gathers them.
 * A test checks that every step a write can owe is here.
 */
import { emitEventStep } from '../events/emit';
import { jobMoneyStep } from '../jobs/job-account';
import { ledgerSteps } from '../invoices/record-payment';
import { invoiceWriteSteps } from '../invoices/write-invoice';
import { decisionSteps } from '../estimates/decide';
import { bookingSteps } from '../estimates/schedule';
import { visitLinksStep } from '../tracking/visit';
import { checkoutSteps } from '../payments/apply-event';
import { queueNoticeStep } from '../notifications/notice-step';
import { refundExcessStep } from '../payments/duplicates';
import { profileSteps } from '../directory/profile';
import { passwordSteps } from '../auth/password/manage';
import { submissionSteps } from '../forms/submit';
import type { AnyStep } from './run';

const unique = (steps: readonly AnyStep[]) => [...new Map(steps.map((step) => [step.kind, step])).values()];

export const allSteps: readonly AnyStep[] = unique([refundExcessStep, emitEventStep, jobMoneyStep, queueNoticeStep, ...ledgerSteps, ...checkoutSteps, ...invoiceWriteSteps, ...decisionSteps, ...bookingSteps, visitLinksStep, ...profileSteps, ...passwordSteps, ...submissionSteps]);
