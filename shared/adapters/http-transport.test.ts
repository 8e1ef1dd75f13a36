/**
 * Rule 61 at the socket: a delivery to a name that resolves to 127.0.0.1 or 10.x is refused at
 * connect time (the listener on loopback never sees it), unless the policy allows loopback (the
 * local stack). Rule 62: each delivery has its own deadline; redirects are not followed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ForbiddenAddress, type Resolver } from '../net/connect-guard';
import { webhookTransport } from './http-transport';

let server: Server;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(req.url ?? '');
    if (req.url === '/hang') return; // never answers
    if (req.url === '/redirect') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` });
      return res.end();
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});
beforeEach(() => {
  received.length = 0;
});

const resolver: Resolver = async (name) => {
  const table: Record<string, string> = { 'hooks.example.com': '127.0.0.1', 'rebind.example.com': '10.0.0.5', 'meta.example.com': '169.254.169.254' };
  if (!table[name]) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return [{ address: table[name]!, family: 4 }];
};
const headers = { 'content-type': 'application/json' };

describe('rule 61: the address is checked at connect time', () => {
  test('a public-looking name resolving to 127.0.0.1 is refused when loopback is not allowed; nothing reaches the listener', async () => {
    const transport = webhookTransport({ allowLoopback: false }, resolver);
    await expect(transport.post(`http://hooks.example.com:${port}/hook`, '{}', headers)).rejects.toBeInstanceOf(ForbiddenAddress);
    await expect(transport.post(`http://127.0.0.1:${port}/hook`, '{}', headers)).rejects.toBeInstanceOf(ForbiddenAddress);
    await expect(transport.post(`http://[::ffff:127.0.0.1]:${port}/hook`, '{}', headers)).rejects.toBeInstanceOf(ForbiddenAddress);
    expect(received).toEqual([]);
  });

  test('names resolving to 10.x or the metadata address are refused even where loopback is allowed', async () => {
    const transport = webhookTransport({ allowLoopback: true }, resolver);
    await expect(transport.post(`http://rebind.example.com:${port}/hook`, '{}', headers)).rejects.toMatchObject({ name: 'ForbiddenAddress', reason: 'private address' });
    await expect(transport.post('https://meta.example.com/latest', '{}', headers)).rejects.toMatchObject({ name: 'ForbiddenAddress', reason: 'link-local address' });
    await expect(transport.post('http://169.254.169.254/latest', '{}', headers)).rejects.toBeInstanceOf(ForbiddenAddress);
  });

  test('with loopback allowed (the local stack only), the same name is delivered to', async () => {
    const transport = webhookTransport({ allowLoopback: true }, resolver);
    expect(await transport.post(`http://hooks.example.com:${port}/hook`, '{}', headers)).toEqual({ status: 204 });
    expect(received).toEqual(['/hook']);
  });
});

describe('rule 62: deadlines and redirects', () => {
  test('a receiver that never answers is abandoned at the deadline', async () => {
    const transport = webhookTransport({ allowLoopback: true }, resolver);
    const started = Date.now();
    await expect(transport.post(`http://127.0.0.1:${port}/hang`, '{}', headers, { timeoutMs: 300 })).rejects.toMatchObject({ name: expect.stringMatching(/TimeoutError|AbortError/) });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a redirect is the answer, not followed', async () => {
    const transport = webhookTransport({ allowLoopback: true }, resolver);
    expect(await transport.post(`http://127.0.0.1:${port}/redirect`, '{}', headers)).toEqual({ status: 302 });
    expect(received).toEqual(['/redirect']);
  });
});
