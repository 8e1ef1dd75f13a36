/**
 * What the Powertools-based logger costs a function, against the hand-rolled JSON logger it
 * replaced: bundle size, and the time a fresh Node process takes to require the bundle and run
 * one invocation that logs one line. Bundles are built with the stack's own esbuild options.
 *
 *   npx tsx infra/bench/logger-cost.ts [runs]      (default 20 runs per variant and mode)
 *
 * The old logger is taken from git history (the newest shared/logging/logger.ts that does not
 * use Powertools). Scratch files go to .bench/logger-cost (git-ignored, inside the project so
 * the bundles resolve node_modules).
 */
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { esbuildOptionsFor } from '../stack/bundling';

const projectRoot = resolve(__dirname, '../..');
const workDir = join(projectRoot, '.bench', 'logger-cost');
const runs = Number(process.argv[2] ?? 20);

function oldLoggerSource(): { commit: string; source: string } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' });
  for (const commit of git('log', '--format=%H', '--', 'shared/logging/logger.ts').split('\n').filter(Boolean)) {
    const source = git('show', `${commit}:shared/logging/logger.ts`);
    if (!source.includes('@aws-lambda-powertools')) return { commit: commit.slice(0, 7), source };
  }
  throw new Error('No hand-rolled shared/logging/logger.ts in git history');
}

const newLogger = JSON.stringify(join(projectRoot, 'shared/logging/logger'));
const logCall = `logger.info('request', { route: 'GET /api/me', status: 200, ms: 3, requestId: context.awsRequestId });`;

/** name → entry source. Each handler logs exactly one line. */
const variants: Record<string, string> = {
  'empty handler (no logger)': `export const handler = async () => ({ statusCode: 200 });\n`,
  'old logger': [
    `import { logger } from './old-logger';`,
    `export const handler = async (_event: unknown, context: { awsRequestId: string }) => {`,
    `  ${logCall}`,
    `  return { statusCode: 200 };`,
    `};`,
  ].join('\n'),
  'new logger': [
    `import { logger } from ${newLogger};`,
    `export const handler = async (_event: unknown, context: { awsRequestId: string }) => {`,
    `  ${logCall}`,
    `  return { statusCode: 200 };`,
    `};`,
  ].join('\n'),
  'middy + old logger': [
    `import middy from '@middy/core';`,
    `import { logger } from './old-logger';`,
    `export const handler = middy().handler(async (_event: unknown, context: { awsRequestId: string }) => {`,
    `  ${logCall}`,
    `  return { statusCode: 200 };`,
    `});`,
  ].join('\n'),
  'middy + new logger + injectLambdaContext': [
    `import middy from '@middy/core';`,
    `import { injectLambdaContext, logger } from ${newLogger};`,
    `export const handler = middy().use(injectLambdaContext()).handler(async (_event: unknown, context: { awsRequestId: string }) => {`,
    `  ${logCall}`,
    `  return { statusCode: 200 };`,
    `});`,
  ].join('\n'),
};

interface Bundle {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
}

async function buildAll(oldSource: string): Promise<Bundle[]> {
  rmSync(workDir, { recursive: true, force: true });
  const srcDir = join(workDir, 'src');
  mkdirSync(srcDir, { recursive: true });
  writeFileSync(join(srcDir, 'old-logger.ts'), oldSource);
  const bundles: Bundle[] = [];
  for (const [i, [name, source]] of Object.entries(variants).entries()) {
    const entry = join(srcDir, `handler-${i}.ts`);
    const file = join(workDir, 'out', `handler-${i}`, 'index.js');
    writeFileSync(entry, source);
    await build({ ...esbuildOptionsFor(entry, file), logLevel: 'warning' });
    const code = readFileSync(file);
    bundles.push({ name, file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, mapBytes: readFileSync(`${file}.map`).length });
  }
  return bundles;
}

const modes = [
  // NODE_OPTIONS as the stack sets it on every function.
  { name: 'as deployed (--enable-source-maps)', nodeOptions: '--enable-source-maps' },
  { name: 'plain node', nodeOptions: '' },
];

/** One fresh process: require the bundle, run one invocation; both timed inside, and the whole process from outside. */
function measureOnce(file: string, nodeOptions: string): { inside: number; process: number } {
  const script = [
    `const t0 = process.hrtime.bigint();`,
    `const { handler } = require(${JSON.stringify(file)});`,
    `const context = { functionName: 'bench', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench',`,
    `  memoryLimitInMB: '256', awsRequestId: require('node:crypto').randomUUID(), logGroupName: 'g', logStreamName: 's',`,
    `  callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {} };`,
    `Promise.resolve(handler({}, context)).then(() => {`,
    `  const t1 = process.hrtime.bigint();`,
    `  process.stderr.write('@@' + String(Number(t1 - t0) / 1e6));`,
    `});`,
  ].join('\n');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    // What Lambda sets: Powertools then writes to stdout itself and reports cold starts.
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
  };
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', timeout: 30_000 });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  const inside = Number(/@@([\d.]+)/.exec(child.stderr)?.[1]);
  const lines = child.stdout.split('\n').filter(Boolean);
  if (child.status !== 0 || !Number.isFinite(inside)) throw new Error(`${file} failed (exit ${child.status}): ${child.stderr}`);
  if (file.includes('handler-0')) {
    if (lines.length !== 0) throw new Error(`empty handler logged: ${lines.join('\n')}`);
  } else if (lines.length !== 1 || !JSON.parse(lines[0]!).message) {
    throw new Error(`${file} did not log exactly one JSON line: ${child.stdout}`);
  }
  return { inside, process: processMs };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const old = oldLoggerSource();
  const bundles = await buildAll(old.source);
  const samples = new Map<string, { inside: number[]; process: number[] }>();
  const jobs = bundles.flatMap((bundle) => modes.map((mode) => ({ bundle, mode, key: `${bundle.name}|${mode.name}` })));
  // Round 0 warms the file cache and is discarded; each round visits every job, in a rotated order.
  for (let round = 0; round <= runs; round++) {
    for (let j = 0; j < jobs.length; j++) {
      const { bundle, mode, key } = jobs[(j + round) % jobs.length]!;
      const m = measureOnce(bundle.file, mode.nodeOptions);
      if (round === 0) continue;
      const s = samples.get(key) ?? { inside: [], process: [] };
      s.inside.push(m.inside);
      s.process.push(m.process);
      samples.set(key, s);
    }
  }

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const out = (text = '') => process.stdout.write(`${text}\n`);
  out(`Logger cost: old = hand-rolled logger from ${old.commit}, new = shared/logging (Powertools). Node ${process.version}, ${runs} runs each.`);
  out();
  out(table(['bundle', 'index.js', 'gzip -9', 'index.js.map'], bundles.map((b) => [b.name, kb(b.bytes), kb(b.gzipBytes), kb(b.mapBytes)])));
  for (const mode of modes) {
    out();
    out(`Median ms, fresh process, ${mode.name}: require + one invocation (inside), whole process (spawn to exit)`);
    out(table(['bundle', 'require+call', 'process'], bundles.map((b) => {
      const s = samples.get(`${b.name}|${mode.name}`)!;
      return [b.name, median(s.inside).toFixed(2), median(s.process).toFixed(1)];
    })));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
