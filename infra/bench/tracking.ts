/**
 * Tracking through the local gateway: `tracking-update` (PUT position; each request a newer fix,
 * so each is a real write) and the page's `GET /api/tracking`, answered 200 and, with the ETag it
 * gave, 304. Each with the DynamoDB calls one request makes.
 */
import type { LocalStack } from '../local/stack';
import type { DynamoCallRecorder } from '../local/dynamo-call-recorder';
import { upsertJob } from '../../shared/jobs/write-job';
import { businessApiPrefix } from '../../shared/routes';
import { demo } from '../local/seed';
import { jobFields, newTrackingLinkToken, startBenchVisit } from './fixtures';
import { measureSeries, sendOnce, type Series, type SeriesResult } from './gateway-latency';

export interface TrackingBench {
  update: SeriesResult;
  updateCalls: string[];
  page: SeriesResult;
  pageCalls: string[];
  notModified: SeriesResult;
  notModifiedCalls: string[];
}

export async function measureTracking(
  stack: LocalStack,
  recorder: DynamoCallRecorder,
  options: { warmup: number; requests: number; keyFor: (i: number) => string },
): Promise<TrackingBench> {
  const acme = stack.demo.acme.business;
  const jobId = 'job_bench_tracking';
  const { jobs, directory } = stack.stores;
  await upsertJob(acme.id, jobId, jobFields(demo.jordan.id, 'TRACK-1', new Date(Date.now() + 3_600_000)), { jobs, directory, clock: stack.source.clock });
  await startBenchVisit(stack, acme.id, jobId);
  const token = await newTrackingLinkToken(stack, acme.id, demo.jordan.id, jobId);

  // Fixes a second apart from half an hour ago: every update is newer than the last, none in the future.
  const t0 = Date.now() - 30 * 60_000;
  const update: Series = {
    label: 'PUT tracking/position',
    request: (i) => ({
      method: 'PUT',
      path: `${businessApiPrefix}/jobs/${jobId}/tracking/position`,
      headers: { authorization: `Bearer ${options.keyFor(i)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lat: 39.75 + (i % 100) / 10_000, lng: -89.67, accuracy: 8, at: new Date(t0 + i * 1000).toISOString() }),
    }),
    expectStatus: [200],
    check: (body) => ((body as { applied?: boolean }).applied ? null : `the fix was not applied: ${JSON.stringify(body)}`),
  };
  const [updateResult] = await measureSeries(stack.url, [update], options);
  const updateCalls = await callsOf(recorder, () => sendOnce(stack.url, update, options.warmup + options.requests + 1));

  const link = { authorization: `Link ${token}` };
  const page: Series = {
    label: 'GET /api/tracking (200)',
    request: () => ({ method: 'GET', path: '/api/tracking', headers: link }),
    expectStatus: [200],
    check: (body) => ((body as { eta?: unknown }).eta ? null : 'no ETA in the answer'),
  };
  const etag = (await fetch(`${stack.url}/api/tracking`, { headers: link })).headers.get('etag')!;
  const notModified: Series = {
    label: 'GET /api/tracking, If-None-Match (304)',
    request: () => ({ method: 'GET', path: '/api/tracking', headers: { ...link, 'if-none-match': etag } }),
    expectStatus: [304],
  };
  const [pageResult, notModifiedResult] = await measureSeries(stack.url, [page, notModified], options);
  return {
    update: updateResult!,
    updateCalls,
    page: pageResult!,
    pageCalls: await callsOf(recorder, () => sendOnce(stack.url, page, 0)),
    notModified: notModifiedResult!,
    notModifiedCalls: await callsOf(recorder, () => sendOnce(stack.url, notModified, 0)),
  };
}

async function callsOf(recorder: DynamoCallRecorder, run: () => Promise<unknown>): Promise<string[]> {
  recorder.take();
  recorder.enabled = true;
  try {
    await run();
  } finally {
    recorder.enabled = false;
  }
  return recorder.take().map((c) => c.operation);
}
