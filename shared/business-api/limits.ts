/**
 * The business API's rate limits: two budgets per business, counted across all its keys in fixed
 * windows of a minute (docs/business-api.md, "Limits"; docs/security.md rule 29).
 * - `positions`: the tracking position reports (`PUT jobs/{jobId}/tracking/position`), which a
 *   fleet sends every few seconds per technician;
 * - `requests`: every other call.
 * A business gets `defaultApiLimits` until the portal's operator sets its own
 * (`npm run admin -- set-limits`); nobody, the operator included, goes past `apiLimitCeiling`,
 * which the counting write itself enforces. A business cannot raise its own limits: they protect
 * the table and the other businesses on it, so they are the operator's to give.
 */
import { InvalidInput } from '../kernel/errors';
import { API_BUDGETS, defaultApiLimits, type ApiBudget, type SettingsView } from '../contract/business/settings';
import type { ApiBudgetStore } from './port';

export { API_BUDGETS, type ApiBudget };

/** Each budget is counted in fixed windows of this many seconds. */
export const apiLimitWindowSeconds = 60;

/**
 * The most any business may be given, per budget and minute: the deployment's ceiling, the
 * operator's choice (change it here and deploy). 6,000 a minute is 100 calls a second, half of the
 * prod stage's whole API Gateway rate (200/s, docs/operations.md "Throttles"), so no one
 * business's budget can take the stage from the others; in positions it is 300 technicians
 * reporting every 3 seconds. A stored limit above it (the ceiling lowered later) counts as it.
 */
export const apiLimitCeiling: Record<ApiBudget, number> = { requests: 6000, positions: 6000 };

export const apiLimitDefault: Record<ApiBudget, number> = { requests: defaultApiLimits.requestsPerMinute, positions: defaultApiLimits.positionsPerMinute };

/** The operator's limits of a business, by budget: null where it has the default. */
export type ApiLimitOverrides = Record<ApiBudget, number | null>;

/** The limit a budget counts to: the business's own (else the default), never above the ceiling. */
export const effectiveLimit = (budget: ApiBudget, override: number | null): number => Math.min(override ?? apiLimitDefault[budget], apiLimitCeiling[budget]);

/** `PUT …/tracking/position`, by API Gateway's route key (`event.routeKey`) of its row. */
export function budgetOf(routeKey: string | undefined, positionRouteKeys: ReadonlySet<string>): ApiBudget {
  return routeKey !== undefined && positionRouteKeys.has(routeKey) ? 'positions' : 'requests';
}

/** What `GET settings` shows: the limits that apply now. */
export const apiLimitsView = (overrides: ApiLimitOverrides): SettingsView['apiLimits'] => ({
  requestsPerMinute: effectiveLimit('requests', overrides.requests),
  positionsPerMinute: effectiveLimit('positions', overrides.positions),
  windowSeconds: apiLimitWindowSeconds,
});

/** A whole number of calls a minute, from 1 up to the budget's ceiling; null: back to the default. */
export function checkLimit(budget: ApiBudget, perMinute: number | null, field: string): void {
  if (perMinute === null) return;
  if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > apiLimitCeiling[budget]) {
    throw new InvalidInput([{ field, message: `must be a whole number from 1 to ${apiLimitCeiling[budget]} (this deployment's ceiling), or "default"` }]);
  }
}

/**
 * Sets a business's own limits (the operator's command): each budget given is written on its
 * counter item, which is the one place the limit lives, so the very next request counts to it
 * and `GET settings` shows it. Budgets left out keep theirs. Returns the limits after.
 */
export async function setApiLimits(businessId: string, change: Partial<ApiLimitOverrides>, deps: { budgets: ApiBudgetStore }): Promise<ApiLimitOverrides> {
  for (const budget of API_BUDGETS) if (change[budget] !== undefined) checkLimit(budget, change[budget]!, budget);
  await Promise.all(API_BUDGETS.filter((b) => change[b] !== undefined).map((b) => deps.budgets.setLimit(businessId, b, change[b]!)));
  return deps.budgets.readLimits(businessId);
}
