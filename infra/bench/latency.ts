/**
 * GET /api/jobs latency through the local gateway for a customer with few and with many jobs,
 * beside the raw dynalite Query the endpoint wraps (the very input the handler built, replayed
 * on a plain DocumentClient).
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import type { Charge, Payment } from '../../shared/api/contract';
import { createDocumentClient } from '../../shared/data/document-client';
import { DynamoJobStore } from '../../shared/data/job-store';
import type { Customer, JobRecord } from '../../shared/domain/model';
import type { LocalStack } from '../local/stack';
import { demo } from '../local/seed';
import { sessionClient } from './dynamo-calls';
import type { DynamoCallRecorder } from '../local/dynamo-call-recorder';
import { percentile } from './report';

const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;

export interface SeededCustomer {
  customer: Customer;
  jobs: number;
  pastJobs: number;
  seedMs: number;
}

/**
 * A customer of Acme with `count` jobs, alternating past and upcoming, spread from about `count`
 * half-days back to as far ahead. The items are the ones `putJob` writes (job item plus list
 * summary), collected from it and then written with BatchWrite, 25 items a call, a few calls
 * in parallel.
 */
export async function seedCustomer(stack: LocalStack, customerId: string, count: number, now: Date): Promise<SeededCustomer> {
  const started = performance.now();
  const customer: Customer = { businessId: demo.acme.id, id: customerId, name: `Bench customer ${count}`, email: `${customerId}@bench.example`, phone: null };
  await stack.stores.directory.putCustomer(customer);

  const items: Record<string, unknown>[] = [];
  const collector = {
    send: async (command: { input: { RequestItems?: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> } }) => {
      for (const requests of Object.values(command.input.RequestItems ?? {})) items.push(...requests.map((r) => r.PutRequest.Item));
      return {};
    },
  };
  const itemsOf = new DynamoJobStore(collector as unknown as DynamoDBDocumentClient, stack.dynamo.tableName);

  let pastJobs = 0;
  for (let i = 0; i < count; i++) {
    const past = i % 2 === 0;
    if (past) pastJobs++;
    const offset = (Math.floor(i / 2) + 1) * day;
    const start = now.getTime() + (past ? -offset : offset) + (i % 7) * hour;
    const iso = (ms: number) => new Date(ms).toISOString();
    const id = `job_bench_${customerId}_${String(i).padStart(5, '0')}`;
    const job: JobRecord = {
      businessId: customer.businessId,
      customerId,
      id,
      number: `B-${i + 1}`,
      title: past ? 'Annual furnace tune-up' : 'Boiler safety inspection',
      status: past ? 'completed' : 'scheduled',
      scheduledStart: iso(start),
      scheduledEnd: iso(start + 4 * hour),
      arrivalWindow: { start: iso(start), end: iso(start + 2 * hour) },
      scopeOfWork: 'Yearly maintenance: clean burners, check the heat exchanger, replace the filter.',
      address: { line1: '1234 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
      contact: { name: customer.name, phone: null, email: customer.email },
      technician: { name: 'Maria Lopez' },
      currency: 'USD',
      tax: { amount: 192, currency: 'USD' },
    };
    const charges: Charge[] = [{ id: `${id}_ch1`, description: 'Furnace tune-up', quantity: 1, unitPrice: { amount: 14900, currency: 'USD' }, total: { amount: 14900, currency: 'USD' } }];
    const payments: Payment[] = past ? [{ id: `${id}_pay1`, paidAt: iso(start + 5 * hour), method: 'Card •••• 4242', amount: { amount: 15092, currency: 'USD' } }] : [];
    await itemsOf.putJob(job, { charges, payments, notes: [], attachments: [], messages: [] });
  }

  const parallel = 4;
  const perGroup = Math.ceil(items.length / parallel / 25) * 25;
  const groups = Array.from({ length: parallel }, (_, g) => items.slice(g * perGroup, (g + 1) * perGroup)).filter((g) => g.length > 0);
  await Promise.all(groups.map((group) => stack.stores.jobs.batchPut(group)));
  return { customer, jobs: count, pastJobs, seedMs: performance.now() - started };
}

export interface Timing {
  p50: number;
  p99: number;
  mean: number;
  samples: number;
}

/** One series: a customer and the path asked for. */
export interface LatencyCase {
  label: string;
  seeded: SeededCustomer;
  path: string;
}

export interface CustomerLatency {
  label: string;
  path: string;
  customerId: string;
  jobs: number;
  pastJobs: number;
  itemsPerPage: number;
  seedMs: number;
  /** The Query the handler sent, as recorded. */
  query: QueryCommandInput;
  gateway: Timing;
  rawQuery: Timing;
}

const timing = (samples: number[]): Timing => ({
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
  mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  samples: samples.length,
});

/**
 * For each case: a session made in the store, `warmup` requests, then `requests` sequential
 * GETs through the gateway (Node's fetch, keep-alive), then as many raw Queries. Cases
 * alternate request by request (ABBA order) so machine noise lands on all of them.
 */
export async function measureJobsLatency(
  stack: LocalStack,
  recorder: DynamoCallRecorder,
  cases: LatencyCase[],
  options: { warmup: number; requests: number },
): Promise<CustomerLatency[]> {
  const states = await Promise.all(
    cases.map(async (c) => {
      const client = await sessionClient(stack, c.seeded.customer.businessId, c.seeded.customer.id);
      const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      return { ...c, cookie, gateway: [] as number[], raw: [] as number[], query: undefined as QueryCommandInput | undefined, items: 0 };
    }),
  );

  const callGateway = async (state: (typeof states)[number]): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(stack.url + state.path, { headers: { cookie: state.cookie } });
    const text = await res.text();
    const elapsed = performance.now() - t0;
    if (res.status !== 200) throw new Error(`GET ${state.path} answered ${res.status}: ${text}`);
    state.items = (JSON.parse(text) as { items: unknown[] }).items.length;
    return elapsed;
  };

  // Warm-up; the first request of each customer also shows which Query the handler sends.
  for (const state of states) {
    recorder.take();
    recorder.enabled = true;
    await callGateway(state);
    recorder.enabled = false;
    const queries = recorder
      .take()
      .filter((call) => call.operation === 'Query')
      .map((call) => call.input as QueryCommandInput);
    if (queries.length !== 1) throw new Error(`GET ${state.path} sent ${queries.length} Queries; expected one`);
    state.query = queries[0];
  }
  for (let i = 0; i < options.warmup; i++) for (const state of states) await callGateway(state);

  const order = (round: number) => (round % 2 === 0 ? states : [...states].reverse());
  for (let round = 0; round < options.requests; round++) {
    for (const state of order(round)) state.gateway.push(await callGateway(state));
  }

  const plain = createDocumentClient(stack.dynamo.clientConfig);
  try {
    const callRaw = async (state: (typeof states)[number]): Promise<number> => {
      const t0 = performance.now();
      const out = await plain.send(new QueryCommand(state.query!));
      const elapsed = performance.now() - t0;
      if ((out.Items?.length ?? 0) < state.items) throw new Error('The replayed Query returned fewer items than the endpoint');
      return elapsed;
    };
    for (let i = 0; i < options.warmup; i++) for (const state of states) await callRaw(state);
    for (let round = 0; round < options.requests; round++) {
      for (const state of order(round)) state.raw.push(await callRaw(state));
    }
  } finally {
    plain.destroy();
  }

  return states.map((s) => ({
    label: s.label,
    path: s.path,
    customerId: s.seeded.customer.id,
    jobs: s.seeded.jobs,
    pastJobs: s.seeded.pastJobs,
    itemsPerPage: s.items,
    seedMs: s.seeded.seedMs,
    query: s.query!,
    gateway: timing(s.gateway),
    rawQuery: timing(s.raw),
  }));
}
