/**
 * The idempotency middleware, run as the route chain runs it: claim before, record after (or on
 * error). The store here is a map with the conditional write's semantics; the real one is
 * exercised against dynalite by the business API and payments integration tests.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Conflict, IdempotencyKeyReused, NotFound } from '../../shared/kernel/errors';
import type { IdempotencyRecord, IdempotencyKey } from '../../shared/business-api/model';
import type { IdempotencyStore } from '../../shared/business-api/port';
import { routeByName } from '../../shared/routes';
import { idempotency } from './idempotency';
import { testEvent } from './middleware-support';
import { routeState } from './route-state';

function memoryStore(): IdempotencyStore & { records: Map<string, IdempotencyRecord> } {
  const records = new Map<string, IdempotencyRecord>();
  const id = (key: IdempotencyKey) => `${key.businessId}|${key.scope}|${key.keyHash}`;
  return {
    records,
    begin: async (key, record, now) => {
      const existing = records.get(id(key));
      if (existing && !(existing.state === 'running' && existing.lockedUntil < now)) return { started: false, existing };
      records.set(id(key), record);
      return { started: true, record };
    },
    finish: async (key, response) => void records.set(id(key), { ...records.get(id(key))!, state: 'done', response }),
    release: async (key) => void records.delete(id(key)),
  } as IdempotencyStore & { records: Map<string, IdempotencyRecord> };
}

/** A chain with only what idempotency needs before it: a caller (as the auth middleware leaves it). */
function chain(store: IdempotencyStore, run: (event: APIGatewayProxyEventV2) => Promise<unknown>) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .before((request) => {
      routeState(request.event).caller = { businessId: 'biz_1', customerId: 'cus_1' };
    })
    .use(idempotency(routeByName('postCustomerMessage'), () => ({ idempotency: store, clock: { now: () => new Date('2026-11-21T10:00:00Z') } })))
    .handler(async (event) => {
      const state = routeState(event);
      return (state.replayed ?? (await run(event))) as APIGatewayProxyStructuredResultV2;
    });
}

const post = (key: string | undefined, jobId = 'job_1') => testEvent({ method: 'POST', headers: key === undefined ? {} : { 'idempotency-key': key }, path: { jobId } });
const context = {} as never;

test('the same key and request: the first answer again, marked replayed, without running twice', async () => {
  const store = memoryStore();
  let runs = 0;
  const handler = chain(store, async (event) => ({ status: 201, body: { n: ++runs, seed: routeState(event).attempt?.seed } }));
  const first = await handler(post('k-1'), context);
  const again = await handler(post('k-1'), context);
  expect(first).toEqual({ status: 201, body: { n: 1, seed: 'customer:cus_1\nk-1' } });
  expect(again).toEqual({ status: 201, body: { n: 1, seed: 'customer:cus_1\nk-1' }, headers: { 'idempotent-replayed': 'true' } });
  expect(runs).toBe(1);
});

test('no key: the handler runs each time and nothing is stored', async () => {
  const store = memoryStore();
  let runs = 0;
  const handler = chain(store, async () => ({ status: 200, body: { n: ++runs } }));
  await handler(post(undefined), context);
  await handler(post(undefined), context);
  expect(runs).toBe(2);
  expect(store.records.size).toBe(0);
});

test('the same key on other parameters: 422; a malformed key: 400', async () => {
  const handler = chain(memoryStore(), async () => ({ status: 200 }));
  await handler(post('k-2', 'job_1'), context);
  await expect(handler(post('k-2', 'job_2'), context)).rejects.toBeInstanceOf(IdempotencyKeyReused);
  await expect(handler(post('bad key with spaces'), context)).rejects.toMatchObject({ errors: [{ field: 'header.idempotency-key' }] });
});

test('a refusal is kept and replayed; a crash gives the key back for the retry', async () => {
  const store = memoryStore();
  const refusing = chain(store, async () => {
    throw new NotFound('No such job.');
  });
  await expect(refusing(post('k-3'), context)).rejects.toBeInstanceOf(NotFound);
  const replay = chain(store, async () => ({ status: 200 }));
  expect(await replay(post('k-3'), context)).toMatchObject({ status: 404, headers: { 'idempotent-replayed': 'true', 'content-type': 'application/problem+json' } });

  const crashing = chain(store, async () => {
    throw new Error('lost the connection');
  });
  await expect(crashing(post('k-4'), context)).rejects.toThrow('lost the connection');
  expect(await replay(post('k-4'), context)).toEqual({ status: 200 });
});

test('while the first request still runs, a repeat is a 409', async () => {
  const store = memoryStore();
  let finish!: () => void;
  const slow = chain(store, () => new Promise((resolve) => (finish = () => resolve({ status: 200 }))));
  const first = slow(post('k-5'), context);
  await new Promise((resolve) => setImmediate(resolve));
  await expect(chain(store, async () => ({ status: 200 }))(post('k-5'), context)).rejects.toBeInstanceOf(Conflict);
  finish();
  await first;
});
