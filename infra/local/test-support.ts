/**
 * Helpers for integration and browser tests: a local stack in memory with a clock the test
 * can move, a DynamoDB call recorder, and an HTTP client that keeps cookies like a browser.
 */
import { signInPolicy } from '../../shared/auth/policy';
import { recordDynamoCalls, type RecordedCall } from './dynamo-call-recorder';
import { demo, type DemoSlug } from './seed';
import { startLocalStack, type LocalStack } from './stack';

/** Each test client claims its own IP through this header, so per-IP limits apply per client. */
export const testClientIpHeader = 'x-test-client-ip';
let nextClientIp = 1;

export interface TestStack extends LocalStack {
  /** Moves the stack's clock forward (link expiry, session timeouts). */
  advanceClock(ms: number): void;
  /**
   * Moves the clock into the next rate-limit window, for test files that ask for more links
   * for one customer than a person may. (Sessions started earlier may idle out.)
   */
  nextRateWindow(): void;
  /** DynamoDB commands sent since the last reset, by name. */
  dynamoCalls(): string[];
  /** The same calls with their inputs and times (for counting sequential round trips: roundsOf). */
  dynamoCallLog(): RecordedCall[];
  /** Every DynamoDB operation of the whole run, seed included. */
  dynamoCallsEverSeen(): ReadonlySet<string>;
  resetDynamoCalls(): void;
  /** Every log line the handlers wrote. */
  logLines: string[];
  client(): PortalClient;
  /** A business API client holding the demo business's key. */
  business(slug?: DemoSlug): BusinessClient;
}

/** Operations the design rules out (docs/data-model.md): no Scan, no transactions. */
export const forbiddenOperations = ['Scan', 'TransactWriteItems', 'TransactGetItems', 'ExecuteTransaction'];

/** `queueDelayScale`: how much shorter than on AWS queue delays are (default 0.001: minutes become milliseconds). */
export async function startTestStack(options: { queueDelayScale?: number } = {}): Promise<TestStack> {
  let offset = 0;
  const logLines: string[] = [];
  let recorder: ReturnType<typeof recordDynamoCalls> | undefined;
  const stack = await startLocalStack({
    port: 0,
    memory: true,
    clock: { now: () => new Date(Date.now() + offset) },
    print: (line) => logLines.push(line),
    clientIpHeader: testClientIpHeader,
    // Webhook retries back off by minutes on AWS; here by milliseconds.
    queueDelayScale: options.queueDelayScale ?? 0.001,
    // Installed before the seed runs, so the forbidden-operations check sees every call of the run.
    beforeSeed: (doc) => {
      recorder = recordDynamoCalls(doc, 'testRecordCalls');
    },
  });
  const calls = recorder!;
  const stop = stack.stop;
  return Object.assign(stack, {
    /** Also fails the test file if any call of the whole run used an operation the design rules out. */
    stop: async () => {
      await stop();
      const used = forbiddenOperations.filter((op) => calls.everySeen.has(op));
      if (used.length) throw new Error(`The run used ${used.join(', ')}: the design allows no Scan and no transactions.`);
    },
    advanceClock: (ms: number) => {
      offset += ms;
    },
    nextRateWindow: () => {
      offset += signInPolicy.rateWindowSeconds * 1000;
    },
    dynamoCalls: () => calls.peek().map((call) => call.operation),
    dynamoCallLog: () => calls.peek(),
    dynamoCallsEverSeen: () => calls.everySeen,
    resetDynamoCalls: () => {
      calls.take();
    },
    business: (slug: DemoSlug = 'acme') => new BusinessClient(stack.url, stack.demo[slug].apiKey),
    logLines,
    client: () => new PortalClient(stack.url),
  });
}

/** Captures console output for the whole test file, so log lines can be searched for secrets. */
export function captureConsole(lines: string[]): () => void {
  const spies = (['log', 'info', 'warn', 'error'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  return () => spies.forEach((spy) => spy.mockRestore());
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  setCookies: string[];
}

/** Acts like the portal page in a browser: same-origin, cookies kept, Origin sent on POST. */
export class PortalClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string, readonly ip = `198.51.100.${nextClientIp++ % 250}`) {}

  async request<T = any>(method: string, path: string, options: { json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { [testClientIpHeader]: this.ip };
    if (method !== 'GET' && method !== 'HEAD') headers.origin = this.baseUrl;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    Object.assign(headers, options.headers);
    for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : options.body !== undefined ? { body: options.body } : {}),
    });
    const setCookies = res.headers.getSetCookie();
    for (const cookie of setCookies) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: body as T, setCookies };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, json?: unknown) => this.request<T>('POST', path, json === undefined ? {} : { json });
}

/** The business API as a back office calls it: Bearer key, JSON, no Origin, optional Idempotency-Key. */
export class BusinessClient {
  constructor(readonly baseUrl: string, readonly key: string) {}

  async request<T = any>(method: string, path: string, options: { json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    if (options.json !== undefined || options.body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
    const res = await fetch(`${this.baseUrl}/api/business/v1${path}`, {
      method,
      headers,
      ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : options.body !== undefined ? { body: options.body } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: body as T, setCookies: [] };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  put = <T = any>(path: string, json: unknown) => this.request<T>('PUT', path, { json });
  patch = <T = any>(path: string, json: unknown) => this.request<T>('PATCH', path, { json });
  post = <T = any>(path: string, json: unknown, headers: Record<string, string> = {}) => this.request<T>('POST', path, { json, headers });
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
}

/** Asks for a link for `email` at `portal`, takes it from the outbox, and returns its token. */
export async function requestLinkToken(stack: LocalStack, client: PortalClient, portal: string, email: string): Promise<string> {
  const before = stack.outbox.messages().length;
  const res = await client.post('/api/auth/magic-link', { portal, email });
  if (res.status !== 202) throw new Error(`magic-link answered ${res.status}: ${JSON.stringify(res.body)}`);
  await stack.drainQueues();
  const message = stack.outbox.messages()[0];
  if (stack.outbox.messages().length === before || !message?.link) throw new Error('No sign-in link was sent');
  return new URL(message.link).hash.replace('#token=', '');
}

/** A signed-in client for a demo customer. */
export async function signedInClient(stack: TestStack, portal: string = demo.acme.slug, email = demo.jordan.email): Promise<PortalClient> {
  const client = stack.client();
  const token = await requestLinkToken(stack, client, portal, email);
  const res = await client.post('/api/auth/verify', { token });
  if (res.status !== 200) throw new Error(`verify answered ${res.status}`);
  return client;
}
