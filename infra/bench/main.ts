/**
 * `npm run bench`: the portal's performance numbers in one run, each beside what it should be
 * compared with, and the three budgets.
 *
 *   1. Function bundles (built with the stack's own esbuild options): size, and module load time
 *      in fresh Node processes, beside an empty handler and a bare DocumentClient bundle.
 *      Budget: every bundle loads within 1.15× the DocumentClient baseline.
 *   2. DynamoDB calls one request to each endpoint makes (local stack, demo data).
 *   3. GET /api/jobs p50/p99 through the local gateway, and the raw dynalite Query it wraps, for
 *      a customer with 10 jobs and one with 10,000. Budget: latency at 10,000 ≤ 1.2× at 10.
 *   4. The portal's first-load JS, gzip. Budget: ≤ 35 KB.
 *
 * A budget miss is printed loudly but the exit code stays 0: this measures, the tests judge.
 * Results are also written to .bench/results.json.
 */
import { cpus } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalStack } from '../local/stack';
import {
  buildBundles,
  bundleTargets,
  composition,
  extraOverBaseline,
  documentClientBaseline,
  emptyBaseline,
  loadModes,
  measureLoadTimes,
  type BuiltBundle,
  type LoadResults,
} from './bundles';
import { installRecorder, measureDynamoCalls, type EndpointCalls } from './dynamo-calls';
import { measureFirstLoadJs, type FirstLoadJs } from './first-load';
import { measureJobsLatency, seedCustomer, type CustomerLatency } from './latency';
import { kb, ms, out, ratio, section, table, verdict } from './report';

const projectRoot = resolve(__dirname, '../..');
const benchDir = join(projectRoot, '.bench');

const budgets = {
  /** Each function bundle's median load time ≤ this × the DocumentClient baseline's. */
  bundleLoadVsDocumentClient: 1.15,
  /** GET /api/jobs p50 and p99 at 10,000 jobs ≤ this × at 10 jobs. */
  jobsListManyVsFew: 1.2,
  firstLoadJsGzipBytes: 35 * 1024,
};

const settings = {
  loadRuns: 15,
  latencyWarmup: 50,
  latencyRequests: 400,
  fewJobs: 10,
  manyJobs: 10_000,
  jobsPath: '/api/jobs?when=past',
};

/** The load mode the budget is judged on: how the functions really start (the stack's NODE_OPTIONS). */
const budgetMode = loadModes[0]!;

async function main(): Promise<void> {
  const started = performance.now();
  rmSync(join(benchDir, 'bundles'), { recursive: true, force: true });
  mkdirSync(benchDir, { recursive: true });

  // Measured first: frontend/dist was just built by `npm run bench`, and other builds replace it.
  const firstLoad = await measureFirstLoadJsWithRetry(join(projectRoot, 'frontend/dist'));

  out('Portal benchmark');
  out(`  ${new Date().toISOString()}  node ${process.version}  ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'})`);

  // ---------- 1. Function bundles ----------
  out(section('1. Function bundles: size and module load time'));
  const bundles = await buildBundles(bundleTargets(projectRoot, benchDir), join(benchDir, 'bundles'));
  out(`  Built ${bundles.length} bundles with esbuildOptionsFor() (infra/stack/bundling.ts) into .bench/bundles/.`);
  out(`  Load time = require() of the bundle, timed with process.hrtime inside a fresh \`node -e\` process;`);
  out(`  ${settings.loadRuns} runs per bundle and mode (after one discarded warm-up round), all bundles shuffled every round.`);
  out(`  Modes: "${loadModes.map((m) => m.name).join('" and "')}". The budget is judged on "${budgetMode.name}",`);
  out(`  the NODE_OPTIONS the stack gives every function. The functions create their DocumentClient lazily`);
  out(`  on the first request, so their require() does NOT include constructing it; the DocumentClient`);
  out(`  baseline's require() does (module scope). Local Node is ${process.version}; Lambda runs nodejs22.x.`);
  const loadStarted = performance.now();
  const loads = measureLoadTimes(bundles, settings.loadRuns);
  out(`  (load timing took ${((performance.now() - loadStarted) / 1000).toFixed(0)} s)`);
  out();
  const bundleRows = bundleReport(bundles, loads);
  out(
    table(
      ['bundle', 'raw', 'gzip', ...loadModes.flatMap((m) => [`${shortMode(m.name)} p50`, 'p90', '× DocClient']), 'budget'],
      bundleRows.map((r) => [
        r.name,
        kb(r.bytes),
        kb(r.gzipBytes),
        ...loadModes.flatMap((m) => [ms(r.load[m.name]!.median), ms(r.load[m.name]!.p90), ratio(r.load[m.name]!.vsDocumentClient)]),
        r.kind === 'baseline' ? '(baseline)' : verdict(r.pass!),
      ]),
      ['left', 'right', 'right', ...loadModes.flatMap(() => ['right', 'right', 'right'] as const), 'left'],
    ),
  );
  out(`  Budget: median load (${shortMode(budgetMode.name)}) ≤ ${budgets.bundleLoadVsDocumentClient}× the DocumentClient baseline's.`);

  const failing = bundleRows.filter((r) => r.kind !== 'baseline' && !r.pass);
  const baselineRow = bundleRows.find((r) => r.name === documentClientBaseline)!;
  if (failing.length > 0) {
    out();
    out('  What the over-budget bundles add to the DocumentClient baseline (esbuild metafile: bytes in the');
    out('  minified output, by npm package or project folder; largest addition first):');
    for (const row of failing) {
      const parts = extraOverBaseline(row.bundle, baselineRow.bundle, projectRoot);
      const added = parts.reduce((sum, p) => sum + p.extra, 0);
      out();
      out(`  ${row.name}: load ${ratio(row.load[budgetMode.name]!.vsDocumentClient)} the baseline, ${kb(row.bytes)} (${kb(added)} more than the baseline)`);
      out(
        table(
          ['source', 'in bundle', 'in baseline', 'added'],
          parts.slice(0, 8).map((p) => [p.source, kb(p.bytes), kb(p.baselineBytes), kb(p.extra)]),
          ['left', 'right', 'right', 'right'],
        ),
      );
    }
  }

  // ---------- 2 and 3: the local stack ----------
  const logLines: string[] = [];
  const restoreConsole = muteConsole(logLines);
  let calls: EndpointCalls[];
  let latency: CustomerLatency[];
  let seedNote: string;
  try {
    const stack = await startLocalStack({ port: 0, memory: true, seed: true, print: (line) => logLines.push(line) });
    try {
      const recorder = installRecorder(stack);
      calls = await measureDynamoCalls(stack, recorder);

      const now = stack.runtime.clock.now();
      const seedStarted = performance.now();
      const few = await seedCustomer(stack, 'cus_bench_few', settings.fewJobs, now);
      const many = await seedCustomer(stack, 'cus_bench_many', settings.manyJobs, now);
      seedNote = `seeded ${few.jobs} + ${many.jobs.toLocaleString('en-US')} jobs (job item + list summary each) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`;
      latency = await measureJobsLatency(
        stack,
        recorder,
        [
          { label: `${few.jobs} jobs`, seeded: few, path: settings.jobsPath },
          { label: `${many.jobs.toLocaleString('en-US')} jobs`, seeded: many, path: settings.jobsPath },
          // Reference only: the same page size as the small customer's, to tell page size from partition size.
          { label: `${many.jobs.toLocaleString('en-US')} jobs, limit=${few.pastJobs}`, seeded: many, path: `${settings.jobsPath}&limit=${few.pastJobs}` },
        ],
        { warmup: settings.latencyWarmup, requests: settings.latencyRequests },
      );
    } finally {
      await stack.stop();
    }
  } finally {
    restoreConsole();
  }

  out(section('2. DynamoDB calls per endpoint (one request each, local stack, demo data)'));
  out('  Recorded with a middleware on the stack\'s DocumentClient. Signed-in requests are sent once');
  out('  beforehand, so the session\'s idle-timer renewal (at most one write a minute) is not counted.');
  out();
  out(
    table(
      ['function', 'endpoint', 'request', 'status', 'calls', 'DynamoDB operations, in order'],
      calls.map((c) => [c.name, c.endpoint, c.request, c.status === null ? '-' : String(c.status), String(c.calls.length), c.calls.join(', ') || '(none)']),
      ['left', 'left', 'left', 'right', 'right', 'left'],
    ),
  );
  const scansOrTransactions = calls.flatMap((c) => c.calls).filter((c) => /Scan|Transact/.test(c));
  out(`  Scans or transactions: ${scansOrTransactions.length === 0 ? 'none' : scansOrTransactions.join(', ')}`);

  out(section(`3. GET ${settings.jobsPath} latency: ${settings.fewJobs} vs ${settings.manyJobs.toLocaleString('en-US')} jobs`));
  out(`  ${seedNote}, half of them past. Per customer: a session made in the store,`);
  out(`  ${settings.latencyWarmup} warm-up requests, then ${settings.latencyRequests} sequential requests through the local gateway`);
  out(`  (fetch, keep-alive; the series alternate ABBA; time to the full body). Then the Query the handler`);
  out(`  sent, as recorded, replayed ${settings.latencyRequests} times on a plain DocumentClient against the same dynalite.`);
  out(`  Everything runs in this one process (gateway, handlers from source via tsx, dynalite). p99 = nearest rank.`);
  const q = latency[0]!.query;
  out(`  The Query: ${q.KeyConditionExpression}, ScanIndexForward=${String(q.ScanIndexForward)} (one page, one Query).`);
  out();
  out(
    table(
      ['series', 'request', 'past jobs', 'Query Limit', 'items/page', 'gateway p50', 'p99', 'mean', 'raw Query p50', 'p99', 'gateway − raw (p50)'],
      latency.map((l) => [
        l.label,
        `GET ${l.path}`,
        l.pastJobs.toLocaleString('en-US'),
        String(l.query.Limit),
        String(l.itemsPerPage),
        ms(l.gateway.p50, 2),
        ms(l.gateway.p99, 2),
        ms(l.gateway.mean, 2),
        ms(l.rawQuery.p50, 2),
        ms(l.rawQuery.p99, 2),
        ms(l.gateway.p50 - l.rawQuery.p50, 2),
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  const [few, many, manySamePage] = latency as [CustomerLatency, CustomerLatency, CustomerLatency];
  const latencyRatios = {
    p50: many.gateway.p50 / few.gateway.p50,
    p99: many.gateway.p99 / few.gateway.p99,
    rawP50: many.rawQuery.p50 / few.rawQuery.p50,
    rawP99: many.rawQuery.p99 / few.rawQuery.p99,
    samePageP50: manySamePage.gateway.p50 / few.gateway.p50,
    samePageP99: manySamePage.gateway.p99 / few.gateway.p99,
  };
  const latencyPass = { p50: latencyRatios.p50 <= budgets.jobsListManyVsFew, p99: latencyRatios.p99 <= budgets.jobsListManyVsFew };
  out();
  const manyLabel = settings.manyJobs.toLocaleString('en-US');
  out(
    table(
      ['comparison', 'p50', 'p99', 'verdict'],
      [
        [`gateway, ${manyLabel} ÷ ${settings.fewJobs} jobs`, ratio(latencyRatios.p50), ratio(latencyRatios.p99), latencyPass.p50 && latencyPass.p99 ? 'PASS' : `FAIL  <<<<<<<<<< (${[!latencyPass.p50 && 'p50', !latencyPass.p99 && 'p99'].filter(Boolean).join(' and ')} over)`],
        [`raw Query, ${manyLabel} ÷ ${settings.fewJobs} jobs`, ratio(latencyRatios.rawP50), ratio(latencyRatios.rawP99), '(reference)'],
        [`gateway, ${manyLabel} jobs at limit=${few.pastJobs} ÷ ${settings.fewJobs} jobs`, ratio(latencyRatios.samePageP50), ratio(latencyRatios.samePageP99), `(reference: both ${few.itemsPerPage}-item pages)`],
      ],
      ['left', 'right', 'right', 'left'],
    ),
  );
  out(`  Budget: gateway p50 and p99 at ${settings.manyJobs.toLocaleString('en-US')} jobs ≤ ${budgets.jobsListManyVsFew}× at ${settings.fewJobs} (default page: ${few.itemsPerPage} vs ${many.itemsPerPage} items).`);
  const errorLogs = logLines.filter((line) => /"level":"error"/.test(line));
  out(`  Handler log lines while the stack ran: ${logLines.length} (muted), of which errors: ${errorLogs.length}`);
  for (const line of errorLogs.slice(0, 5)) out(`    ${line.slice(0, 300)}`);

  // ---------- 4. First-load JS ----------
  out(section('4. Portal first-load JavaScript'));
  out('  Files listed as firstLoadJs in frontend/dist/build-manifest.json, gzip level 9.');
  out();
  out(
    table(
      ['file', 'raw', 'gzip'],
      [...firstLoad.files.map((f) => [f.file, kb(f.bytes), kb(f.gzipBytes)]), ['total', kb(firstLoad.bytes), kb(firstLoad.gzipBytes)]],
      ['left', 'right', 'right'],
    ),
  );
  const firstLoadPass = firstLoad.gzipBytes <= budgets.firstLoadJsGzipBytes;
  out(`  Budget: ≤ ${kb(budgets.firstLoadJsGzipBytes)} gzip (${budgets.firstLoadJsGzipBytes} bytes): ${firstLoad.gzipBytes} bytes, ${((firstLoad.gzipBytes / budgets.firstLoadJsGzipBytes) * 100).toFixed(0)} % of it.`);

  // ---------- Summary ----------
  const functionRows = bundleRows.filter((r) => r.kind !== 'baseline');
  const slowest = functionRows.reduce((a, b) => (b.load[budgetMode.name]!.vsDocumentClient > a.load[budgetMode.name]!.vsDocumentClient ? b : a));
  const bundlesPass = failing.length === 0;
  const summary: [string, boolean, string][] = [
    [
      `Bundle load ≤ ${budgets.bundleLoadVsDocumentClient}× DocumentClient baseline`,
      bundlesPass,
      bundlesPass
        ? `all ${functionRows.length} pass; slowest ${slowest.name} at ${ratio(slowest.load[budgetMode.name]!.vsDocumentClient)}`
        : `${failing.length} of ${functionRows.length} over: ${failing.map((r) => `${r.name} ${ratio(r.load[budgetMode.name]!.vsDocumentClient)}`).join(', ')}`,
    ],
    [
      `GET /api/jobs at ${settings.manyJobs.toLocaleString('en-US')} jobs ≤ ${budgets.jobsListManyVsFew}× at ${settings.fewJobs}`,
      latencyPass.p50 && latencyPass.p99,
      `p50 ${ratio(latencyRatios.p50)}, p99 ${ratio(latencyRatios.p99)}`,
    ],
    [`First-load JS ≤ ${kb(budgets.firstLoadJsGzipBytes)} gzip`, firstLoadPass, `${kb(firstLoad.gzipBytes)} gzip`],
  ];
  out(section('Summary: budgets'));
  out(table(['budget', 'result', 'measured'], summary.map(([name, pass, detail]) => [name, pass ? 'PASS' : 'FAIL', detail])));
  const failed = summary.filter(([, pass]) => !pass);
  out();
  if (failed.length > 0) {
    out('  ' + '!'.repeat(72));
    out(`  !!  BUDGET FAILED: ${failed.map(([name]) => name).join('; ')}`);
    out('  ' + '!'.repeat(72));
  } else {
    out('  All budgets pass.');
  }

  const results = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    settings,
    budgets,
    bundles: {
      method: `require() in a fresh node -e process, ${settings.loadRuns} runs after a warm-up round; budget judged on mode "${budgetMode.name}"`,
      budgetMode: budgetMode.name,
      items: bundleRows.map((r) => ({
        name: r.name,
        kind: r.kind,
        entry: r.bundle.entry,
        bytes: r.bytes,
        gzipBytes: r.gzipBytes,
        load: r.load,
        pass: r.kind === 'baseline' ? null : r.pass,
        composition: composition(r.bundle, projectRoot).slice(0, 10),
      })),
    },
    dynamoCalls: calls,
    jobsListLatency: { path: settings.jobsPath, customers: latency, ratios: latencyRatios, pass: latencyPass },
    firstLoadJs: { ...firstLoad, pass: firstLoadPass },
    summary: summary.map(([name, pass, detail]) => ({ budget: name, pass, detail })),
    durationSeconds: (performance.now() - started) / 1000,
  };
  writeFileSync(join(benchDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  out();
  out(`  Results written to .bench/results.json. Took ${results.durationSeconds.toFixed(0)} s.`);
}

/** The manifest names hashed files; if another build is replacing frontend/dist right now, try again. */
async function measureFirstLoadJsWithRetry(distDir: string): Promise<FirstLoadJs> {
  for (let attempt = 1; ; attempt++) {
    try {
      return measureFirstLoadJs(distDir);
    } catch (error) {
      if (attempt >= 10 || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function shortMode(name: string): string {
  return name.startsWith('as deployed') ? 'deployed' : 'plain';
}

interface BundleRow {
  name: string;
  kind: BuiltBundle['kind'];
  bundle: BuiltBundle;
  bytes: number;
  gzipBytes: number;
  load: Record<string, { median: number; p90: number; vsDocumentClient: number; samples: number[] }>;
  pass: boolean | null;
}

function bundleReport(bundles: BuiltBundle[], loads: LoadResults): BundleRow[] {
  const baseline = loads[documentClientBaseline]!;
  const rows = bundles.map((bundle): BundleRow => {
    const load = Object.fromEntries(
      loadModes.map((m) => {
        const stats = loads[bundle.name]![m.name]!;
        return [m.name, { median: stats.median, p90: stats.p90, vsDocumentClient: stats.median / baseline[m.name]!.median, samples: stats.samples }];
      }),
    );
    const pass = bundle.kind === 'baseline' ? null : load[budgetMode.name]!.vsDocumentClient <= budgets.bundleLoadVsDocumentClient;
    return { name: bundle.name, kind: bundle.kind, bundle, bytes: bundle.bytes, gzipBytes: bundle.gzipBytes, load, pass };
  });
  // Baselines last, empty handler first among them.
  const rank = (r: BundleRow) => (r.name === emptyBaseline ? 1 : r.name === documentClientBaseline ? 2 : 0);
  return rows.sort((a, b) => rank(a) - rank(b));
}

/** The handlers log one JSON line per request; keep them off the report (counted, errors shown). */
function muteConsole(lines: string[]): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  return () => methods.forEach((m, i) => (console[m] = saved[i]!));
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
