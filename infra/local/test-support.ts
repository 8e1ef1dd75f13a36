/**
 * Helpers for integration and browser tests: a local stack in memory with a clock the test
 * can move, a DynamoDB call recorder and its console captured; an HTTP client that keeps cookies
 * like a browser; signing a demo customer in; the messages and link tokens the outbox got.
 * More in ./testing/ (the business API, the Stripe sandbox, the real stores for unit tests).
 */
import { signInPolicy } from '../../shared/auth/policy';
import { fixedWindow } from '../../shared/kernel/rate-window';
import type { OutboxMessage } from './adapters/outbox';
import { recordDynamoCalls, type RecordedCall } from './dynamo-call-recorder';
import { demo, type DemoSlug } from './seed';
import { startLocalStack, type LocalStack } from './stack';

/** Each test client claims its own IP through this header, so per-IP limits apply per client. */
export const testClientIpHeader = 'x-test-client-ip';
let nextClientIp = 1;
/**
 * The n-th client's address: 198.51.100.1–254, then 192.0.2.1–254 (documentation ranges; tests
 * pick 203.0.113.x themselves). Never reused: a reused one would share another client's per-IP limits.
 */
function clientAddress(n: number): string {
  const [net, host] = n <= 254 ? ['198.51.100', n] : ['192.0.2', n - 254];
  if (host > 254) throw new Error(`More than 508 portal clients in one test file: give some an address of their own (PortalClient's second argument).`);
  return `${net}.${host}`;
}

export interface TestStack extends LocalStack {
  /** Moves the stack's clock forward (link expiry, session timeouts). */
  advanceClock(ms: number): void;
  /**
   * Moves the clock to a second past the start of the next rate-limit window (sign-in's 15 minutes,
   * or `windowSeconds`), for tests that count up to a limit: at the start, so the count cannot
   * cross into another window halfway. (Sessions started earlier may idle out.)
   */
  nextRateWindow(windowSeconds?: number): void;
  /**
   * Stops the clock where it is, until `resumeClock` (`advanceClock` still moves it): for a test
   * whose windows (a 2-second wait) are shorter than its own steps can take on a busy machine.
   */
  holdClock(): void;
  /** Lets a held clock run again from where it stood (no jump). */
  resumeClock(): void;
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

export interface TestStackOptions {
  /** How much shorter than on AWS queue delays are (default 0.001: minutes become milliseconds). */
  queueDelayScale?: number;
  /**
   * Console output of the whole run (handlers, queues, the stack) goes into this array instead
   * of the terminal, until `stop()`; a test file can then search it (for secrets, say). Left
   * out, the console is left alone.
   */
  consoleLines?: string[];
}

/** One per test file: `beforeAll(async () => { stack = await startTestStack(...) })`, `afterAll(() => stack.stop())`. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const restoreConsole = options.consoleLines ? captureConsole(options.consoleLines) : () => undefined;
  try {
    return await buildTestStack(options, restoreConsole);
  } catch (error) {
    restoreConsole();
    throw error;
  }
}

async function buildTestStack(options: TestStackOptions, restoreConsole: () => void): Promise<TestStack> {
  let offset = 0;
  let heldAt: number | null = null;
  const now = () => new Date((heldAt ?? Date.now()) + offset);
  const logLines: string[] = [];
  let recorder: ReturnType<typeof recordDynamoCalls> | undefined;
  const stack = await startLocalStack({
    port: 0,
    memory: true,
    clock: { now },
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
      try {
        await stop();
      } finally {
        restoreConsole();
      }
      const used = forbiddenOperations.filter((op) => calls.everySeen.has(op));
      if (used.length) throw new Error(`The run used ${used.join(', ')}: the design allows no Scan and no transactions.`);
    },
    advanceClock: (ms: number) => {
      offset += ms;
    },
    nextRateWindow: (windowSeconds: number = signInPolicy.rateWindowSeconds) => {
      const at = now();
      const { windowStart } = fixedWindow(at, windowSeconds);
      offset += windowStart.getTime() + windowSeconds * 1000 + 1000 - at.getTime();
    },
    holdClock: () => {
      heldAt ??= Date.now();
    },
    resumeClock: () => {
      if (heldAt === null) return;
      offset -= Date.now() - heldAt;
      heldAt = null;
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
  /** The browser this client says it is (`User-Agent`), when a test needs one. */
  userAgent: string | null = null;

  constructor(readonly baseUrl: string, readonly ip = clientAddress(nextClientIp++)) {}

  async request<T = any>(method: string, path: string, options: { json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { [testClientIpHeader]: this.ip };
    if (method !== 'GET' && method !== 'HEAD') headers.origin = this.baseUrl;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (this.userAgent) headers['user-agent'] = this.userAgent;
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
  patch = <T = any>(path: string, json: unknown) => this.request<T>('PATCH', path, { json });
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
  /** A GET as a link's page makes it (pay, estimate, tracking, sign-in): the token in `Authorization: Link …`. */
  getWithLink = <T = any>(path: string, token: string, headers: Record<string, string> = {}) => this.request<T>('GET', path, { headers: { authorization: `Link ${token}`, ...headers } });
  postWithLink = <T = any>(path: string, token: string, json: unknown, headers: Record<string, string> = {}) =>
    this.request<T>('POST', path, { json, headers: { authorization: `Link ${token}`, ...headers } });
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
  return tokenOf(message.link);
}

/** A new client, signed in with a sign-in link's token. */
export async function verifiedClient(stack: TestStack, token: string, client: PortalClient = stack.client()): Promise<PortalClient> {
  const res = await client.post('/api/auth/verify', { token });
  if (res.status !== 200) throw new Error(`verify answered ${res.status}`);
  return client;
}

/** A signed-in client for a demo customer. */
export async function signedInClient(stack: TestStack, portal: string = demo.acme.slug, email = demo.jordan.email): Promise<PortalClient> {
  const client = stack.client();
  return verifiedClient(stack, await requestLinkToken(stack, client, portal, email), client);
}

/**
 * A signed-in client, its link asked for in a fresh rate window: for test files that ask for more
 * links for one customer than a person may. The clock moves on by one window, so sessions started
 * earlier may idle out.
 */
export function signIn(stack: TestStack, email: string = demo.jordan.email, portal: string = demo.acme.slug): Promise<PortalClient> {
  stack.nextRateWindow();
  return signedInClient(stack, portal, email);
}

/** The token a link carries in its fragment (`…/link#token=…`, `…/pay#token=…`). */
/**
 * Until `done()`, for at most `withinMs`: for what comes after a request has answered (a crash in
 * a queue consumer), where the stack has nothing to wait on. True when it came.
 */
export async function waitFor(done: () => boolean, withinMs = 10_000): Promise<boolean> {
  for (const until = Date.now() + withinMs; !done() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
  return done();
}

export const tokenOf = (link: string): string => new URL(link).hash.replace(/^#token=/, '');

/**
 * Runs `action` (a request that sends email or SMS from a queue), lets the queues finish, and
 * returns what it answered and the messages sent meanwhile, newest first.
 */
export async function sentBy<T>(stack: LocalStack, action: () => Promise<T>): Promise<{ result: T; sent: OutboxMessage[] }> {
  await stack.drainQueues();
  const before = stack.outbox.messages().length;
  const result = await action();
  await stack.drainQueues();
  return { result, sent: stack.outbox.messages().slice(0, stack.outbox.messages().length - before) };
}

/** The token of the newest message in the outbox (most tests drain the queues first). */
export function newestToken(stack: LocalStack): string {
  const link = stack.outbox.messages()[0]?.link;
  if (!link) throw new Error('The newest message in the outbox carries no link');
  return tokenOf(link);
}

/** A customer's upload as the portal's page makes it: start, POST the form with the file, complete. */
export async function uploadCustomerFile(
  client: PortalClient,
  file: { slug: string; purpose: 'request' | 'form'; fileName: string; contentType: string; bytes: Buffer; link?: string },
): Promise<{ id: string; claimToken: string | null; completed: ApiResponse }> {
  const headers: Record<string, string> = file.link ? { authorization: `Link ${file.link}` } : {};
  const started = await client.request<{ id: string; claimToken: string | null; post: { url: string; fields: Record<string, string> } }>('POST', '/api/uploads', {
    json: { slug: file.slug, purpose: file.purpose, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.bytes.length },
    headers,
  });
  if (started.status !== 201) throw new Error(`POST /api/uploads answered ${started.status}: ${JSON.stringify(started.body)}`);
  const form = new FormData();
  for (const [name, value] of Object.entries(started.body.post.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
  const posted = await fetch(started.body.post.url, { method: 'POST', body: form });
  if (!posted.ok) throw new Error(`The upload form answered ${posted.status}: ${await posted.text()}`);
  const { id, claimToken } = started.body;
  const completed = await client.request('POST', `/api/uploads/${id}/complete`, { json: claimToken ? { claimToken } : {}, headers });
  return { id, claimToken, completed };
}
