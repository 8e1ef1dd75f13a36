/**
 * `npm run soak`: a tool, not a test. Starts the whole local stack in memory (loopback only, a
 * clock it moves), runs mixed traffic at a fixed concurrency for N minutes while crashes are
 * injected into a few per cent of follow-up step executions and the re-driver runs every few
 * seconds, then stops injecting, drains, re-drives until nothing is left, checks the invariants
 * over the whole table (infra/soak/invariants.ts) and prints the figures. Exit code 1 on any
 * violation. docs/operations.md, "Soak".
 *
 *   npm run soak -- [--minutes 10] [--concurrency 8] [--seed N] [--crash-rate 0.03] [--customers 12]
 *   npm run soak -- --minutes 0.5        (a smoke run)
 *   --only-points a,b / --skip-points a,b   inject only at (or never at) these crash points
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { injectCrashes } from '../../shared/followups/crash';
import { fastPathGraceMs } from '../../shared/followups/owed';
import type { RedriveReport } from '../../shared/followups/redrive';
import { scheduleByName } from '../../shared/routes';
import { mintApiKey } from '../../shared/business-api/api-keys';
import { lambdaContext } from '../local/lambda-context';
import { startLocalStack } from '../local/stack';
import { BusinessClient, testClientIpHeader } from '../local/test-support';
import { checkInvariants, countByInvariant, type Item, type SoakSnapshot } from './invariants';
import { watchLogs } from './log-watch';
import { startReceivers } from './receivers';
import { Recorder } from './recorder';
import { printReport } from './report';
import { seededRng } from './rng';
import { createCustomer, runScenario, type World } from './traffic';

/**
 * Crash points skipped unless asked for (`--skip-points ''` or `--only-points`): a crash after SES or
 * SNS accepted a notice (or a link) and before it is marked sent sends it again once the claim expires.
 * Neither provider takes an idempotency key, so a notice is at-least-once there by design (the
 * alternative, marking it sent before sending, would lose it instead); the checker's "one receipt"
 * cannot hold across that one window.
 */
const atLeastOncePoints = ['notice:sent', 'message-notice:sent', 'link-send:sent'] as const;

interface Options {
  minutes: number;
  concurrency: number;
  seed: number;
  crashRate: number;
  customers: number;
  /** Seconds between re-driver runs during the traffic. */
  redriveEvery: number;
  /** Inject only at these crash points (all when empty), or never at `skipPoints`: to pin a finding down. */
  onlyPoints: string[];
  skipPoints: string[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = { minutes: 10, concurrency: 8, seed: Date.now() % 1_000_000, crashRate: 0.03, customers: 12, redriveEvery: 4, onlyPoints: [], skipPoints: [...atLeastOncePoints] };
  const names: Record<string, Exclude<keyof Options, 'onlyPoints' | 'skipPoints'>> = { '--minutes': 'minutes', '--concurrency': 'concurrency', '--seed': 'seed', '--crash-rate': 'crashRate', '--customers': 'customers', '--redrive-every': 'redriveEvery' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only-points' || argv[i] === '--skip-points') {
      options[argv[i] === '--only-points' ? 'onlyPoints' : 'skipPoints'] = (argv[i + 1] ?? '').split(',').filter(Boolean);
      i++;
      continue;
    }
    const name = names[argv[i]!] as Exclude<keyof Options, 'onlyPoints' | 'skipPoints'> | undefined;
    const value = Number(argv[i + 1]);
    if (!name || !Number.isFinite(value) || value < 0) throw new Error(`Unknown option or bad value: ${argv[i]} ${argv[i + 1] ?? ''}\nOptions: ${Object.keys(names).join(' ')}`);
    options[name] = value;
    i++;
  }
  if (options.concurrency < 1 || options.customers < 2) throw new Error('--concurrency must be at least 1 and --customers at least 2');
  return options;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`soak: ${options.minutes} min, concurrency ${options.concurrency}, seed ${options.seed}, crash rate ${options.crashRate}`);

  const logs = watchLogs();
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset) };
  const advance = (ms: number) => {
    offset += ms;
  };
  const deadLetterLines: string[] = [];
  const stack = await startLocalStack({
    port: 0,
    memory: true,
    seed: true,
    clock,
    clientIpHeader: testClientIpHeader,
    // Webhook retries wait minutes to hours on AWS; here a three-day retry run takes about 30 s.
    queueDelayScale: 0.0001,
    print: (line) => {
      if (line.includes('dead-lettered')) deadLetterLines.push(line.trim());
    },
  });
  const rng = seededRng(options.seed);
  const crashRng = seededRng(options.seed ^ 0x5eed);
  const receivers = await startReceivers(seededRng(options.seed + 7));

  // Several keys, as a back office with several workers would have (each key has its own rate window).
  const acme = stack.demo.acme;
  const keys = [new BusinessClient(stack.url, acme.apiKey)];
  for (let i = 0; i < 3; i++) {
    const minted = mintApiKey({ businessId: acme.business.id, name: `Soak ${i}`, mode: 'test', scopes: ['read', 'write'], expiresAt: null }, { clock: stack.source.clock, random: stack.source.random });
    await stack.stores.apiKeys.putKey(minted.record);
    keys.push(new BusinessClient(stack.url, minted.key));
  }
  const rec = new Recorder();
  const world: World = { stack, rec, now: clock.now, keys, customers: [], tag: `s${options.seed}`, seq: 0, flowErrors: new Map(), ips: 0 };
  for (const [receiver, events] of [[receivers.good, undefined], [receivers.slow, undefined], [receivers.flaky, undefined], [receivers.dead, ['estimate.declined']]] as const) {
    const res = await keys[0]!.post('/webhook-endpoints', { url: receiver.url, ...(events ? { events } : {}) });
    if (res.status !== 201) throw new Error(`registering the ${receiver.name} receiver answered ${res.status}`);
  }
  for (let i = 0; i < options.customers; i++) world.customers.push(await createCustomer(world, rng, i));
  await stack.drainQueues();

  // Crashes: a few per cent of crash-point passes, while `injecting`.
  let injecting = true;
  const crashesAt = new Map<string, number>();
  injectCrashes((point) => {
    if (!injecting || crashRng() >= options.crashRate) return false;
    if ((options.onlyPoints.length && !options.onlyPoints.includes(point)) || options.skipPoints.includes(point)) return false;
    crashesAt.set(point, (crashesAt.get(point) ?? 0) + 1);
    return true;
  });

  // The re-driver on its schedule: its real handler, run directly (stack.redrive() would also wait
  // for the queues to drain, which under load they never do). The clock moves past the grace first.
  const redriveHandler = stack.handlerOf(scheduleByName('redriveFollowUps').entry);
  const redriven = { runs: 0, steps: 0, failed: 0, crashed: 0 };
  const redriveOnce = async () => {
    advance(fastPathGraceMs + 1000);
    try {
      const report = (await redriveHandler({}, lambdaContext('redriveFollowUps', 120_000))) as RedriveReport;
      redriven.runs++;
      redriven.steps += report.stepsRun;
      redriven.failed += report.stepsFailed;
    } catch {
      redriven.crashed++; // an injected crash inside the re-driver: the next run picks the item up again
    }
  };

  const started = Date.now();
  const endAt = started + options.minutes * 60_000;
  const scenarios = new Map<string, number>();
  const scenarioFailures = new Map<string, number>();
  let stopRedriver = false;
  const redriver = (async () => {
    while (!stopRedriver) {
      await new Promise((r) => setTimeout(r, options.redriveEvery * 1000));
      if (!stopRedriver) await redriveOnce();
    }
  })();
  const progress = setInterval(() => out(`  ${Math.round((Date.now() - started) / 1000)} s: ${rec.requests} requests, ${[...crashesAt.values()].reduce((a, b) => a + b, 0)} crashes injected, ${redriven.steps} steps re-driven`), 30_000);
  const worker = async () => {
    while (Date.now() < endAt) {
      try {
        const name = await runScenario(world, rng);
        scenarios.set(name, (scenarios.get(name) ?? 0) + 1);
      } catch (error) {
        const what = `${(error as Error).name}: ${(error as Error).message}`.slice(0, 200);
        scenarioFailures.set(what, (scenarioFailures.get(what) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  clearInterval(progress);
  stopRedriver = true;
  await redriver;
  const trafficSeconds = (Date.now() - started) / 1000;

  // The end: no more crashes; drain; re-drive (the clock past each step's due time) until it runs nothing.
  injecting = false;
  injectCrashes(null);
  await stack.drainQueues();
  let finalSteps = 0;
  for (let pass = 0; pass < 10; pass++) {
    advance(pass === 0 ? fastPathGraceMs + 1000 : 3 * 3600_000);
    const report = await stack.redrive();
    finalSteps += report.stepsRun;
    if (report.items === 0) break;
  }
  await stack.drainQueues();

  // The checker's input: the whole table (a Scan: this is an offline tool), the outbox, the good receiver.
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.dynamo.doc.send(new ScanCommand({ TableName: stack.dynamo.tableName, ExclusiveStartKey: startKey }));
    items.push(...((page.Items ?? []) as Item[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const snapshot: SoakSnapshot = {
    items,
    messages: stack.outbox.messages(),
    events: receivers.good.received.map((r) => {
      const body = JSON.parse(r.body) as { type: string; data: Record<string, unknown> };
      return { webhookId: r.webhookId, type: body.type, data: body.data };
    }),
    unexpected5xx: logs.unexpected5xx,
  };
  const violations = checkInvariants(snapshot);
  logs.restore();

  printReport(out, {
    options,
    trafficSeconds,
    requests: rec.requests,
    client5xx: rec.serverErrors(),
    injected5xx: logs.injected5xx,
    crashesAt,
    redriven: { ...redriven, finalSteps },
    events: snapshot.events.length,
    distinctEvents: new Set(snapshot.events.map((e) => e.webhookId)).size,
    receivers: Object.fromEntries(Object.values(receivers).map((r) => [r.name, r.received.length])),
    items: items.length,
    counts: countByType(items),
    outbox: snapshot.messages.length,
    deadLetters: { notifications: stack.queues.notifications.deadLetters.length, webhooks: stack.queues.webhooks.deadLetters.length, payments: stack.queues.payments.deadLetters.length },
    deadLetterSamples: stack.queues.notifications.deadLetters.concat(stack.queues.payments.deadLetters as never[]).slice(0, 5).map((d) => JSON.stringify(d.message).slice(0, 200)),
    warnings: logs.warnings,
    scenarios,
    scenarioFailures,
    flowErrors: world.flowErrors,
    routes: rec.rows(),
    violations,
    byInvariant: countByInvariant(violations),
  });

  await Promise.all(Object.values(receivers).map((r) => r.close()));
  await stack.stop();
  return violations.length ? 1 : 0;
}

function countByType(items: Item[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[String(item.type)] = (counts[String(item.type)] ?? 0) + 1;
  return counts;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
