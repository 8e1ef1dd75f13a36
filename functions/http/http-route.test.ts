/**
 * What a handler's spec decides: the auth resolver must be the row's (a mismatch does not load),
 * and its bundle holds the stores and the resolver it names, and no other.
 */
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { esbuildOptionsFor } from '../../infra/stack/bundling';
import { routeByName } from '../../shared/routes';
import type { AuthResolver } from './auth';
import { sessionAuth } from './auth/session';
import { httpRoute } from './http-route';

const root = resolve(__dirname, '../..');

test('a resolver of another auth kind fails to compile, and (cast past the types) to load', () => {
  // @ts-expect-error getPortal's row is public: a session resolver does not fit its spec.
  expect(() => httpRoute(routeByName('getPortal'), { auth: sessionAuth }, async () => ({ status: 200 }))).toThrow(/row's auth is "public".*"session" resolver/);
  expect(() => httpRoute(routeByName('getPortal'), { auth: sessionAuth as unknown as AuthResolver<'public'> }, async () => ({ status: 200 }))).toThrow(/"session" resolver/);
});

test('an idempotent row\'s handler must name the store that keeps its keys', () => {
  // @ts-expect-error postCustomerMessage honours Idempotency-Key: its spec must name `stores.idempotency`.
  const handler = httpRoute(routeByName('postCustomerMessage'), { auth: sessionAuth, stores: {} }, async () => ({ status: 200 }));
  expect(typeof handler.handlerWith).toBe('function');
});

/** The files an entry's bundle holds, built as shipped (esbuild's own account of its inputs). */
async function bundleInputs(entry: string): Promise<string[]> {
  const result = await build({ ...esbuildOptionsFor(join(root, entry), join(root, '.bundle-probe/index.js')), write: false, metafile: true, absWorkingDir: root, logLevel: 'silent' });
  return Object.keys(Object.values(result.metafile.outputs).find((o) => o.entryPoint)!.inputs);
}

/** The project's store and auth-resolver modules an entry's bundle holds. */
async function storesAndResolversIn(entry: string): Promise<{ stores: string[]; resolvers: string[] }> {
  const inputs = await bundleInputs(entry);
  return {
    stores: inputs.filter((f) => /^shared\/[\w-]+\/([\w-]+-)?store\.ts$/.test(f)).map((f) => f.replace(/^shared\//, '')).sort(),
    resolvers: inputs.filter((f) => f.startsWith('functions/http/auth/')).map((f) => f.replace(/^functions\/http\/auth\//, '')).sort(),
  };
}

test.each([
  // No store but the directory, and the public resolver only: no session, link or API-key code.
  ['getPortal', { stores: ['directory/store.ts'], resolvers: ['public.ts'] }],
  // The session resolver brings the auth store; the handler names jobs, job documents, the unread
  // messages it clears, and the directory (a section's route: the gate reads the business).
  ['getJob', { stores: ['auth/store.ts', 'directory/store.ts', 'job-pages/document-store.ts', 'jobs/store.ts', 'messages/unread-store.ts'], resolvers: ['session.ts'] }],
  ['getInvoice', { stores: ['auth/store.ts', 'directory/store.ts', 'invoices/store.ts'], resolvers: ['customer.ts'] }],
  ['getTracking', { stores: ['auth/store.ts', 'directory/store.ts', 'tracking/store.ts'], resolvers: ['link.ts'] }],
] as const)('%s\'s bundle holds only the stores and the auth resolver its handler names', async (name, expected) => {
  expect(await storesAndResolversIn(routeByName(name).entry)).toEqual(expected);
}, 60_000);

test('only the webhook consumer, whose row grants webhookPosts, carries the outbound webhook transport', async () => {
  const transport = ['shared/adapters/http-transport.ts', 'shared/net/connect-guard.ts'];
  expect((await bundleInputs(routeByName('getPortal').entry)).filter((f) => transport.includes(f))).toEqual([]);
  expect((await bundleInputs('functions/queue/deliver-webhook.ts')).filter((f) => transport.includes(f)).sort()).toEqual(transport);
}, 60_000);
