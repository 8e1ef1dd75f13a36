/**
 * The re-driver: finishes every step a write owed that its request did not (a crash, a timeout,
 * a failing provider), with no client involved. On AWS a scheduled function runs it every
 * minute (functions/schedule/redrive-follow-ups.ts); locally `npm start` runs it on a timer, and
 * tests call it when they choose.
 *
 * Each shard of the follow-up index is read up to now; each item is leased first (its place in
 * the index moves past the lease, on the condition that it is still where it was listed), so two
 * re-drivers never run one item at once; then its due steps run (./run.ts).
 */
import { logger } from '../logging/logger';
import { countMetric, metricNames } from '../logging/metrics';
import { dueSteps } from './owed';
import { followUpShards } from './port';
import { runOwedSteps, type AnyStep, type RunDeps } from './run';

/** Longer than any item's steps take, short enough that a re-driver that died is soon replaced. */
export const leaseMs = 5 * 60_000;
/** Items read per shard per pass; a pass repeats while it finds a full page (bounded by `maxPasses`). */
const pageSize = 25;
const maxPasses = 20;

export interface RedriveReport {
  items: number;
  stepsRun: number;
  stepsFailed: number;
}

export async function redriveFollowUps<D extends RunDeps>(steps: readonly AnyStep<D>[], deps: D): Promise<RedriveReport> {
  const report: RedriveReport = { items: 0, stepsRun: 0, stepsFailed: 0 };
  for (let pass = 0; pass < maxPasses; pass++) {
    let full = false;
    for (let shard = 0; shard < followUpShards; shard++) {
      const now = deps.clock.now();
      const due = await deps.followUps.listDue(shard, now.toISOString(), pageSize);
      full ||= due.length === pageSize;
      for (const listed of due) {
        if (!(await deps.followUps.lease(listed, new Date(now.getTime() + leaseMs).toISOString()))) continue;
        const item = await deps.followUps.read(listed.owner);
        if (!item) continue;
        const due = dueSteps(item.owed, now);
        report.items++;
        const outcome = await runOwedSteps(item.owner, due, steps, deps, { redrive: true });
        // Nothing due after all (its steps were pushed back meanwhile): placed again at the earliest, out of its lease.
        if (Object.keys(due).length === 0) await deps.followUps.settle(item.owner, [], {});
        report.stepsRun += outcome.done.length;
        report.stepsFailed += outcome.failed.length;
      }
    }
    if (!full) break;
  }
  if (report.items > 0) {
    logger.info('follow-up steps re-driven', { ...report });
    countMetric(metricNames.followUpStepsRedriven, report.stepsRun);
  }
  return report;
}
