/** The route table's own rules: what each auth kind needs, and the business API's conventions. */
import { businessSchemas } from '../contract/business/schemas';
import { businessApiPrefix, consumers, routeKey, routes, type RouteDef } from '.';

const rows: readonly RouteDef[] = routes;

test('names and route keys are unique', () => {
  const names = [...routes, ...consumers].map((r) => r.name);
  expect(new Set(names).size).toBe(names.length);
  expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
});

test('session, API-key and link routes may write the table (sessions renew, keys and links are rate-limited)', () => {
  for (const row of rows.filter((r) => r.auth !== 'public' && r.auth !== 'signature')) expect({ row: row.name, table: row.access.table }).toEqual({ row: row.name, table: 'readwrite' });
});

test('link and customer routes (which take pay links) can see the client IP they rate-limit guesses by', () => {
  for (const row of rows.filter((r) => r.auth === 'link' || r.auth === 'customer')) expect(row.access.secrets).toContain('originVerify');
});

test('the business API: API-key auth throughout (its OpenAPI document aside), every POST idempotent, every route documented', () => {
  const business = rows.filter((r) => r.path.startsWith(`${businessApiPrefix}/`));
  for (const row of business) {
    if (row.name === 'businessOpenApi') {
      expect(row).toMatchObject({ auth: 'public', method: 'GET' });
      continue;
    }
    expect({ row: row.name, auth: row.auth }).toEqual({ row: row.name, auth: 'apiKey' });
    if (row.method === 'POST') expect({ row: row.name, idempotent: row.idempotent }).toEqual({ row: row.name, idempotent: true });
    expect(row.openApi).toBeDefined();
  }
  expect(rows.filter((r) => r.auth === 'apiKey').every((r) => r.path.startsWith(businessApiPrefix))).toBe(true);
  expect(Object.keys(businessSchemas).sort()).toEqual(business.filter((r) => r.openApi).map((r) => r.name).sort());
});

test('each queue has exactly one consumer', () => {
  const queues = consumers.map((c) => c.queue);
  expect(new Set(queues).size).toBe(queues.length);
  expect([...queues].sort()).toEqual(['notifications', 'payments', 'webhooks']);
});

test('a signature route is Stripe\'s webhook: it can check the signature (payments) and queue the event, nothing more', () => {
  for (const row of rows.filter((r) => r.auth === 'signature')) {
    expect(row).toMatchObject({ method: 'POST', access: { payments: true, queues: ['payments'] } });
    expect(row.access.table).toBeUndefined();
  }
});
