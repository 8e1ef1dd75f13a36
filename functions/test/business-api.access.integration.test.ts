/**
 * The business API (/api/business/v1), end to end through the local gateway: API keys, tenancy
 * (security.md 14), request errors (24) and the OpenAPI document.
 * Records, lists and job parts are in the sibling business-api.*.integration.test.ts files.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { businessApiPrefix, routes } from '../../shared/routes';
import { businessSchemas } from '../../shared/contract/business/schemas';
import { looksLikeApiKey, mintApiKey } from '../../shared/business-api/api-keys';
import { demo } from '../../infra/local/seed';
import { base62, crc32 } from '../../shared/kernel/ids';
import { jobEntity } from '../../shared/jobs/entity';
import { BusinessClient, startTestStack, type TestStack } from '../../infra/local/test-support';
import { extraKey, jobBody, writeRecorder } from '../../infra/local/testing/business-api';
import { documentedProblems, openApi31Problems } from './openapi-support';
import type { RouteSchemas } from '../../shared/contract/openapi';
import { submitForm } from '../../shared/forms/submit';
import { stepDepsFrom } from '../../shared/steps/deps';
import { sampleFormAnswers, sampleFormDefinition } from '../../shared/forms/sample-form';

let stack: TestStack;
let acme: BusinessClient;
let bright: BusinessClient;
let writes: ReturnType<typeof writeRecorder>;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  bright = stack.business('brightclean');
  writes = writeRecorder(stack, 'businessApiAccessWrites');
});
afterAll(() => stack.stop());

const now = () => stack.source.clock.now();

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number) {
  expect({ status: res.status, contentType: res.headers.get('content-type') }).toEqual({ status, contentType: 'application/problem+json' });
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
}

describe('API keys', () => {
  test('no Authorization header → 401 problem+json', async () => {
    const res = await acme.request('GET', '/settings', { headers: { authorization: '' } });
    expectProblem(res, 401);
    expect(res.body.detail).toMatch(/Bearer/);
  });

  test('`Bearer garbage` → 401; another scheme → 401', async () => {
    expectProblem(await new BusinessClient(stack.url, 'garbage').get('/settings'), 401);
    expectProblem(await acme.request('GET', '/settings', { headers: { authorization: `Basic ${acme.key}` } }), 401);
  });

  test('a well-formed key with a bad checksum → 401 without any DynamoDB call', async () => {
    const key = stack.demo.acme.apiKey;
    const last = key.slice(-1);
    const badChecksum = key.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    expect(badChecksum).toMatch(/^fsp_test_[A-Za-z0-9]{12}_[A-Za-z0-9]{38}$/);
    await stack.drainQueues();
    stack.resetDynamoCalls();
    expectProblem(await new BusinessClient(stack.url, badChecksum).get('/settings'), 401);
    expect(stack.dynamoCalls()).toEqual([]);
  });

  test('a key with a valid checksum but an unknown id, or a known id with another secret → 401', async () => {
    const { key, id } = await extraKey(stack);
    const unstored = mintApiKey({ businessId: stack.demo.acme.business.id, name: 'never stored', mode: 'test', scopes: ['read'], expiresAt: null }, stack.source);
    expect(looksLikeApiKey(unstored.key)).toBe(true);
    expectProblem(await new BusinessClient(stack.url, unstored.key).get('/settings'), 401);
    const body = `fsp_test_${id}_${'x'.repeat(32)}`;
    const otherSecret = `${body}${base62(crc32(Buffer.from(body, 'utf8')), 6)}`;
    expect(looksLikeApiKey(otherSecret)).toBe(true);
    expectProblem(await new BusinessClient(stack.url, otherSecret).get('/settings'), 401);
    // The wrong secret wrote nothing, before the key's first use and after it (when its rate
    // window exists and the one-write path is taken): lastUsedAt is the real key's.
    expect((await stack.stores.apiKeys.getKey(id))!.lastUsedAt).toBeNull();
    expect((await new BusinessClient(stack.url, key).get('/settings')).status).toBe(200);
    const used = (await stack.stores.apiKeys.getKey(id))!.lastUsedAt;
    expect(used).not.toBeNull();
    stack.advanceClock(1000);
    expectProblem(await new BusinessClient(stack.url, otherSecret).get('/settings'), 401);
    expect((await stack.stores.apiKeys.getKey(id))!.lastUsedAt).toBe(used);
  });

  test('a revoked key fails on its very next request', async () => {
    const { id, client } = await extraKey(stack);
    expect((await client.get('/settings')).status).toBe(200);
    expect(await stack.stores.apiKeys.revokeKey(id, stack.demo.acme.business.id, now().toISOString())).toBe(true);
    const res = await client.get('/settings');
    expectProblem(res, 401);
    expect(res.body.detail).toMatch(/revoked/);
  });

  test('an expired key → 401 (also one that expires while in use)', async () => {
    const expired = await extraKey(stack, 'acme', { expiresAt: new Date(now().getTime() - 1000).toISOString() });
    expectProblem(await expired.client.get('/settings'), 401);
    const soon = await extraKey(stack, 'acme', { expiresAt: new Date(now().getTime() + 60_000).toISOString() });
    expect((await soon.client.get('/settings')).status).toBe(200);
    stack.advanceClock(61_000);
    const res = await soon.client.get('/settings');
    expectProblem(res, 401);
    expect(res.body.detail).toMatch(/expired/);
  });

  test('a read-only key: 200 on GET, 403 on PUT/PATCH/POST/DELETE, and nothing written', async () => {
    const { client } = await extraKey(stack, 'acme', { scopes: ['read'] });
    expect((await client.get('/settings')).status).toBe(200);
    expect((await client.get('/customers')).status).toBe(200);
    expect((await client.get('/jobs/job_wh1041')).status).toBe(200);
    writes.reset();
    expectProblem(await client.put('/customers/cus_readonly1', { name: 'Read Only' }), 403);
    expectProblem(await client.patch('/settings', { name: 'Hijacked' }), 403);
    expectProblem(await client.post('/jobs/job_wh1041/notes', { text: 'from a read-only key' }), 403);
    expectProblem(await client.post('/webhook-endpoints', { url: 'http://127.0.0.1:9/hook' }), 403);
    expectProblem(await client.delete('/webhook-endpoints/we_0000000000000000000000'), 403);
    expect(writes.dataWrites()).toEqual([]);
    expect((await acme.get('/customers/cus_readonly1')).status).toBe(404);
    expect((await acme.get('/settings')).body.name).toBe('Acme Plumbing & Heating');
  });

  test('rotation: two active keys work at once; revoking one leaves the other working', async () => {
    const first = await extraKey(stack, 'acme', { name: 'old' });
    const second = await extraKey(stack, 'acme', { name: 'new' });
    expect((await first.client.get('/settings')).status).toBe(200);
    expect((await second.client.get('/settings')).status).toBe(200);
    expect((await first.client.get('/customers')).status).toBe(200);
    await stack.stores.apiKeys.revokeKey(first.id, stack.demo.acme.business.id, now().toISOString());
    expect((await first.client.get('/settings')).status).toBe(401);
    expect((await second.client.get('/settings')).status).toBe(200);
  });

  test('lastUsedAt is set on use', async () => {
    const { id, client } = await extraKey(stack);
    expect((await stack.stores.apiKeys.getKey(id))!.lastUsedAt).toBeNull();
    const before = now().getTime();
    expect((await client.get('/settings')).status).toBe(200);
    const used = (await stack.stores.apiKeys.getKey(id))!.lastUsedAt;
    expect(used).not.toBeNull();
    expect(Date.parse(used!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(used!)).toBeLessThanOrEqual(now().getTime());
  });

  test('no Origin header is needed, and a foreign Origin does not matter', async () => {
    // BusinessClient sends no Origin at all.
    expect((await acme.put('/customers/cus_origin1', { name: 'No Origin' })).status).toBe(201);
    const foreign = { origin: 'https://evil.example' };
    expect((await acme.request('PUT', '/customers/cus_origin1', { json: { name: 'Foreign Origin' }, headers: foreign })).status).toBe(200);
    expect((await acme.request('POST', '/jobs/job_wh1041/notes', { json: { text: 'Written with a foreign Origin' }, headers: foreign })).status).toBe(201);
    expect((await acme.request('GET', '/settings', { headers: foreign })).status).toBe(200);
  });
});

// The rate limits (budgets per business) are in business-api.limits.integration.test.ts.

describe('tenancy (rule 14): acme\'s key on brightclean\'s ids → 404, never data', () => {
  interface Case {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    path: string;
    body?: unknown;
  }
  const brightWords = /Bright|Deep clean|Move-out|Ana Silva|Santa Cruz|brightclean|Harbor/i;

  const brightRequestId = 'req_bcrequest0000000000001';
  /** Brightclean's real ids, read through brightclean's own key (so a 404 below is not an unknown id). */
  async function brightIds() {
    const pending = await bright.post('/jobs/job_bc3001/attachments', { fileName: 'bright.png', contentType: 'image/png', sizeBytes: 10 });
    expect(pending.status).toBe(201);
    const ready = (await stack.stores.jobs.readSection(stack.demo.brightclean.business.id, 'job_bc3001', 'attachments', { limit: 10, cursor: null })).items.find((a) => a.status === 'ready');
    expect(ready).toBeDefined();
    const endpoint = await bright.post('/webhook-endpoints', { url: 'http://127.0.0.1:9/bright-hook' });
    expect(endpoint.status).toBe(201);
    const estimate = await bright.put('/estimates/est_bc_1', {
      customerId: 'cus_b2m4x1', number: 'BC-E-1', title: 'Deep clean', currency: 'USD', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      options: [{ id: 'only', name: 'Deep clean', lines: [{ description: 'Deep clean', quantity: 1, unitAmount: 20_000 }] }],
    });
    expect([200, 201]).toContain(estimate.status);
    const start = new Date(Date.now() + 5 * 86_400_000);
    const slot = await bright.put('/slots/slot_bc_1', { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() });
    expect([200, 201]).toContain(slot.status);
    const media = await bright.post('/media', { contentType: 'image/png', sizeBytes: 100 });
    expect(media.status).toBe(201);
    // A service request of Bright Clean's customer, new, that Bright Clean's key sees.
    const at = new Date().toISOString();
    await stack.stores.requests.putRequest(
      {
        businessId: stack.demo.brightclean.business.id, id: brightRequestId, source: 'portal', customerId: 'cus_b2m4x1', contact: null, language: 'en', held: false, status: 'new', service: null,
        description: 'Deep clean before we move out', address: { line1: '88 Harbor View Road', line2: null, city: 'Santa Cruz', region: 'CA', postalCode: '95060', country: 'US' },
        asSoonAsPossible: true, windows: [], urgency: 'routine', files: [], jobId: null, declineReason: null, decidedAt: null, confirmation: null, version: 1, createdAt: at, updatedAt: at,
      },
      null,
    );
    expect((await bright.get(`/requests/${brightRequestId}`)).status).toBe(200);
    // A form of Bright Clean's, sent to its customer and submitted.
    expect([200, 201]).toContain((await bright.put('/forms/form_bc_1', sampleFormDefinition)).status);
    const sent = await bright.post('/forms/form_bc_1/send', { customerId: 'cus_b2m4x1', channel: 'email' });
    expect(sent.status).toBe(202);
    const sentFormId = sent.body.sentFormId as string;
    const submitted = await submitForm({ businessId: stack.demo.brightclean.business.id, customerId: 'cus_b2m4x1' }, sentFormId, { version: 1, answers: sampleFormAnswers }, { requestId: 'fsr_bright', via: 'session', ip: null, userAgent: null }, {
      ...stepDepsFrom(stack.stores, stack.source.clock, { webhooks: { send: async () => {} } }),
      claimFiles: async () => [],
      releaseFiles: async () => undefined,
    });
    return { pendingAttachment: pending.body.id as string, readyAttachment: ready!.id, endpoint: endpoint.body.id as string, pendingMedia: media.body.id as string, sentFormId, submissionId: submitted.submissionId };
  }

  /** Every business route with a path parameter, by route name; `upsert` routes are checked in their own test. */
  function idCases(ids: Awaited<ReturnType<typeof brightIds>>): Record<string, Case[] | 'upsert'> {
    return {
      getCustomer: [{ method: 'GET', path: '/customers/cus_b2m4x1' }],
      putCustomer: 'upsert',
      inviteCustomer: [
        { method: 'POST', path: '/customers/cus_b2m4x1/invite', body: { channel: 'email' } },
        { method: 'POST', path: '/customers/cus_b2m4x1/invite', body: { channel: 'sms' } },
      ],
      putJob: 'upsert',
      getBusinessJob: [
        { method: 'GET', path: '/jobs/job_bc3001' },
        { method: 'GET', path: '/jobs/job_bc3002' },
      ],
      postNote: [{ method: 'POST', path: '/jobs/job_bc3001/notes', body: { text: 'acme was here' } }],
      createAttachment: [{ method: 'POST', path: '/jobs/job_bc3001/attachments', body: { fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: 10 } }],
      completeMedia: [{ method: 'POST', path: `/media/${ids.pendingMedia}/complete` }],
      completeAttachment: [
        { method: 'POST', path: `/jobs/job_bc3001/attachments/${ids.pendingAttachment}/complete` },
        { method: 'POST', path: `/jobs/job_bc3001/attachments/${ids.readyAttachment}/complete` },
      ],
      postBusinessMessage: [
        { method: 'POST', path: '/jobs/job_bc3001/messages', body: { text: 'acme was here' } },
        { method: 'POST', path: '/jobs/job_bc3002/messages', body: { text: 'acme was here', notify: 'email' } },
      ],
      listBusinessMessages: [{ method: 'GET', path: '/jobs/job_bc3001/messages' }],
      putInvoice: 'upsert',
      getBusinessInvoice: [{ method: 'GET', path: '/invoices/inv_bc301' }],
      postInvoicePayment: [{ method: 'POST', path: '/invoices/inv_bc301/payments', body: { amount: 100, currency: 'USD', method: 'cash' } }],
      sendInvoice: [{ method: 'POST', path: '/invoices/inv_bc301/send', body: { channel: 'email' } }],
      revokeInvoiceLinks: [{ method: 'POST', path: '/invoices/inv_bc301/links/revoke', body: {} }],
      deleteWebhookEndpoint: [{ method: 'DELETE', path: `/webhook-endpoints/${ids.endpoint}` }],
      listWebhookDeliveries: [{ method: 'GET', path: `/webhook-endpoints/${ids.endpoint}/deliveries` }],
      retryWebhookDelivery: [{ method: 'POST', path: `/webhook-endpoints/${ids.endpoint}/deliveries/whd_0000000000000000000000/retry`, body: {} }],
      enableWebhookEndpoint: [{ method: 'POST', path: `/webhook-endpoints/${ids.endpoint}/enable`, body: {} }],
      putEstimate: 'upsert',
      getBusinessEstimate: [{ method: 'GET', path: '/estimates/est_bc_1' }],
      sendEstimate: [{ method: 'POST', path: '/estimates/est_bc_1/send', body: { channel: 'email' } }],
      revokeEstimateLinks: [{ method: 'POST', path: '/estimates/est_bc_1/links/revoke', body: {} }],
      putSlot: 'upsert',
      deleteSlot: [{ method: 'DELETE', path: '/slots/slot_bc_1' }],
      // job_bc3002 is Bright Clean's upcoming job, with a location: trackable by Bright Clean only.
      startTracking: [{ method: 'POST', path: '/jobs/job_bc3002/tracking', body: { technician: { name: 'Mallory' }, channel: 'sms' } }],
      trackingUpdate: [{ method: 'PUT', path: '/jobs/job_bc3002/tracking/position', body: { lat: 36.97, lng: -122.03, at: new Date().toISOString() } }],
      markTrackingArrived: [{ method: 'POST', path: '/jobs/job_bc3002/tracking/arrived' }],
      completeTracking: [{ method: 'POST', path: '/jobs/job_bc3002/tracking/completed' }],
      putForm: 'upsert',
      sendForm: [{ method: 'POST', path: '/forms/form_bc_1/send', body: { customerId: 'cus_b2m4x1', channel: 'email' } }],
      revokeFormLinks: [{ method: 'POST', path: `/sent-forms/${ids.sentFormId}/links/revoke`, body: {} }],
      listFormSubmissions: [{ method: 'GET', path: '/forms/form_bc_1/submissions' }],
      getSubmission: [{ method: 'GET', path: `/submissions/${ids.submissionId}` }],
      getSubmissionPdf: [{ method: 'GET', path: `/submissions/${ids.submissionId}/pdf` }],
      getBusinessRequest: [{ method: 'GET', path: `/requests/${brightRequestId}` }],
      scheduleRequest: [{ method: 'POST', path: `/requests/${brightRequestId}/schedule`, body: { jobId: 'job_wh1041' } }],
      declineRequest: [{ method: 'POST', path: `/requests/${brightRequestId}/decline`, body: { reason: 'acme was here' } }],
      attachRequestCustomer: [{ method: 'POST', path: `/requests/${brightRequestId}/customer`, body: { customerId: 'cus_7f3k9q' } }],
    };
  }

  const businessRoutes = routes.filter((r) => r.auth === 'apiKey');

  test('every business route with an id is covered below (a new route cannot escape this test)', async () => {
    const cases = idCases({ pendingAttachment: 'att_x', readyAttachment: 'att_y', endpoint: 'we_z', pendingMedia: 'med_x', sentFormId: 'sfm_x', submissionId: 'sub_x' });
    const withIds = businessRoutes.filter((r) => r.path.includes('{')).map((r) => r.name);
    expect(withIds.filter((name) => !(name in cases))).toEqual([]);
    expect(Object.keys(cases).filter((name) => !withIds.includes(name as never))).toEqual([]);
    // And every route without an id is a list or the caller's own settings (checked in the lists
    // test), or the caller's own Stripe onboarding (the business comes from the key alone).
    const withoutIds = businessRoutes.filter((r) => !r.path.includes('{')).map((r) => `${r.method} ${r.path.slice(businessApiPrefix.length)}`);
    expect(withoutIds.sort()).toEqual(
      ['GET /settings', 'PATCH /settings', 'GET /customers', 'GET /jobs', 'GET /invoices', 'GET /estimates', 'GET /webhook-endpoints', 'POST /webhook-endpoints', 'POST /stripe/onboarding', 'POST /media', 'GET /requests'].sort(),
    );
  });

  test('every route with one of brightclean\'s ids → 404 problem, no data, nothing written or sent', async () => {
    const ids = await brightIds();
    const brightId = stack.demo.brightclean.business.id;
    const sections = async () =>
      Promise.all((['notes', 'messages', 'attachments'] as const).map(async (s) => (await stack.stores.jobs.readSection(brightId, 'job_bc3001', s, { limit: 100, cursor: null })).items));
    const beforeSections = await sections();
    // Controls: brightclean's own key sees these ids.
    expect((await bright.get('/customers/cus_b2m4x1')).status).toBe(200);
    expect((await bright.get('/jobs/job_bc3001')).status).toBe(200);
    expect((await bright.get('/jobs/job_bc3002')).status).toBe(200);
    expect((await bright.get('/jobs/job_bc3001/messages')).status).toBe(200);
    // A live visit of Bright Clean's, which acme's key must neither move, end nor restart.
    expect((await bright.post('/jobs/job_bc3002/tracking', { technician: { name: 'Ana Silva' }, channel: 'sms' })).status).toBe(201);
    expect((await bright.put('/jobs/job_bc3002/tracking/position', { lat: 36.96, lng: -122.02, at: new Date(stack.source.clock.now().getTime() - 1000).toISOString() })).status).toBe(200);

    await stack.drainQueues();
    const outboxBefore = stack.outbox.messages().length;
    const cases = idCases(ids);
    let tried = 0;
    for (const [name, list] of Object.entries(cases)) {
      if (list === 'upsert') continue;
      for (const c of list) {
        writes.reset();
        const res = await acme.request(c.method, c.path, c.body === undefined ? {} : { json: c.body });
        expect({ name, path: c.path, status: res.status }).toEqual({ name, path: c.path, status: 404 });
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(JSON.stringify(res.body)).not.toMatch(brightWords);
        // Nothing is written; a DELETE, or a position update (one conditional write, no read first),
        // may only try its conditional write on a key of the caller's own (and find nothing there).
        const acmeKey = `BIZ#${stack.demo.acme.business.id}`;
        const own = (pk: string) => (c.method === 'DELETE' || name === 'trackingUpdate') && (pk === acmeKey || pk.startsWith(`${acmeKey}#`));
        expect({ name, writes: writes.dataWrites().filter((pk) => !own(pk)) }).toEqual({ name, writes: [] });
        expect(writes.dataWrites().filter((pk) => pk.includes(brightId))).toEqual([]);
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(12);
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(outboxBefore);
    expect(await sections()).toEqual(beforeSections);
    // Brightclean's endpoint and its pending attachment are as they were.
    expect((await bright.get('/webhook-endpoints')).body.items.map((e: { id: string }) => e.id)).toContain(ids.endpoint);
    expect((await stack.stores.jobs.getAttachment(brightId, 'job_bc3001', ids.pendingAttachment))!.status).toBe('pending');
    expect((await bright.delete(`/webhook-endpoints/${ids.endpoint}`)).status).toBe(204);
    // Brightclean's estimate and slot are as they were.
    expect((await bright.get('/estimates/est_bc_1')).body).toMatchObject({ status: 'sent', version: 1 });
    expect((await stack.stores.slots.getSlot(brightId, 'slot_bc_1'))!.bookedBy).toBeNull();
    // Brightclean's visit is still under way, its position where Bright Clean put it.
    const visit = (await stack.stores.tracking.getVisit(brightId, 'job_bc3002'))!;
    expect([visit.status, visit.position?.lat]).toEqual(['en_route', 36.96]);
  });

  test('lists and settings show only the caller\'s own business', async () => {
    const endpoint = await bright.post('/webhook-endpoints', { url: 'http://127.0.0.1:9/bright-list' });
    const allOf = async (client: BusinessClient, path: string) => {
      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: any } = await client.get(`${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        items.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return items;
    };
    const customers = await allOf(acme, '/customers');
    expect(customers.map((c) => c.id)).toEqual(expect.arrayContaining(['cus_7f3k9q', 'cus_2h8w4n']));
    expect(customers.map((c) => c.id)).not.toContain('cus_b2m4x1');
    expect(JSON.stringify(customers)).not.toMatch(brightWords);
    const jobs = await allOf(acme, '/jobs');
    expect(jobs.map((j) => j.id)).toEqual(expect.arrayContaining(['job_wh1041', 'job_sk1063', 'job_fn1077', 'job_fc1090', 'job_bl1102', 'job_sp2001']));
    expect(jobs.map((j) => j.id).filter((id) => id.startsWith('job_bc'))).toEqual([]);
    expect(JSON.stringify(jobs)).not.toMatch(brightWords);
    const invoices = await allOf(acme, '/invoices');
    expect(invoices.map((i) => i.id)).toEqual(expect.arrayContaining(['inv_1041', 'inv_1063', 'inv_2001']));
    expect(invoices.map((i) => i.id)).not.toContain('inv_bc301');
    expect(JSON.stringify(invoices)).not.toMatch(brightWords);
    const endpoints = (await acme.get('/webhook-endpoints')).body.items;
    expect(endpoints.map((e: { id: string }) => e.id)).not.toContain(endpoint.body.id);
    const settings = (await acme.get('/settings')).body;
    expect(settings.id).toBe(stack.demo.acme.business.id);
    expect(JSON.stringify(settings)).not.toMatch(brightWords);
    // And the other way round.
    expect((await allOf(bright, '/customers')).map((c) => c.id)).toEqual(['cus_b2m4x1']);
    expect((await allOf(bright, '/jobs')).map((j) => j.id).sort()).toEqual(['job_bc3001', 'job_bc3002']);
    expect((await allOf(bright, '/invoices')).map((i) => i.id)).toEqual(['inv_bc301']);
    expect((await allOf(acme, '/estimates')).map((e) => e.id)).toEqual(expect.arrayContaining(['est_2001', 'est_1990']));
    expect((await allOf(acme, '/estimates')).map((e) => e.id).filter((id) => id.startsWith('est_bc'))).toEqual([]);
    const requests = await allOf(acme, '/requests');
    expect(requests.map((r) => r.id)).not.toContain(brightRequestId);
    expect(JSON.stringify(requests)).not.toMatch(brightWords);
    await bright.delete(`/webhook-endpoints/${endpoint.body.id}`);
  });

  test('PUT with brightclean\'s ids writes only into acme\'s own records; a job cannot point at brightclean\'s customer', async () => {
    const brightId = stack.demo.brightclean.business.id;
    const brightCustomer = (await bright.get('/customers/cus_b2m4x1')).body;
    const brightJob = (await bright.get('/jobs/job_bc3002')).body;

    writes.reset();
    const crossRef = await acme.put('/jobs/job_bc3002', jobBody(stack, 'cus_b2m4x1'));
    expect(crossRef.status).toBe(400);
    expect(crossRef.body.errors).toEqual([{ field: 'customerId', message: expect.any(String) }]);
    expect(writes.dataWrites()).toEqual([]);

    // Nor can an invoice bill brightclean's customer or job.
    const invoice = { customerId: 'cus_b2m4x1', jobId: null, number: 'X-1', issuedAt: '2026-01-01T00:00:00Z', dueAt: '2026-02-01T00:00:00Z', currency: 'USD', lines: [{ description: 'x', quantity: 1, unitAmount: 100 }] };
    expect((await acme.put('/invoices/inv_bc301', invoice)).body.errors).toEqual([{ field: 'customerId', message: expect.any(String) }]);
    expect((await acme.put('/invoices/inv_bc301', { ...invoice, customerId: demo.jordan.id, jobId: 'job_bc3001' })).body.errors).toEqual([{ field: 'jobId', message: expect.any(String) }]);
    expect(writes.dataWrites()).toEqual([]);

    // Ids are the business's own: the same id at acme is a different record.
    const own = await acme.put('/customers/cus_b2m4x1', { name: 'Acme Own Customer', email: 'acme-own@example.com' });
    expect(own.status).toBe(201);
    const ownJob = await acme.put('/jobs/job_bc3002', jobBody(stack, 'cus_b2m4x1'));
    expect(ownJob.status).toBe(201);
    expect(writes.dataWrites().filter((pk) => pk.includes(brightId))).toEqual([]);

    expect((await bright.get('/customers/cus_b2m4x1')).body).toEqual(brightCustomer);
    expect((await bright.get('/jobs/job_bc3002')).body).toEqual(brightJob);
    const { Items = [] } = await stack.dynamo.doc.send(
      new QueryCommand({ TableName: stack.dynamo.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': jobEntity.partition(brightId, 'job_bc3002') } }),
    );
    expect(Items.find((i) => i.sk === 'JOB')!.title).toBe('Move-out clean');
  });
});

describe('request errors (rule 24): a clear 4xx naming the field, nothing written', () => {
  test('a body over the route\'s limit → 413 (8 KB by default, 64 KB for PUT jobs)', async () => {
    writes.reset();
    const big = await acme.put('/customers/cus_toobig', { name: 'x'.repeat(9 * 1024) });
    expectProblem(big, 413);
    expectProblem(await acme.post('/jobs/job_wh1041/notes', { text: 'x'.repeat(9 * 1024) }), 413);
    expectProblem(await acme.patch('/settings', { name: 'x'.repeat(9 * 1024) }), 413);
    expect(writes.dataWrites()).toEqual([]);

    // A valid job between 8 KB and 64 KB is accepted; one over 64 KB is not.
    const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `l${i}`, description: `Line ${i} `.padEnd(300, '.'), quantity: 1, unitAmount: 100 }));
    const midBody = jobBody(stack, 'cus_7f3k9q', 3 * 24 * 3600_000, { charges: lines(150) });
    const midSize = Buffer.byteLength(JSON.stringify(midBody));
    expect(midSize).toBeGreaterThan(8 * 1024);
    expect(midSize).toBeLessThan(64 * 1024);
    expect((await acme.put('/jobs/job_bigbody', midBody)).status).toBe(201);
    const hugeBody = jobBody(stack, 'cus_7f3k9q', 3 * 24 * 3600_000, { charges: lines(200), scopeOfWork: 'y'.repeat(10_000) });
    expect(Buffer.byteLength(JSON.stringify(hugeBody))).toBeGreaterThan(64 * 1024);
    writes.reset();
    expectProblem(await acme.put('/jobs/job_hugebody', hugeBody), 413);
    expect(writes.dataWrites()).toEqual([]);
    expect((await acme.get('/jobs/job_hugebody')).status).toBe(404);
  });

  test('an unknown field → 400 naming it', async () => {
    writes.reset();
    const res = await acme.put('/customers/cus_unknownfield', { name: 'Un Known', nickname: 'x' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'nickname', message: 'is not a known field' }]);
    const note = await acme.post('/jobs/job_wh1041/notes', { text: 'hi', businessId: stack.demo.brightclean.business.id });
    expect(note.status).toBe(400);
    expect(note.body.errors).toEqual([{ field: 'businessId', message: 'is not a known field' }]);
    const query = await acme.get('/customers?businessId=x');
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ field: 'query.businessId', message: 'is not a known field' }]);
    expect(writes.dataWrites()).toEqual([]);
  });

  test('a JSON array body → 400 "must be a JSON object", naming body', async () => {
    writes.reset();
    const res = await acme.request('PUT', '/customers/cus_array', { body: '[{"name":"Array"}]' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/must be a JSON object/) }]);
    const note = await acme.request('POST', '/jobs/job_wh1041/notes', { body: '[]' });
    expect(note.status).toBe(400);
    expect(note.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/must be a JSON object/) }]);
    expect(writes.dataWrites()).toEqual([]);
  });

  test('a JSON string, number or null body → 400 "must be a JSON object"', async () => {
    writes.reset();
    for (const body of ['"text"', '42', 'null']) {
      const res = await acme.request('POST', '/jobs/job_wh1041/notes', { body });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/must be a JSON object/) }]);
    }
    expect(writes.dataWrites()).toEqual([]);
  });

  test('a missing required field → "is required"', async () => {
    const res = await acme.put('/customers/cus_noname', { email: 'noname@example.com' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'name', message: 'is required' }]);
    const { customerId: _c, ...noCustomer } = jobBody(stack, 'cus_7f3k9q');
    const job = await acme.put('/jobs/job_nocustomer', noCustomer);
    expect(job.status).toBe(400);
    expect(job.body.errors).toEqual([{ field: 'customerId', message: 'is required' }]);
    const empty = await acme.request('PUT', '/customers/cus_empty', { body: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: 'body', message: 'is required' }]);
  });

  test('malformed JSON → 400 naming body; not JSON → 415', async () => {
    const bad = await acme.request('PUT', '/customers/cus_badjson', { body: '{"name": "x",' });
    expectProblem(bad, 400);
    expect(bad.body.errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
    const form = await acme.request('PUT', '/customers/cus_form', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectProblem(form, 415);
    expect((await acme.get('/customers/cus_badjson')).status).toBe(404);
  });

  test('a bad id in the path → 400 naming path.<param>', async () => {
    const res = await acme.get('/customers/has%20space');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'path.customerId', message: expect.any(String) }]);
    const att = await acme.post('/jobs/job_wh1041/attachments/not-an-id/complete', undefined);
    expect(att.status).toBe(400);
    expect(att.body.errors[0].field).toBe('path.attachmentId');
  });
});

describe('OpenAPI', () => {
  test('GET /api/business/v1/openapi.json (no key) is OpenAPI 3.1.0 with every documented route and its request schemas', async () => {
    const res = await fetch(`${stack.url}${businessApiPrefix}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const doc = (await res.json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(openApi31Problems(doc)).toEqual([]);
    const documented = routes.filter((r) => 'openApi' in r);
    // Every business route is documented.
    expect((routes as readonly { name: string; auth: string }[]).filter((r) => r.auth === 'apiKey' && !('openApi' in r)).map((r) => r.name)).toEqual([]);
    expect(documented.length).toBeGreaterThanOrEqual(17);
    const schemasOf = businessSchemas as Record<string, RouteSchemas>;
    expect(documented.flatMap((route) => documentedProblems(doc, route, route.path.slice(businessApiPrefix.length), schemasOf[route.name]!))).toEqual([]);
    // Only business routes are in it.
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBe(new Set(documented.map((r) => r.path)).size);
    expect(paths.filter((p) => p.startsWith('/api/'))).toEqual([]);
    // Every answer of a counted call documents the budget headers, naming the budget its route counts in; 401 and 403 do not.
    const position = doc.paths['/jobs/{jobId}/tracking/position'].put.responses;
    expect(Object.keys(position['200'].headers)).toEqual(['RateLimit-Policy', 'RateLimit']);
    expect(position['200'].headers.RateLimit.description).toContain('"positions"');
    expect(Object.keys(position['429'].headers)).toEqual(['Retry-After', 'RateLimit-Policy', 'RateLimit']);
    const customers = doc.paths['/customers/{customerId}'].put.responses;
    expect(customers['400'].headers['RateLimit-Policy'].description).toContain('"requests";q=600;w=60');
    expect([customers['401'].headers, customers['403'].headers]).toEqual([undefined, undefined]);
  });

  test('GET /api/openapi.json (no session) is the customer API\'s document, cacheable', async () => {
    const res = await fetch(`${stack.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const doc = (await res.json()) as any;
    expect(doc.info.title).toBe('Field-service portal: customer API');
    expect(openApi31Problems(doc)).toEqual([]);
    expect(doc.paths['/api/jobs/{jobId}'].get.operationId).toBe('getJob');
  });
});
