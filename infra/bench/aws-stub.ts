/**
 * What the cold-start children talk to besides DynamoDB: one loopback HTTP server that answers
 * the few AWS calls a function's first request makes, just enough for the SDK to accept the
 * answer, and records them so the benchmark can check that each call it expected was made.
 *
 * - SQS (AWS JSON 1.0) SendMessage: a message id and the MD5 of the body (the SDK checks it).
 * - Secrets Manager (AWS JSON 1.1) GetSecretValue: `{"current":"<secret>","previous":""}`, or for the
 *   stripe secret the local stack's Stripe keys (its sandbox signs with them).
 * - SES v2 (REST JSON) SendEmail and SNS (query protocol) Publish: a message id.
 * - `fetch` to S3 (presigned: a HEAD and a ranged GET to check an upload, a DELETE of one that is
 *   not its declared type, a PUT of a made file): the child's fetch shim (cold-start.ts) sends every
 *   https request to `*.amazonaws.com` here as `/fetch/<host><path>`; S3 objects answer from `objects`.
 * - Webhook deliveries, which go through node's https with a connect-time address check
 *   (shared/adapters/http-transport.ts), not fetch: a second, TLS listener answers them (200),
 *   with a certificate for `*.bench.example` made for this run (`webhookTls`). The child resolves
 *   the receiver to a public address, lets the function's own check pass it, and only then
 *   connects the socket to this listener (cold-start.ts), so the delivery pays for what it pays
 *   on Lambda: the lookup, the check, a TLS handshake against the default CA store, the POST.
 *
 * - Stripe, in the recorded round only: the child's fetch shim sends api.stripe.com here as
 *   `/stripe/<path>`; each request is recorded and forwarded to the local Stripe sandbox, whose
 *   answer goes back unchanged. (The timed rounds go to the sandbox directly.)
 *
 * Also a recording proxy in front of dynalite, used for one discarded round per function to list
 * the DynamoDB operations a cold first request makes (the timed rounds go to dynalite directly).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StubCall {
  service: 'SQS' | 'SecretsManager' | 'SESv2' | 'SNS' | 'S3' | 'webhook' | 'Stripe' | 'unknown';
  operation: string;
  /**
   * What was sent, enough to send it again (same-calls.ts): the JSON input of an SDK call (SNS: its
   * form fields), for a fetch the https URL, method, content type and body, for Stripe a StripeRequest.
   */
  input: unknown;
  /** When the child sent it and received its answer (its performance.now(), ms), when traced (cold-start.ts). */
  startedAt?: number;
  endedAt?: number;
}

/** A Stripe API request as the SDK sent it: enough to send it again through the SDK (same-calls.ts). */
export interface StripeRequest {
  method: string;
  /** Path and query, e.g. `/v1/checkout/sessions/cs_1?expand[0]=payment_intent`. */
  path: string;
  /** The form-encoded body of a POST. */
  body: string;
  stripeAccount: string | null;
  idempotencyKey: string | null;
}

/** An S3 object as the stub keeps it: what a HEAD answers, and the bytes a GET reads (when known). */
export interface StubObject {
  sizeBytes: number;
  contentType: string;
  body?: Buffer;
}

export interface AwsStub {
  url: string;
  /** S3 objects a presigned HEAD or GET finds, by key. */
  objects: Map<string, StubObject>;
  /** The TLS listener webhook receivers at `*.bench.example` are connected to, and the CA file that trusts its certificate. */
  webhookTls: { port: number; caFile: string };
  /** Calls since the last take(). */
  take(): StubCall[];
  stop(): Promise<void>;
}

const readAll = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The domain whose names stand for webhook receivers in the benchmark (one certificate covers them). */
export const benchReceiverDomain = 'bench.example';

/**
 * A self-signed certificate for `*.bench.example`, made with openssl for this run: node has no
 * certificate signing of its own, and a key checked into the repository would be a key anyone has.
 */
function receiverCertificate(): { key: Buffer; cert: Buffer; caFile: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-tls-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', `/CN=hooks.${benchReceiverDomain}`, '-addext', `subjectAltName=DNS:*.${benchReceiverDomain}`,
      '-keyout', keyFile, '-out', caFile,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`The benchmark makes a TLS certificate for its webhook receiver with openssl, which failed: ${String(error)}`);
  }
  return { key: readFileSync(keyFile), cert: readFileSync(caFile), caFile, dir };
}

const close = (server: Server) =>
  new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });

export async function startAwsStub(originSecret: string, stripeKeys: () => { secretKey: string; webhookSecret: string }, stripeOrigin: () => string | null): Promise<AwsStub> {
  let calls: StubCall[] = [];
  const objects = new Map<string, StubObject>();

  /** A webhook receiver (the TLS listener): answers 200 to anything. */
  const receiver: RequestListener = (req, res) => {
    void readAll(req).then((body) => {
      const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
      const sent = { url: `https://${host}${req.url ?? '/'}`, method: req.method ?? 'POST', contentType: req.headers['content-type'] ?? null, body: body.toString('base64') };
      calls.push({ service: 'webhook', operation: `${req.method} ${host}`, input: sent });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const url = new URL(req.url ?? '/', 'http://stub');
      const target = String(req.headers['x-amz-target'] ?? '');
      const json = (status: number, contentType: string, value: unknown) => {
        const text = JSON.stringify(value);
        res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID() });
        res.end(text);
      };

      if (target.startsWith('AmazonSQS.')) {
        const operation = target.slice('AmazonSQS.'.length);
        const input = JSON.parse(body.toString('utf8') || '{}') as { MessageBody?: string };
        calls.push({ service: 'SQS', operation, input });
        if (operation !== 'SendMessage') return json(400, 'application/x-amz-json-1.0', { __type: 'com.amazonaws.sqs#InvalidAction', message: `stub: ${operation}` });
        return json(200, 'application/x-amz-json-1.0', {
          MessageId: randomUUID(),
          MD5OfMessageBody: createHash('md5').update(input.MessageBody ?? '', 'utf8').digest('hex'),
        });
      }
      if (target.startsWith('secretsmanager.')) {
        const operation = target.slice('secretsmanager.'.length);
        const input = JSON.parse(body.toString('utf8') || '{}') as { SecretId?: string };
        calls.push({ service: 'SecretsManager', operation, input });
        const stripe = String(input.SecretId ?? '').includes('stripe');
        return json(200, 'application/x-amz-json-1.1', {
          ARN: input.SecretId,
          Name: stripe ? 'stripe' : 'origin-verify',
          SecretString: JSON.stringify(stripe ? stripeKeys() : { current: originSecret, previous: '' }),
          VersionId: 'bench-version',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: Math.floor(Date.now() / 1000),
        });
      }
      if (req.method === 'POST' && url.pathname === '/v2/email/outbound-emails') {
        calls.push({ service: 'SESv2', operation: 'SendEmail', input: JSON.parse(body.toString('utf8') || '{}') });
        return json(200, 'application/json', { MessageId: randomUUID() });
      }
      if (req.method === 'POST' && url.pathname === '/' && /Action=Publish/.test(body.toString('utf8'))) {
        calls.push({ service: 'SNS', operation: 'Publish', input: Object.fromEntries(new URLSearchParams(body.toString('utf8'))) });
        const xml = `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`;
        res.writeHead(200, { 'content-type': 'text/xml' });
        return res.end(xml);
      }
      const stripePath = /^\/stripe(\/.*)$/.exec(url.pathname);
      const sandbox = stripeOrigin();
      if (stripePath && sandbox) {
        const header = (name: string) => (req.headers[name] === undefined ? null : String(req.headers[name]));
        const sent: StripeRequest = { method: req.method ?? 'GET', path: `${stripePath[1]}${url.search}`, body: body.toString('utf8'), stripeAccount: header('stripe-account'), idempotencyKey: header('idempotency-key') };
        // Ids out of the operation's name, so the report reads "POST /v1/checkout/sessions", "GET /v1/checkout/sessions/{id}".
        calls.push({ service: 'Stripe', operation: `${sent.method} ${stripePath[1]!.replace(/\/[a-z]+_[A-Za-z0-9]+/g, '/{id}')}`, input: sent });
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)).map(([name, value]) => [name, String(value)]));
        const answer = await fetch(`${sandbox}${sent.path}`, { method: sent.method, headers, ...(sent.method === 'GET' ? {} : { body: new Uint8Array(body) }) });
        const answerBody = Buffer.from(await answer.arrayBuffer());
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'content-length': answerBody.length, 'request-id': answer.headers.get('request-id') ?? randomUUID() });
        return res.end(answerBody);
      }
      const fetched = /^\/fetch\/([^/]+)(\/.*)?$/.exec(url.pathname);
      if (fetched && /\.s3\.[a-z0-9-]+\.amazonaws\.com$/.test(fetched[1]!)) {
        const host = fetched[1]!;
        const range = req.headers.range;
        const sent = { url: `https://${host}${fetched[2] ?? '/'}${url.search}`, method: req.method ?? 'GET', contentType: req.headers['content-type'] ?? null, body: body.toString('base64'), ...(range ? { headers: { range } } : {}) };
        calls.push({ service: 'S3', operation: req.method ?? 'GET', input: sent });
        return answerS3(req, res, decodeURIComponent((fetched[2] ?? '/').slice(1)), body);
      }
      calls.push({ service: 'unknown', operation: `${req.method} ${url.pathname} ${target}`, input: null });
      json(400, 'application/json', { message: `The benchmark's AWS stub does not answer ${req.method} ${url.pathname} ${target}` });
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  /** S3 as a presigned request meets it: PUT keeps, HEAD describes, GET reads (a Range: 206), DELETE removes. */
  function answerS3(req: IncomingMessage, res: ServerResponse, key: string, body: Buffer): void {
    if (req.method === 'PUT') {
      // A presigned PUT of a file the function made (an estimate's PDF): kept, so a HEAD finds it.
      objects.set(key, { sizeBytes: body.length, contentType: String(req.headers['content-type'] ?? ''), body });
      res.writeHead(200);
      return void res.end();
    }
    if (req.method === 'DELETE') {
      // S3 answers 204 whether or not the key was there.
      objects.delete(key);
      res.writeHead(204);
      return void res.end();
    }
    const object = objects.get(key);
    if (!object) {
      res.writeHead(404);
      return void res.end();
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-length': object.sizeBytes, 'content-type': object.contentType });
      return void res.end();
    }
    if (req.method !== 'GET' || !object.body) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return void res.end(`The benchmark's S3 stub does not answer ${req.method} of ${key}${object.body ? '' : ' (no bytes were given for it)'}`);
    }
    const whole = object.body;
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
    if (!range) {
      res.writeHead(200, { 'content-length': whole.length, 'content-type': object.contentType });
      return void res.end(whole);
    }
    const start = Number(range[1]);
    const end = Math.min(whole.length - 1, range[2] ? Number(range[2]) : whole.length - 1);
    if (start > end) {
      res.writeHead(416, { 'content-range': `bytes */${whole.length}` });
      return void res.end();
    }
    const part = whole.subarray(start, end + 1);
    res.writeHead(206, { 'content-length': part.length, 'content-type': object.contentType, 'content-range': `bytes ${start}-${end}/${whole.length}` });
    res.end(part);
  }

  const url = await listen(server);
  const tls = receiverCertificate();
  const receiverServer = createTlsServer({ key: tls.key, cert: tls.cert }, receiver);
  const receiverPort = Number(new URL(await listen(receiverServer)).port);
  return {
    url,
    objects,
    webhookTls: { port: receiverPort, caFile: tls.caFile },
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
    stop: async () => {
      await Promise.all([close(server), close(receiverServer)]);
      rmSync(tls.dir, { recursive: true, force: true });
    },
  };
}

/** One DynamoDB request as the SDK sent it: its operation and its JSON input (attribute values marshalled). */
export interface DynamoCall {
  operation: string;
  input: Record<string, unknown>;
  /** When the child sent it and received its answer (its performance.now(), ms), when traced (cold-start.ts). */
  startedAt?: number;
  endedAt?: number;
}

export interface DynamoProxy {
  url: string;
  /** DynamoDB requests forwarded since the last take(), in order. */
  take(): DynamoCall[];
  stop(): Promise<void>;
}

/** Forwards everything to `target` (dynalite) and notes each request's operation and input. */
export async function startDynamoProxy(target: string): Promise<DynamoProxy> {
  let operations: DynamoCall[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^DynamoDB_\d+\./, '');
    const call: DynamoCall = { operation: operation || `${req.method} ${req.url}`, input: {} };
    operations.push(call);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        call.input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        call.input = {};
      }
    });
    const upstream = request(
      { hostname: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  const url = await listen(server);
  return {
    url,
    take: () => {
      const taken = operations;
      operations = [];
      return taken;
    },
    stop: () => close(server),
  };
}
