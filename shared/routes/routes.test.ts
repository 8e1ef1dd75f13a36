/** The route table's own rules: what each auth kind needs, and the business API's conventions. */
import { businessSchemas } from '../contract/business/schemas';
import { type AuthKind, businessApiPrefix, consumers, routeKey, routes, type RouteDef, tableWriteFamilies, type TableWriteFamily } from '.';

const rows: readonly RouteDef[] = routes;

test('names and route keys are unique', () => {
  const names = [...routes, ...consumers].map((r) => r.name);
  expect(new Set(names).size).toBe(names.length);
  expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
});

/** What checking each auth kind writes: the session's renewal, a link's misses, the API key's count. */
const authWrites: Record<Exclude<AuthKind, 'public' | 'signature'>, TableWriteFamily[]> = {
  session: ['sessions'],
  customer: ['sessions', 'rateLimits'],
  visitor: ['sessions', 'rateLimits'],
  link: ['rateLimits'],
  apiKey: ['apiKeys'],
};

test('session, API-key and link routes may write what their auth writes (sessions renew, keys and links are rate-limited)', () => {
  for (const row of rows.filter((r) => r.auth !== 'public' && r.auth !== 'signature')) {
    const table = row.access.table;
    expect({ row: row.name, table }).toEqual({ row: row.name, table: expect.any(String) });
    if (table === 'readwrite' || table === undefined) continue;
    expect({ row: row.name, writes: tableWriteFamilies(table) }).toEqual({ row: row.name, writes: expect.arrayContaining(authWrites[row.auth as keyof typeof authWrites]) });
  }
});

test('no GET writes the table anywhere: a page read gets a read level (infra/stack/least-privilege.test.ts, security rule 90)', () => {
  for (const row of rows.filter((r) => r.method === 'GET')) expect({ row: row.name, table: row.access.table }).not.toEqual({ row: row.name, table: 'readwrite' });
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
