/**
 * A function gets exactly the adapters its route row grants: reaching for another fails to
 * compile (the @ts-expect-error lines below stop compiling if it ever would), and at run time it
 * throws the moment it is touched, locally as on AWS — so the integration tests, which run every
 * handler, fail on an undeclared use instead of a deploy finding it.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { routeByName, type FunctionAccess } from '../../shared/routes';
import { lambdaContext } from '../../infra/local/lambda-context';
import { grantedDeps, grantedMembers, UngrantedAdapter, type AdapterSource, type DepsFor } from './deps';
import type { TableClient } from './stores';
import { publicAuth } from '../http/auth/public';
import { httpRoute } from '../http/http-route';

function fakeSource(): AdapterSource & { built: string[] } {
  const built: string[] = [];
  const track = <T>(name: string, value: T) => {
    built.push(name);
    return value;
  };
  return {
    built,
    config: { stage: 'test', portalOrigin: 'https://portal.example', clientIpHeader: null, mapTiles: null, paymentMessaging: null, allowLoopbackWebhooks: false },
    clock: { now: () => new Date() },
    random: { bytes: (n) => Buffer.alloc(n) },
    http: { post: async () => ({ status: 200 }) },
    get table() {
      return track('table', { doc: {}, tableName: 'probe' } as TableClient);
    },
    get files() {
      return track('files', {} as AdapterSource['files']);
    },
    queue: (name) => track(`queue:${name}`, { send: async () => undefined }),
    get notifier() {
      return track('notifier', { send: async () => undefined });
    },
    get secrets() {
      return track('secrets', { originVerify: async () => [], stripe: async () => ({ secretKey: '', webhookSecret: '' }) });
    },
    get payments() {
      return track('payments', {} as AdapterSource['payments']);
    },
  };
}

test.each<[string, FunctionAccess, string[]]>([
  ['nothing', {}, []],
  ['the table', { table: 'read' }, ['stores']],
  ['table, files, one queue', { table: 'readwrite', files: 'read', queues: ['webhooks'] }, ['stores', 'files', 'queues']],
  ['email', { sendEmail: true }, ['notifier']],
  ['Stripe', { payments: true }, ['payments']],
  ['a secret', { secrets: ['originVerify'] }, ['secrets']],
])('grants %s: exactly those members', (_name, access, members) => {
  expect(grantedMembers(access)).toEqual(members);
  const deps = grantedDeps(access, fakeSource(), 'probe') as unknown as Record<string, unknown>;
  for (const member of ['stores', 'files', 'queues', 'notifier', 'secrets']) {
    if (members.includes(member)) expect(() => deps[member]).not.toThrow();
    else expect(() => deps[member]).toThrow(UngrantedAdapter);
  }
});

test('a granted queue works; another queue on the same function throws', () => {
  const deps = grantedDeps({ queues: ['webhooks'] }, fakeSource(), 'probe') as unknown as { queues: Record<string, unknown> };
  expect(deps.queues.webhooks).toBeDefined();
  expect(() => deps.queues.notifications).toThrow(/does not grant/);
});

test('adapters are built on first use only, once', () => {
  const source = fakeSource();
  const deps = grantedDeps({ table: 'read', files: 'read' }, source, 'probe') as DepsFor<{ table: 'read'; files: 'read' }>;
  expect(source.built).toEqual([]);
  void deps.files;
  void deps.files;
  expect(source.built).toEqual(['files']);
});

class ProbeStore {
  constructor(
    readonly doc: unknown,
    readonly tableName: string,
  ) {}
}

test('deps.stores holds exactly the stores the handler names, each built over the table on first use, once', () => {
  const source = fakeSource();
  const deps = grantedDeps({ table: 'read' } as const, source, 'probe', { jobs: ProbeStore, count: (_doc: unknown, tableName: string) => tableName.length });
  expect(source.built).toEqual([]);
  expect(deps.stores.jobs).toBeInstanceOf(ProbeStore);
  expect(deps.stores.jobs).toBe(deps.stores.jobs);
  expect(deps.stores.jobs.tableName).toBe('probe');
  expect(deps.stores.count).toBe(5);
  expect(source.built).toEqual(['table']);
  // @ts-expect-error a store the handler does not name is not there.
  expect(deps.stores.invoices).toBeUndefined();
});

test('a row without the table has no stores, whatever the handler names', () => {
  const deps = grantedDeps({} as const, fakeSource(), 'probe', { jobs: ProbeStore });
  expect(() => (deps as unknown as { stores: unknown }).stores).toThrow(UngrantedAdapter);
  expect(() => deps.storeOf(ProbeStore)).toThrow(UngrantedAdapter);
});

test('types follow the row: ungranted members do not exist on a handler\'s deps', () => {
  const deps = grantedDeps({ table: 'read' } as const, fakeSource(), 'probe');
  void deps.stores;
  // @ts-expect-error getPortal's row grants no files: this line must not compile.
  expect(() => deps.files).toThrow(UngrantedAdapter);
  // @ts-expect-error nor a queue.
  expect(() => deps.queues).toThrow(UngrantedAdapter);
});

test('a handler that reaches past its row fails its request (500), and says why in the log', async () => {
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
  try {
    // health's row grants nothing; this handler (cast past the types) reaches for the table.
    const handler = httpRoute(routeByName('health'), { auth: publicAuth }, async ({ deps }) => {
      (deps as unknown as { stores: unknown }).stores;
      return { status: 200 };
    }).handlerWith(fakeSource());
    const event = { headers: {}, requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' }, requestId: 'r' }, routeKey: 'GET /api/health' } as unknown as APIGatewayProxyEventV2;
    const result = await handler(event, lambdaContext('health'));
    expect(result.statusCode).toBe(500);
    expect(logged.join('\n')).toMatch(/UngrantedAdapter/);
  } finally {
    spy.mockRestore();
  }
});
