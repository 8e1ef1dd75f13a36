/**
 * Every kind of follow-up step, for the re-driver, which may find any of them owed. Each
 * capability defines its own steps beside the writes that owe them, over the deps it declares;
 * this list only gathers them, above the capabilities. A test checks that every step a write can
 * owe is here.
 */
import { emitEventStep } from '../events/emit';
import { jobMoneyStep } from '../invoices/job-account';
import { ledgerSteps } from '../invoices/record-payment';
import { invoiceWriteSteps } from '../invoices/write-invoice';
import { decisionSteps } from '../estimates/decide';
import { bookingSteps } from '../estimates/schedule';
import { visitLinksStep } from '../tracking/visit';
import { checkoutSteps } from '../paying/apply-event';
import { queueNoticeStep } from '../notifications/notice-step';
import { refundExcessStep } from '../payments/duplicates';
import { profileSteps } from '../account/profile';
import { passwordSteps } from '../auth/password/manage';
import { submissionSteps } from '../forms/submit';
import type { AnyStep } from '../followups/run';
import type { StepDef } from '../followups/owed';
import type { StepDeps } from './deps';

/**
 * A capability's steps, run with the re-driver's deps: it does not compile unless `StepDeps` has
 * everything the deps those steps declare (`D`) asks for.
 */
const runWithStepDeps = <D>(steps: readonly StepDef<any, D>[], ..._fits: StepDeps extends D ? [] : [never]): readonly AnyStep<StepDeps>[] => steps as readonly AnyStep<StepDeps>[];

const unique = (steps: readonly AnyStep<StepDeps>[]) => [...new Map(steps.map((step) => [step.kind, step])).values()];

export const allSteps: readonly AnyStep<StepDeps>[] = unique([
  ...runWithStepDeps([refundExcessStep]),
  ...runWithStepDeps([emitEventStep]),
  ...runWithStepDeps([jobMoneyStep]),
  ...runWithStepDeps([queueNoticeStep]),
  ...runWithStepDeps(ledgerSteps),
  ...runWithStepDeps(checkoutSteps),
  ...runWithStepDeps(invoiceWriteSteps),
  ...runWithStepDeps(decisionSteps),
  ...runWithStepDeps(bookingSteps),
  ...runWithStepDeps([visitLinksStep]),
  ...runWithStepDeps(profileSteps),
  ...runWithStepDeps(passwordSteps),
  ...runWithStepDeps(submissionSteps),
]);
