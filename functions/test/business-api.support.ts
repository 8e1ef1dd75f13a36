/**
 * Helpers shared by the business API integration tests (business-api.*.integration.test.ts):
 * extra API keys, a valid job body, a recorder of the data writes a request made, and a local
 * webhook listener.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKeyScope } from '../../shared/business-api/model';
import { apiKeyPattern, mintApiKey } from '../../shared/business-api/api-keys';
import { recordDynamoCalls, type RecordedCall } from '../../infra/local/dynamo-call-recorder';
import { BusinessClient, type TestStack } from '../../infra/local/test-support';

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

/** A valid `PUT jobs/{id}` body for `customerId`, ending `endInMs` from the stack's clock. */
export function jobBody(stack: TestStack, customerId: string, endInMs = 3 * day, overrides: Record<string, unknown> = {}): Record<string, any> {
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

/**
 * Records the DynamoDB commands with their inputs (the stack's own recorder keeps names only), so
 * a test can tell a data write from the bookkeeping every API-key request does (its rate-limit
 * counter, the key's `lastUsedAt`) and from idempotency records.
 */
export function writeRecorder(stack: TestStack, name: string) {
  const recorder = recordDynamoCalls(stack.dynamo.doc, name);
  recorder.take();
  const bookkeeping = /^(RATE#|APIKEY#)|#IDEM#/;
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
