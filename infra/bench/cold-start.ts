/**
 * Cold starts: what a new Lambda instance pays before its first answer. For each bundle, in a
 * fresh Node process started as Lambda starts it (NODE_OPTIONS and the function's environment as
 * the stack sets them), time `require(bundle)` plus its first invocation with a realistic event,
 * against the parent's dynalite (DynamoDB), AWS stub and Stripe sandbox, and check the answer.
 *
 * The first round of every bundle is discarded (file cache) and recorded: its DynamoDB calls go
 * through a recording proxy, its Stripe calls through the stub, and the child traces when it sent
 * each request and got its answer (sequential round trips; the floor's replay). A customer-facing
 * route also gets a second, warm request in that round. The timed rounds go to dynalite and the
 * sandbox directly, untraced. Rounds visit
 * the bundles in a fixed-seed shuffled order, one process at a time, so slow moments of the
 * machine spread over all bundles.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envNames } from '../../shared/config/env-names';
import { functionNodeOptions } from '../stack/bundling';
import { tracingEnvironment } from '../stack/portal-function';
import type { QueueName } from '../../shared/routes';
import { benchReceiverDomain, type AwsStub, type DynamoCall, type DynamoProxy, type StubCall } from './aws-stub';
import type { BuiltBundle } from './bundles';
import type { Recorded } from './same-calls';
import { roundsOf } from '../local/dynamo-call-recorder';
import type { ColdCase } from './cold-start-cases';
import { median, percentile } from './report';

/** What a webhook receiver's name resolves to in the child: a public unicast address (example.com's), never connected to. */
const receiverPublicAddress = '93.184.215.14';

/**
 * The child: two shims (before the clock starts; they load nothing), then require + first call, timed.
 *
 * - fetch: S3 presigned URLs are https URLs no SDK endpoint setting reaches: sent to the stub.
 * - Webhook receivers at *.bench.example: the function's transport uses node's https with its own
 *   \`lookup\`, which resolves the name and refuses any address that is not public (loopback too, on
 *   AWS). So the name resolves, through dns.lookup as on Lambda, to a public address; the function's
 *   check passes it; and only the socket's connect, after that check, goes to the stub's TLS
 *   listener (its certificate trusted by NODE_EXTRA_CA_CERTS). Nothing in the function changes.
 *   The hooks are set when the bundle first requires node:dns and node:https, so nothing is loaded
 *   early and the bundle's own require() time stays its own.
 */
const runnerSource = `'use strict';
const fs = require('node:fs');
const stub = process.env.BENCH_FETCH_STUB;
const realFetch = globalThis.fetch;
// Wrapping fetch does not load undici (Node loads it on first call).
globalThis.fetch = function fetch(input, init) {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const url = new URL(href);
  if (stub && url.protocol === 'https:' && /\\.amazonaws\\.com$/.test(url.hostname)) {
    return realFetch(stub + '/fetch/' + url.hostname + url.pathname + url.search, init);
  }
  // Stripe's API: the local stack's Stripe sandbox.
  if (process.env.BENCH_STRIPE_ORIGIN && url.hostname === 'api.stripe.com') {
    return realFetch(process.env.BENCH_STRIPE_ORIGIN + url.pathname + url.search, init);
  }
  return realFetch(input, init);
};
// The recorded round (BENCH_TRACE): each outgoing request's span as this process saw it (sent; answer
// received), for counting sequential round trips and replaying overlapping calls together (same-calls.ts).
// A call can only have waited for answers this process had received, so the child's clock is the one to use.
const traced = [];
if (process.env.BENCH_TRACE) {
  const { performance } = require('node:perf_hooks');
  const tracedFetch = globalThis.fetch;
  globalThis.fetch = function fetch(input, init) {
    const call = { dynamo: false, startedAt: performance.now() };
    traced.push(call);
    const answered = tracedFetch(input, init);
    answered.then(() => (call.endedAt = performance.now()), () => (call.endedAt = performance.now()));
    return answered;
  };
  // Wrapped here, before the bundle loads: the SDK reaches node:http by a dynamic import() on its
  // first request (which no require hook sees), and reads \`request\` off the module object then.
  // This round is the discarded one, so loading them early costs the timed rounds nothing.
  for (const name of ['node:http', 'node:https']) {
    const loaded = require(name);
    const send = loaded.request;
    loaded.request = function (...args) {
      const req = send.apply(this, args);
      const call = { dynamo: /^DynamoDB_/.test(String(req.getHeader('x-amz-target') || '')), startedAt: performance.now() };
      traced.push(call);
      req.once('response', () => (call.endedAt = performance.now()));
      return req;
    };
  }
}
const receiverPort = Number(process.env.BENCH_RECEIVER_PORT);
if (receiverPort) {
  const isReceiver = (host) => typeof host === 'string' && host.endsWith(${JSON.stringify(`.${benchReceiverDomain}`)});
  const publicAddress = '${receiverPublicAddress}';
  const Module = require('node:module');
  const load = Module._load;
  const hookDns = (dns) => {
    const lookup = dns.lookup;
    dns.lookup = function (hostname, options, callback) {
      if (!isReceiver(hostname)) return lookup.apply(this, arguments);
      if (typeof options === 'function') [callback, options] = [options, {}];
      if (typeof options === 'number') options = { family: options };
      // A real getaddrinfo on the thread pool (a name the machine answers itself), answered with the public address.
      lookup.call(this, 'localhost', { family: 4 }, (error) => {
        if (error) return callback(error);
        if (options && options.all) return callback(null, [{ address: publicAddress, family: 4 }]);
        callback(null, publicAddress, 4);
      });
    };
  };
  const hookTls = (tls) => {
    const connect = tls.connect;
    tls.connect = function (...args) {
      const options = args[0];
      if (args.length !== 1 || !options || typeof options !== 'object' || !isReceiver(options.host)) return connect.apply(this, args);
      // Without a lookup of its own, net would use dns.lookup (loaded here as net loads it, on first connect; hooked below).
      const lookup = options.lookup || require('node:dns').lookup;
      return connect.call(this, {
        ...options,
        port: receiverPort,
        // Whatever address the lookup (the function's own check) accepted, the socket connects to the stub.
        lookup: (hostname, lookupOptions, callback) => lookup(hostname, lookupOptions, (error, address, family) => {
          if (error) return callback(error, address, family);
          if (lookupOptions && lookupOptions.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
          callback(null, '127.0.0.1', 4);
        }),
      });
    };
  };
  const hooked = new WeakSet();
  const once = (module, hook, ...rest) => {
    if (hooked.has(module)) return;
    hooked.add(module);
    hook(module, ...rest);
  };
  Module._load = function (request) {
    const loaded = load.apply(this, arguments);
    const name = String(request).replace(/^node:/, '');
    if (name === 'dns') once(loaded, hookDns);
    // https has loaded tls already: this only fetches it.
    else if (name === 'https' || name === 'tls') once(load.call(this, 'node:tls', null, false), hookTls);
    return loaded;
  };
}
const event = JSON.parse(fs.readFileSync(process.env.BENCH_EVENT, 'utf8'));
const deadline = Date.now() + 10000;
const context = {
  callbackWaitsForEmptyEventLoop: true, functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:' + process.env.AWS_LAMBDA_FUNCTION_NAME,
  memoryLimitInMB: '512', awsRequestId: require('node:crypto').randomUUID(), logGroupName: '/aws/lambda/portal', logStreamName: 'bench',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()), done() {}, fail() {}, succeed() {},
};
const report = (value) => { fs.writeSync(3, JSON.stringify(value)); process.exit(0); };
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const mod = require(process.env.BENCH_BUNDLE);
const t1 = process.hrtime.bigint();
/** What an answer was, for the parent to judge: the status, the failed records, or what a schedule returned. */
const answerOf = (result) => {
  const http = result && typeof result.statusCode === 'number';
  const sqs = result && Array.isArray(result.batchItemFailures);
  return {
    status: http ? result.statusCode : undefined,
    failures: sqs ? result.batchItemFailures.length : undefined,
    body: result && typeof result.body === 'string' ? result.body.slice(0, 400) : undefined,
    returned: http || sqs ? undefined : result,
  };
};
/** The recorded round only: a second request to the same (now warm) instance, with its calls. */
const warmRequest = async () => {
  if (!process.env.BENCH_WARM_EVENT) return undefined;
  const from = traced.length;
  const result = await mod.handler(JSON.parse(fs.readFileSync(process.env.BENCH_WARM_EVENT, 'utf8')), context);
  return { ...answerOf(result), calls: traced.slice(from) };
};
Promise.resolve(mod.handler(event, context)).then(async (result) => {
  const t2 = process.hrtime.bigint();
  const cpu = process.cpuUsage(c0);
  const calls = traced.slice();
  const warm = await warmRequest().catch((error) => ({ error: String((error && error.stack) || error) }));
  const http = result && typeof result.statusCode === 'number';
  const sqs = result && Array.isArray(result.batchItemFailures);
  report({
    calls: process.env.BENCH_TRACE ? calls : undefined,
    warm,
    cpuMs: (cpu.user + cpu.system) / 1000,
    requireMs: Number(t1 - t0) / 1e6,
    invokeMs: Number(t2 - t1) / 1e6,
    status: result && typeof result.statusCode === 'number' ? result.statusCode : undefined,
    failures: result && Array.isArray(result.batchItemFailures) ? result.batchItemFailures.length : undefined,
    body: result && typeof result.body === 'string' ? result.body.slice(0, 400) : undefined,
    // A scheduled function's report (neither an HTTP answer nor a batch's failures), for its case to judge.
    returned: http || sqs ? undefined : result,
  });
}, (error) => report({ error: String((error && error.stack) || error) }));
`;

export interface ColdSettings {
  /** Timed rounds (after the discarded first one). */
  runs: number;
  dynamoEndpoint: string;
  tableName: string;
  stub: AwsStub;
  proxy: DynamoProxy;
  origin: { host: string; url: string; secret: string };
  /** The local stack's Stripe sandbox, where the child's calls to api.stripe.com go (in the recorded round, through the stub). */
  stripeOrigin: string | null;
  /** Functions whose recorded round also makes a second, warm request (the customer-facing routes). */
  warmRequestFor: ReadonlySet<string>;
  workDir: string;
  onRound?: (round: number, seconds: number) => void;
}

export interface FirstRequest {
  ok: boolean;
  problem: string | null;
  /** The status code, or for a consumer how many records failed, or what a scheduled function returned. */
  answer: string;
  dynamoCalls: string[];
  awsCalls: string[];
  /** The same calls with their inputs (and spans), for the same-calls floor (same-calls.ts). */
  recorded: Recorded;
  /** Sequential DynamoDB round trips of this first request (null when its calls could not be timed). */
  rounds: number | null;
  /** A second request to the same instance (customer-facing routes), or null. */
  warm: { ok: boolean; problem: string | null; dynamoCalls: string[]; rounds: number | null } | null;
}

export interface ColdResult {
  name: string;
  first: FirstRequest;
  /** Timed runs that answered as expected. */
  requireMs: number[];
  invokeMs: number[];
  totalMs: number[];
  /** CPU time (user + system) the process spent in require + first call: far less sensitive to a busy machine than wall time. */
  cpuMs: number[];
  /** For reference, in a separate process of each round: require() alone in plain node (no source maps). */
  requirePlainMs: number[];
  failedRuns: number;
  lastProblem: string | null;
  /** A second series taken after the rounds, when this function looked over budget against its floor (ColdRecheck). */
  recheck?: ColdResult;
}

/**
 * After the rounds: groups of bundles (a function and its floor) measured again, `runs` more
 * times each, interleaved within the group. On this 2-CPU machine one function's p50 moves by
 * ±0.2× its floor between full runs (a different function each run): a second series tells a
 * busy moment from a real cost, which a real cost survives.
 */
export interface ColdRecheck {
  groups: (results: ColdResult[]) => string[][];
  runs: number;
  onGroup?: (group: string[]) => void;
}

export interface ColdStats {
  require: number;
  invoke: number;
  total: number;
  totalP90: number;
  cpu: number;
  requirePlain: number;
  runs: number;
}

export const coldStats = (r: ColdResult): ColdStats => ({
  require: median(r.requireMs),
  invoke: median(r.invokeMs),
  total: median(r.totalMs),
  totalP90: percentile(r.totalMs, 90),
  cpu: median(r.cpuMs),
  requirePlain: median(r.requirePlainMs),
  runs: r.totalMs.length,
});

/** The environment the stack gives a function with these grants (infra/stack/access.ts), pointed at the local stand-ins. */
function functionEnv(bundle: BuiltBundle, s: ColdSettings, dynamoEndpoint: string, eventFile: string): NodeJS.ProcessEnv {
  const access = bundle.access;
  const queueUrl = (q: QueueName) => `${s.stub.url}/000000000000/portal-bench-${q}`;
  return {
    PATH: process.env.PATH ?? '',
    // No ~/.aws here, as on Lambda.
    HOME: join(s.workDir, 'home'),
    // As the stack sets it (bundling.ts), unless the bundle is a lever's "before" variant.
    NODE_OPTIONS: bundle.nodeOptions ?? functionNodeOptions,
    TZ: 'UTC',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench/secret/access/key/000000000000000000',
    AWS_SESSION_TOKEN: 'bench-session-token',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: `portal-bench-${bundle.name.replace(/[^A-Za-z0-9]+/g, '-')}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
    // Lambda runs nodejs22.x; on an older local Node the SDK would print a support warning (stderr) at its first client.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // The SDK's per-service endpoint settings: DynamoDB to dynalite, the rest to the stub.
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ENDPOINT_URL_SQS: s.stub.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: s.stub.url,
    AWS_ENDPOINT_URL_SESV2: s.stub.url,
    AWS_ENDPOINT_URL_SNS: s.stub.url,
    // Lambda's active tracing (infra/stack/portal-function.ts): the Tracer's variables and what Lambda sets beside
    // them. Sampled, as Lambda samples the first request of each second (a cold start's, mostly); the segments go
    // by UDP to a loopback port no daemon listens on, so the function pays for making and sending them.
    ...tracingEnvironment('bench'),
    LAMBDA_TASK_ROOT: join(s.workDir, 'task'),
    _HANDLER: 'index.handler',
    _X_AMZN_TRACE_ID: 'Root=1-67500000-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1',
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    // Common to every function (infra/stack/portal-stack.ts).
    [envNames.stage]: 'bench',
    [envNames.portalOrigin]: s.origin.url,
    [envNames.clientIpHeader]: 'cloudfront-viewer-address',
    // By grant (infra/stack/access.ts).
    ...(access.table ? { [envNames.tableName]: s.tableName } : {}),
    ...(access.files ? { [envNames.filesBucket]: 'portal-bench-files' } : {}),
    ...Object.fromEntries((access.queues ?? []).map((q) => [envNames.queueUrl[q], queueUrl(q)])),
    ...(access.secrets?.includes('originVerify') ? { [envNames.secretArn.originVerify]: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:portal-bench-origin-verify-AbCdEf' } : {}),
    ...(access.sendEmail ? { [envNames.emailFrom]: 'Portal <no-reply@portal.bench.example>' } : {}),
    ...(access.payments ? { [envNames.secretArn.stripe]: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:portal-bench-stripe-AbCdEf' } : {}),
    ...(s.stripeOrigin ? { BENCH_STRIPE_ORIGIN: s.stripeOrigin } : {}),
    BENCH_BUNDLE: bundle.file,
    BENCH_EVENT: eventFile,
    BENCH_FETCH_STUB: s.stub.url,
    BENCH_RECEIVER_PORT: String(s.stub.webhookTls.port),
    // Trusts the receiver's certificate beside the default CA store, which the first TLS connection still loads, as on Lambda.
    NODE_EXTRA_CA_CERTS: s.stub.webhookTls.caFile,
    ...(process.env.BENCH_CPU_PROF ? { BENCH_CPU_PROF_DIR: join(process.env.BENCH_CPU_PROF, bundle.name.replace(/[^A-Za-z0-9]+/g, '-')) } : {}),
  };
}

/** One outgoing request as the child traced it (the recorded round only). */
interface TracedCall {
  dynamo: boolean;
  startedAt: number;
  endedAt?: number;
}

interface ChildAnswer {
  calls?: TracedCall[];
  /** The warm request's answer and calls (customer-facing routes, recorded round only). */
  warm?: ChildAnswer;
  cpuMs?: number;
  requireMs?: number;
  invokeMs?: number;
  status?: number;
  failures?: number;
  body?: string;
  returned?: unknown;
  error?: string;
}

function runChild(runner: string, env: NodeJS.ProcessEnv): Promise<{ answer: ChildAnswer | null; stderr: string; stdout: string; code: number | null }> {
  return new Promise((resolve) => {
    // --cpu-prof is not allowed in NODE_OPTIONS: it goes on the command line when asked for.
    const profile = env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', env.BENCH_CPU_PROF_DIR] : [];
    const child = spawn(process.execPath, [...profile, runner], { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const fd3: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (c: Buffer) => fd3.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const text = Buffer.concat(fd3).toString('utf8');
      let answer: ChildAnswer | null = null;
      try {
        answer = text ? (JSON.parse(text) as ChildAnswer) : null;
      } catch {
        answer = null;
      }
      resolve({ answer, stderr: Buffer.concat(err).toString('utf8'), stdout: Buffer.concat(out).toString('utf8'), code });
    });
  });
}

/** A fixed-seed shuffle: a different order each round, the same across runs of the benchmark. */
export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function problemOf(c: ColdCase, r: { answer: ChildAnswer | null; stderr: string; stdout: string; code: number | null }): string | null {
  const a = r.answer;
  const logs = () => `${r.stdout.split('\n').filter((l) => /"level":"(ERROR|WARN|error|warn)"/i.test(l)).slice(0, 2).join(' | ')} ${r.stderr.slice(0, 400)}`.trim();
  if (!a) return `no answer (exit ${r.code}): ${logs()}`;
  if (a.error) return `threw: ${a.error.split('\n').slice(0, 3).join(' ')}`;
  if (c.returns) return c.returns(a.returned);
  if (c.expect === 0) return a.failures === 0 ? null : `${a.failures ?? '?'} failed record(s): ${logs()}`;
  return a.status === c.expect ? null : `status ${a.status ?? '?'} (expected ${c.expect}): ${a.body ?? ''} ${logs()}`;
}

/** Seeds the baselines' items through their own libraries (one untimed run each with `{ seed: true }`). */
export async function seedBaselines(bundles: BuiltBundle[], s: ColdSettings): Promise<void> {
  const dir = join(s.workDir, 'events');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(s.workDir, 'home'), { recursive: true });
  const runner = join(s.workDir, 'runner.js');
  writeFileSync(runner, runnerSource);
  for (const bundle of bundles.filter((b) => b.kind === 'baseline' || b.kind === 'library')) {
    const eventFile = join(dir, 'seed.json');
    writeFileSync(eventFile, JSON.stringify({ seed: true }));
    const r = await runChild(runner, functionEnv(bundle, s, s.dynamoEndpoint, eventFile));
    if (r.answer?.status !== 200 && bundle.access.table) throw new Error(`Seeding ${bundle.name} failed: ${JSON.stringify(r.answer)} ${r.stderr.slice(0, 600)}`);
  }
}

/** The reference child: require() alone, nothing else. */
const requireOnlySource = `'use strict';
const t0 = process.hrtime.bigint();
require(process.env.BENCH_BUNDLE);
require('node:fs').writeSync(3, JSON.stringify({ requireMs: Number(process.hrtime.bigint() - t0) / 1e6 }));
process.exit(0);
`;

/** Sequential round trips of calls that were traced (every one has its span). */
const roundCount = (calls: DynamoCall[]) => roundsOf(calls.map((c) => ({ startedAt: c.startedAt!, endedAt: c.endedAt }))).length;

/**
 * The recorded round's calls, split into the first request's and the warm one's, each given its span
 * as the child traced it. The proxy and the stub list requests in the order they arrived, the child
 * in the order it sent them: the n-th DynamoDB request traced is the proxy's n-th, and the same for
 * the rest and the stub (two requests could only swap places if sent at once: the same round either
 * way). If the counts disagree, no spans are given (`timed: false`): the calls are still replayed, one
 * after another.
 */
export function splitRecorded(answer: ChildAnswer | null, dynamo: DynamoCall[], aws: StubCall[]): { first: Recorded; warm: Recorded | null; timed: boolean } {
  const firstCalls = answer?.calls ?? [];
  const warmCalls = answer?.warm?.calls ?? [];
  const traced = [...firstCalls, ...warmCalls];
  const timed = answer?.calls !== undefined && traced.filter((c) => c.dynamo).length === dynamo.length && traced.filter((c) => !c.dynamo).length === aws.length;
  const firstDynamo = timed ? firstCalls.filter((c) => c.dynamo).length : dynamo.length;
  const firstAws = timed ? firstCalls.filter((c) => !c.dynamo).length : aws.length;
  if (timed) {
    const spans = (calls: TracedCall[]) => calls.map(({ startedAt, endedAt }) => ({ startedAt, endedAt }));
    spans(traced.filter((c) => c.dynamo)).forEach((span, i) => Object.assign(dynamo[i]!, span));
    spans(traced.filter((c) => !c.dynamo)).forEach((span, i) => Object.assign(aws[i]!, span));
  }
  return {
    first: { dynamo: dynamo.slice(0, firstDynamo), aws: aws.slice(0, firstAws) },
    warm: answer?.warm && timed ? { dynamo: dynamo.slice(firstDynamo), aws: aws.slice(firstAws) } : null,
    timed,
  };
}

/** Bundles joined after the first round, with their cases: built from what that round recorded. */
export interface LateBundles {
  bundles: BuiltBundle[];
  cases: Record<string, ColdCase>;
}

const emptyResult = (name: string): ColdResult => ({
  name,
  first: { ok: false, problem: 'not run', answer: '-', dynamoCalls: [], awsCalls: [], recorded: { dynamo: [], aws: [] }, rounds: null, warm: null },
  requireMs: [],
  invokeMs: [],
  totalMs: [],
  cpuMs: [],
  requirePlainMs: [],
  failedRuns: 0,
  lastProblem: null,
});

/**
 * Every bundle's first (discarded, recorded) run, then `s.runs` timed rounds. `afterFirstRound`
 * may add bundles made from the first round's recordings (the same-calls floors): they get their
 * own discarded run, then join every timed round, shuffled with the rest. `recheck` then measures
 * the groups it picks again (each result's `recheck`).
 */
export async function measureColdStarts(
  bundles: BuiltBundle[],
  cases: Record<string, ColdCase>,
  s: ColdSettings,
  afterFirstRound?: (first: ColdResult[]) => Promise<LateBundles>,
  recheck?: ColdRecheck,
): Promise<ColdResult[]> {
  const dir = join(s.workDir, 'events');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(s.workDir, 'home'), { recursive: true });
  const runner = join(s.workDir, 'runner.js');
  writeFileSync(runner, runnerSource);
  const requireOnly = join(s.workDir, 'require-only.js');
  writeFileSync(requireOnly, requireOnlySource);

  let all = bundles;
  const allCases = { ...cases };
  const results = new Map<string, ColdResult>(bundles.map((b) => [b.name, emptyResult(b.name)]));
  const runOne = async (bundle: BuiltBundle, round: number) => {
    const c = allCases[bundle.name];
    if (!c) throw new Error(`No cold-start case for ${bundle.name}`);
    const result = results.get(bundle.name)!;
    if (round > 0 && !result.first.ok) return; // a function whose first request fails is not measured
    const eventFile = join(dir, `${bundle.name.replace(/[^A-Za-z0-9]+/g, '-')}.json`);
    writeFileSync(eventFile, JSON.stringify(await c.event(round)));
    s.stub.take();
    s.proxy.take();
    // The recorded round: DynamoDB through the recording proxy, Stripe through the stub (which records and
    // forwards it to the sandbox), each request's span traced in the child, and for a customer-facing route
    // a second, warm request after the first.
    let recording: NodeJS.ProcessEnv = {};
    if (round === 0) {
      recording = { BENCH_TRACE: '1', ...(s.stripeOrigin ? { BENCH_STRIPE_ORIGIN: `${s.stub.url}/stripe` } : {}) };
      if (s.warmRequestFor.has(bundle.name)) {
        const warmFile = join(dir, `${bundle.name.replace(/[^A-Za-z0-9]+/g, '-')}.warm.json`);
        writeFileSync(warmFile, JSON.stringify(await c.event(s.runs + 1)));
        recording.BENCH_WARM_EVENT = warmFile;
      }
    }
    const r = await runChild(runner, { ...functionEnv(bundle, s, round === 0 ? s.proxy.url : s.dynamoEndpoint, eventFile), ...recording });
    const problem = problemOf(c, r);
    if (round === 0) {
      const recorded = splitRecorded(r.answer, s.proxy.take(), s.stub.take());
      const awsCalls = recorded.first.aws.map((call) => `${call.service} ${call.operation}`);
      const missing = (c.aws ?? []).filter((expected) => !awsCalls.includes(expected));
      const unknown = awsCalls.filter((call) => call.startsWith('unknown'));
      const why = problem ?? (missing.length ? `expected AWS call(s) not made: ${missing.join(', ')}` : unknown.length ? `unanswered AWS call(s): ${unknown.join(', ')}` : null);
      const answer = r.answer?.status !== undefined ? String(r.answer.status) : r.answer?.failures !== undefined ? `${r.answer.failures} failed records` : r.answer?.returned !== undefined ? JSON.stringify(r.answer.returned).slice(0, 80) : '-';
      const warmProblem = r.answer?.warm ? problemOf(c, { ...r, answer: r.answer.warm }) : null;
      result.first = {
        ok: why === null,
        problem: why,
        answer,
        dynamoCalls: recorded.first.dynamo.map((call) => call.operation),
        awsCalls,
        recorded: recorded.first,
        rounds: recorded.timed ? roundCount(recorded.first.dynamo) : null,
        warm: recorded.warm && {
          ok: warmProblem === null,
          problem: warmProblem,
          dynamoCalls: recorded.warm.dynamo.map((call) => call.operation),
          rounds: recorded.timed ? roundCount(recorded.warm.dynamo) : null,
        },
      };
      return;
    }
    if (problem) {
      result.failedRuns++;
      result.lastProblem = problem;
      return;
    }
    result.requireMs.push(r.answer!.requireMs!);
    result.invokeMs.push(r.answer!.invokeMs!);
    result.totalMs.push(r.answer!.requireMs! + r.answer!.invokeMs!);
    result.cpuMs.push(r.answer!.cpuMs!);
    const plain = await runChild(requireOnly, { ...functionEnv(bundle, s, s.dynamoEndpoint, eventFile), NODE_OPTIONS: '' });
    if (plain.answer?.requireMs !== undefined) result.requirePlainMs.push(plain.answer.requireMs);
  };

  for (let round = 0; round <= s.runs; round++) {
    const started = Date.now();
    for (const bundle of shuffled(all, round + 1)) await runOne(bundle, round);
    if (round === 0 && afterFirstRound) {
      const late = await afterFirstRound(bundles.map((b) => results.get(b.name)!));
      Object.assign(allCases, late.cases);
      for (const bundle of late.bundles) {
        results.set(bundle.name, emptyResult(bundle.name));
        await runOne(bundle, 0);
      }
      all = [...bundles, ...late.bundles];
    }
    s.onRound?.(round, (Date.now() - started) / 1000);
  }
  if (recheck) {
    const bundleNamed = new Map(all.map((b) => [b.name, b]));
    for (const group of recheck.groups(all.map((b) => results.get(b.name)!))) {
      recheck.onGroup?.(group);
      const originals = group.map((name) => results.get(name)!);
      // A fresh series per bundle (the first request as recorded), then kept beside the original.
      for (const original of originals) results.set(original.name, { ...emptyResult(original.name), first: original.first });
      // Rounds after the timed ones and the warm request's (s.runs + 1): each event is new.
      for (let run = 1; run <= recheck.runs; run++) {
        for (const name of shuffled(group, 1000 + run)) await runOne(bundleNamed.get(name)!, s.runs + 1 + run);
      }
      for (const original of originals) {
        original.recheck = results.get(original.name)!;
        results.set(original.name, original);
      }
    }
  }
  return all.map((b) => results.get(b.name)!);
}
