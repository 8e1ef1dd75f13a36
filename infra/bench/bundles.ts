/**
 * Function bundles: built exactly as the stack ships them (esbuildOptionsFor), measured for size
 * and for module load time in fresh Node processes, beside two baselines built the same way.
 */
import { build, type Metafile } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { esbuildOptionsFor } from '../stack/bundling';
import { consumers, routes } from '../../shared/routes';
import { envNames } from '../../shared/config/env-names';
import { median, percentile } from './report';

export type BundleKind = 'route' | 'consumer' | 'baseline';

export interface BundleTarget {
  name: string;
  kind: BundleKind;
  /** Absolute path of the entry file. */
  entry: string;
}

export interface BuiltBundle extends BundleTarget {
  file: string;
  bytes: number;
  gzipBytes: number;
  metafile: Metafile;
}

export const emptyBaseline = 'baseline: empty handler';
export const documentClientBaseline = 'baseline: DocumentClient';

const baselineSources = {
  [emptyBaseline]: ['empty-handler.ts', `export const handler = async () => ({ statusCode: 200 });\n`],
  [documentClientBaseline]: [
    'document-client.ts',
    [
      `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';`,
      `import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';`,
      ``,
      `// Created at module scope, so require() pays for loading the SDK and constructing the client.`,
      `const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));`,
      ``,
      `export const handler = async () => ({ statusCode: doc ? 200 : 500 });`,
      ``,
    ].join('\n'),
  ],
} as const;

/** Every route and consumer entry, then the two baselines (their sources written into benchDir). */
export function bundleTargets(projectRoot: string, benchDir: string): BundleTarget[] {
  const sourceDir = join(benchDir, 'baseline-src');
  mkdirSync(sourceDir, { recursive: true });
  const baselines = Object.entries(baselineSources).map(([name, [fileName, source]]): BundleTarget => {
    const entry = join(sourceDir, fileName);
    writeFileSync(entry, source);
    return { name, kind: 'baseline', entry };
  });
  return [
    ...routes.map((r): BundleTarget => ({ name: r.name, kind: 'route', entry: join(projectRoot, r.entry) })),
    ...consumers.map((c): BundleTarget => ({ name: c.name, kind: 'consumer', entry: join(projectRoot, c.entry) })),
    ...baselines,
  ];
}

export async function buildBundles(targets: BundleTarget[], outDir: string): Promise<BuiltBundle[]> {
  const built: BuiltBundle[] = [];
  for (const target of targets) {
    const file = join(outDir, target.name.replace(/[^A-Za-z0-9]+/g, '-'), 'index.js');
    // The shipped options, plus a metafile (it changes nothing in the output).
    const result = await build({ ...esbuildOptionsFor(target.entry, file), metafile: true, logLevel: 'warning' });
    const code = readFileSync(file);
    built.push({ ...target, file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, metafile: result.metafile });
  }
  return built;
}

/** How a fresh process is started for one load measurement. */
export interface LoadMode {
  name: string;
  nodeOptions: string;
}

export const loadModes: LoadMode[] = [
  // NODE_OPTIONS as the stack sets it on every function (infra/stack/portal-function.ts).
  { name: 'as deployed (--enable-source-maps)', nodeOptions: '--enable-source-maps' },
  { name: 'plain node', nodeOptions: '' },
];

export interface LoadStats {
  samples: number[];
  median: number;
  p90: number;
}

/** bundle name → mode name → stats */
export type LoadResults = Record<string, Record<string, LoadStats>>;

/** What the function's environment holds on Lambda; values are placeholders (nothing is called). */
function lambdaLikeEnv(nodeOptions: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    [envNames.stage]: 'bench',
    [envNames.tableName]: 'portal-bench',
    [envNames.portalOrigin]: 'https://portal.example.com',
    [envNames.notificationQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/123456789012/portal-bench-notifications',
    [envNames.filesBucket]: 'portal-bench-files',
    [envNames.emailFrom]: 'Portal <no-reply@portal.example.com>',
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
  };
}

/** Milliseconds one `require()` of the bundle takes in a new Node process. */
function timeRequireOnce(file: string, mode: LoadMode): number {
  const script = [
    `const t0 = process.hrtime.bigint();`,
    `const m = require(${JSON.stringify(file)});`,
    `const t1 = process.hrtime.bigint();`,
    `if (typeof m.handler !== 'function') throw new Error('bundle has no handler export');`,
    `process.stdout.write(String(Number(t1 - t0) / 1e6));`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['-e', script], { env: lambdaLikeEnv(mode.nodeOptions), encoding: 'utf8', timeout: 30_000 });
  const value = Number(child.stdout);
  if (child.status !== 0 || !Number.isFinite(value)) {
    throw new Error(`Loading ${file} failed (exit ${child.status}): ${child.stderr || child.error?.message}`);
  }
  return value;
}

/** A fixed-seed shuffle: a different order each round, the same across runs of the benchmark. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * `runs` rounds; each round loads every bundle once in every mode, in a shuffled order, so slow
 * moments of the machine spread over all bundles instead of landing on one. One discarded
 * warm-up round first (file cache).
 */
export function measureLoadTimes(bundles: BuiltBundle[], runs: number, onRound?: (round: number) => void): LoadResults {
  const jobs = bundles.flatMap((bundle) => loadModes.map((mode) => ({ bundle, mode })));
  const samples = new Map<string, number[]>();
  const key = (b: BuiltBundle, m: LoadMode) => `${b.name}\u0000${m.name}`;
  for (let round = 0; round <= runs; round++) {
    for (const { bundle, mode } of shuffled(jobs, round + 1)) {
      const value = timeRequireOnce(bundle.file, mode);
      if (round === 0) continue;
      const list = samples.get(key(bundle, mode)) ?? [];
      list.push(value);
      samples.set(key(bundle, mode), list);
    }
    onRound?.(round);
  }
  const results: LoadResults = {};
  for (const bundle of bundles) {
    results[bundle.name] = {};
    for (const mode of loadModes) {
      const list = samples.get(key(bundle, mode)) ?? [];
      results[bundle.name]![mode.name] = { samples: list, median: median(list), p90: percentile(list, 90) };
    }
  }
  return results;
}

/** The bundle's bytes grouped by npm package (or project folder), largest first. */
export function composition(bundle: BuiltBundle, projectRoot: string): { source: string; bytes: number }[] {
  const output = Object.values(bundle.metafile.outputs).find((o) => o.entryPoint !== undefined) ?? Object.values(bundle.metafile.outputs)[0];
  const bySource = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.split('\\').join('/'));
    const source = pkg ? pkg[1]! : `(project) ${relative(projectRoot, join(process.cwd(), input)).split('/').slice(0, 2).join('/')}`;
    bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
  }
  return [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** The bundle's sources beside the same sources in the baseline: what the bundle adds, largest first. */
export function extraOverBaseline(bundle: BuiltBundle, baseline: BuiltBundle, projectRoot: string): { source: string; bytes: number; baselineBytes: number; extra: number }[] {
  const inBaseline = new Map(composition(baseline, projectRoot).map((p) => [p.source, p.bytes]));
  return composition(bundle, projectRoot)
    .map((p) => ({ ...p, baselineBytes: inBaseline.get(p.source) ?? 0, extra: p.bytes - (inBaseline.get(p.source) ?? 0) }))
    .sort((a, b) => b.extra - a.extra);
}
