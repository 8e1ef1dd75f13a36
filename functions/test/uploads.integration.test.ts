/**
 * Customers' uploads end to end (issue 19, security.md rule 84): a presigned POST straight to
 * storage, then a check of the first bytes; what a signed-in customer, a link's holder and an
 * anonymous visitor of the public request page may send; the limits; and the claim that attaches
 * a file to the request or answer that uses it.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { demo } from '../../infra/local/seed';
import { demoPdf } from '../../infra/local/demo-files';
import { PortalClient, signIn, startTestStack, uploadCustomerFile, type TestStack } from '../../infra/local/test-support';
import { claimUploads } from '../../shared/uploads/claim';
import { keptKeyOf, uploadKeyOf, uploadPolicy } from '../../shared/uploads/model';
import { InvalidInput } from '../../shared/kernel/errors';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
});
afterAll(() => stack.stop());

/** The first bytes of a phone's photo and video, and a web page pretending to be a photo. */
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x18]), Buffer.from('Exif\0\0'), Buffer.alloc(500, 7)]);
const mov = Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  '), Buffer.alloc(4), Buffer.from('qt  '), Buffer.alloc(800, 1)]);
const html = Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
const acme = demo.acme.slug;
const anonymous = () => new PortalClient(stack.url);

describe('a signed-in customer', () => {
  test('sends a photo: a presigned POST, then complete → 200 with the file; completing again answers the same', async () => {
    const jordan = await signIn(stack);
    const { id, claimToken, completed } = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'Leak under sink.jpg', contentType: 'image/jpeg', bytes: jpeg });
    expect(claimToken).toBeNull();
    expect(completed.status).toBe(200);
    expect(completed.body).toEqual({ id, fileName: 'Leak under sink.jpg', contentType: 'image/jpeg', sizeBytes: jpeg.length });
    expect((await jordan.post(`/api/uploads/${id}/complete`, {})).body).toEqual(completed.body);
    const stored = await stack.stores.uploads.getUpload(id, { consistent: true });
    expect(stored).toMatchObject({ status: 'ready', customerId: demo.jordan.id, claimTokenHash: null, claimedBy: null });
  });

  test('rule 84: a web page sent as a JPEG is refused (400 naming file), thrown away, and stays refused', async () => {
    const jordan = await signIn(stack);
    const { id, completed } = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'photo.jpg', contentType: 'image/jpeg', bytes: html });
    expect(completed.status).toBe(400);
    expect(completed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((completed.body as { errors: unknown }).errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const upload = (await stack.stores.uploads.getUpload(id, { consistent: true }))!;
    expect(upload.status).toBe('refused');
    expect(await stack.files.head(uploadKeyOf(upload))).toBeNull();
    expect((await jordan.post(`/api/uploads/${id}/complete`, {})).status).toBe(400);
  });

  test('a video goes with a request but not in a form; a type outside both lists is refused; 20 MB is the most', async () => {
    const jordan = await signIn(stack);
    expect((await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'drip.mov', contentType: 'video/quicktime', bytes: mov })).completed.status).toBe(200);
    const start = (body: Record<string, unknown>) => jordan.post('/api/uploads', { slug: acme, purpose: 'request', fileName: 'x', contentType: 'image/jpeg', sizeBytes: 10, ...body });
    const videoInForm = await start({ purpose: 'form', contentType: 'video/mp4' });
    expect(videoInForm.status).toBe(400);
    expect(videoInForm.body.errors).toEqual([expect.objectContaining({ field: 'contentType' })]);
    expect((await start({ contentType: 'text/html' })).body.errors).toEqual([expect.objectContaining({ field: 'contentType' })]);
    expect((await start({ sizeBytes: 20 * 1024 * 1024 + 1 })).body.errors).toEqual([expect.objectContaining({ field: 'sizeBytes' })]);
    expect((await start({ fileName: '../../etc/passwd' })).body.errors).toEqual([expect.objectContaining({ field: 'fileName' })]);
  });

  test('the storage form accepts exactly the signed type and size: another type, more bytes or a changed key are refused', async () => {
    const jordan = await signIn(stack);
    const started = await jordan.post('/api/uploads', { slug: acme, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', sizeBytes: jpeg.length });
    const post = (fields: Record<string, string>, bytes: Buffer) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([new Uint8Array(bytes)]), 'a.jpg');
      return fetch(started.body.post.url, { method: 'POST', body: form });
    };
    const { fields } = started.body.post;
    expect((await post({ ...fields, 'Content-Type': 'text/html' }, jpeg)).status).toBe(403);
    expect((await post({ ...fields, key: fields.key.replace(/upl_\w+$/, 'upl_someoneelse0000000000') }, jpeg)).status).toBe(403);
    expect((await post(fields, Buffer.concat([jpeg, Buffer.alloc(1)]))).status).toBe(400);
    expect((await jordan.post(`/api/uploads/${started.body.id}/complete`, {})).status).toBe(409);
    expect((await post(fields, jpeg)).status).toBe(204);
    expect((await jordan.post(`/api/uploads/${started.body.id}/complete`, {})).status).toBe(200);
  });

  test('tenancy: another customer cannot complete it (404), and a session of one portal cannot upload to another', async () => {
    const jordan = await signIn(stack);
    const { id } = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', bytes: jpeg });
    const sam = await signIn(stack, demo.sam.email);
    expect((await sam.post(`/api/uploads/${id}/complete`, {})).status).toBe(404);
    expect((await anonymous().post(`/api/uploads/${id}/complete`, {})).status).toBe(404);
    const elsewhere = await jordan.post('/api/uploads', { slug: demo.brightClean.slug, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', sizeBytes: 10 });
    expect(elsewhere.status).toBe(404);
  });
});

describe('a visitor without a session (the public request page)', () => {
  test('may send a request\'s photos with a claim token that alone completes it; not a form\'s files', async () => {
    const visitor = anonymous();
    const { id, claimToken, completed } = await uploadCustomerFile(visitor, { slug: acme, purpose: 'request', fileName: 'boiler.jpg', contentType: 'image/jpeg', bytes: jpeg });
    expect(claimToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(completed.status).toBe(200);
    const stored = (await stack.stores.uploads.getUpload(id, { consistent: true }))!;
    // Only the token's hash is kept.
    expect(JSON.stringify(stored)).not.toContain(claimToken!);
    expect((await anonymous().post(`/api/uploads/${id}/complete`, {})).status).toBe(404);
    expect((await anonymous().post(`/api/uploads/${id}/complete`, { claimToken: 'x'.repeat(43) })).status).toBe(404);
    expect((await (await signIn(stack)).post(`/api/uploads/${id}/complete`, { claimToken })).status).toBe(404);
    const form = await visitor.post('/api/uploads', { slug: acme, purpose: 'form', fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 10 });
    expect(form.status).toBe(400);
    expect(form.body.errors).toEqual([expect.objectContaining({ field: 'purpose' })]);
    expect((await visitor.post('/api/uploads', { slug: 'no-such-portal', purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', sizeBytes: 10 })).status).toBe(404);
  });

  test(`rule 84: ${uploadPolicy.perAddress} uploads an hour from one address, then 429 with Retry-After; another address is not affected`, async () => {
    const flood = anonymous();
    const start = (client: PortalClient) => client.post('/api/uploads', { slug: acme, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', sizeBytes: 10 });
    for (let i = 0; i < uploadPolicy.perAddress; i++) expect((await start(flood)).status).toBe(201);
    const refused = await start(flood);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await start(anonymous())).status).toBe(201);
  });

  test(`rule 84: a business takes at most ${uploadPolicy.perBusinessPerDay} anonymous uploads a day, whatever the addresses; signed-in customers are not counted there`, async () => {
    const start = (client: PortalClient) => client.post('/api/uploads', { slug: demo.brightClean.slug, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', sizeBytes: 10 });
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < uploadPolicy.perBusinessPerDay + 5; i++) {
      const status = (await start(new PortalClient(stack.url, `203.0.113.${i % 250}`))).status;
      if (status === 201) accepted++;
      else if (status === 429) refused++;
    }
    expect(accepted).toBeLessThanOrEqual(uploadPolicy.perBusinessPerDay);
    expect(refused).toBeGreaterThanOrEqual(5);
    expect((await start(await signIn(stack, demo.jordanAtBrightClean.email, demo.brightClean.slug))).status).toBe(201);
  });
});

describe('claiming: attaching uploads to what uses them', () => {
  const businessId = () => stack.demo.acme.business.id;
  const deps = () => ({ uploads: stack.stores.uploads, files: stack.files });

  test('copies each into the business\'s namespace and ends its expiry; the same claimant again is a no-op; another is refused naming the field', async () => {
    const jordan = await signIn(stack);
    const a = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', bytes: jpeg });
    const b = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'b.mov', contentType: 'video/quicktime', bytes: mov });
    const claimant = { businessId: businessId(), customerId: demo.jordan.id };
    const refs = [{ id: a.id }, { id: b.id }];
    const claimed = await claimUploads(refs, claimant, 'request', 'req_one', (i) => `photos[${i}]`, deps());
    expect(claimed.map((f) => f.key)).toEqual([keptKeyOf({ businessId: businessId(), id: a.id }), keptKeyOf({ businessId: businessId(), id: b.id })]);
    expect((await stack.files.readStart(claimed[1]!.key, 1_000))?.equals(mov)).toBe(true);
    const { Item: item } = await stack.dynamo.doc.send(new GetCommand({ TableName: stack.dynamo.tableName, Key: { pk: `UPLOAD#${a.id}`, sk: 'UPLOAD' } }));
    expect(item).toMatchObject({ claimedBy: 'req_one' });
    expect(item).not.toHaveProperty('expiresAtEpoch');
    expect(await claimUploads(refs, claimant, 'request', 'req_one', (i) => `photos[${i}]`, deps())).toEqual(claimed);
    const other = claimUploads([{ id: b.id }], claimant, 'request', 'req_two', (i) => `photos[${i}]`, deps());
    await expect(other).rejects.toBeInstanceOf(InvalidInput);
    await expect(other).rejects.toMatchObject({ errors: [{ field: 'photos[0]' }] });
  });

  test('refuses a file of another customer, of another purpose, not completed, refused, named twice, or anonymous without its token', async () => {
    const jordan = await signIn(stack);
    const visitor = anonymous();
    const mine = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', bytes: jpeg });
    const formFile = await uploadCustomerFile(jordan, { slug: acme, purpose: 'form', fileName: 'a.pdf', contentType: 'application/pdf', bytes: demoPdf('Permit', ['ok']) });
    const bad = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'x.jpg', contentType: 'image/jpeg', bytes: html });
    const pending = await jordan.post('/api/uploads', { slug: acme, purpose: 'request', fileName: 'p.jpg', contentType: 'image/jpeg', sizeBytes: 10 });
    const theirs = await uploadCustomerFile(visitor, { slug: acme, purpose: 'request', fileName: 'v.jpg', contentType: 'image/jpeg', bytes: jpeg });
    const claim = (refs: { id: string; claimToken?: string }[], customerId: string | null) =>
      claimUploads(refs, { businessId: businessId(), customerId }, 'request', 'req_x', (i) => `photos[${i}]`, deps());
    const message = async (promise: Promise<unknown>) => ((await promise.then(() => null, (e) => e)) as InvalidInput).errors[0]!.message;
    expect(await message(claim([{ id: mine.id }], demo.sam.id))).toMatch(/not a file you uploaded/);
    expect(await message(claim([{ id: formFile.id }], demo.jordan.id))).toMatch(/uploaded for something else/);
    expect(await message(claim([{ id: bad.id }], demo.jordan.id))).toMatch(/refused/);
    expect(await message(claim([{ id: pending.body.id }], demo.jordan.id))).toMatch(/not finished/);
    expect(await message(claim([{ id: mine.id }, { id: mine.id }], demo.jordan.id))).toMatch(/twice/);
    expect(await message(claim([{ id: theirs.id }], null))).toMatch(/not a file you uploaded/);
    expect(await message(claim([{ id: theirs.id }], demo.jordan.id))).toMatch(/not a file you uploaded/);
    expect(await claim([{ id: theirs.id, claimToken: theirs.claimToken! }], null)).toHaveLength(1);
  });

  test('an upload too old to be kept is refused naming its field (never a 5xx from a copy of bytes the bucket removed); one held for a confirmation must last the day', async () => {
    const jordan = await signIn(stack);
    const file = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', bytes: jpeg });
    const claimant = { businessId: businessId(), customerId: demo.jordan.id };
    // Times from when it was uploaded, by the stack's own clock.
    const uploadedAt = new Date((await stack.stores.uploads.getUpload(file.id, { consistent: true }))!.createdAt).getTime();
    const at = (ms: number) => ({ ...deps(), clock: { now: () => new Date(uploadedAt + ms) } });
    const day = 24 * 3600_000;
    const late = claimUploads([{ id: file.id }], claimant, 'request', 'req_late', (i) => `photos[${i}]`, at(3 * day));
    await expect(late).rejects.toMatchObject({ errors: [{ field: 'photos[0]', said: { key: 'problems.upload.expiring' } }] });
    // Two and a half days on: still kept at once, but no longer held for a day's wait.
    const hold = claimUploads([{ id: file.id }], claimant, 'request', 'req_held', (i) => `photos[${i}]`, at(2.5 * day), { keep: false });
    await expect(hold).rejects.toMatchObject({ errors: [{ field: 'photos[0]', said: { key: 'problems.upload.expiring' } }] });
    expect(await claimUploads([{ id: file.id }], claimant, 'request', 'req_kept', (i) => `photos[${i}]`, at(2.5 * day))).toHaveLength(1);
  });

  test('a claim that loses one file to another claimant gives back the others it took: attachable again, and still expiring', async () => {
    const jordan = await signIn(stack);
    const a = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'a.jpg', contentType: 'image/jpeg', bytes: jpeg });
    const b = await uploadCustomerFile(jordan, { slug: acme, purpose: 'request', fileName: 'b.jpg', contentType: 'image/jpeg', bytes: jpeg });
    const claimant = { businessId: businessId(), customerId: demo.jordan.id };
    // b is taken by another request between this claim's reads and its writes.
    const racing = { ...deps(), uploads: Object.assign(Object.create(stack.stores.uploads), {
      claimUpload: async (id: string, by: string, key: string) => {
        if (id === b.id) await stack.stores.uploads.claimUpload(b.id, 'req_other', keptKeyOf({ businessId: businessId(), id: b.id }));
        return stack.stores.uploads.claimUpload(id, by, key);
      },
    }) };
    await expect(claimUploads([{ id: a.id }, { id: b.id }], claimant, 'request', 'req_loser', (i) => `photos[${i}]`, racing)).rejects.toMatchObject({ errors: [{ field: 'photos[1]', said: { key: 'problems.upload.taken' } }] });
    const { Item } = await stack.dynamo.doc.send(new GetCommand({ TableName: stack.dynamo.tableName, Key: { pk: `UPLOAD#${a.id}`, sk: 'UPLOAD' } }));
    expect(Item).toMatchObject({ claimedBy: null, key: null, expiresAtEpoch: expect.any(Number) });
    expect(await claimUploads([{ id: a.id }], claimant, 'request', 'req_next', (i) => `photos[${i}]`, deps())).toHaveLength(1);
  });
});

