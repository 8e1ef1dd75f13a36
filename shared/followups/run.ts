/**
 * Running owed steps: the fast path (the request that owed them runs them at once) and the
 * re-driver (./redrive.ts) share this. Each step runs in the order its write listed it; one that
 * succeeds is crossed off, one that fails stays owed with its attempts counted and its next try
 * pushed back. A crash (a real one, or one injected at a crash point) leaves everything not yet
 * crossed off for the re-driver.
 */
import { describeError, logger } from '../logging/logger';
import { countMetric, metricNames } from '../logging/metrics';
import { crashPoint, isInjectedCrash } from './crash';
import { dueSteps, inOrder, type OwedStep, type OwedSteps, type StepDef } from './owed';
import type { FollowUpStore, StepOwner } from './port';
import type { Clock } from '../kernel/types';
import { NotHere } from './need';

/**
 * What running steps needs of its own: the follow-up store to cross them off and a clock. A
 * capability's steps need more (their stores, a queue): each declares its deps beside its steps,
 * and the caller passes deps that have both.
 */
export interface RunDeps {
  followUps: FollowUpStore;
  clock: Clock;
}

/** Any step definition, whatever its input (each checks its own), over deps `D`. */
export type AnyStep<D = RunDeps> = StepDef<Record<string, unknown>, D>;

/** After this many failed runs a step is logged as needing attention (and counted) at every further failure. */
export const attentionAfterAttempts = 8;

/** 1 min, 2, 4 … capped at 2 h: about 4 h before a step needs attention, then every 2 h for as long as it fails. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 * 60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

export interface RunOutcome {
  done: string[];
  failed: string[];
}

/**
 * Runs `owed` (all of it, or what is due) with the step definitions in `steps`, then records the
 * outcome on the owner. A kind this caller does not know is left for the re-driver. Nothing owed:
 * nothing to run or record.
 */
export async function runOwedSteps<D extends RunDeps>(owner: StepOwner, owed: OwedSteps, steps: readonly AnyStep<D>[], deps: D, options: { redrive?: boolean } = {}): Promise<RunOutcome> {
  if (Object.keys(owed).length === 0) return { done: [], failed: [] };
  // Right after the deciding write, for the request that made it (the re-driver decided nothing).
  if (!options.redrive) crashPoint(`${owner.kind}:decided`);
  const done: string[] = [];
  const failed: Record<string, OwedStep> = {};
  for (const [id, step] of inOrder(owed)) {
    const def = steps.find((s) => s.kind === step.kind);
    if (!def) continue;
    try {
      await def.run(step.args, deps);
    } catch (error) {
      if (isInjectedCrash(error)) throw error;
      failed[id] = failedStep(owner, id, step, error, deps.clock.now());
      continue;
    }
    crashPoint(`${owner.kind}:${step.kind}`);
    done.push(id);
  }
  await deps.followUps.settle(owner, done, failed);
  return { done, failed: Object.keys(failed) };
}

/**
 * What a write that was already made still owes, run by a later request about it (the same
 * request's retry, a repeat of the same Stripe event, a repeated completion): one read of the
 * owner. `dueOnly`: only steps past their grace, for repeats that may arrive while the request that
 * owes them is still running them (ten copies of one event at once would only contend).
 */
export async function runLeftoverSteps<D extends RunDeps>(owner: StepOwner, steps: readonly AnyStep<D>[], deps: D, options: { dueOnly?: boolean } = {}): Promise<void> {
  const left = await deps.followUps.read(owner);
  if (!left) return;
  await runOwedSteps(owner, options.dueOnly ? dueSteps(left.owed, deps.clock.now()) : left.owed, steps, deps);
}

function failedStep(owner: StepOwner, id: string, step: OwedStep, error: unknown, now: Date): OwedStep {
  // A request without the adapter a step needs is not a failure of the step: the re-driver has it.
  if (error instanceof NotHere) return step;
  const attempts = step.attempts + 1;
  const fields = { ownerKind: owner.kind, businessId: owner.businessId, stepKind: step.kind, stepId: id, attempts, ...describeError(error) };
  if (attempts >= attentionAfterAttempts) {
    logger.error('follow-up step needs attention', fields);
    countMetric(metricNames.followUpStepNeedsAttention, 1, { stepKind: step.kind });
  } else {
    logger.warn('follow-up step failed; it will be retried', fields);
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ...step, attempts, dueAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(), lastError: message.slice(0, 500) };
}
