/**
 * Latency through the local gateway (handlers from source in this process, dynalite on loopback):
 * series of sequential requests, interleaved ABBA so machine noise lands on every series alike,
 * each answer checked (status, and the page size where a comparison depends on it).
 */
import { performance } from 'node:perf_hooks';
import { percentile } from './report';

export interface Timing {
  p50: number;
  p99: number;
  mean: number;
  samples: number;
}

export const timing = (samples: number[]): Timing => ({
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
  mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  samples: samples.length,
});

export interface SeriesRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Series {
  label: string;
  /** The i-th request of the series, from 0 (a write may change from one request to the next). */
  request(i: number): SeriesRequest;
  expectStatus: number[];
  /** Checks a parsed answer; returns what is wrong, or null. */
  check?(body: unknown): string | null;
}

export interface SeriesResult {
  label: string;
  /** The first timed request, for the report. */
  example: string;
  timing: Timing;
  /** What the last answer's check saw (e.g. the page size). */
  lastBody: unknown;
}

async function send(baseUrl: string, series: Series, i: number): Promise<{ ms: number; body: unknown }> {
  const r = series.request(i);
  const t0 = performance.now();
  const res = await fetch(baseUrl + r.path, { method: r.method, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!series.expectStatus.includes(res.status)) throw new Error(`${series.label}: ${r.method} ${r.path} answered ${res.status}: ${text.slice(0, 500)}`);
  const body: unknown = text ? JSON.parse(text) : undefined;
  const problem = series.check?.(body);
  if (problem) throw new Error(`${series.label}: ${r.method} ${r.path}: ${problem}`);
  return { ms, body };
}

/** `warmup` untimed rounds, then `requests` timed ones; round r visits the series forwards when r is even, backwards when odd. */
export async function measureSeries(baseUrl: string, all: Series[], options: { warmup: number; requests: number }): Promise<SeriesResult[]> {
  const samples = all.map(() => [] as number[]);
  const last: unknown[] = all.map(() => undefined);
  for (let round = 0; round < options.warmup + options.requests; round++) {
    const order = all.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const { ms, body } = await send(baseUrl, all[i]!, round);
      last[i] = body;
      if (round >= options.warmup) samples[i]!.push(ms);
    }
  }
  return all.map((s, i) => {
    const first = s.request(0);
    return { label: s.label, example: `${first.method} ${first.path}`, timing: timing(samples[i]!), lastBody: last[i] };
  });
}

/** One request, for recording the DynamoDB calls it makes. */
export async function sendOnce(baseUrl: string, series: Series, i: number): Promise<unknown> {
  return (await send(baseUrl, series, i)).body;
}
