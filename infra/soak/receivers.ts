/**
 * The business's webhook receivers, on loopback: a good one (answers 200 at once; the checker
 * reads what it got), a slow one (answers 200 after up to 1.5 s), a flaky one (500 to the first
 * two attempts of each event, then 200: the retries) and a dead one (always 500, subscribed to one
 * rare event only, so it is disabled after its first delivery's three days of retries, which the
 * scaled queue delays make seconds).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  webhookId: string;
  body: string;
}

export interface Receiver {
  name: string;
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startReceiver(name: string, answer: (headers: IncomingHttpHeaders, seen: number) => Promise<number>): Promise<Receiver> {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const webhookId = String(req.headers['webhook-id']);
      received.push({ webhookId, body: Buffer.concat(chunks).toString('utf8') });
      const seen = (attempts.get(webhookId) ?? 0) + 1;
      attempts.set(webhookId, seen);
      void answer(req.headers, seen).then((status) => {
        res.writeHead(status);
        res.end();
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return {
    name,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startReceivers(rng: () => number) {
  return {
    good: await startReceiver('good', async () => 200),
    slow: await startReceiver('slow', async () => {
      await sleep(100 + rng() * 1400);
      return 200;
    }),
    flaky: await startReceiver('flaky', async (_h, seen) => (seen <= 2 ? 500 : 200)),
    dead: await startReceiver('dead', async () => 500),
  };
}
