/**
 * What the business adds to a job, end to end: notes, attachments (upload URL, upload, publish,
 * the customer's download), messages both ways with email notices and signed webhooks (retries
 * included), and Idempotency-Key on POST (Stripe's semantics).
 */
import { webhookEventTypes } from '../../shared/contract/business/webhooks';
import { Webhook } from 'standardwebhooks';
import type { JobDetail } from '../../shared/contract/customer/jobs';
import { demo } from '../../infra/local/seed';
import { signedInClient, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { hookHeaders, startListener, writeRecorder } from '../../infra/local/testing/business-api';

let stack: TestStack;
let acme: BusinessClient;
let jordan: PortalClient;
let writes: ReturnType<typeof writeRecorder>;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  jordan = await signedInClient(stack);
  writes = writeRecorder(stack, 'businessApiJobPartsWrites');
});
afterAll(() => stack.stop());

const acmeId = () => stack.demo.acme.business.id;
const notesOf = async (jobId: string, businessId = acmeId()) => (await stack.stores.jobs.readSection(businessId, jobId, 'notes', { limit: 500, cursor: null })).items;
const messagesOf = async (jobId: string) => (await stack.stores.jobs.readSection(acmeId(), jobId, 'messages', { limit: 500, cursor: null })).items;
const jobPage = async (jobId: string) => {
  const res = await jordan.get<JobDetail>(`/api/jobs/${jobId}`);
  expect(res.status).toBe(200);
  return res.body;
};

describe('notes', () => {
  test('POST → 201; the note shows on the customer\'s job page', async () => {
    const res = await acme.post('/jobs/job_wh1041/notes', { text: 'Pressure relief valve tested: OK.' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^note_/), at: expect.any(String), author: demo.acme.name, text: 'Pressure relief valve tested: OK.' });
    const page = await jobPage('job_wh1041');
    expect(page.notes.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: res.body.id, text: 'Pressure relief valve tested: OK.' })]));

    const authored = await acme.post('/jobs/job_wh1041/notes', { text: 'Imported note', author: 'Maria Lopez', at: '2024-01-02T03:04:05Z' });
    expect(authored.status).toBe(201);
    expect(authored.body).toMatchObject({ author: 'Maria Lopez', at: '2024-01-02T03:04:05.000Z' });
  });

  test('a note dated in the future, an empty note or one for an unknown job is refused, nothing written', async () => {
    writes.reset();
    const future = await acme.post('/jobs/job_wh1041/notes', { text: 'From the future', at: '2999-01-01T00:00:00Z' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'at', message: expect.any(String) }]);
    const empty = await acme.post('/jobs/job_wh1041/notes', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: 'text', message: expect.any(String) }]);
    expect((await acme.post('/jobs/job_nope/notes', { text: 'Nowhere' })).status).toBe(404);
    expect(writes.dataWrites()).toEqual([]);
  });

  test('rule 57: a lone surrogate or NUL in a note, or a line break in its author → 400 naming the field; line breaks in the text are fine', async () => {
    writes.reset();
    for (const [body, field] of [[{ text: 'Valve \ud800 replaced' }, 'text'], [{ text: 'Valve\u0000' }, 'text'], [{ text: 'ok', author: 'Maria\r\nLopez' }, 'author'], [{ text: 'a\u202eb' }, 'text']] as const) {
      const res = await acme.post('/jobs/job_wh1041/notes', body);
      expect({ body, status: res.status, errors: res.body.errors }).toEqual({ body, status: 400, errors: [{ field, message: expect.any(String) }] });
    }
    expect(writes.dataWrites()).toEqual([]);
    const multiline = await acme.post('/jobs/job_wh1041/notes', { text: 'Line one\nLine two\r\n\tindented' });
    expect(multiline.status).toBe(201);
    expect(multiline.body.text).toBe('Line one\nLine two\r\n\tindented');
  });
});

describe('attachments', () => {
  const bytes = Buffer.from('%PDF-1.4\n% a tiny test estimate\n%%EOF\n', 'utf8');

  test('POST → upload URL; a wrong size or type is refused and nothing stored; the right file uploads; complete → the customer downloads the same bytes', async () => {
    const res = await acme.post('/jobs/job_wh1041/attachments', { fileName: 'Estimate 2.pdf', contentType: 'application/pdf', sizeBytes: bytes.length });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^att_[A-Za-z0-9]{22}$/),
      at: expect.any(String),
      fileName: 'Estimate 2.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      status: 'pending',
      upload: { url: expect.any(String), method: 'PUT', headers: { 'content-type': 'application/pdf' }, expiresAt: expect.any(String) },
    });
    const { id, upload } = res.body as { id: string; upload: { url: string; headers: Record<string, string> } };
    // Pending: not shown to the customer yet.
    expect((await jobPage('job_wh1041')).attachments.items.map((a) => a.id)).not.toContain(id);

    const put = (body: Buffer, contentType: string) => fetch(upload.url, { method: 'PUT', headers: { 'content-type': contentType }, body: new Uint8Array(body) });
    expect((await put(Buffer.concat([bytes, Buffer.from('extra')]), 'application/pdf')).status).toBe(400);
    expect((await put(bytes.subarray(1), 'application/pdf')).status).toBe(400);
    expect((await put(bytes, 'image/png')).status).toBe(400);
    // A URL whose size was edited is no longer signed.
    expect((await fetch(upload.url.replace(`size=${bytes.length}`, `size=${bytes.length + 5}`), { method: 'PUT', headers: upload.headers, body: new Uint8Array(Buffer.concat([bytes, Buffer.from('extra')])) })).status).toBe(403);
    // Nothing was stored: publishing finds no file.
    const early = await acme.post(`/jobs/job_wh1041/attachments/${id}/complete`, undefined);
    expect(early.status).toBe(409);

    expect((await put(bytes, upload.headers['content-type']!)).status).toBe(200);
    const done = await acme.post(`/jobs/job_wh1041/attachments/${id}/complete`, undefined);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ id, at: expect.any(String), fileName: 'Estimate 2.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, status: 'ready' });
    // Completing again is harmless.
    expect((await acme.post(`/jobs/job_wh1041/attachments/${id}/complete`, undefined)).status).toBe(200);

    const shown = (await jobPage('job_wh1041')).attachments.items.find((a) => a.id === id);
    expect(shown).toMatchObject({ fileName: 'Estimate 2.pdf', contentType: 'application/pdf', sizeBytes: bytes.length });
    const download = await fetch(shown!.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
  });

  test('rule 60: HTML bytes uploaded as application/pdf → complete answers 400 naming contentType, the file is removed and never shown', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>', 'utf8');
    const res = await acme.post('/jobs/job_wh1041/attachments', { fileName: 'Invoice.pdf', contentType: 'application/pdf', sizeBytes: html.length });
    expect(res.status).toBe(201);
    const { id, upload } = res.body as { id: string; upload: { url: string; headers: Record<string, string> } };
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: new Uint8Array(html) })).status).toBe(200);
    const refused = await acme.post(`/jobs/job_wh1041/attachments/${id}/complete`, undefined);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors).toEqual([{ field: 'contentType', message: expect.stringContaining('application/pdf') }]);
    expect((await jobPage('job_wh1041')).attachments.items.map((a) => a.id)).not.toContain(id);
    // The object is gone: completing again finds nothing uploaded.
    expect(await stack.files.head(`${stack.demo.acme.business.id}/job_wh1041/${id}`)).toBeNull();
    expect((await acme.post(`/jobs/job_wh1041/attachments/${id}/complete`, undefined)).status).toBe(409);
  });

  test('complete before the upload → 409, and the customer does not see it', async () => {
    const res = await acme.post('/jobs/job_wh1041/attachments', { fileName: 'never.png', contentType: 'image/png', sizeBytes: 100 });
    expect(res.status).toBe(201);
    const complete = await acme.post(`/jobs/job_wh1041/attachments/${res.body.id}/complete`, undefined);
    expect(complete.status).toBe(409);
    expect(complete.headers.get('content-type')).toBe('application/problem+json');
    expect((await jobPage('job_wh1041')).attachments.items.map((a) => a.id)).not.toContain(res.body.id);
    expect((await acme.post('/jobs/job_wh1041/attachments/att_0000000000000000000000/complete', undefined)).status).toBe(404);
  });

  test.each([
    ['an unsupported type', { fileName: 'a.zip', contentType: 'application/zip', sizeBytes: 10 }, 'contentType'],
    ['an HTML file', { fileName: 'a.html', contentType: 'text/html', sizeBytes: 10 }, 'contentType'],
    ['more than 25 MB', { fileName: 'big.pdf', contentType: 'application/pdf', sizeBytes: 25 * 1024 * 1024 + 1 }, 'sizeBytes'],
    ['an empty file', { fileName: 'empty.pdf', contentType: 'application/pdf', sizeBytes: 0 }, 'sizeBytes'],
    ['a path for a file name', { fileName: '../../etc/passwd', contentType: 'text/plain', sizeBytes: 10 }, 'fileName'],
    ['a direction override in the file name', { fileName: 'invoice\u202efdp.exe', contentType: 'application/pdf', sizeBytes: 10 }, 'fileName'],
    ['(rule 60) CR/LF in the file name', { fileName: 'a.pdf\r\nContent-Type: text/html', contentType: 'application/pdf', sizeBytes: 10 }, 'fileName'],
    ['(rule 60) a double quote in the file name', { fileName: 'a".pdf', contentType: 'application/pdf', sizeBytes: 10 }, 'fileName'],
    ['(rule 60) NUL in the file name', { fileName: 'a.pdf\u0000.html', contentType: 'application/pdf', sizeBytes: 10 }, 'fileName'],
    ['(rule 60) a Windows path', { fileName: 'C:\\temp\\a.pdf', contentType: 'application/pdf', sizeBytes: 10 }, 'fileName'],
  ])('%s → 400 naming the field, nothing written', async (_name, body, field) => {
    writes.reset();
    const res = await acme.post('/jobs/job_wh1041/attachments', body);
    expect(res.status).toBe(400);
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
    expect(writes.dataWrites()).toEqual([]);
  });
});

describe('messages', () => {
  test('the business writes → 201; the customer gets an email linking to the job and sees the message', async () => {
    await stack.drainQueues();
    const before = stack.outbox.messages().length;
    const text = 'Dev will bring the new pop-up drain on Thursday.';
    const res = await acme.post('/jobs/job_fc1090/messages', { text });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^msg_/), at: expect.any(String), from: 'business', author: demo.acme.name, text, notified: 'email' });
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before + 1);
    const email = stack.outbox.messages()[0]!;
    expect(email).toMatchObject({ channel: 'email', to: demo.jordan.email });
    expect(email.text).toContain(text);
    expect(email.link).toBe(`${stack.url}/acme/jobs/job_fc1090`);
    expect((await jobPage('job_fc1090')).messages.items.find((m) => m.id === res.body.id)).toMatchObject({ from: 'business', author: demo.acme.name, text });
  });

  test('notify: "none" sends nothing (the message is still shown); "sms" sends a text', async () => {
    await stack.drainQueues();
    const before = stack.outbox.messages().length;
    const quiet = await acme.post('/jobs/job_fc1090/messages', { text: 'Internal-ish update, no notice.', notify: 'none' });
    expect(quiet.status).toBe(201);
    expect(quiet.body.notified).toBeNull();
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before);
    expect((await jobPage('job_fc1090')).messages.items.find((m) => m.id === quiet.body.id)).toMatchObject({ text: 'Internal-ish update, no notice.' });

    const sms = await acme.post('/jobs/job_fc1090/messages', { text: 'Running 10 minutes late.', notify: 'sms' });
    expect(sms.body.notified).toBe('sms');
    await stack.drainQueues();
    expect(stack.outbox.messages()[0]).toMatchObject({ channel: 'sms', to: demo.jordan.phone });
    expect(stack.outbox.messages()[0]!.link).toBe(`${stack.url}/acme/jobs/job_fc1090`);
  });

  test('the customer writes (signed in, Origin required) → 201; the business sees it', async () => {
    const text = 'Please use the side door.';
    const noOrigin = await jordan.request('POST', '/api/jobs/job_fc1090/messages', { json: { text: 'no origin' }, headers: { origin: '' } });
    expect(noOrigin.status).toBe(403);
    const foreign = await jordan.request('POST', '/api/jobs/job_fc1090/messages', { json: { text: 'foreign origin' }, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const res = await jordan.post('/api/jobs/job_fc1090/messages', { text });
    expect(res.status).toBe(201);
    const listed = await acme.get('/jobs/job_fc1090/messages');
    expect(listed.status).toBe(200);
    // (The demo's messages on this upcoming job are dated the day before the visit, so they sort first.)
    expect(listed.body.items.find((m: { id: string }) => m.id === res.body.id)).toMatchObject({ from: 'customer', author: demo.jordan.name, text });
    expect(JSON.stringify(listed.body)).not.toMatch(/no origin|foreign origin/);
    // Newest first, a page at a time.
    const page1 = await acme.get('/jobs/job_fc1090/messages?limit=2');
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.hasMore).toBe(true);
    const page2 = await acme.get(`/jobs/job_fc1090/messages?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.status).toBe(200);
    expect(page2.body.items[0].at <= page1.body.items[1].at).toBe(true);
    expect(page2.body.items.map((m: { id: string }) => m.id)).not.toContain(page1.body.items[1].id);
  });
});

describe('webhooks', () => {
  let listener: Awaited<ReturnType<typeof startListener>>;
  let endpoint: { id: string; secret: string };
  afterAll(async () => listener?.close());

  test('POST webhook-endpoints → 201 with the signing secret, shown once', async () => {
    listener = await startListener();
    const res = await acme.post('/webhook-endpoints', { url: listener.url });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^we_/), url: listener.url, events: [...webhookEventTypes], createdAt: expect.any(String), status: 'active', disabledReason: null, disabledAt: null, secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/) });
    endpoint = res.body;
    const list = await acme.get('/webhook-endpoints');
    const listedEndpoint = list.body.items.find((e: { id: string }) => e.id === endpoint.id);
    expect(listedEndpoint).toEqual({ id: endpoint.id, url: listener.url, events: [...webhookEventTypes], createdAt: res.body.createdAt, status: 'active', disabledReason: null, disabledAt: null });
    expect(JSON.stringify(list.body)).not.toContain(endpoint.secret.slice(6));
  });

  test('endpoint URLs that are not public HTTPS (or local loopback) → 400 naming url', async () => {
    // Rule 59: names that stay on the machine or the network, trailing-dot forms, and reserved ranges too.
    const rule59 = ['https://localhost.localdomain/', 'https://localhost./hook', 'https://app.localhost/', 'https://example.com./hook', 'https://198.18.0.1/', 'https://224.0.0.1/', 'https://[::ffff:a9fe:a9fe]/', 'https://[fd00::1]/'];
    for (const url of ['ftp://example.com/hook', 'https://10.0.0.5/hook', 'https://169.254.169.254/latest', 'http://example.com/hook', 'not a url', ...rule59]) {
      const res = await acme.post('/webhook-endpoints', { url });
      expect({ url, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ url, status: 400, fields: ['url'] });
    }
  });

  test('a customer\'s message → exactly one signed job.message.created delivery, listed at /dev/webhooks', async () => {
    const text = 'Can you also look at the kitchen tap?';
    const posted = await jordan.post('/api/jobs/job_fc1090/messages', { text });
    expect(posted.status).toBe(201);
    await stack.drainQueues();
    expect(listener.received).toHaveLength(1);
    const hook = listener.received[0]!;
    expect(hook.method).toBe('POST');
    expect(hook.url).toBe('/hook');
    const payload = new Webhook(endpoint.secret).verify(hook.body, hookHeaders(hook)) as any;
    expect(payload).toMatchObject({
      id: hook.headers['webhook-id'],
      type: 'job.message.created',
      data: { jobId: 'job_fc1090', customerId: demo.jordan.id, message: { id: posted.body.id, from: 'customer', text } },
    });
    // A changed byte, or another secret, fails verification.
    expect(() => new Webhook(endpoint.secret).verify(hook.body.replace('kitchen', 'kitcheN'), hookHeaders(hook))).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(hook.body, hookHeaders(hook))).toThrow();

    const recorded = (await (await fetch(`${stack.url}/dev/webhooks`)).json()) as { url: string; body: string; status: number }[];
    expect(recorded.filter((d) => d.url === listener.url)).toEqual([expect.objectContaining({ url: listener.url, body: hook.body, status: 200 })]);
  });

  test('an endpoint answering 500 twice then 200 gets exactly three attempts with one webhook-id; the last verifies', async () => {
    const statuses = [500, 500, 200];
    const flaky = await startListener(() => statuses.shift() ?? 200);
    try {
      expect((await acme.delete(`/webhook-endpoints/${endpoint.id}`)).status).toBe(204);
      const created = await acme.post('/webhook-endpoints', { url: flaky.url });
      expect(created.status).toBe(201);
      const posted = await jordan.post('/api/jobs/job_fc1090/messages', { text: 'Retry me.' });
      expect(posted.status).toBe(201);
      await stack.drainQueues();
      expect(flaky.received).toHaveLength(3);
      const ids = flaky.received.map((h) => h.headers['webhook-id']);
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).toMatch(/^evt_/);
      const last = flaky.received[2]!;
      expect((new Webhook(created.body.secret).verify(last.body, hookHeaders(last)) as { data: { message: { id: string } } }).data.message.id).toBe(posted.body.id);
      expect(flaky.received.every((h) => h.body === last.body)).toBe(true);
      const recorded = (await (await fetch(`${stack.url}/dev/webhooks`)).json()) as { url: string; status: number }[];
      expect(recorded.filter((d) => d.url === flaky.url).map((d) => d.status)).toEqual([200, 500, 500]);
      // The deleted endpoint got nothing more.
      expect(listener.received).toHaveLength(1);

      // Deleted: no more deliveries.
      expect((await acme.delete(`/webhook-endpoints/${created.body.id}`)).status).toBe(204);
      expect((await acme.delete(`/webhook-endpoints/${created.body.id}`)).status).toBe(404);
      expect((await acme.get('/webhook-endpoints')).body.items).toEqual([]);
      expect((await jordan.post('/api/jobs/job_fc1090/messages', { text: 'Anyone there?' })).status).toBe(201);
      await stack.drainQueues();
      expect(flaky.received).toHaveLength(3);
      expect(listener.received).toHaveLength(1);
    } finally {
      await flaky.close();
    }
  });
});

describe('Idempotency-Key on POST (Stripe semantics)', () => {
  const job = 'job_sk1063';
  const withKey = (key: string) => ({ 'idempotency-key': key });

  test('same key, same body → the first answer replayed (idempotent-replayed: true), one note', async () => {
    const body = { text: 'Idempotent note A' };
    const first = await acme.post(`/jobs/${job}/notes`, body, withKey('idem-a'));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await acme.post(`/jobs/${job}/notes`, body, withKey('idem-a'));
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await notesOf(job)).filter((n) => n.text === body.text)).toHaveLength(1);
    // Without a key, each POST is new.
    expect((await acme.post(`/jobs/${job}/notes`, body)).body.id).not.toBe(first.body.id);
  });

  test('same key, other body → 422, nothing written', async () => {
    expect((await acme.post(`/jobs/${job}/notes`, { text: 'Idempotent note B' }, withKey('idem-b'))).status).toBe(201);
    const other = await acme.post(`/jobs/${job}/notes`, { text: 'Idempotent note B, changed' }, withKey('idem-b'));
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    const otherJob = await acme.post('/jobs/job_wh1041/notes', { text: 'Idempotent note B' }, withKey('idem-b'));
    expect(otherJob.status).toBe(422);
    expect((await notesOf(job)).filter((n) => n.text.startsWith('Idempotent note B'))).toHaveLength(1);
    expect((await notesOf('job_wh1041')).filter((n) => n.text.startsWith('Idempotent note B'))).toHaveLength(0);
  });

  test('5 concurrent requests with one new key → one 201, the others 409 or the replayed 201; one note', async () => {
    const body = { text: 'Idempotent note C' };
    const results = await Promise.all(Array.from({ length: 5 }, () => acme.post(`/jobs/${job}/notes`, body, withKey('idem-c'))));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = results.filter((r) => r.status === 201);
    expect(created.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect((await notesOf(job)).filter((n) => n.text === body.text)).toHaveLength(1);
    // Afterwards the key replays.
    const later = await acme.post(`/jobs/${job}/notes`, body, withKey('idem-c'));
    expect(later.status).toBe(201);
    expect(later.body.id).toBe(created[0]!.body.id);
  });

  test('a refusal is replayed too; a malformed key → 400', async () => {
    const first = await acme.post('/jobs/job_nope/notes', { text: 'Nowhere' }, withKey('idem-404'));
    expect(first.status).toBe(404);
    const again = await acme.post('/jobs/job_nope/notes', { text: 'Nowhere' }, withKey('idem-404'));
    expect(again.status).toBe(404);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const long = await acme.post(`/jobs/${job}/notes`, { text: 'Key too long' }, withKey('k'.repeat(256)));
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ field: 'header.idempotency-key', message: expect.any(String) }]);
    expect((await notesOf(job)).filter((n) => n.text === 'Key too long')).toHaveLength(0);
  });

  test('keys belong to their business: brightclean\'s same key is its own request', async () => {
    const bright = stack.business('brightclean');
    const res = await bright.post('/jobs/job_bc3001/notes', { text: 'Idempotent note A' }, withKey('idem-a'));
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect((await notesOf('job_bc3001', stack.demo.brightclean.business.id)).filter((n) => n.text === 'Idempotent note A')).toHaveLength(1);
  });

  test('the customer\'s message with an Idempotency-Key: the same key twice → one message', async () => {
    const text = 'Sent twice from a flaky phone.';
    const post = () => jordan.request('POST', '/api/jobs/job_fc1090/messages', { json: { text }, headers: withKey('cm-1') });
    const first = await post();
    expect(first.status).toBe(201);
    const second = await post();
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await messagesOf('job_fc1090')).filter((m) => m.text === text)).toHaveLength(1);
    // Another customer's same key is theirs alone.
    const sam = await signedInClient(stack, 'acme', demo.sam.email);
    const samPost = await sam.request('POST', '/api/jobs/job_sp2001/messages', { json: { text }, headers: withKey('cm-1') });
    expect(samPost.status).toBe(201);
    expect(samPost.headers.get('idempotent-replayed')).toBeNull();
  });

  test('after 24 hours a key can be used again', async () => {
    const day = 24 * 3600 * 1000 + 1;
    expect((await acme.post(`/jobs/${job}/notes`, { text: 'Idempotent note D' }, withKey('idem-d'))).status).toBe(201);
    stack.advanceClock(day);
    try {
      const reused = await acme.post(`/jobs/${job}/notes`, { text: 'Idempotent note D, a day later' }, withKey('idem-d'));
      expect(reused.status).toBe(201);
      expect(reused.headers.get('idempotent-replayed')).toBeNull();
      expect((await notesOf(job)).filter((n) => n.text.startsWith('Idempotent note D'))).toHaveLength(2);
    } finally {
      stack.advanceClock(-day);
    }
  });
});
