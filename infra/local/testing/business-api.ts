/**
 * Test helpers for the business API as a business's system uses it: extra API keys, a valid job
 * body, a recorder of the data writes a request made, and a local webhook listener (alone, or
 * subscribed to events).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKeyScope } from '../../../shared/business-api/model';
import { apiKeyPattern, mintApiKey } from '../../../shared/business-api/api-keys';
import { recordDynamoCalls, type RecordedCall } from '../dynamo-call-recorder';
import { BusinessClient, sentBy, tokenOf, type ApiResponse, type TestStack } from '../test-support';

/** The public id inside a key string (`fsp_<mode>_<id>_<secret><checksum>`). */
export const keyIdOf = (key: string): string => apiKeyPattern.exec(key)![2]!;

/** Mints and stores one more API key for a demo business; returns a client holding it. */
export async function extraKey(
  stack: TestStack,
  slug: 'acme' | 'brightclean' = 'acme',
  options: { scopes?: ApiKeyScope[]; expiresAt?: string | null; name?: string } = {},
): Promise<{ key: string; id: string; client: BusinessClient }> {
  const minted = mintApiKey(
    { businessId: stack.demo[slug].business.id, name: options.name ?? 'Test key', mode: 'test', scopes: options.scopes ?? ['read', 'write'], expiresAt: options.expiresAt ?? null },
    { clock: stack.source.clock, random: stack.source.random },
  );
  await stack.stores.apiKeys.putKey(minted.record);
  return { key: minted.key, id: minted.record.id, client: new BusinessClient(stack.url, minted.key) };
}

const day = 24 * 3600_000;
const hour = 3600_000;

/** What the bodies below read of a stack: its clock (a test stack's, or the browser tests' local stack's). */
type StackClock = Pick<TestStack, 'source'>;

/** A valid `PUT jobs/{id}` body for `customerId`, ending `endInMs` from the stack's clock. */
export function jobBody(stack: StackClock, customerId: string, endInMs = 3 * day, overrides: Record<string, unknown> = {}): Record<string, any> {
  const end = stack.source.clock.now().getTime() + endInMs;
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  return {
    customerId,
    number: 'T-1',
    title: 'Test job',
    status: 'scheduled',
    scheduledStart: iso(end - 4 * hour),
    scheduledEnd: iso(end),
    arrivalWindow: { start: iso(end - 4 * hour), end: iso(end - 2 * hour) },
    scopeOfWork: 'Fix the thing.',
    address: { line1: '1 Test Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
    contact: { name: 'Jordan Rivera', phone: null, email: null },
    technician: { name: 'Maria Lopez' },
    currency: 'USD',
    charges: [{ id: 'l1', description: 'Labour (hours)', quantity: 1.5, unitAmount: 12500 }],
    taxAmount: 0,
    ...overrides,
  };
}

/** The instant a stack's invoice bodies are dated from: its clock at the first one asked for. */
const invoiceBase = new WeakMap<StackClock, number>();

/**
 * A valid `PUT invoices/{id}` body for `customerId`: one line of 100.00, no tax, issued a day
 * before and due 13 days after the first invoice body of the stack, so the same body is the same
 * body however long the test file runs.
 */
export function invoiceBody(stack: StackClock, customerId: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  if (!invoiceBase.has(stack)) invoiceBase.set(stack, stack.source.clock.now().getTime());
  const iso = (offsetMs: number) => new Date(invoiceBase.get(stack)! + offsetMs).toISOString();
  return {
    customerId,
    number: 'INV-T',
    issuedAt: iso(-day),
    dueAt: iso(13 * day),
    currency: 'USD',
    lines: [{ description: 'Work', quantity: 1, unitAmount: 10_000 }],
    taxAmount: 0,
    ...overrides,
  };
}

/** A valid `PUT estimates/{id}` body for `customerId`: one option of 100.00, valid 30 days from the stack's clock. */
export function estimateBody(stack: StackClock, customerId: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    customerId,
    title: 'Second opinion',
    currency: 'USD',
    expiresAt: new Date(stack.source.clock.now().getTime() + 30 * day).toISOString(),
    options: [{ id: 'only', name: 'Only', lines: [{ description: 'Work', quantity: 1, unitAmount: 10_000 }] }],
    ...overrides,
  };
}

/**
 * Records the DynamoDB commands with their inputs (the stack's own recorder keeps names only), so
 * a test can tell a data write from the bookkeeping every API-key request does (its rate-limit
 * counter, the key's `lastUsedAt`) and from idempotency records.
 */
export function writeRecorder(stack: TestStack, name: string) {
  const recorder = recordDynamoCalls(stack.dynamo.doc, name);
  recorder.take();
  // Rate counters, the API key's lastUsedAt, idempotency records and the API budgets' counters.
  const bookkeeping = /^(RATE#|APIKEY#)|#IDEM#|#APIBUDGET#/;
  const keysOf = (call: RecordedCall): string[] => {
    const input = call.input as { Item?: { pk?: unknown }; Key?: { pk?: unknown }; RequestItems?: Record<string, { PutRequest?: { Item: { pk: unknown } }; DeleteRequest?: { Key: { pk: unknown } } }[]> };
    if (input.Item) return [String(input.Item.pk)];
    if (input.Key) return [String(input.Key.pk)];
    if (input.RequestItems) return Object.values(input.RequestItems).flat().map((r) => String(r.PutRequest?.Item.pk ?? r.DeleteRequest?.Key.pk));
    return ['?'];
  };
  return {
    reset: () => void recorder.take(),
    /** Partition keys written (Put, Update, Delete, BatchWrite) since the last reset, bookkeeping left out. */
    dataWrites: (): string[] =>
      recorder
        .peek()
        .filter((c) => /Put|Update|Delete|Write/.test(c.operation))
        .flatMap(keysOf)
        .filter((pk) => !bookkeeping.test(pk)),
  };
}

export interface ReceivedHook {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1: answers with `status()` and records every request. */
export async function startListener(status: () => number = () => 200) {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status());
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The standard-webhooks headers of a received request, as `Webhook.verify` wants them. */
export const hookHeaders = (h: ReceivedHook): Record<string, string> => ({
  'webhook-id': String(h.headers['webhook-id']),
  'webhook-timestamp': String(h.headers['webhook-timestamp']),
  'webhook-signature': String(h.headers['webhook-signature']),
});

/** A listener subscribed through the business API to `events`; `secret` verifies what it receives. */
export async function listenForEvents(client: BusinessClient, events: string[]) {
  const listener = await startListener();
  const endpoint = await client.post('/webhook-endpoints', { url: listener.url, events });
  if (endpoint.status !== 201) {
    await listener.close();
    throw new Error(`webhook-endpoints answered ${endpoint.status}: ${JSON.stringify(endpoint.body)}`);
  }
  return Object.assign(listener, { secret: endpoint.body.secret as string });
}

/**
 * Runs a business API request that sends the customer a link (a pay or estimate link): it must
 * answer 202 and send exactly one message, whose link opens `page` (`acme/pay`); returns its token.
 */
export async function sentLinkToken(stack: TestStack, send: () => Promise<ApiResponse>, page: string): Promise<string> {
  const { result, sent } = await sentBy(stack, send);
  expect(result.status).toBe(202);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.link).toMatch(new RegExp(`^${stack.url}/${page}#token=[A-Za-z0-9_-]{43}$`));
  return tokenOf(sent[0]!.link!);
}
