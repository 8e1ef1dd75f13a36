import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { contentEncodingFor, createGateway, type GatewayOptions } from './gateway';

describe('contentEncodingFor: what CloudFront compresses', () => {
  const js = 'text/javascript; charset=utf-8';
  it('prefers Brotli, then gzip, for text of 1,000 bytes or more', () => {
    expect(contentEncodingFor('gzip, deflate, br, zstd', js, 5000)).toBe('br');
    expect(contentEncodingFor('gzip', 'text/css; charset=utf-8', 5000)).toBe('gzip');
    expect(contentEncodingFor('br;q=0, gzip;q=0.8', 'image/svg+xml', 5000)).toBe('gzip');
    expect(contentEncodingFor('br', 'application/json', 1000)).toBe('br');
  });

  it('leaves small files, images and browsers that ask for nothing alone', () => {
    expect(contentEncodingFor('br', js, 999)).toBeNull();
    expect(contentEncodingFor('br, gzip', 'image/png', 5000)).toBeNull();
    expect(contentEncodingFor(undefined, js, 5000)).toBeNull();
    expect(contentEncodingFor('identity', js, 5000)).toBeNull();
  });
});

describe('the local gateway serves the portal compressed, as CloudFront does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-dist-'));
  mkdirSync(join(dir, 'assets'));
  const script = `export const words = ${JSON.stringify('a phone on a weak signal '.repeat(200))};\n`;
  writeFileSync(join(dir, 'assets', 'app-TEST.js'), script);
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Portal</title>${'<p>portal</p>'.repeat(100)}`);
  const server = createGateway({ handlerOf: () => { throw new Error('no API here'); }, staticDir: dir, viewerIpHeader: null, stripeSandbox: null } as unknown as GatewayOptions);
  let port: number;
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), resolve()))));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // node:http, not fetch: fetch would decompress the body and hide what went over the wire.
  const get = (path: string, acceptEncoding?: string) =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      request({ port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });

  it('sends Brotli to a browser that takes it, with the same headers otherwise', async () => {
    const { headers, body } = await get('/assets/app-TEST.js', 'gzip, deflate, br');
    expect(headers['content-encoding']).toBe('br');
    expect(headers.vary).toBe('accept-encoding');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('sends gzip to one that takes only gzip, and the page itself compressed too', async () => {
    const { headers, body } = await get('/acme/jobs', 'gzip');
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(body).toString()).toContain('<title>Portal</title>');
  });

  it('sends the file as it is to a client that asks for no encoding', async () => {
    const { headers, body } = await get('/assets/app-TEST.js');
    expect(headers['content-encoding']).toBeUndefined();
    expect(body.toString()).toBe(script);
  });
});
