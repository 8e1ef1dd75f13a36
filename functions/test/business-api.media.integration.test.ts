/**
 * Branding images end to end (issue 18 §5): upload a logo or a technician's photo through the
 * business API (two steps, like attachments), see it published under the portal's own /media/ path
 * with the media headers, set it as `logoUrl` / `photoUrl`, and see the portal and tracking page
 * name it. Refusals: the wrong type, too large, bytes that are not what they claim (rule 73),
 * another business's image (rule 74); a retried request publishes once.
 */
import { deflateSync } from 'node:zlib';
import { demo } from '../../infra/local/seed';
import { demoPng, pngOf } from '../../infra/local/demo-files';
import { startTestStack, type BusinessClient, type TestStack } from '../../infra/local/test-support';
import { maxMediaBytes } from '../../shared/contract/business/media';

let stack: TestStack;
let acme: BusinessClient;
let bright: BusinessClient;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  bright = stack.business('brightclean');
});
afterAll(() => stack.stop());

type Upload = { id: string; upload: { url: string; method: 'PUT'; headers: Record<string, string> } };

/** Both steps: start, PUT the bytes to the upload URL, complete. */
async function uploadImage(client: BusinessClient, bytes: Buffer, contentType: string, headers: Record<string, string> = {}) {
  const started = await client.request<Upload>('POST', '/media', { json: { contentType, sizeBytes: bytes.length }, headers });
  expect(started.status).toBe(201);
  const { id, upload } = started.body;
  expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: new Uint8Array(bytes) })).status).toBe(200);
  return { id, complete: () => client.post(`/media/${id}/complete`, undefined) };
}

/** A tiny but real JPEG header: SOI, an APP0, then a baseline frame of `width`×`height`. */
function jpegOf(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('uploading a logo', () => {
  test('POST media → upload URL; PUT the PNG; complete → published under /media/<business>/<sha256>.png, served with the media headers; settings take it and the portal shows it', async () => {
    const logo = demoPng(120, 60, [11, 92, 173]);
    const { id, complete } = await uploadImage(acme, logo, 'image/png');
    const done = await complete();
    expect(done.status).toBe(200);
    const businessId = stack.demo.acme.business.id;
    expect(done.body).toMatchObject({ id, contentType: 'image/png', sizeBytes: logo.length, status: 'ready', width: 120, height: 60 });
    expect(done.body.url).toMatch(new RegExp(`^/media/${businessId}/[0-9a-f]{64}\\.png$`));
    expect(done.body).not.toHaveProperty('uploadKey');

    const served = await fetch(`${stack.url}${done.body.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toBe('inline');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await served.arrayBuffer()).equals(logo)).toBe(true);

    const patched = await acme.patch('/settings', { logoUrl: done.body.url });
    expect(patched.status).toBe(200);
    expect(patched.body.logoUrl).toBe(done.body.url);
    const portal = await fetch(`${stack.url}/api/portals/${demo.acme.slug}`).then((r) => r.json() as Promise<{ branding: { logoUrl: string | null } }>);
    expect(portal.branding.logoUrl).toBe(done.body.url);
  });

  test('a JPEG and the same bytes twice: the same content makes the same URL (content-addressed), a retried complete answers the same and publishes once', async () => {
    const jpeg = jpegOf(64, 64);
    const first = await uploadImage(acme, jpeg, 'image/jpeg');
    const a = await first.complete();
    expect(a.status).toBe(200);
    expect(a.body.url).toMatch(/\.jpg$/);
    const again = await first.complete();
    expect(again.status).toBe(200);
    expect(again.body).toEqual(a.body);
    const second = await uploadImage(acme, jpeg, 'image/jpeg');
    expect((await second.complete()).body.url).toBe(a.body.url);
  });

  test('a retried POST media with its Idempotency-Key answers the same upload, and makes no second one', async () => {
    const headers = { 'idempotency-key': 'logo-upload-1' };
    const one = await acme.request('POST', '/media', { json: { contentType: 'image/png', sizeBytes: 500 }, headers });
    const two = await acme.request('POST', '/media', { json: { contentType: 'image/png', sizeBytes: 500 }, headers });
    expect(one.status).toBe(201);
    expect(two.status).toBe(201);
    expect(two.headers.get('idempotent-replayed')).toBe('true');
    expect(two.body.id).toBe(one.body.id);
  });
});

describe('refusals, each a 400 problem naming the field, nothing published', () => {
  test('the wrong declared type (SVG, HTML, GIF), too large, or no size → 400 naming the field', async () => {
    for (const [body, field] of [
      [{ contentType: 'image/svg+xml', sizeBytes: 100 }, 'contentType'],
      [{ contentType: 'text/html', sizeBytes: 100 }, 'contentType'],
      [{ contentType: 'image/gif', sizeBytes: 100 }, 'contentType'],
      [{ contentType: 'image/png', sizeBytes: maxMediaBytes + 1 }, 'sizeBytes'],
      [{ contentType: 'image/png' }, 'sizeBytes'],
      [{ contentType: 'image/png', sizeBytes: 10, purpose: 'x' }, 'purpose'],
    ] as const) {
      const res = await acme.post('/media', body);
      expect([JSON.stringify(body), res.status, res.headers.get('content-type')]).toEqual([JSON.stringify(body), 400, 'application/problem+json']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  test('the upload URL takes only the declared type and size', async () => {
    const started = await acme.post('/media', { contentType: 'image/png', sizeBytes: 100 });
    const { upload } = started.body as Upload;
    expect((await fetch(upload.url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: new Uint8Array(100) })).status).toBe(400);
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: new Uint8Array(101) })).status).toBe(400);
  });

  test('rule 73: bytes that are not the declared picture (HTML, an SVG, a JPEG sent as PNG) → 400 naming contentType, nothing under /media/', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>');
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
    for (const [bytes, type] of [[html, 'image/png'], [svg, 'image/png'], [svg, 'image/webp'], [jpegOf(64, 64), 'image/png'], [demoPng(64, 64, [0, 0, 0]), 'image/jpeg']] as const) {
      const { id, complete } = await uploadImage(acme, bytes, type);
      const refused = await complete();
      expect([type, refused.status, refused.headers.get('content-type')]).toEqual([type, 400, 'application/problem+json']);
      expect(refused.body.errors).toEqual([{ field: 'contentType', message: expect.stringContaining(type) }]);
      const record = await stack.stores.media.getUpload(stack.demo.acme.business.id, id);
      expect([record!.status, record!.url]).toEqual(['pending', null]);
    }
  });

  test('rule 73: a picture too small, too large in pixels, or whose PNG data inflates past its header → 400 naming file', async () => {
    const bomb = pngOf(100, 100, 2, deflateSync(Buffer.alloc(5_000_000)));
    for (const bytes of [demoPng(8, 8, [0, 0, 0]), pngOf(4000, 100, 2, deflateSync(Buffer.alloc(100))), jpegOf(3000, 3000), bomb]) {
      const type = bytes[0] === 0xff ? 'image/jpeg' : 'image/png';
      const refused = await (await uploadImage(acme, bytes, type)).complete();
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'file', message: expect.any(String) }]);
    }
  });

  test('complete before the upload → 409; an unknown or another business\'s upload → 404', async () => {
    const started = await acme.post('/media', { contentType: 'image/png', sizeBytes: 100 });
    expect((await acme.post(`/media/${started.body.id}/complete`, undefined)).status).toBe(409);
    expect((await bright.post(`/media/${started.body.id}/complete`, undefined)).status).toBe(404);
    expect((await acme.post('/media/med_0000000000000000000000/complete', undefined)).status).toBe(404);
    expect((await acme.post('/media/not-an-id/complete', undefined)).status).toBe(400);
  });

  test('rule 74: logoUrl and photoUrl take only the business\'s own /media/ paths: another business\'s image, an external URL, or a path outside /media/ → 400 naming the field', async () => {
    const brightLogo = await (await uploadImage(bright, demoPng(32, 32, [15, 118, 110]), 'image/png')).complete();
    expect(brightLogo.status).toBe(200);
    for (const logoUrl of [brightLogo.body.url, 'https://acme.example/logo.png', `/assets/${'a'.repeat(64)}.png`, `/media/${stack.demo.acme.business.id}/../x.png`]) {
      const res = await acme.patch('/settings', { logoUrl });
      expect([logoUrl, res.status]).toEqual([logoUrl, 400]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['logoUrl']);
    }
    const res = await acme.post('/jobs/job_fc1090/tracking', { technician: { name: 'Dev Okafor', photoUrl: brightLogo.body.url }, channel: 'email' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['technician.photoUrl']);
  });

  test('the gateway serves nothing under /media/ but published images', async () => {
    expect((await fetch(`${stack.url}/media/${stack.demo.acme.business.id}/${'0'.repeat(64)}.png`)).status).toBe(404);
    expect((await fetch(`${stack.url}/media/x`)).status).toBe(404);
  });
});

describe('a technician photo', () => {
  test('uploaded and given as photoUrl: the tracking page answer names it', async () => {
    const photo = await (await uploadImage(acme, demoPng(96, 96, [200, 120, 40]), 'image/png')).complete();
    const started = await acme.post('/jobs/job_fc1090/tracking', { technician: { name: 'Dev Okafor', photoUrl: photo.body.url }, channel: 'email' });
    expect([200, 201]).toContain(started.status);
    expect(started.body.technician.photoUrl).toBe(photo.body.url);
  });
});
