/** Which budget a business API call counts in: its route row decides (shared/business-api/limits.ts). */
import { budgetOf } from '../../../shared/business-api/limits';
import { businessRoutes } from '../../../shared/routes/business';
import { routeKey } from '../../../shared/routes/kinds';
import { positionRouteKeys } from './api-key';

test('the tracking position report counts in "positions"; every other key-authenticated row in "requests"', () => {
  const byBudget = (budget: string) => businessRoutes.filter((r) => r.auth === 'apiKey' && budgetOf(routeKey(r), positionRouteKeys) === budget).map((r) => r.name);
  expect(byBudget('positions')).toEqual(['trackingUpdate']);
  expect(byBudget('requests')).toHaveLength(businessRoutes.filter((r) => r.auth === 'apiKey').length - 1);
  expect([...positionRouteKeys]).toEqual(['PUT /api/business/v1/jobs/{jobId}/tracking/position']);
});

test('a route key the table does not know, or none, counts in "requests"', () => {
  expect(budgetOf(undefined, positionRouteKeys)).toBe('requests');
  expect(budgetOf('PUT /api/business/v1/jobs/{jobId}/tracking', positionRouteKeys)).toBe('requests');
  expect(budgetOf('POST /api/business/v1/jobs/{jobId}/tracking/position', positionRouteKeys)).toBe('requests');
});
