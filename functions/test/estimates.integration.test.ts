/**
 * Estimates end to end against the local stack: the business API writes estimates and slots and
 * sends links; the customer reads, approves or declines (signed in or from the link), pays the
 * deposit on the Stripe sandbox, and books a slot, which puts a job under Upcoming. Covers the
 * decision rules (signature, stale version, expiry, already decided), two approvals at once
 * (security.md 23), a slot booked once, scanners changing nothing, retries finishing what a crash
 * left, the events out and the PDF.
 */
import { createHash } from 'node:crypto';
import { withCrashAt } from '../../shared/followups/crash';
import { fastPathGraceMs } from '../../shared/followups/owed';
import { PDFDocument } from 'pdf-lib';
import type { EstimateDetail, EstimateListResponse } from '../../shared/contract/customer/estimates';
import type { JobListResponse } from '../../shared/contract/customer/jobs';
import { canonicalJson } from '../../shared/kernel/canonical-json';
import { demo } from '../../infra/local/seed';
import { newestToken, signIn, startTestStack, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { signaturePng } from '../../infra/local/demo-files';
import { jobBody, listenForEvents, sentLinkToken } from '../../infra/local/testing/business-api';
import { completeCheckout } from '../../infra/local/testing/stripe';

let stack: TestStack;
let acme: BusinessClient;
let bright: BusinessClient;
let jordan: PortalClient;
let sam: PortalClient;
let hooks: Awaited<ReturnType<typeof listenForEvents>>;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  bright = stack.business('brightclean');
  jordan = await signIn(stack, demo.jordan.email);
  sam = await signIn(stack, demo.sam.email);
  hooks = await listenForEvents(acme, ['estimate.approved', 'estimate.declined', 'estimate.scheduled', 'deposit.paid']);
});
afterAll(async () => {
  await hooks.close();
  await stack.stop();
});

const day = 24 * 3600_000;
const hour = 3600_000;
const acmeId = () => stack.demo.acme.business.id;
const now = () => stack.source.clock.now().getTime();
const iso = (offsetMs: number) => new Date(now() + offsetMs).toISOString();
/** Fixed at the first use: the same body is the same body however long the file runs. */
let base: number;
const fixedIso = (offsetMs: number) => new Date((base ??= now()) + offsetMs).toISOString();

const line = (description: string, quantity: number, unitAmount: number) => ({ description, quantity, unitAmount });
function estimateBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    customerId: demo.jordan.id,
    number: 'E-T',
    title: 'New boiler',
    currency: 'USD',
    expiresAt: fixedIso(30 * day),
    terms: 'Guaranteed for a year. Łódź Müller ✓',
    options: [
      { id: 'good', name: 'Good', lines: [line('Boiler', 1, 100_000), line('Labour (hours)', 4, 9_500)], taxAmount: 8_000 },
      { id: 'better', name: 'Better', recommended: true, lines: [line('Efficient boiler', 1, 150_000), line('Labour (hours)', 5, 9_500)], taxAmount: 12_000 },
      { id: 'best', name: 'Best', lines: [line('Heat pump', 1, 400_000)], taxAmount: 30_000 },
    ],
    signature: 'drawn',
    deposit: { percent: 25 },
    scheduling: { durationMinutes: 120 },
    address: { line1: '1234 Elm Street', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' },
    ...overrides,
  };
}

async function newEstimate(id: string, overrides: Record<string, unknown> = {}) {
  const res = await acme.put(`/estimates/${id}`, estimateBody(overrides));
  expect(res.status).toBe(201);
  return res.body;
}

/** Sends the estimate's link and returns its token (from the outbox). */
async function sendLink(id: string): Promise<string> {
  return sentLinkToken(stack, () => acme.post(`/estimates/${id}/send`, { channel: 'email' }), 'acme/estimate');
}
const linkGet = (path: string, token: string) => stack.client().getWithLink(path, token);
const linkPost = (path: string, token: string, json: unknown, headers: Record<string, string> = {}) =>
  stack.client().postWithLink(path, token, json, { 'user-agent': 'EstimateTest/1.0', ...headers });

const drawn = (name = 'Jordan Rivera') => ({ name, image: signaturePng(400) });
const approval = (version: number, optionId = 'better', signature: unknown = drawn()) => ({ version, optionId, signature, acceptTerms: true });

async function payDeposit(token: string | null, invoiceId: string) {
  const started = token ? await linkPost('/api/payments/checkout', token, { invoiceIds: [invoiceId] }) : await jordan.post('/api/payments/checkout', { invoiceIds: [invoiceId] });
  expect(started.status).toBe(201);
  await completeCheckout(stack, started.body.url, 'card');
  return started.body as { checkoutId: string; url: string };
}

async function newSlot(id: string, startInMs: number, minutes = 120) {
  const res = await acme.put(`/slots/${id}`, { start: iso(startInMs), end: iso(startInMs + minutes * 60_000) });
  expect(res.status).toBe(201);
  return res.body as { id: string; start: string; end: string };
}

function eventsOut(type: string, estimateId: string): Record<string, any>[] {
  const seen = new Map<string, Record<string, any>>();
  for (const h of hooks.received) {
    const body = JSON.parse(h.body);
    if (body.type === type && body.data.estimateId === estimateId) seen.set(String(h.headers['webhook-id']), body);
  }
  return [...seen.values()];
}

describe('business API: writing estimates and slots', () => {
  test('PUT creates version 1 with totals and deposits per option; the same PUT changes nothing; a change makes version 2', async () => {
    const created = await newEstimate('est_t_write');
    expect(created).toMatchObject({ id: 'est_t_write', status: 'sent', version: 1, signature: 'drawn', deposit: { percent: 25 } });
    expect(created.options[1]).toMatchObject({ id: 'better', recommended: true, subtotal: 197_500, taxAmount: 12_000, total: 209_500, deposit: 52_375 });
    const again = await acme.put('/estimates/est_t_write', estimateBody());
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, documentHash: created.documentHash });
    const changed = await acme.put('/estimates/est_t_write', estimateBody({ terms: 'New terms' }));
    expect(changed.body).toMatchObject({ version: 2, terms: 'New terms' });
    expect(changed.body.documentHash).not.toBe(created.documentHash);
    // A change outside the document (the address) is saved without a new version.
    const moved = await acme.put('/estimates/est_t_write', estimateBody({ terms: 'New terms', address: { ...estimateBody().address, line1: '1 Main St' } }));
    expect(moved.body).toMatchObject({ version: 2, address: { line1: '1 Main St' } });
  });

  test('bad input is a 400 naming each field, and nothing is written', async () => {
    const bad = await acme.put('/estimates/est_t_bad', estimateBody({
      options: [{ id: 'a', name: 'A', lines: [], taxAmount: 0 }, { id: 'a', name: 'B', lines: [line('x', 1, 1)], recommended: true }],
      deposit: { percent: 150 },
      signature: 'scribbled',
    }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['options', 'options.0.lines', 'deposit.percent', 'signature']));
    const twoRecommended = await acme.put('/estimates/est_t_bad', estimateBody({ options: [{ id: 'a', name: 'A', recommended: true, lines: [line('x', 1, 1)] }, { id: 'b', name: 'B', recommended: true, lines: [line('x', 1, 1)] }] }));
    expect(twoRecommended.body.errors).toEqual([{ field: 'options', message: 'must recommend at most one option' }]);
    const noAddress = await acme.put('/estimates/est_t_bad', estimateBody({ address: null }));
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.errors[0].field).toBe('address');
    expect((await acme.put('/estimates/est_t_bad', estimateBody({ customerId: 'cus_nobody' }))).status).toBe(400);
    expect((await acme.put('/estimates/est_t_bad', estimateBody({ customerId: demo.sam.id, jobId: 'job_sk1063' }))).body.errors[0].field).toBe('jobId');
    expect((await acme.get('/estimates/est_t_bad')).status).toBe(404);
    // A deposit needs payments: Bright Clean has not connected Stripe.
    const brightDeposit = await bright.put('/estimates/est_t_bad', estimateBody({ customerId: demo.jordanAtBrightClean.id }));
    expect(brightDeposit.status).toBe(409);
    // Deposit invoices are the portal's: the business cannot write one.
    const reserved = await acme.put('/invoices/deposit_abc', { customerId: demo.jordan.id, number: 'X', issuedAt: iso(0), dueAt: iso(day), currency: 'USD', lines: [line('x', 1, 1)] });
    expect(reserved.status).toBe(400);
    expect(reserved.body.errors[0].field).toBe('path.invoiceId');
  });

  test('slots: PUT publishes or moves an open slot, DELETE withdraws it; bad windows are 400', async () => {
    const slot = await newSlot('slot_t_move', 2 * day);
    expect(slot).toMatchObject({ id: 'slot_t_move', status: 'open', estimateId: null });
    const moved = await acme.put('/slots/slot_t_move', { start: iso(3 * day), end: iso(3 * day + 2 * hour) });
    expect(moved.status).toBe(200);
    expect((await acme.put('/slots/slot_t_bad', { start: iso(3 * day), end: iso(3 * day - hour) })).body.errors[0].field).toBe('end');
    expect((await acme.delete('/slots/slot_t_move')).status).toBe(204);
    expect((await acme.delete('/slots/slot_t_move')).status).toBe(404);
  });
});

describe('the estimate link (no sign-in)', () => {
  test('opens its estimate only; GETs (a mail scanner) change nothing; revoking it ends it', async () => {
    await newEstimate('est_t_link');
    const token = await sendLink('est_t_link');
    expect((await linkGet('/api/link', token)).body).toMatchObject({ kind: 'estimate', id: 'est_t_link', portal: { slug: 'acme' } });
    const before = await stack.stores.estimates.getEstimate(acmeId(), 'est_t_link', { consistent: true });
    stack.resetDynamoCalls();
    const read = await linkGet('/api/estimates/est_t_link', token);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: 'est_t_link', status: 'sent', version: 1, next: null, decision: null });
    await linkGet('/api/estimates/est_t_link/pdf', token);
    await linkGet('/api/link', token);
    // Reads only: nothing written, nothing marked.
    expect(stack.dynamoCalls().filter((op) => /Put|Update|Delete|Write/.test(op))).toEqual([]);
    expect(await stack.stores.estimates.getEstimate(acmeId(), 'est_t_link', { consistent: true })).toEqual(before);
    // Nothing else of Jordan's is reachable with it.
    expect((await linkGet('/api/estimates/est_2001', token)).status).toBe(404);
    expect((await linkGet('/api/invoices/inv_1080', token)).status).toBe(404);
    for (const path of ['/api/estimates', '/api/jobs', '/api/me', '/api/invoices']) expect((await linkGet(path, token)).status).toBe(401);
    // Nor is it a sign-in link.
    expect((await stack.client().post('/api/auth/verify', { token })).status).toBe(401);
    expect((await acme.post('/estimates/est_t_link/links/revoke', {})).body).toEqual({ estimateId: 'est_t_link', revoked: 1 });
    expect((await linkGet('/api/estimates/est_t_link', token)).status).toBe(410);
  });

  test('an invoice pay link opens no estimate, and a sign-in link opens none either', async () => {
    const payLinkInvoice = await acme.put('/invoices/inv_t_estlink', { customerId: demo.jordan.id, number: 'INV-T-EL', issuedAt: iso(0), dueAt: iso(day), currency: 'USD', lines: [line('x', 1, 5_000)] });
    expect(payLinkInvoice.status).toBe(201);
    expect((await acme.post('/invoices/inv_t_estlink/send', { channel: 'email' })).status).toBe(202);
    await stack.drainQueues();
    const payToken = newestToken(stack);
    expect((await linkGet('/api/estimates/est_2001', payToken)).status).toBe(404);
    expect((await linkPost('/api/estimates/est_2001/approve', payToken, approval(1))).status).toBe(404);
  });
});

describe('deciding', () => {
  test('the signature rule, a stale version (409 "changed"), and expiry (410) are refused with nothing written', async () => {
    await newEstimate('est_t_rules');
    const token = await sendLink('est_t_rules');
    const missing = await linkPost('/api/estimates/est_t_rules/approve', token, { version: 1, optionId: 'better', acceptTerms: true });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['signature.name', 'signature.image']);
    const blank = await linkPost('/api/estimates/est_t_rules/approve', token, approval(1, 'better', { name: 'Jordan Rivera', image: signaturePng(0) }));
    expect(blank.body.errors).toEqual([{ field: 'signature.image', message: 'is empty: draw your signature in the box' }]);
    const emptyName = await linkPost('/api/estimates/est_t_rules/approve', token, approval(1, 'better', { name: '   ', image: signaturePng(400) }));
    expect(emptyName.body.errors.map((e: { field: string }) => e.field)).toEqual(['signature.name']);
    // Rule 57: a signer name that reorders itself (U+202E), spans lines or holds NUL; a decline reason with NUL or an override.
    for (const name of ['Jordan \u202eareviR', 'Jordan\r\nRivera', 'Jordan\u0000', 'Jordan \ud800']) {
      const spoofed = await linkPost('/api/estimates/est_t_rules/approve', token, approval(1, 'better', { name, image: signaturePng(400) }));
      expect({ name, status: spoofed.status, fields: spoofed.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ name, status: 400, fields: ['signature.name'] });
    }
    for (const reason of ['Too \u0000 expensive', 'Too \u2066expensive']) {
      const declined = await linkPost('/api/estimates/est_t_rules/decline', token, { reason });
      expect({ reason, status: declined.status, fields: declined.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ reason, status: 400, fields: ['reason'] });
    }
    const notAccepted = await linkPost('/api/estimates/est_t_rules/approve', token, { ...approval(1), acceptTerms: false });
    expect(notAccepted.body.errors[0].field).toBe('acceptTerms');
    expect((await linkPost('/api/estimates/est_t_rules/approve', token, approval(1, 'platinum'))).body.errors[0].field).toBe('optionId');
    // The business changes it while the customer reads version 1.
    await acme.put('/estimates/est_t_rules', estimateBody({ terms: 'Changed' }));
    const stale = await linkPost('/api/estimates/est_t_rules/approve', token, approval(1));
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/has changed/);
    expect((await acme.get('/estimates/est_t_rules')).body).toMatchObject({ status: 'sent', decision: null, version: 2 });
    // Expired: 410, and it reads as expired (and leaves Jordan's open list).
    await newEstimate('est_t_expired_first', { expiresAt: iso(hour / 2) });
    await newEstimate('est_t_expired', { expiresAt: iso(hour) });
    stack.advanceClock(2 * hour);
    // Two idle hours end every session: sign in again.
    jordan = await signIn(stack, demo.jordan.email);
    sam = await signIn(stack, demo.sam.email);
    const gone = await jordan.post('/api/estimates/est_t_expired/approve', approval(1));
    expect(gone.status).toBe(410);
    expect((await jordan.get('/api/estimates/est_t_expired')).body.status).toBe('expired');
    const open = await jordan.get<EstimateListResponse>('/api/estimates?status=open&limit=50');
    expect(open.body.items.map((e) => e.id)).not.toContain('est_t_expired');
    // It is in the Expired list instead: most recently expired first, a page at a time.
    const expired = await jordan.get<EstimateListResponse>('/api/estimates?status=expired&limit=1');
    expect(expired.body.items).toEqual([expect.objectContaining({ id: 'est_t_expired', status: 'expired' })]);
    const older = await jordan.get<EstimateListResponse>(`/api/estimates?status=expired&limit=1&cursor=${expired.body.nextCursor}`);
    expect(older.body.items.map((e) => e.id)).toEqual(['est_t_expired_first']);
    expect(older.body.nextCursor).toBeNull();
    // No unexpired estimate is in it, and another list's cursor is refused.
    expect((await jordan.get<EstimateListResponse>('/api/estimates?status=expired&limit=50')).body.items.every((e) => e.status === 'expired')).toBe(true);
    const openPage = await jordan.get<EstimateListResponse>('/api/estimates?status=open&limit=1');
    expect(openPage.body.nextCursor).not.toBeNull();
    expect((await jordan.get(`/api/estimates?status=expired&cursor=${openPage.body.nextCursor}`)).status).toBe(400);
    // Sam sees none of Jordan's.
    expect((await sam.get<EstimateListResponse>('/api/estimates?status=expired&limit=50')).body.items).toEqual([]);
  });

  test('approve from the link: the record (option, signer, drawing, hash of what was shown, IP, agent, via), the deposit invoice, then 409 for any other decision', async () => {
    await newEstimate('est_t_approve');
    const token = await sendLink('est_t_approve');
    const shown = (await linkGet('/api/estimates/est_t_approve', token)).body as EstimateDetail;
    const res = await linkPost('/api/estimates/est_t_approve/approve', token, approval(1), { 'idempotency-key': 'approve-est_t_approve' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', next: 'deposit', depositInvoiceId: expect.stringMatching(/^deposit_[A-Za-z0-9]{22}$/) });
    // The record, as the business reads it.
    const stored = (await acme.get('/estimates/est_t_approve')).body;
    expect(stored.status).toBe('approved');
    expect(stored.decision).toMatchObject({
      kind: 'approved', revision: 1, optionId: 'better', signerName: 'Jordan Rivera', via: 'link', userAgent: 'EstimateTest/1.0',
      ip: expect.stringMatching(/^198\.51\.100\./), documentHash: shown.documentHash, signatureImageHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      depositInvoiceId: res.body.depositInvoiceId, depositAmount: 52_375,
    });
    // The hash is of the canonical JSON of exactly the version shown (terms included).
    const { documentOf } = await import('../../shared/estimates/document');
    const record = await stack.stores.estimates.getEstimate(acmeId(), 'est_t_approve');
    expect(createHash('sha256').update(canonicalJson(documentOf({ ...record!, status: 'sent', decision: null }))).digest('hex')).toBe(shown.documentHash);
    // The drawing is stored under its hash.
    const png = await stack.stores.estimates.getSignatureImage(acmeId(), 'est_t_approve', stored.decision.signatureImageHash);
    expect(createHash('sha256').update(png!).digest('hex')).toBe(stored.decision.signatureImageHash);
    // The deposit invoice: through the link, for this estimate only.
    const deposit = await linkGet(`/api/invoices/${res.body.depositInvoiceId}`, token);
    expect(deposit.body).toMatchObject({ total: 52_375, balance: 52_375, status: 'open', number: 'E-T-D' });
    // The same request again (a retry) answers the same and makes nothing twice.
    const retry = await linkPost('/api/estimates/est_t_approve/approve', token, approval(1), { 'idempotency-key': 'approve-est_t_approve' });
    expect(retry.body).toEqual(res.body);
    // Any other decision is a 409, and the record never changes.
    const second = await linkPost('/api/estimates/est_t_approve/approve', token, approval(1, 'best', drawn('Someone Else')));
    expect(second.status).toBe(409);
    expect((await linkPost('/api/estimates/est_t_approve/decline', token, { reason: 'changed my mind' })).status).toBe(409);
    expect((await acme.put('/estimates/est_t_approve', estimateBody({ terms: 'Sneaky' }))).status).toBe(409);
    expect((await acme.get('/estimates/est_t_approve')).body.decision).toEqual(stored.decision);
    // The customer sees it decided; the event carries the option, signer and hash.
    const detail = (await jordan.get<EstimateDetail>('/api/estimates/est_t_approve')).body;
    expect(detail).toMatchObject({ status: 'approved', next: 'deposit', decision: { kind: 'approved', optionId: 'better', signerName: 'Jordan Rivera', signedWithDrawing: true, via: 'link' }, depositInvoice: { balance: 52_375 } });
    expect(detail.priceRange).toEqual({ low: 209_500, high: 209_500 });
    await stack.drainQueues();
    const events = eventsOut('estimate.approved', 'est_t_approve');
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ optionId: 'better', signer: { name: 'Jordan Rivera', method: 'drawn', typed: null, drawn: true, via: 'link' }, documentHash: shown.documentHash, depositAmount: 52_375 });
    expect(stored.decision).toMatchObject({ signatureMethod: 'drawn', typedSignature: null });
    expect(detail.decision).toMatchObject({ signatureMethod: 'drawn', typedSignature: null });
  });

  test('signing by typing the name where a drawing is asked (the keyboard way, always offered): exactly one of drawing and typed, the record says which', async () => {
    await newEstimate('est_t_typedsig');
    const token = await sendLink('est_t_typedsig');
    const refused = async (signature: unknown) => {
      const res = await linkPost('/api/estimates/est_t_typedsig/approve', token, approval(1, 'better', signature));
      return { status: res.status, type: res.headers.get('content-type'), fields: res.body.errors?.map((e: { field: string }) => e.field) };
    };
    const problem = expect.stringMatching(/^application\/problem\+json/);
    // Both, or neither: 400 naming the field.
    expect(await refused({ name: 'Jordan Rivera', image: signaturePng(400), typed: 'Jordan Rivera' })).toEqual({ status: 400, type: problem, fields: ['signature.typed'] });
    expect(await refused({ name: 'Jordan Rivera' })).toEqual({ status: 400, type: problem, fields: ['signature.image'] });
    // A typed signature is one line of safe text (rule 57), not empty, at most 200 characters.
    for (const typed of ['', '   ', 'Jordan\nRivera', 'Jordan \u202eareviR', 'Jordan\u0000', 'J'.repeat(201)]) {
      expect({ typed, ...(await refused({ name: 'Jordan Rivera', typed })) }).toEqual({ typed, status: 400, type: problem, fields: ['signature.typed'] });
    }
    // Typing does not stand in for the name.
    expect(await refused({ name: ' ', typed: 'Jordan Rivera' })).toEqual({ status: 400, type: problem, fields: ['signature.name'] });
    expect((await acme.get('/estimates/est_t_typedsig')).body).toMatchObject({ status: 'sent', decision: null });

    const res = await linkPost('/api/estimates/est_t_typedsig/approve', token, approval(1, 'better', { name: 'Jordan Rivera', typed: ' Jordan Rivera ' }), { 'idempotency-key': 'typed-1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', next: 'deposit' });
    // The same request again: the same answer, nothing twice (the approve path's idempotency and follow-ups are unchanged).
    expect((await linkPost('/api/estimates/est_t_typedsig/approve', token, approval(1, 'better', { name: 'Jordan Rivera', typed: ' Jordan Rivera ' }), { 'idempotency-key': 'typed-1' })).body).toEqual(res.body);
    const stored = (await acme.get('/estimates/est_t_typedsig')).body;
    expect(stored.decision).toMatchObject({ signerName: 'Jordan Rivera', signatureMethod: 'typed', typedSignature: 'Jordan Rivera', signatureImageHash: null, depositAmount: 52_375 });
    const detail = (await jordan.get<EstimateDetail>('/api/estimates/est_t_typedsig')).body;
    expect(detail.decision).toMatchObject({ signerName: 'Jordan Rivera', signatureMethod: 'typed', typedSignature: 'Jordan Rivera', signedWithDrawing: false });
    await stack.drainQueues();
    const events = eventsOut('estimate.approved', 'est_t_typedsig');
    expect(events).toHaveLength(1);
    expect(events[0]!.data.signer).toMatchObject({ name: 'Jordan Rivera', method: 'typed', typed: 'Jordan Rivera', drawn: false });
    expect(await stack.stores.invoices.getInvoice(acmeId(), stored.decision.depositInvoiceId)).toMatchObject({ total: 52_375 });
  });

  test('a typed-signature estimate takes no drawing, and records the name as the typed signature', async () => {
    await newEstimate('est_t_typedonly', { deposit: null, scheduling: null, signature: 'typed' });
    const drawing = await jordan.post('/api/estimates/est_t_typedonly/approve', approval(1, 'good', { name: 'Jordan Rivera', image: signaturePng(400) }));
    expect({ status: drawing.status, fields: drawing.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: ['signature.image'] });
    expect((await jordan.post('/api/estimates/est_t_typedonly/approve', approval(1, 'good', { name: 'Jordan Rivera' }))).status).toBe(200);
    expect((await acme.get('/estimates/est_t_typedonly')).body.decision).toMatchObject({ signatureMethod: 'typed', typedSignature: 'Jordan Rivera', signatureImageHash: null });
  });

  test('security.md 23: fifty approvals of one estimate at once, exactly one 200 and the rest 409, one decision, one deposit invoice', async () => {
    await newEstimate('est_t_race');
    const token = await sendLink('est_t_race');
    const options = ['good', 'better', 'best'];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => linkPost('/api/estimates/est_t_race/approve', token, approval(1, options[i % 3], drawn(`Signer ${i}`)))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = results.find((r) => r.status === 200)!;
    const stored = (await acme.get('/estimates/est_t_race')).body;
    const winnerIndex = results.indexOf(winner);
    expect(stored.decision).toMatchObject({ optionId: options[winnerIndex % 3], signerName: `Signer ${winnerIndex}` });
    // Losers' drawings were not kept: only the winner's signature is stored.
    const items = await stack.stores.estimates.getSignatureImage(acmeId(), 'est_t_race', stored.decision.signatureImageHash);
    expect(items).not.toBeNull();
    await stack.drainQueues();
    expect(eventsOut('estimate.approved', 'est_t_race')).toHaveLength(1);
  });

  test('a crash after the decision and before the deposit invoice: with no retry, the re-driver makes it, once; the same request\'s retry answers as the first would have', async () => {
    await newEstimate('est_t_crash');
    const token = await sendLink('est_t_crash');
    await withCrashAt('estimate:decided', async () => expect((await linkPost('/api/estimates/est_t_crash/approve', token, approval(1), { 'idempotency-key': 'crash-1' })).status).toBe(500));
    const half = (await acme.get('/estimates/est_t_crash')).body;
    expect(half.status).toBe('approved');
    expect(await stack.stores.invoices.getInvoice(acmeId(), half.decision.depositInvoiceId)).toBeNull();
    // Nobody retries: the re-driver, once the request's grace is over, finishes the steps.
    stack.advanceClock(fastPathGraceMs + 1000);
    expect((await stack.redrive()).stepsRun).toBeGreaterThanOrEqual(2);
    expect(await stack.stores.invoices.getInvoice(acmeId(), half.decision.depositInvoiceId)).toMatchObject({ total: 52_375, estimateId: 'est_t_crash' });
    expect(eventsOut('estimate.approved', 'est_t_crash')).toHaveLength(1);
    const retried = await linkPost('/api/estimates/est_t_crash/approve', token, approval(1), { 'idempotency-key': 'crash-1' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ next: 'deposit', depositInvoiceId: half.decision.depositInvoiceId });
    await stack.drainQueues();
    expect(eventsOut('estimate.approved', 'est_t_crash')).toHaveLength(1);
  });

  test('decline, signed in, with a reason: the event goes out and the estimate moves to the decided list', async () => {
    await newEstimate('est_t_decline', { deposit: null, scheduling: null, signature: 'typed' });
    expect((await jordan.get<EstimateListResponse>('/api/estimates?status=open&limit=50')).body.items.map((e) => e.id)).toContain('est_t_decline');
    const res = await jordan.post('/api/estimates/est_t_decline/decline', { reason: 'Too expensive' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'declined' });
    expect((await jordan.get<EstimateListResponse>('/api/estimates?status=open&limit=50')).body.items.map((e) => e.id)).not.toContain('est_t_decline');
    expect((await jordan.get<EstimateListResponse>('/api/estimates?status=decided&limit=50')).body.items[0]!.id).toBe('est_t_decline');
    expect((await jordan.get<EstimateDetail>('/api/estimates/est_t_decline')).body).toMatchObject({ status: 'declined', next: null, decision: { kind: 'declined', reason: 'Too expensive', via: 'session' } });
    await stack.drainQueues();
    expect(eventsOut('estimate.declined', 'est_t_decline')[0]!.data).toMatchObject({ reason: 'Too expensive' });
    // Another customer cannot see or decide it.
    expect((await sam.get('/api/estimates/est_t_decline')).status).toBe(404);
  });

  test('a typed-signature estimate with no deposit and no scheduling: approval is done at once', async () => {
    await newEstimate('est_t_typed', { deposit: null, scheduling: null, signature: 'typed' });
    const res = await jordan.post('/api/estimates/est_t_typed/approve', approval(1, 'good', { name: 'Jordan Rivera' }));
    expect(res.body).toEqual({ status: 'approved', next: 'done' });
    expect((await sam.post('/api/estimates/est_t_typed/approve', approval(1, 'good', { name: 'Sam' }))).status).toBe(404);
  });
});

describe("an estimate's deposit on its job (issue 17, rough edge 8)", () => {
  test('approving an estimate written for a job puts its deposit in the job\'s balance due, and paying it takes it out', async () => {
    expect((await acme.put('/jobs/job_t_est_due', jobBody(stack, demo.jordan.id, 8 * day, { number: 'J-T-EST-DUE', charges: [{ id: 'l1', description: 'Boiler work', quantity: 1, unitAmount: 209_500 }] }))).status).toBe(201);
    await newEstimate('est_t_due', { jobId: 'job_t_est_due', scheduling: null, signature: 'typed' });
    const approved = (await jordan.post('/api/estimates/est_t_due/approve', approval(1, 'better', { name: 'Jordan Rivera' }))).body;
    expect(approved).toMatchObject({ status: 'approved', next: 'deposit' });
    const totals = async () => (await jordan.get(`/api/jobs/job_t_est_due`)).body.totals;
    // 25 % of $2,095.00: due on the job as on its deposit invoice; the rest of the work not invoiced yet.
    expect(await totals()).toMatchObject({ balance: { amount: 52_375 }, invoiced: { amount: 52_375 }, notInvoiced: { amount: 209_500 - 52_375 } });
    expect((await jordan.get(`/api/invoices/${approved.depositInvoiceId}`)).body.balance).toBe(52_375);
    await payDeposit(null, approved.depositInvoiceId);
    expect(await totals()).toMatchObject({ balance: { amount: 0 }, paid: { amount: 52_375 } });
  });
});

describe('deposit, then booking', () => {
  test('slots only after the deposit; booking puts the job under Upcoming; a taken slot is 409 with the open ones; a booked slot is the customer\'s', async () => {
    const slotA = await newSlot('slot_t_a', 5 * day);
    const slotB = await newSlot('slot_t_b', 6 * day);
    await newSlot('slot_t_short', 7 * day, 30);
    await newEstimate('est_t_book');
    const token = await sendLink('est_t_book');
    const approved = (await linkPost('/api/estimates/est_t_book/approve', token, approval(1))).body;
    expect((await linkGet('/api/estimates/est_t_book/slots', token)).status).toBe(409);
    expect((await linkPost('/api/estimates/est_t_book/schedule', token, { slotId: slotA.id })).status).toBe(409);
    const paid = await payDeposit(token, approved.depositInvoiceId);
    expect(stack.stripe!.sessionAt(paid.url)!.success_url).toBe(`${stack.url}/acme/estimate?checkout=${paid.checkoutId}`);
    expect((await linkGet('/api/estimates/est_t_book', token)).body).toMatchObject({ next: 'schedule', depositInvoice: { balance: 0, status: 'paid' } });
    expect(eventsOut('deposit.paid', 'est_t_book')[0]!.data).toMatchObject({ amount: 52_375, invoiceId: approved.depositInvoiceId });
    const slots = (await linkGet('/api/estimates/est_t_book/slots', token)).body.items.map((s: { id: string }) => s.id);
    expect(slots).toEqual(expect.arrayContaining([slotA.id, slotB.id]));
    expect(slots).not.toContain('slot_t_short');
    expect((await linkPost('/api/estimates/est_t_book/schedule', token, { slotId: 'slot_t_short' })).body.errors[0].field).toBe('slotId');
    const booked = await linkPost('/api/estimates/est_t_book/schedule', token, { slotId: slotA.id });
    expect(booked.status).toBe(200);
    expect(booked.body).toMatchObject({ status: 'scheduled', start: slotA.start, end: slotA.end, jobId: expect.stringMatching(/^estimate_/) });
    // The job is under Upcoming, made from the chosen option.
    const upcoming = (await jordan.get<JobListResponse>('/api/jobs?when=upcoming&limit=50')).body.items;
    expect(upcoming.map((j) => j.id)).toContain(booked.body.jobId);
    const job = (await jordan.get(`/api/jobs/${booked.body.jobId}`)).body;
    // Its title is the estimate's, its scope the option's lines, its number its own (issue 17, 4.4).
    expect(job).toMatchObject({ title: 'New boiler', number: 'E-T-J', scopeOfWork: 'Efficient boiler\nLabour (hours) × 5', status: 'scheduled', scheduledStart: slotA.start });
    expect(job.estimates.map((e: { id: string }) => e.id)).toEqual(['est_t_book']);
    // The deposit, paid before there was a job, is filed under the job it paid for: on the job
    // page, in the customer's invoice and in the business's.
    expect(job.invoices.map((i: { id: string }) => i.id)).toEqual([approved.depositInvoiceId]);
    // What it took counts as paid on the job, and is listed among the job's payments.
    expect(job.totals.paid).toEqual({ amount: 52_375, currency: 'USD' });
    expect(job.payments.items).toEqual([expect.objectContaining({ amount: { amount: 52_375, currency: 'USD' } })]);
    expect((await jordan.get(`/api/invoices/${approved.depositInvoiceId}`)).body).toMatchObject({ jobId: booked.body.jobId, status: 'paid' });
    expect((await acme.get(`/invoices/${approved.depositInvoiceId}`)).body).toMatchObject({ jobId: booked.body.jobId, amountPaid: 52_375 });
    expect((await linkGet('/api/estimates/est_t_book', token)).body).toMatchObject({ status: 'scheduled', next: 'done', booking: { start: slotA.start, jobId: booked.body.jobId } });
    await stack.drainQueues();
    expect(eventsOut('estimate.scheduled', 'est_t_book')[0]!.data).toMatchObject({ slotId: slotA.id, jobId: booked.body.jobId });
    // Booking again (the same slot: a retry) answers the same; another slot is refused.
    expect((await linkPost('/api/estimates/est_t_book/schedule', token, { slotId: slotA.id })).body).toEqual(booked.body);
    expect((await linkPost('/api/estimates/est_t_book/schedule', token, { slotId: slotB.id })).status).toBe(409);
    // The slot is gone from everyone's picker and is the customer's now.
    expect((await acme.delete(`/slots/${slotA.id}`)).status).toBe(409);
    expect((await acme.put(`/slots/${slotA.id}`, { start: iso(8 * day), end: iso(8 * day + 2 * hour) })).status).toBe(409);
    // A second customer's estimate racing for slot B: one wins, the other is told which slots are open.
    await newEstimate('est_t_rival1', { deposit: null });
    await newEstimate('est_t_rival2', { deposit: null });
    for (const id of ['est_t_rival1', 'est_t_rival2']) expect((await jordan.post(`/api/estimates/${id}/approve`, approval(1))).body.next).toBe('schedule');
    const race = await Promise.all(['est_t_rival1', 'est_t_rival2'].map((id) => jordan.post(`/api/estimates/${id}/schedule`, { slotId: slotB.id })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = race.find((r) => r.status === 409)!;
    expect(loser.body.slots.map((s: { id: string }) => s.id)).not.toContain(slotB.id);
    expect(loser.body.slots.map((s: { id: string }) => s.id)).not.toContain(slotA.id);
  });

  test('the picker marks a slot that overlaps a visit the customer already has; touching ends and other customers\' visits do not count (issue 17, 4.7)', async () => {
    const visit = (await jordan.get('/api/jobs/job_fc1090')).body as { scheduledStart: string; scheduledEnd: string };
    const at = (isoTime: string, ms: number) => new Date(Date.parse(isoTime) + ms).toISOString();
    const slots = {
      slot_t_clash: { start: at(visit.scheduledStart, -hour), end: at(visit.scheduledStart, hour) },
      slot_t_after: { start: visit.scheduledEnd, end: at(visit.scheduledEnd, 2 * hour) },
      slot_t_before: { start: at(visit.scheduledStart, -2 * hour), end: visit.scheduledStart },
    };
    for (const [id, slot] of Object.entries(slots)) expect((await acme.put(`/slots/${id}`, slot)).status).toBe(201);
    await newEstimate('est_t_clash', { deposit: null });
    expect((await jordan.post('/api/estimates/est_t_clash/approve', approval(1))).body.next).toBe('schedule');
    const listed = (await jordan.get('/api/estimates/est_t_clash/slots')).body.items as { id: string; overlapsVisit: boolean }[];
    const flags = Object.fromEntries(listed.filter((s) => s.id in slots).map((s) => [s.id, s.overlapsVisit]));
    expect(flags).toEqual({ slot_t_clash: true, slot_t_after: false, slot_t_before: false });
    // Only a yes or no: nothing of the other job travels with the slot.
    expect(Object.keys(listed.find((s) => s.id === 'slot_t_clash')!).sort()).toEqual(['end', 'id', 'overlapsVisit', 'start']);
    // Sam has no visit then: the same slot is clear for Sam's estimate.
    await newEstimate('est_t_clash_sam', { deposit: null, customerId: demo.sam.id });
    expect((await sam.post('/api/estimates/est_t_clash_sam/approve', approval(1))).status).toBe(200);
    const samSlots = (await sam.get('/api/estimates/est_t_clash_sam/slots')).body.items as { id: string; overlapsVisit: boolean }[];
    expect(samSlots.find((s) => s.id === 'slot_t_clash')).toMatchObject({ overlapsVisit: false });
    // Marked, not refused: the customer may still book it.
    expect((await jordan.post('/api/estimates/est_t_clash/schedule', { slotId: 'slot_t_clash' })).status).toBe(200);
    for (const id of ['slot_t_after', 'slot_t_before']) await acme.delete(`/slots/${id}`);
  });

  test('a crash after the booking and before its deposit is filed under the job: with no retry the re-driver files it; a retry answers as the first would have', async () => {
    const slot = await newSlot('slot_t_crash', 9 * day);
    await newEstimate('est_t_bookcrash');
    const token = await sendLink('est_t_bookcrash');
    const approved = (await linkPost('/api/estimates/est_t_bookcrash/approve', token, approval(1))).body;
    await payDeposit(token, approved.depositInvoiceId);
    await withCrashAt('estimate:booking-job', async () => expect((await linkPost('/api/estimates/est_t_bookcrash/schedule', token, { slotId: slot.id })).status).toBe(500));
    expect((await acme.get('/estimates/est_t_bookcrash')).body).toMatchObject({ status: 'scheduled' });
    expect((await acme.get(`/invoices/${approved.depositInvoiceId}`)).body).toMatchObject({ jobId: null });
    stack.advanceClock(fastPathGraceMs + 1000);
    await stack.redrive();
    const booked = (await acme.get('/estimates/est_t_bookcrash')).body;
    expect((await acme.get(`/invoices/${approved.depositInvoiceId}`)).body).toMatchObject({ jobId: booked.booking.jobId, amountPaid: 52_375, status: 'paid' });
    expect((await jordan.get(`/api/jobs/${booked.booking.jobId}`)).body.invoices.map((i: { id: string }) => i.id)).toEqual([approved.depositInvoiceId]);
    const retried = await linkPost('/api/estimates/est_t_bookcrash/schedule', token, { slotId: slot.id });
    expect(retried.status).toBe(200);
    expect(retried.body.jobId).toBe(booked.booking.jobId);
  });

  test('one slot, two customers: five parallel bookings by one and then one by the other; the slot is held by exactly one booking and one job (4 rounds)', async () => {
    for (let round = 0; round < 4; round++) {
      const slot = await newSlot(`slot_t_race_${round}`, (20 + round) * day);
      const [a, b] = [`est_t_race_a${round}`, `est_t_race_b${round}`];
      await newEstimate(a, { deposit: null });
      await newEstimate(b, { deposit: null, customerId: demo.sam.id });
      expect((await jordan.post(`/api/estimates/${a}/approve`, approval(1))).status).toBe(200);
      expect((await sam.post(`/api/estimates/${b}/approve`, approval(1))).status).toBe(200);
      const first = await Promise.all(Array.from({ length: 5 }, () => jordan.post(`/api/estimates/${a}/schedule`, { slotId: slot.id })));
      expect(first.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
      expect(first.every((r) => r.status === 200 || r.status === 409)).toBe(true);
      const second = await sam.post(`/api/estimates/${b}/schedule`, { slotId: slot.id });
      expect(second.status).toBe(409);
      expect((await stack.stores.slots.getSlot(acmeId(), slot.id))!.bookedBy).toBe(a);
      expect((await acme.get(`/estimates/${a}`)).body).toMatchObject({ status: 'scheduled', booking: { slotId: slot.id } });
      expect((await acme.get(`/estimates/${b}`)).body).toMatchObject({ status: 'approved', booking: null });
    }
  });

  test('two tabs booking two slots for one estimate: one wins first, the job is at the winner\'s time, the loser\'s slot is open again', async () => {
    for (let round = 0; round < 3; round++) {
      const [x, y] = [await newSlot(`slot_t_tab_x${round}`, (30 + round) * day), await newSlot(`slot_t_tab_y${round}`, (30 + round) * day + 3 * hour)];
      const id = `est_t_tabs_${round}`;
      await newEstimate(id, { deposit: null });
      expect((await jordan.post(`/api/estimates/${id}/approve`, approval(1))).status).toBe(200);
      const [rx, ry] = await Promise.all([jordan.post(`/api/estimates/${id}/schedule`, { slotId: x.id }), jordan.post(`/api/estimates/${id}/schedule`, { slotId: y.id })]);
      expect([rx.status, ry.status].sort()).toEqual([200, 409]);
      const [winner, loser] = rx.status === 200 ? [x, y] : [y, x];
      const estimate = (await acme.get(`/estimates/${id}`)).body;
      expect(estimate.booking.slotId).toBe(winner.id);
      const job = (await jordan.get(`/api/jobs/${estimate.booking.jobId}`)).body;
      expect(job).toMatchObject({ scheduledStart: winner.start, scheduledEnd: winner.end });
      expect((await stack.stores.slots.getSlot(acmeId(), loser.id))!.bookedBy).toBeNull();
      expect((await stack.stores.slots.getSlot(acmeId(), winner.id))!.bookedBy).toBe(id);
    }
  });

  test('a crash after the slot is held, then the customer picks another: the first slot is given back by the re-driver, with no retry', async () => {
    const [first, other] = [await newSlot('slot_t_held_1', 40 * day), await newSlot('slot_t_held_2', 41 * day)];
    await newEstimate('est_t_held', { deposit: null });
    expect((await jordan.post('/api/estimates/est_t_held/approve', approval(1))).status).toBe(200);
    await withCrashAt('slot:held', async () => expect((await jordan.post('/api/estimates/est_t_held/schedule', { slotId: first.id })).status).toBe(500));
    expect((await jordan.post('/api/estimates/est_t_held/schedule', { slotId: other.id })).status).toBe(200);
    expect((await acme.delete(`/slots/${first.id}`)).status).toBe(409);
    stack.advanceClock(fastPathGraceMs + 1000);
    await stack.redrive();
    expect((await stack.stores.slots.getSlot(acmeId(), first.id))!.bookedBy).toBeNull();
    expect((await stack.stores.slots.getSlot(acmeId(), other.id))!.bookedBy).toBe('est_t_held');
    expect((await acme.delete(`/slots/${first.id}`)).status).toBe(204);
  });

  test('booking an estimate with a job reschedules that job', async () => {
    const slot = await newSlot('slot_t_job', 4 * day);
    await newEstimate('est_t_withjob', { deposit: null, jobId: 'job_fc1090', address: null });
    await jordan.post('/api/estimates/est_t_withjob/approve', approval(1));
    const booked = await jordan.post('/api/estimates/est_t_withjob/schedule', { slotId: slot.id });
    expect(booked.body).toMatchObject({ jobId: 'job_fc1090', start: slot.start });
    const job = (await jordan.get('/api/jobs/job_fc1090')).body;
    expect(job).toMatchObject({ scheduledStart: slot.start, scheduledEnd: slot.end, status: 'scheduled' });
    // The job page links to its estimate.
    expect(job.estimates).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'est_t_withjob', status: 'scheduled' })]));
  });
});

describe('the PDF', () => {
  test('rendered once per version, with Unicode text; a new one after signing; a short-lived URL', async () => {
    await newEstimate('est_t_pdf', { deposit: null, scheduling: null, signature: 'typed' });
    const put = jest.spyOn(stack.files, 'put');
    try {
      const first = await jordan.get('/api/estimates/est_t_pdf/pdf');
      expect(first.status).toBe(200);
      expect(Date.parse(first.body.expiresAt) - now()).toBeLessThanOrEqual(5 * 60_000);
      const file = await fetch(first.body.url);
      expect(file.status).toBe(200);
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const pdf = await PDFDocument.load(bytes);
      expect(pdf.getTitle()).toBe('Estimate E-T');
      await jordan.get('/api/estimates/est_t_pdf/pdf');
      expect(put).toHaveBeenCalledTimes(1);
      await jordan.post('/api/estimates/est_t_pdf/approve', approval(1, 'good', { name: 'Jordan Müller' }));
      const signed = await jordan.get('/api/estimates/est_t_pdf/pdf');
      expect(put).toHaveBeenCalledTimes(2);
      expect(put.mock.calls[1]![0]).toMatch(/\/estimates\/est_t_pdf\/v1-signed\.en\.pdf$/);
      const signedBytes = Buffer.from(await (await fetch(signed.body.url)).arrayBuffer());
      expect(signedBytes.length).toBeGreaterThan(bytes.length);
    } finally {
      put.mockRestore();
    }
    expect((await sam.get('/api/estimates/est_t_pdf/pdf')).status).toBe(404);
  });
});

describe('the demo', () => {
  test('Jordan has an open estimate with three options and a decided one', async () => {
    const open = (await jordan.get<EstimateListResponse>('/api/estimates?status=open')).body.items;
    expect(open.map((e) => e.id)).toContain('est_2001');
    const detail = (await jordan.get<EstimateDetail>('/api/estimates/est_2001')).body;
    expect(detail.options.map((o) => o.id)).toEqual(['good', 'better', 'best']);
    expect(detail.options.find((o) => o.recommended)!.id).toBe('better');
    const decided = (await jordan.get<EstimateListResponse>('/api/estimates?status=decided&limit=50')).body.items;
    expect(decided.map((e) => e.id)).toContain('est_1990');
  });
});
