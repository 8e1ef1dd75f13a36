/**
 * Follow-up steps owed by a deciding write: a transactional outbox on one item.
 *
 * Without transactions, a write that decides something (a payment applied, an estimate approved,
 * a slot booked, an invoice moved, a visit completed) cannot also make every other item follow in
 * the same call. So the deciding write records, in the same single-item UpdateItem, the steps it
 * owes (`owed`, a map of step id → step), and puts the item in the follow-up index (`owedPk` /
 * `owedSk`, sparse: only items that owe something are in it). The request then runs the steps at
 * once (the fast path, ./run.ts) and crosses each off; a scheduled re-driver (./redrive.ts) finds
 * whatever a crash, a timeout or a failing provider left and runs it, with no client involved.
 *
 * Each step is idempotent and keyed (a payment by its id, an event by its id, a deposit invoice
 * by its estimate), so running it twice, or the fast path and the re-driver at once, does
 * nothing twice.
 */
import * as v from 'valibot';

/** One owed step, as stored on its item. */
export interface OwedStep {
  /** Which runner runs it (a `StepDef`'s kind). */
  kind: string;
  /** The runner's input: small, plain JSON (ids, amounts, one event). */
  args: Record<string, unknown>;
  /** Steps of one write run in this order (a map in DynamoDB keeps no order). */
  seq: number;
  /** Failed runs so far (the fast path's included). */
  attempts: number;
  /** When the re-driver may run it next (ISO). */
  dueAt: string;
  /** The last failure, for whoever looks at a step that needs attention. */
  lastError: string | null;
}

export type OwedSteps = Record<string, OwedStep>;

export const OwedStepsSchema = v.optional(
  v.record(
    v.string(),
    v.object({ kind: v.string(), args: v.record(v.string(), v.unknown()), seq: v.number(), attempts: v.number(), dueAt: v.string(), lastError: v.nullable(v.string()) }),
  ),
  {},
);

/**
 * How long the re-driver leaves a new step to the request that owes it: the fast path runs it at
 * once, and a Lambda is done (or dead) well within this, so the two rarely overlap (and when they
 * do, each step is idempotent).
 */
export const fastPathGraceMs = 60_000;

/**
 * A runner of one kind of step. `D`: the deps it uses, declared by the capability that defines it
 * (the re-driver's deps, shared/steps/deps.ts, have every capability's).
 */
export interface StepDef<A extends Record<string, unknown>, D> {
  readonly kind: string;
  run(args: A, deps: D): Promise<void>;
}

export function defineStep<A extends Record<string, unknown>, D>(kind: string, run: (args: A, deps: D) => Promise<void>): StepDef<A, D> {
  return { kind, run };
}

/** A step a write is about to owe: its id (deterministic, so owing it twice is owing it once) and its input. */
export interface StepToOwe {
  id: string;
  kind: string;
  args: Record<string, unknown>;
}

export function owe<A extends Record<string, unknown>, D>(def: StepDef<A, D>, id: string, args: A): StepToOwe {
  return { id: `${def.kind}:${id}`, kind: def.kind, args };
}

/** The stored form of new steps, due for the re-driver after the fast path's grace. */
export function newOwedSteps(steps: StepToOwe[], now: Date, firstSeq = 0): OwedSteps {
  const dueAt = new Date(now.getTime() + fastPathGraceMs).toISOString();
  const owed: OwedSteps = {};
  steps.forEach((step, i) => {
    owed[step.id] = { kind: step.kind, args: step.args, seq: firstSeq + i, attempts: 0, dueAt, lastError: null };
  });
  return owed;
}

/** Owed steps in the order their write listed them. */
export const inOrder = (owed: OwedSteps): [string, OwedStep][] => Object.entries(owed).sort(([, a], [, b]) => a.seq - b.seq);

/**
 * The steps past their fast path's grace: what a duplicate delivery may run. Steps owed moments ago
 * are being run by the request that owes them; ten duplicates running them too would only contend.
 */
export const dueSteps = (owed: OwedSteps, now: Date): OwedSteps => Object.fromEntries(Object.entries(owed).filter(([, step]) => step.dueAt <= now.toISOString()));

export const nextSeq = (owed: OwedSteps): number => Object.values(owed).reduce((max, step) => Math.max(max, step.seq + 1), 0);

/** The earliest time any of the steps is due (the item's place in the follow-up index). */
export const earliestDue = (owed: OwedSteps): string | null =>
  Object.values(owed).reduce<string | null>((min, step) => (min === null || step.dueAt < min ? step.dueAt : min), null);
