/** The budgets' limits: defaults, the operator's, the ceiling; and the memory of keys' businesses. */
import { KeyBusinesses } from './api-keys';
import { apiLimitCeiling, apiLimitDefault, apiLimitsView, checkLimit, effectiveLimit } from './limits';

test('defaults: 600 requests a minute, and positions for 100 technicians every 3 s; both within the ceiling', () => {
  expect(apiLimitDefault).toEqual({ requests: 600, positions: 100 * (60 / 3) });
  for (const budget of ['requests', 'positions'] as const) expect(apiLimitDefault[budget]).toBeLessThanOrEqual(apiLimitCeiling[budget]);
  expect(apiLimitsView({ requests: null, positions: null })).toEqual({ requestsPerMinute: 600, positionsPerMinute: 2000, windowSeconds: 60 });
});

test("the operator's limit applies, never above the ceiling (one stored before the ceiling was lowered counts as the ceiling)", () => {
  expect(effectiveLimit('requests', 1200)).toBe(1200);
  expect(effectiveLimit('positions', 5)).toBe(5);
  expect(effectiveLimit('positions', apiLimitCeiling.positions * 10)).toBe(apiLimitCeiling.positions);
  expect(apiLimitsView({ requests: 50, positions: null })).toEqual({ requestsPerMinute: 50, positionsPerMinute: 2000, windowSeconds: 60 });
});

test('a limit is a whole number from 1 to the ceiling, or null (the default)', () => {
  expect(() => checkLimit('requests', null, 'requests')).not.toThrow();
  expect(() => checkLimit('requests', 1, 'requests')).not.toThrow();
  expect(() => checkLimit('positions', apiLimitCeiling.positions, 'positions')).not.toThrow();
  for (const bad of [0, -1, 1.5, apiLimitCeiling.requests + 1, Number.NaN]) {
    expect(() => checkLimit('requests', bad, 'requests')).toThrow(expect.objectContaining({ errors: [{ field: 'requests', message: expect.stringMatching(/^must be a whole number from 1 to 6000/) }] }));
  }
});

test("the memory of keys' businesses is bounded, forgetting the oldest first", () => {
  const known = new KeyBusinesses(2);
  known.learn('k1', 'biz_a');
  known.learn('k2', 'biz_a');
  known.learn('k1', 'biz_a'); // already known: stays where it was
  known.learn('k3', 'biz_b');
  expect([known.get('k1'), known.get('k2'), known.get('k3')]).toEqual([undefined, 'biz_a', 'biz_b']);
});
