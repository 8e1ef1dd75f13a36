/**
 * Customer forms end to end against the local stack: the business API defines templates (a change
 * is a new version) and sends them; the customer fills them from a form link or signed in, with
 * drafts on the server, and submits once; the business reads the submission, its PDF and the
 * `form.submitted` event. Each rule of docs/security.md it proves is named (87, 88).
 */
import { PDFDocument } from 'pdf-lib';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { submissionEntity } from '../../shared/forms/entity';
import { epochSeconds } from '../../shared/data/entity';
import { withCrashAt } from '../../shared/followups/crash';
import { fastPathGraceMs } from '../../shared/followups/owed';
import type { FormDetail, FormListResponse } from '../../shared/contract/customer/forms';
import { sampleFormAnswers, sampleFormDefinition } from '../../shared/forms/sample-form';
import { attachmentsConfirmWithinMs, maxAnswersBytes } from '../../shared/forms/submit';
import { demo } from '../../infra/local/seed';
import { signIn, startTestStack, uploadCustomerFile, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { listenForEvents, sentLinkToken } from '../../infra/local/testing/business-api';
import { demoPdf, signaturePng } from '../../infra/local/demo-files';

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
  hooks = await listenForEvents(acme, ['form.submitted']);
});
afterAll(async () => {
  await hooks.close();
  await stack.stop();
});

const day = 24 * 3600_000;
/** The sample form, its signature drawn. */
const drawnForm = () => ({ ...sampleFormDefinition, fields: sampleFormDefinition.fields.map((f) => (f.id === 'signature' ? { ...f, signature: 'drawn' as const } : f)) });

async function putForm(id: string, body: Record<string, unknown> = sampleFormDefinition as unknown as Record<string, unknown>, client = acme) {
  return client.put(`/forms/${id}`, body);
}

/** Sends the form to a customer: its sent form's id and the link's token (from the outbox). */
async function send(formId: string, customerId: string = demo.jordan.id): Promise<{ sentFormId: string; token: string }> {
  let sentFormId = '';
  const token = await sentLinkToken(
    stack,
    async () => {
      const res = await acme.post(`/forms/${formId}/send`, { customerId, channel: 'email' });
      sentFormId = res.body.sentFormId;
      return res;
    },
    'acme/form',
  );
  return { sentFormId, token };
}

const withLink = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Link ${token}`, ...extra });
const linkGet = <T = any>(path: string, token: string) => stack.client().getWithLink<T>(path, token);
const linkSubmit = (id: string, token: string, body: unknown, key?: string) => stack.client().postWithLink(`/api/forms/${id}/submit`, token, body, key ? { 'idempotency-key': key } : {});
const saveDraft = (client: PortalClient, id: string, body: unknown, token?: string) => client.request('PUT', `/api/forms/${id}/draft`, { json: body, headers: token ? withLink(token) : {} });

function eventsOut(submissionId: string): Record<string, any>[] {
  const seen = new Map<string, Record<string, any>>();
  for (const h of hooks.received) {
    const body = JSON.parse(h.body);
    if (body.type === 'form.submitted' && body.data.submissionId === submissionId) seen.set(String(h.headers['webhook-id']), body);
  }
  return [...seen.values()];
}

describe('templates and versions', () => {
  test('PUT makes version 1; the same definition again is no new version; a change is version 2', async () => {
    const created = await putForm('form_t_versions');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'form_t_versions', version: 1, title: sampleFormDefinition.title });
    expect(created.body.fields).toHaveLength(sampleFormDefinition.fields.length);
    const same = await putForm('form_t_versions');
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    const changed = await putForm('form_t_versions', { ...sampleFormDefinition, title: 'Changed' });
    expect(changed.body.version).toBe(2);
  });

  test('a submission keeps the version it was filled against: a later change does not touch it', async () => {
    await putForm('form_t_keep');
    const { sentFormId, token } = await send('form_t_keep');
    // Opened (and a draft saved) on version 1; the business then changes the form.
    expect((await saveDraft(stack.client(), sentFormId, { version: 1, answers: { pets: false } }, token)).status).toBe(200);
    const v2 = { ...sampleFormDefinition, title: 'Version two', fields: sampleFormDefinition.fields.filter((f) => f.id !== 'service') };
    expect((await putForm('form_t_keep', v2)).body.version).toBe(2);
    // The draft stays on version 1, where `service` is required.
    const opened = await linkGet<FormDetail>(`/api/forms/${sentFormId}`, token);
    expect(opened.body.form.version).toBe(1);
    expect(opened.body.draft).toMatchObject({ version: 1, answers: { pets: false } });
    const res = await linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers });
    expect(res.status).toBe(200);
    expect((await putForm('form_t_keep', { ...v2, title: 'Version three' })).body.version).toBe(3);
    const kept = await acme.get(`/submissions/${res.body.submissionId}`);
    expect(kept.body).toMatchObject({ version: 1, form: { version: 1, title: sampleFormDefinition.title }, answers: { service: 'repair' } });
    expect(kept.body.form.fields.map((f: { id: string }) => f.id)).toContain('service');
    // A form sent now is filled on the current version.
    const later = await send('form_t_keep');
    expect((await linkGet<FormDetail>(`/api/forms/${later.sentFormId}`, later.token)).body.form).toMatchObject({ version: 3, title: 'Version three' });
  });

  test.each([
    ['a condition on a later field', { fields: [{ id: 'a', kind: 'short-text', label: 'A', showWhen: { field: 'b', equals: true } }, { id: 'b', kind: 'yes-no', label: 'B' }] }, 'fields[0].showWhen.field'],
    ['a condition on a text field', { fields: [{ id: 'a', kind: 'short-text', label: 'A' }, { id: 'b', kind: 'short-text', label: 'B', showWhen: { field: 'a', equals: 'x' } }] }, 'fields[1].showWhen.field'],
    ['a choice value no choice has', { fields: [{ id: 'a', kind: 'single-choice', label: 'A', choices: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] }, { id: 'b', kind: 'short-text', label: 'B', showWhen: { field: 'a', equals: 'z' } }] }, 'fields[1].showWhen.equals'],
    ['a repeated id', { fields: [{ id: 'a', kind: 'yes-no', label: 'A' }, { id: 'a', kind: 'email', label: 'B' }] }, 'fields[1].id'],
    ['a choice field without choices', { fields: [{ id: 'a', kind: 'single-choice', label: 'A' }] }, 'fields[0].choices'],
    ['an unknown kind', { fields: [{ id: 'a', kind: 'colour', label: 'A' }] }, 'fields.0.kind'],
  ])('PUT refuses %s: 400 naming the field, nothing written', async (_, body, field) => {
    const res = await putForm('form_t_bad', { title: 'Bad', ...body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field.replace(/\[(\d+)\]/g, '.$1'))).toContain(field.replace(/\[(\d+)\]/g, '.$1'));
    expect((await acme.get('/forms/form_t_bad/submissions')).status).toBe(404);
  });
});

describe('sending and the form link (rule 87)', () => {
  test('the link opens just that form, without a session; the link lookup names it', async () => {
    await putForm('form_t_link');
    const { sentFormId, token } = await send('form_t_link');
    const looked = await linkGet('/api/link', token);
    expect(looked.body).toMatchObject({ kind: 'form', id: sentFormId });
    const opened = await linkGet<FormDetail>(`/api/forms/${sentFormId}`, token);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: sentFormId, status: 'open', title: sampleFormDefinition.title, draft: null, submission: null });
    // Another form of the same customer, an invoice, an estimate: not through this link.
    const other = await send('form_t_link');
    expect((await linkGet(`/api/forms/${other.sentFormId}`, token)).status).toBe(404);
    expect((await linkGet('/api/invoices/inv_1063', token)).status).toBe(404);
    expect((await linkGet('/api/forms', token)).status).toBe(401);
    // Signed in, the customer sees both in the Forms section.
    const list = await jordan.get<FormListResponse>('/api/forms?limit=100');
    expect(list.body.items.map((f) => f.id)).toEqual(expect.arrayContaining([sentFormId, other.sentFormId]));
  });

  test('the link appears in the customer\'s live links and can be withdrawn there: it then answers 410', async () => {
    await putForm('form_t_withdraw');
    const { sentFormId, token } = await send('form_t_withdraw');
    const links = (await jordan.get('/api/me/links')).body.links as { id: string; kind: string; objectId: string }[];
    const mine = links.find((l) => l.kind === 'form' && l.objectId === sentFormId);
    expect(mine).toBeDefined();
    expect((await jordan.delete(`/api/me/links/${mine!.id}`)).status).toBe(204);
    expect((await linkGet(`/api/forms/${sentFormId}`, token)).status).toBe(410);
    // Signed in, it is still theirs to fill.
    expect((await jordan.get(`/api/forms/${sentFormId}`)).status).toBe(200);
  });

  test('the business withdraws a sent form\'s links: 410 on the next use', async () => {
    await putForm('form_t_revoke');
    const { sentFormId, token } = await send('form_t_revoke');
    const res = await acme.post(`/sent-forms/${sentFormId}/links/revoke`, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sentFormId, revoked: 1 });
    expect((await linkGet(`/api/forms/${sentFormId}`, token)).status).toBe(410);
    expect((await linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers })).status).toBe(410);
    expect((await bright.post(`/sent-forms/${sentFormId}/links/revoke`, {})).status).toBe(404);
  });

  test('the link expires after 30 days (checked in code, before any TTL)', async () => {
    await putForm('form_t_expiry');
    const { sentFormId, token } = await send('form_t_expiry');
    expect((await linkGet(`/api/forms/${sentFormId}`, token)).status).toBe(200);
    stack.advanceClock(30 * day + 60_000);
    try {
      expect((await linkGet(`/api/forms/${sentFormId}`, token)).status).toBe(410);
    } finally {
      stack.advanceClock(-(30 * day + 60_000));
    }
  });

  test('send refuses an unknown customer, another customer\'s job and an unknown form', async () => {
    await putForm('form_t_send');
    expect((await acme.post('/forms/form_t_send/send', { customerId: 'cus_nobody', channel: 'email' })).body.errors[0].field).toBe('customerId');
    expect((await acme.post('/forms/form_t_send/send', { customerId: demo.sam.id, jobId: 'job_wh1041', channel: 'email' })).status).toBe(400);
    expect((await acme.post('/forms/form_t_nothing/send', { customerId: demo.jordan.id, channel: 'email' })).status).toBe(404);
    expect((await acme.post('/forms/form_t_send/send', { customerId: demo.jordan.id, channel: 'fax' })).body.errors[0].field).toBe('channel');
  });
});

describe('tenancy (rule 87)', () => {
  test('another customer, another business: 404, never the form or its submission', async () => {
    await putForm('form_t_tenancy');
    const { sentFormId, token } = await send('form_t_tenancy');
    expect((await sam.get(`/api/forms/${sentFormId}`)).status).toBe(404);
    expect((await saveDraft(sam, sentFormId, { version: 1, answers: {} })).status).toBe(404);
    expect((await sam.post(`/api/forms/${sentFormId}/submit`, { version: 1, answers: sampleFormAnswers })).status).toBe(404);
    expect((await sam.get<FormListResponse>('/api/forms?limit=100')).body.items.map((f) => f.id)).not.toContain(sentFormId);
    const res = await linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers });
    expect(res.status).toBe(200);
    expect((await sam.get(`/api/forms/${sentFormId}/pdf`)).status).toBe(404);
    // Bright Clean has its own form of the same id: it sees neither Acme's form nor its submissions.
    expect((await putForm('form_t_tenancy', sampleFormDefinition as never, bright)).status).toBe(201);
    expect((await bright.get('/forms/form_t_tenancy/submissions')).body.items).toEqual([]);
    expect((await bright.get(`/submissions/${res.body.submissionId}`)).status).toBe(404);
    expect((await bright.get(`/submissions/${res.body.submissionId}/pdf`)).status).toBe(404);
    expect((await acme.get('/forms/form_t_tenancy/submissions')).body.items.map((s: { id: string }) => s.id)).toEqual([res.body.submissionId]);
  });
});

describe('answers checked on the server (rule 88)', () => {
  let sentFormId: string;
  let token: string;
  beforeAll(async () => {
    await putForm('form_t_rules');
    ({ sentFormId, token } = await send('form_t_rules'));
  });
  const refusal = async (answers: Record<string, unknown>) => {
    const res = await linkSubmit(sentFormId, token, { version: 1, answers });
    expect(res.status).toBe(400);
    return (res.body.errors as { field: string }[]).map((e) => e.field);
  };

  test('required fields: each missing one named', async () => {
    const { pets: _pets, service: _service, ...rest } = sampleFormAnswers;
    expect(await refusal(rest)).toEqual(expect.arrayContaining(['answers.pets', 'answers.service']));
  });

  test('a conditional field is required only when shown: pets yes and no details → 400; pets no → its answer is dropped', async () => {
    const { petDetails: _details, ...rest } = sampleFormAnswers;
    expect(await refusal(rest)).toEqual(['answers.petDetails']);
    expect(await refusal({ ...sampleFormAnswers, email: 'not an email' })).toEqual(['answers.email']);
    expect(await refusal({ ...sampleFormAnswers, service: 'painting' })).toEqual(['answers.service']);
    expect(await refusal({ ...sampleFormAnswers, age: 1.5 })).toEqual(['answers.age']);
    expect(await refusal({ ...sampleFormAnswers, preferred: '2026-02-30' })).toEqual(['answers.preferred']);
    expect(await refusal({ ...sampleFormAnswers, colour: 'red' })).toEqual(['answers.colour']);
    expect(await refusal({ ...sampleFormAnswers, signature: { name: '' } })).toEqual(['answers.signature']);
    // Hidden: not required, and whatever it held is not kept.
    const res = await linkSubmit(sentFormId, token, { version: 1, answers: { ...sampleFormAnswers, pets: false, petDetails: 'A cat' } });
    expect(res.status).toBe(200);
    const kept = await acme.get(`/submissions/${res.body.submissionId}`);
    expect(kept.body.answers.pets).toBe(false);
    expect(kept.body.answers).not.toHaveProperty('petDetails');
    expect(kept.body.answers.signature).toEqual({ name: 'Jordan Rivera', method: 'typed', typed: 'Jordan Rivera', drawn: false });
  });

  test('a version other than the current one or the draft\'s: 409, nothing written', async () => {
    await putForm('form_t_noversion');
    const { sentFormId: id, token: t } = await send('form_t_noversion');
    expect((await linkSubmit(id, t, { version: 7, answers: sampleFormAnswers })).status).toBe(409);
    // Opened on version 1 with nothing typed (no draft), then the form changed: version 1 is stale.
    await putForm('form_t_noversion', { ...sampleFormDefinition, title: 'Changed' });
    const stale = await linkSubmit(id, t, { version: 1, answers: sampleFormAnswers });
    expect(stale.status).toBe(409);
    expect((await acme.get('/forms/form_t_noversion/submissions')).body.items).toEqual([]);
    expect((await linkSubmit(id, t, { version: 2, answers: sampleFormAnswers })).status).toBe(200);
  });

  test('a draft only on the current version or the draft\'s own: a draft on version 1 after version 2 exists is 409, so a submit cannot pass version 1 through it', async () => {
    await putForm('form_t_staledraft');
    const { sentFormId: id, token: t } = await send('form_t_staledraft');
    await putForm('form_t_staledraft', { ...sampleFormDefinition, title: 'Changed' });
    // No draft yet: version 1 is stale for a draft as for a submit.
    const draft = await saveDraft(stack.client(), id, { version: 1, answers: { pets: false } }, t);
    expect(draft.status).toBe(409);
    expect(draft.body.detail).toContain('has changed since you opened it');
    expect((await linkGet(`/api/forms/${id}`, t)).body.draft).toBeNull();
    expect((await linkSubmit(id, t, { version: 1, answers: sampleFormAnswers })).status).toBe(409);
    expect((await acme.get('/forms/form_t_staledraft/submissions')).body.items).toEqual([]);
    // A draft on the current version, and one on the draft's own after a further change, are saved.
    expect((await saveDraft(stack.client(), id, { version: 2, answers: { pets: false } }, t)).status).toBe(200);
    await putForm('form_t_staledraft', { ...sampleFormDefinition, title: 'Changed again' });
    expect((await saveDraft(stack.client(), id, { version: 2, answers: { pets: true } }, t)).status).toBe(200);
    expect((await saveDraft(stack.client(), id, { version: 1, answers: { pets: true } }, t)).status).toBe(409);
    expect((await linkSubmit(id, t, { version: 2, answers: sampleFormAnswers })).status).toBe(200);
  });
});

/**
 * Holds the table writes `match` picks (at the initialize step, as the stores built them; the
 * operation named as the table API names it, `UpdateItem`) until `count` of them have arrived,
 * then lets them go one at a time in the order `first` sorts them, each answered before the next
 * starts: a race whose reads all happened before either write. `removed` fails the test if fewer
 * than `count` were held: a gate that matched nothing would leave the race to chance.
 */
function holdWrites(match: (command: string, input: any) => boolean, count: number, first: (a: any, b: any) => number): { removed: () => void } {
  const name = `hold-writes-${Math.random()}`;
  const waiting: { input: any; go: () => void; finished: Promise<void> }[] = [];
  stack.dynamo.doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (waiting.length >= count || !match(String(context.commandName).replace(/Command$/, ''), args.input)) return next(args);
      let go!: () => void;
      let finish!: () => void;
      const turn = new Promise<void>((resolve) => (go = resolve));
      const finished = new Promise<void>((resolve) => (finish = resolve));
      waiting.push({ input: args.input, go, finished });
      if (waiting.length === count) {
        const order = [...waiting].sort((a, b) => first(a.input, b.input));
        void (async () => {
          // The next write starts only once the one before has its answer: a fixed pause let a slow
          // table (DynamoDB Local on a busy machine) land them in the other order.
          for (const w of order) {
            w.go();
            await w.finished;
          }
        })();
      }
      await turn;
      try {
        return await next(args);
      } finally {
        finish();
      }
    },
    { step: 'initialize', name },
  );
  return {
    removed: () => {
      stack.dynamo.doc.middlewareStack.remove(name);
      expect(waiting).toHaveLength(count);
    },
  };
}

describe('drafts', () => {
  test('two saves at once on two versions (the draft\'s and the current one): one conditional write settles them; the stale one is 409 and writes nothing', async () => {
    await putForm('form_t_draftrace');
    const { sentFormId: id, token: t } = await send('form_t_draftrace');
    expect((await saveDraft(stack.client(), id, { version: 1, answers: { access: 'From version 1' } }, t)).status).toBe(200);
    await putForm('form_t_draftrace', { ...sampleFormDefinition, title: 'Changed' });
    // Both read the draft on version 1 (so both pass the version check), then version 2's write lands first.
    const isDraftSave = (command: string, input: any) => command === 'UpdateItem' && input.Key?.sk === 'SENTFORM' && String(input.UpdateExpression).startsWith('SET draft');
    const gate = holdWrites(isDraftSave, 2, (a, b) => b.ExpressionAttributeValues[':draft'].revision - a.ExpressionAttributeValues[':draft'].revision);
    try {
      const [two, one] = await Promise.all([
        saveDraft(stack.client(), id, { version: 2, answers: { access: 'From version 2' } }, t),
        saveDraft(stack.client(), id, { version: 1, answers: { access: 'Back to version 1' } }, t),
      ]);
      expect([two.status, one.status]).toEqual([200, 409]);
      expect(one.headers.get('content-type')).toContain('application/problem+json');
      expect(one.body.detail).toContain('has changed since you opened it');
    } finally {
      gate.removed();
    }
    const after = await linkGet<FormDetail>(`/api/forms/${id}`, t);
    expect(after.body.draft).toMatchObject({ version: 2, answers: { access: 'From version 2' } });
    // The draft is on version 2 now: version 1 is stale for a submit as well.
    expect((await linkSubmit(id, t, { version: 1, answers: sampleFormAnswers })).status).toBe(409);
  });


  test('saved with the link, resumed signed in on another device; hidden answers dropped; 409 once submitted', async () => {
    await putForm('form_t_draft');
    const { sentFormId, token } = await send('form_t_draft');
    const saved = await saveDraft(stack.client(), sentFormId, { version: 1, answers: { pets: false, petDetails: 'hidden now', email: 'half@' } }, token);
    expect(saved.status).toBe(200);
    const resumed = await jordan.get<FormDetail>(`/api/forms/${sentFormId}`);
    expect(resumed.body.draft).toMatchObject({ version: 1, answers: { pets: false, email: 'half@' } });
    expect(resumed.body.draft!.answers).not.toHaveProperty('petDetails');
    expect((await saveDraft(jordan, sentFormId, { version: 1, answers: { pets: 'maybe' } })).body.errors[0].field).toBe('answers.pets');
    expect((await saveDraft(jordan, sentFormId, { version: 1, answers: { pets: true, petDetails: 'x'.repeat(70_000) } })).status).toBe(413);
    expect((await jordan.post(`/api/forms/${sentFormId}/submit`, { version: 1, answers: sampleFormAnswers })).status).toBe(200);
    expect((await saveDraft(jordan, sentFormId, { version: 1, answers: { pets: true } })).status).toBe(409);
    const after = await jordan.get<FormDetail>(`/api/forms/${sentFormId}`);
    expect(after.body).toMatchObject({ status: 'submitted', draft: null, submission: { version: 1 } });
  });
});

describe('submitting once', () => {
  test('a double tap (two requests at once, different keys, same answers): one submission, both answered with it, one event', async () => {
    await putForm('form_t_double');
    const { sentFormId, token } = await send('form_t_double');
    const [a, b] = await Promise.all([linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers }, 'tap-1'), linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers }, 'tap-2')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.submissionId).toBe(b.body.submissionId);
    expect((await acme.get('/forms/form_t_double/submissions')).body.items).toHaveLength(1);
    // Other answers afterwards are no second submission.
    expect((await linkSubmit(sentFormId, token, { version: 1, answers: { ...sampleFormAnswers, access: 'Front door' } }, 'tap-3')).status).toBe(409);
    await stack.drainQueues();
    const events = eventsOut(a.body.submissionId);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ formId: 'form_t_double', sentFormId, customerId: demo.jordan.id, version: 1, via: 'link', answers: { service: 'repair', rooms: ['kitchen', 'basement'] } });
    const list = await jordan.get<FormListResponse>('/api/forms?status=submitted&limit=100');
    expect(list.body.items.find((f) => f.id === sentFormId)).toMatchObject({ status: 'submitted' });
    expect((await jordan.get<FormListResponse>('/api/forms?status=open&limit=100')).body.items.map((f) => f.id)).not.toContain(sentFormId);
  });

  test.each(['submission:decided', 'submission:form-attachments-kept', 'submission:form-submitted', 'submission:event'])('a crash at %s: with no retry, the re-driver finishes; one event, the form in the submitted list', async (point) => {
    const formId = `form_t_crash_${point.split(':')[1]}`;
    await putForm(formId);
    const { sentFormId, token } = await send(formId);
    await withCrashAt(point, async () => expect((await linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers }, `crash-${point}`)).status).toBe(500));
    const submissions = (await acme.get(`/forms/${formId}/submissions`)).body.items;
    expect(submissions).toHaveLength(1);
    stack.advanceClock(fastPathGraceMs + 1000);
    await stack.redrive();
    await stack.drainQueues();
    expect((await jordan.get<FormListResponse>('/api/forms?status=submitted&limit=100')).body.items.map((f) => f.id)).toContain(sentFormId);
    expect(eventsOut(submissions[0].id)).toHaveLength(1);
    // The same request's retry answers as the first would have, and sends nothing again.
    const retried = await linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers }, `crash-${point}`);
    expect(retried.status).toBe(200);
    await stack.drainQueues();
    expect(eventsOut(submissions[0].id)).toHaveLength(1);
  });

  test('a drawn signature: a real PNG is kept (and drawn in the PDF); a blank one is refused', async () => {
    await putForm('form_t_drawn', drawnForm() as never);
    const { sentFormId, token } = await send('form_t_drawn');
    const blank = await linkSubmit(sentFormId, token, { version: 1, answers: { ...sampleFormAnswers, signature: { name: 'Jordan Rivera', image: signaturePng(0) } } });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].field).toBe('answers.signature.image');
    const typedOnly = await linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers });
    expect(typedOnly.status).toBe(400);
    const res = await linkSubmit(sentFormId, token, { version: 1, answers: { ...sampleFormAnswers, signature: { name: 'Jordan Rivera', image: signaturePng(400) } } });
    expect(res.status).toBe(200);
    expect((await acme.get(`/submissions/${res.body.submissionId}`)).body.answers.signature).toMatchObject({ method: 'drawn', drawn: true });
  });
});

describe('file answers', () => {
  test('a PDF uploaded through the form link is claimed by the submission: the business gets a URL of its copy; another customer\'s upload is refused naming the answer', async () => {
    await putForm('form_t_files');
    const { sentFormId, token } = await send('form_t_files');
    const pdf = demoPdf('Boiler label', ['Model X-200', 'Serial 1234']);
    const mine = await uploadCustomerFile(stack.client(), { slug: 'acme', purpose: 'form', fileName: 'label.pdf', contentType: 'application/pdf', bytes: pdf, link: token });
    expect(mine.completed.status).toBe(200);
    const samsFile = await uploadCustomerFile(sam, { slug: 'acme', purpose: 'form', fileName: 'other.pdf', contentType: 'application/pdf', bytes: pdf });
    const refused = await linkSubmit(sentFormId, token, { version: 1, answers: { ...sampleFormAnswers, photos: [{ id: samsFile.id }] } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('answers.photos[0]');
    // A draft keeps the file (and the name the page showed) for the next visit.
    expect((await saveDraft(stack.client(), sentFormId, { version: 1, answers: { photos: [{ id: mine.id, fileName: 'label.pdf' }] } }, token)).status).toBe(200);
    const res = await linkSubmit(sentFormId, token, { version: 1, answers: { ...sampleFormAnswers, photos: [{ id: mine.id, fileName: 'label.pdf' }] } });
    expect(res.status).toBe(200);
    const kept = await acme.get(`/submissions/${res.body.submissionId}`);
    expect(kept.body.answers.photos).toEqual([{ id: mine.id, fileName: 'label.pdf', contentType: 'application/pdf', sizeBytes: pdf.length, url: expect.any(String) }]);
    const file = await fetch(kept.body.answers.photos[0].url);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await linkGet<FormDetail>(`/api/forms/${sentFormId}`, token)).body.submission!.answers.photos).toEqual([{ id: mine.id, fileName: 'label.pdf', contentType: 'application/pdf', sizeBytes: pdf.length }]);
  });
});

/** The table's expiry of an upload's item, or of a drawing in a submission's partition: undefined when it is kept for good. */
async function uploadExpiry(uploadId: string): Promise<number | undefined> {
  const { Item } = await stack.dynamo.doc.send(new GetCommand({ TableName: stack.dynamo.tableName, Key: { pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' }, ConsistentRead: true }));
  expect(Item).toBeDefined();
  return Item!.expiresAtEpoch;
}
async function drawingsOf(submissionId: string): Promise<{ sk: string; expiresAtEpoch?: number }[]> {
  const businessId = (await stack.stores.directory.findBusinessIdBySlug('acme'))!;
  const { Items = [] } = await stack.dynamo.doc.send(
    new QueryCommand({
      TableName: stack.dynamo.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sig)',
      ExpressionAttributeValues: { ':pk': submissionEntity.partition(businessId, submissionId), ':sig': 'SIGNATURE#' },
      ConsistentRead: true,
    }),
  );
  return Items.map((i) => ({ sk: i.sk, ...(i.expiresAtEpoch !== undefined ? { expiresAtEpoch: i.expiresAtEpoch } : {}) }));
}
/**
 * Two submits of one drawn form at once, with other answers: both pass the "already submitted?"
 * read, claim and draw; then the winner (one file, `both`) writes first and the loser (`both` and
 * `extra`, another drawing) second. `around` wraps the two requests (a crash injector).
 */
async function raceTwoSubmits(formId: string, around: (run: () => Promise<void>) => Promise<void> = (run) => run()) {
  await putForm(formId, drawnForm() as never);
  const { sentFormId, token } = await send(formId);
  const pdf = demoPdf('Boiler label', ['Model X-200']);
  const both = await uploadCustomerFile(stack.client(), { slug: 'acme', purpose: 'form', fileName: 'both.pdf', contentType: 'application/pdf', bytes: pdf, link: token });
  const extra = await uploadCustomerFile(stack.client(), { slug: 'acme', purpose: 'form', fileName: 'extra.pdf', contentType: 'application/pdf', bytes: pdf, link: token });
  const winning = { ...sampleFormAnswers, photos: [{ id: both.id }], signature: { name: 'Jordan Rivera', image: signaturePng(400) } };
  const losing = { ...sampleFormAnswers, photos: [{ id: both.id }, { id: extra.id }], signature: { name: 'Jordan Rivera', image: signaturePng(250) } };
  const isDecidingWrite = (command: string, input: any) => command === 'UpdateItem' && input.Key?.sk === 'SUBMISSION';
  const photosOf = (input: any) => (Object.values(input.ExpressionAttributeValues ?? {}).find((v: any) => v && typeof v === 'object' && 'photos' in v) as any)?.photos.length ?? 0;
  const asked = stack.source.clock.now();
  const gate = holdWrites(isDecidingWrite, 2, (a, b) => photosOf(a) - photosOf(b));
  let won: any;
  let lost: any;
  try {
    await around(async () => {
      [won, lost] = await Promise.all([linkSubmit(sentFormId, token, { version: 1, answers: winning }, `${formId}-win`), linkSubmit(sentFormId, token, { version: 1, answers: losing }, `${formId}-lose`)]);
    });
  } finally {
    gate.removed();
  }
  return { sentFormId, token, both, extra, winning, won, lost, asked };
}

describe('a submit that loses the race gives back what it took', () => {
  test('two submits at once with other answers (the same file, one more file, another drawing): the winner holds its file and drawing; the loser\'s extra file is unclaimed again and its drawing gone, before its 409', async () => {
    const { sentFormId, token, both, extra, winning, won, lost } = await raceTwoSubmits('form_t_loser');
    expect([won.status, lost.status]).toEqual([200, 409]);
    const submissionId: string = won.body.submissionId;
    const kept = (await acme.get(`/submissions/${submissionId}`)).body;
    expect(kept.answers.photos.map((f: { id: string }) => f.id)).toEqual([both.id]);
    // The winner's file is claimed and kept; the loser's extra one is back as it was, to expire unless attached again.
    const [bothNow, extraNow] = await Promise.all([stack.stores.uploads.getUpload(both.id, { consistent: true }), stack.stores.uploads.getUpload(extra.id, { consistent: true })]);
    expect(bothNow).toMatchObject({ claimedBy: submissionId, key: expect.any(String) });
    expect(extraNow).toMatchObject({ claimedBy: null, key: null });
    expect(await uploadExpiry(extra.id)).toBe(epochSeconds(extraNow!.expiresAt));
    // One drawing in the submission's partition: the winner's.
    const businessId = (await stack.stores.directory.findBusinessIdBySlug('acme'))!;
    const record = (await stack.stores.forms.getSubmission(businessId, submissionId, { consistent: true }))!;
    expect((await drawingsOf(submissionId)).map((d) => d.sk)).toEqual([`SIGNATURE#${(record.answers.signature as { imageHash: string }).imageHash}`]);
    // The same answers again are the winner's submission, answered as before.
    expect((await linkSubmit(sentFormId, token, { version: 1, answers: winning }, 'form_t_loser-win-again')).status).toBe(200);
  });
});

/**
 * A week on from some moment between `from` and now, in the table's epoch seconds: when the submit
 * read its clock is known only to lie in that span (a second's boundary may fall inside it).
 */
function weekOnSince(from: Date): (epoch: number | undefined) => void {
  const lowest = epochSeconds(new Date(from.getTime() + attachmentsConfirmWithinMs));
  const highest = epochSeconds(new Date(stack.source.clock.now().getTime() + attachmentsConfirmWithinMs));
  return (epoch) => {
    expect(epoch).toBeGreaterThanOrEqual(lowest);
    expect(epoch).toBeLessThanOrEqual(highest);
  };
}

describe('what a submission names is written to expire until its own write confirms it', () => {
  test('a crash right after the deciding write, no retry: the drawing and the file still expire; the re-driver keeps both for good', async () => {
    await putForm('form_t_confirm', drawnForm() as never);
    const { sentFormId, token } = await send('form_t_confirm');
    const file = await uploadCustomerFile(stack.client(), { slug: 'acme', purpose: 'form', fileName: 'label.pdf', contentType: 'application/pdf', bytes: demoPdf('Label', ['A']), link: token });
    const answers = { ...sampleFormAnswers, photos: [{ id: file.id }], signature: { name: 'Jordan Rivera', image: signaturePng(300) } };
    const asked = stack.source.clock.now();
    await withCrashAt('submission:decided', async () => expect((await linkSubmit(sentFormId, token, { version: 1, answers }, 'confirm-crash')).status).toBe(500));
    const [submission] = (await acme.get('/forms/form_t_confirm/submissions')).body.items;
    // Written before the submission was, each expires a week on unless the submission's step keeps it.
    const weekOn = weekOnSince(asked);
    weekOn(await uploadExpiry(file.id));
    const drawings = await drawingsOf(submission.id);
    expect(drawings).toHaveLength(1);
    weekOn(drawings[0]!.expiresAtEpoch);
    stack.advanceClock(fastPathGraceMs + 1000);
    await stack.redrive();
    expect(await uploadExpiry(file.id)).toBeUndefined();
    expect(await drawingsOf(submission.id)).toEqual([{ sk: expect.stringMatching(/^SIGNATURE#/) }]);
    expect(await stack.stores.uploads.getUpload(file.id, { consistent: true })).toMatchObject({ claimedBy: submission.id, key: expect.any(String) });
  });

  test('a submit that loses the race and dies before giving back: what only it took expires; what the winner names is kept for good', async () => {
    // The loser dies between its lost write and its give-back; nobody retries it.
    const { both, extra, won, lost, asked } = await raceTwoSubmits('form_t_loser_dies', (run) => withCrashAt('submission:lost', run));
    expect([won.status, lost.status]).toEqual([200, 500]);
    const submissionId: string = won.body.submissionId;
    // The winner's file and drawing: kept for good by its own step.
    expect(await uploadExpiry(both.id)).toBeUndefined();
    const businessId = (await stack.stores.directory.findBusinessIdBySlug('acme'))!;
    const record = (await stack.stores.forms.getSubmission(businessId, submissionId, { consistent: true }))!;
    const winnersDrawing = `SIGNATURE#${(record.answers.signature as { imageHash: string }).imageHash}`;
    // The loser's extra file and its drawing: still claimed and written, but to expire a week on, as nothing names them.
    const weekOn = weekOnSince(asked);
    const extraExpiry = await uploadExpiry(extra.id);
    weekOn(extraExpiry);
    const drawings = await drawingsOf(submissionId);
    expect(drawings).toHaveLength(2);
    expect(drawings.find((d) => d.sk === winnersDrawing)).toEqual({ sk: winnersDrawing });
    const losersDrawing = drawings.find((d) => d.sk !== winnersDrawing)!;
    expect(losersDrawing.sk).toMatch(/^SIGNATURE#/);
    weekOn(losersDrawing.expiresAtEpoch);
    // Nothing the re-driver does later changes that: the winner's step does not confirm what it does not name.
    stack.advanceClock(fastPathGraceMs + 1000);
    await stack.redrive();
    expect(await uploadExpiry(extra.id)).toBe(extraExpiry);
    expect(await uploadExpiry(both.id)).toBeUndefined();
  });
});

test('a claim to confirm: a repeat by its claimant keeps it as it is (never an expiry back on a confirmed one); another claimant is refused', async () => {
  await putForm('form_t_confirm_again');
  const { token } = await send('form_t_confirm_again');
  const file = await uploadCustomerFile(stack.client(), { slug: 'acme', purpose: 'form', fileName: 'again.pdf', contentType: 'application/pdf', bytes: demoPdf('Again', ['A']), link: token });
  const businessId = (await stack.stores.directory.findBusinessIdBySlug('acme'))!;
  const key = `${businessId}/uploads/${file.id}`;
  const until = new Date(stack.source.clock.now().getTime() + attachmentsConfirmWithinMs).toISOString();
  const uploads = stack.stores.uploads;
  expect(await uploads.claimUploadUntil(file.id, 'sub_one', key, until)).toBe(true);
  expect(await uploadExpiry(file.id)).toBe(epochSeconds(until));
  await uploads.confirmUpload(file.id, 'sub_one');
  expect(await uploadExpiry(file.id)).toBeUndefined();
  expect(await uploads.claimUploadUntil(file.id, 'sub_one', key, until)).toBe(true);
  expect(await uploadExpiry(file.id)).toBeUndefined();
  expect(await uploads.claimUploadUntil(file.id, 'sub_two', key, until)).toBe(false);
  // Confirming is the claimant's alone.
  await uploads.confirmUpload(file.id, 'sub_two');
  expect(await uploads.getUpload(file.id, { consistent: true })).toMatchObject({ claimedBy: 'sub_one' });
});

describe('the PDF', () => {
  test('the customer\'s and the business\'s are the same file, rendered once; none before submitting', async () => {
    await putForm('form_t_pdf', { ...sampleFormDefinition, title: 'Visit form Łódź ✓' } as never);
    const { sentFormId, token } = await send('form_t_pdf');
    expect((await linkGet(`/api/forms/${sentFormId}/pdf`, token)).status).toBe(404);
    const submitted = await linkSubmit(sentFormId, token, { version: 1, answers: sampleFormAnswers });
    const put = jest.spyOn(stack.files, 'put');
    try {
      const customer = await linkGet(`/api/forms/${sentFormId}/pdf`, token);
      expect(customer.status).toBe(200);
      const bytes = Buffer.from(await (await fetch(customer.body.url)).arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await PDFDocument.load(bytes)).getTitle()).toBe('Visit form Łódź ✓');
      const business = await acme.get(`/submissions/${submitted.body.submissionId}/pdf`);
      expect(business.status).toBe(200);
      expect(Buffer.from(await (await fetch(business.body.url)).arrayBuffer()).equals(bytes)).toBe(true);
      expect(put).toHaveBeenCalledTimes(1);
    } finally {
      put.mockRestore();
    }
  });
});

describe('answers bounded in all (a submission is one item: never a 5xx)', () => {
  test(`answers over ${maxAnswersBytes / 1024} KB in all are refused naming answers, before anything is written; the form stays open`, async () => {
    // 30 long texts of 10,000 characters (twice the default) each may be answered in full: 30 × 20 KB of two-byte letters.
    const fields = Array.from({ length: 30 }, (_, i) => ({ id: `notes${i}`, kind: 'long-text', label: `Notes ${i + 1}`, max: 10_000 }));
    expect((await putForm('form_big_answers', { title: 'Long answers', intro: '', fields })).status).toBeLessThan(300);
    const { sentFormId, token } = await send('form_big_answers');
    const long = 'é'.repeat(8_000);
    const answers = Object.fromEntries(fields.map((f) => [f.id, long]));
    const refused = await linkSubmit(sentFormId, token, { version: 1, answers });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errors: [{ field: 'answers' }] });
    expect((await acme.get<{ items: unknown[] }>('/forms/form_big_answers/submissions')).body.items).toEqual([]);
    // Within the bound, the same form submits.
    const fewer = Object.fromEntries(fields.slice(0, 8).map((f) => [f.id, long]));
    expect((await linkSubmit(sentFormId, token, { version: 1, answers: fewer })).status).toBe(200);
  });
});

test('a draft never holds a secret: a file answer with a claim token is refused naming it, nothing saved', async () => {
  expect((await putForm('form_no_tokens')).status).toBeLessThan(300);
  const { sentFormId, token } = await send('form_no_tokens');
  const withToken = await saveDraft(stack.client(), sentFormId, { version: 1, answers: { photos: [{ id: `upl_${'a'.repeat(22)}`, claimToken: 'b'.repeat(43) }] } }, token);
  expect(withToken.status).toBe(400);
  expect(JSON.stringify(withToken.body)).toContain('answers');
  expect((await linkGet(`/api/forms/${sentFormId}`, token)).body.draft).toBeNull();
});

