/** The soak's printed report: figures first, then the violations (each with its records), then latency per route. */
import type { Violation } from './invariants';

export interface SoakResult {
  options: { minutes: number; concurrency: number; seed: number; crashRate: number; onlyPoints: string[]; skipPoints: string[] };
  trafficSeconds: number;
  requests: number;
  /** 5xx answers the clients saw; `injected5xx` of them were logged as an injected crash. */
  client5xx: number;
  injected5xx: number;
  crashesAt: Map<string, number>;
  redriven: { runs: number; steps: number; failed: number; crashed: number; finalSteps: number };
  events: number;
  distinctEvents: number;
  receivers: Record<string, number>;
  items: number;
  counts: Record<string, number>;
  outbox: number;
  deadLetters: Record<string, number>;
  deadLetterSamples: string[];
  warnings: Map<string, number>;
  scenarios: Map<string, number>;
  scenarioFailures: Map<string, number>;
  flowErrors: Map<string, number>;
  routes: { route: string; count: number; p50: number; p99: number; statuses: string }[];
  violations: Violation[];
  byInvariant: Record<string, number>;
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort(([, a], [, b]) => b - a);

export function printReport(out: (line: string) => void, r: SoakResult): void {
  const crashes = [...r.crashesAt.values()].reduce((a, b) => a + b, 0);
  out('');
  out(`=== soak report (seed ${r.options.seed}; reproduce: npm run soak -- --seed ${r.options.seed} --minutes ${r.options.minutes} --concurrency ${r.options.concurrency} --crash-rate ${r.options.crashRate}${r.options.onlyPoints.length ? ` --only-points ${r.options.onlyPoints.join(',')}` : ''}${r.options.skipPoints.length ? ` --skip-points ${r.options.skipPoints.join(',')}` : ''}) ===`);
  out('(concurrency makes runs of one seed differ in detail: the seed fixes the scenario and crash draws, not their interleaving)');
  out(`requests               ${r.requests} in ${r.trafficSeconds.toFixed(0)} s (${(r.requests / r.trafficSeconds).toFixed(1)}/s)`);
  out(`crashes injected       ${crashes}  (${sorted(r.crashesAt).map(([p, n]) => `${p} ${n}`).join(', ')})`);
  out(`5xx answers            ${r.client5xx} seen by clients; ${r.injected5xx} logged as injected crashes; ${r.client5xx - r.injected5xx} otherwise`);
  out(`steps re-driven        ${r.redriven.steps} in ${r.redriven.runs} runs during traffic (${r.redriven.failed} failed, ${r.redriven.crashed} runs cut by a crash) + ${r.redriven.finalSteps} at the end`);
  out(`events                 ${r.events} webhook requests to the good receiver (${r.distinctEvents} distinct ids); all receivers: ${Object.entries(r.receivers).map(([n, c]) => `${n} ${c}`).join(', ')}`);
  out(`outbox                 ${r.outbox} messages; dead letters: ${Object.entries(r.deadLetters).map(([q, n]) => `${q} ${n}`).join(', ')}`);
  for (const sample of r.deadLetterSamples) out(`  dead letter: ${sample}`);
  out(`table                  ${r.items} items (${Object.entries(r.counts).sort(([, a], [, b]) => b - a).slice(0, 12).map(([t, n]) => `${t} ${n}`).join(', ')})`);
  out(`scenarios              ${sorted(r.scenarios).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  if (r.scenarioFailures.size) for (const [what, n] of sorted(r.scenarioFailures)) out(`  scenario threw ×${n}: ${what}`);
  if (r.flowErrors.size) for (const [what, n] of sorted(r.flowErrors)) out(`  flow error ×${n}: ${what}`);
  if (r.warnings.size) out(`warnings logged        ${sorted(r.warnings).slice(0, 8).map(([m, n]) => `"${m}" ×${n}`).join('; ')}`);
  out(`invariant violations   ${r.violations.length}${r.violations.length ? `  (${Object.entries(r.byInvariant).map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`);
  for (const v of r.violations.slice(0, 40)) out(`  ✗ ${v.invariant}: ${v.records.join(' ')}: ${v.detail}`);
  if (r.violations.length > 40) out(`  … and ${r.violations.length - 40} more`);
  out('');
  out('latency per route (ms)');
  out(`  ${'route'.padEnd(62)} ${'count'.padStart(6)} ${'p50'.padStart(7)} ${'p99'.padStart(7)}  statuses`);
  for (const row of r.routes) out(`  ${row.route.padEnd(62)} ${String(row.count).padStart(6)} ${row.p50.toFixed(1).padStart(7)} ${row.p99.toFixed(1).padStart(7)}  ${row.statuses}`);
}
