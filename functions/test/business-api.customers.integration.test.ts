/**
 * The business API's settings and customers, end to end: portal settings (slug changes
 * included), customers (contact lookups, the pending sign-in link, concurrency) and invitations.
 * Jobs and lists: business-api.jobs.integration.test.ts.
 */
import { sha256 } from '../../shared/kernel/secrets';
import { demo, demoStripeAccount, demoServices } from '../../infra/local/seed';
import { requestLinkToken, sentBy, signIn, startTestStack, tokenOf, verifiedClient, type BusinessClient, type PortalClient, type TestStack } from '../../infra/local/test-support';
import { writeRecorder } from '../../infra/local/testing/business-api';
import type { JobListResponse } from '../../shared/contract/customer/jobs';

let stack: TestStack;
let acme: BusinessClient;
let writes: ReturnType<typeof writeRecorder>;

beforeAll(async () => {
  stack = await startTestStack({ consoleLines: [] });
  acme = stack.business('acme');
  writes = writeRecorder(stack, 'businessApiCustomersWrites');
});
afterAll(() => stack.stop());

const acmeId = () => stack.demo.acme.business.id;

/** Asks for a link and reports what the outbox got for it (nothing, for an address that gets none). */
async function linkRequest(body: Record<string, string>): Promise<{ sent: number; link: string | null }> {
  const { result, sent } = await sentBy(stack, () => stack.client().post('/api/auth/magic-link', body));
  expect(result.status).toBe(202);
  return { sent: sent.length, link: sent[0]?.link ?? null };
}

const verify = (link: string): Promise<PortalClient> => verifiedClient(stack, tokenOf(link));

describe('settings', () => {
  test('GET settings', async () => {
    const res = await acme.get('/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: acmeId(),
      name: demo.acme.name,
      slug: 'acme',
      portalUrl: `${stack.url}/acme/`,
      timeZone: 'America/Chicago',
      primaryColor: '#0b5cad',
      logoUrl: null,
      contactPhone: demo.acme.contactPhone,
      contactEmail: demo.acme.contactEmail,
      menu: demo.acme.sections,
      portal: { sections: demo.acme.sections, links: demo.acme.links },
      requests: { services: demoServices },
      defaultLanguage: 'en',
      payments: { enabled: true, stripeAccountId: demoStripeAccount, methods: { ach: true, affirm: true, klarna: true }, partialPayments: { allowed: true, minimumAmount: 1000 } },
      tracking: { roadFactor: 1.3, averageSpeedKmh: 40, distanceUnit: null },
      // Read-only: the operator's (npm run admin -- set-limits); these are the defaults.
      apiLimits: { requestsPerMinute: 600, positionsPerMinute: 2000, windowSeconds: 60 },
      version: expect.any(Number),
      updatedAt: expect.any(String),
    });
  });

  test('PATCH name, colour, time zone and sections: the portal shows them; version moves', async () => {
    const before = (await acme.get('/settings')).body;
    stack.advanceClock(1000);
    const res = await acme.patch('/settings', { name: 'Acme Plumbing', primaryColor: '#112233', timeZone: 'America/New_York', portal: { sections: ['jobs', 'messages'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: acmeId(), slug: 'acme', name: 'Acme Plumbing', primaryColor: '#112233', timeZone: 'America/New_York', portal: { sections: ['jobs', 'messages'] }, version: before.version + 1 });
    expect(res.body.updatedAt > before.updatedAt).toBe(true);
    const portal = (await stack.client().get('/api/portals/acme')).body;
    expect(portal).toMatchObject({ name: 'Acme Plumbing', timeZone: 'America/New_York', branding: { primaryColor: '#112233' }, sections: ['jobs', 'messages'] });
    // Untouched settings stay.
    expect(res.body.contactEmail).toBe(demo.acme.contactEmail);
    const back = await acme.patch('/settings', { name: demo.acme.name, primaryColor: demo.acme.primaryColor, timeZone: demo.acme.timeZone, portal: { sections: demo.acme.sections } });
    expect(back.status).toBe(200);
    expect(back.body.version).toBe(before.version + 2);
  });

  test('the deprecated menu still works: it sets the sections after Home; Home and Messages stay as they were; "profile" is ignored', async () => {
    const res = await acme.patch('/settings', { menu: ['invoices', 'profile', 'jobs'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ menu: ['home', 'invoices', 'jobs', 'messages'], portal: { sections: ['home', 'invoices', 'jobs', 'messages'] } });
    expect((await acme.patch('/settings', { portal: { sections: ['jobs'] } })).body.portal.sections).toEqual(['jobs']);
    expect((await acme.patch('/settings', { menu: ['estimates'] })).body.portal.sections).toEqual(['estimates']);
    const both = await acme.patch('/settings', { menu: ['jobs'], portal: { sections: ['jobs'] } });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('menu');
    const onlyProfile = await acme.patch('/settings', { menu: ['profile'] });
    expect(onlyProfile.status).toBe(400);
    expect((await acme.patch('/settings', { portal: { sections: demo.acme.sections } })).body.portal.sections).toEqual(demo.acme.sections);
  });

  test("PATCH portal.links: the portal's menu gets the business's own links, in order; an empty list removes them", async () => {
    const links = [
      { label: 'Our website', url: 'https://acme-plumbing.example/' },
      { label: 'Financing', url: 'https://acme-plumbing.example/financing?utm=portal' },
    ];
    const res = await acme.patch('/settings', { portal: { links } });
    expect(res.status).toBe(200);
    expect(res.body.portal).toEqual({ sections: demo.acme.sections, links });
    expect((await acme.get('/settings')).body.portal).toEqual({ sections: demo.acme.sections, links });
    expect((await stack.client().get('/api/portals/acme')).body.links).toEqual(links);
    // Other settings stay as they were.
    expect(res.body.portal.sections).toEqual(demo.acme.sections);
    const cleared = await acme.patch('/settings', { portal: { links: [] } });
    expect(cleared.body.portal).toEqual({ sections: demo.acme.sections, links: [] });
    expect((await stack.client().get('/api/portals/acme')).body.links).toEqual([]);
    // A patch that does not name them leaves them alone.
    await acme.patch('/settings', { portal: { links: demo.acme.links } });
    expect((await acme.patch('/settings', { name: demo.acme.name })).body.portal).toEqual({ sections: demo.acme.sections, links: demo.acme.links });
  });

  test.each([
    ['a colour that is not #rrggbb', { primaryColor: 'blue' }, 'primaryColor'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an empty menu', { menu: [] }, 'menu'],
    ['a repeated menu item', { menu: ['jobs', 'jobs'] }, 'menu'],
    ['an unknown menu item', { menu: ['dashboard'] }, 'menu.0'],
    ['no sections', { portal: { sections: [] } }, 'portal.sections'],
    ['a repeated section', { portal: { sections: ['home', 'home'] } }, 'portal.sections'],
    ['an unknown section', { portal: { sections: ['home', 'profile'] } }, 'portal.sections.1'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a direction override in the name', { name: 'Acme \u202egnibmulP' }, 'name'],
    ['a slug with capitals and spaces', { slug: 'Not A Slug' }, 'slug'],
    ['(rule 57) CR/LF in the name, which would reach an email subject', { name: 'Acme\r\nBcc: victim@example.com' }, 'name'],
    ['(rule 57) a lone surrogate in the name', { name: 'Acme \ud800' }, 'name'],
    ['(rule 57) NUL in the name', { name: 'Acme\u0000' }, 'name'],
    ['(rule 58) the reserved slug "api"', { slug: 'api' }, 'slug'],
    ['(rule 58) the reserved slug "dev"', { slug: 'dev' }, 'slug'],
    ['(rule 58) the reserved slug "assets"', { slug: 'assets' }, 'slug'],
    ['(rule 58) the reserved slug "track"', { slug: 'track' }, 'slug'],
    ['a plain-HTTP logo', { logoUrl: 'http://acme.example/logo.png' }, 'logoUrl'],
    ['a bad contact email', { contactEmail: 'office-at-acme' }, 'contactEmail'],
    ['a number for the name', { name: 42 }, 'name'],
    ['an unknown field', { id: 'biz_other' }, 'id'],
    ['a road factor below 1', { tracking: { roadFactor: 0.8 } }, 'tracking.roadFactor'],
    ['a walking speed', { tracking: { averageSpeedKmh: 4 } }, 'tracking.averageSpeedKmh'],
    ['an unknown distance unit', { tracking: { distanceUnit: 'furlong' } }, 'tracking.distanceUnit'],
    ['(rule 76) a plain-HTTP portal link', { portal: { links: [{ label: 'Website', url: 'http://acme.example/' }] } }, 'portal.links.0.url'],
    ['(rule 76) a javascript: portal link', { portal: { links: [{ label: 'Website', url: 'javascript:alert(1)' }] } }, 'portal.links.0.url'],
    ['(rule 76) a data: portal link', { portal: { links: [{ label: 'Website', url: 'data:text/html,<script>alert(1)</script>' }] } }, 'portal.links.0.url'],
    ['six portal links', { portal: { links: Array.from({ length: 6 }, (_, i) => ({ label: `Link ${i}`, url: `https://acme.example/${i}` })) } }, 'portal.links'],
    ['a repeated portal link', { portal: { links: [{ label: 'A', url: 'https://acme.example/' }, { label: 'B', url: 'https://acme.example/' }] } }, 'portal.links'],
    ['a portal link label of 41 characters', { portal: { links: [{ label: 'x'.repeat(41), url: 'https://acme.example/' }] } }, 'portal.links.0.label'],
    ['(rule 57) CR/LF in a portal link label', { portal: { links: [{ label: 'Site\r\nX', url: 'https://acme.example/' }] } }, 'portal.links.0.label'],
    ['a portal link with no label', { portal: { links: [{ url: 'https://acme.example/' }] } }, 'portal.links.0.label'],
    ['an unknown field in portal', { portal: { colors: ['blue'], links: [] } }, 'portal.colors'],
  ])('PATCH with %s → 400 naming %p... and nothing written', async (_name, body, field) => {
    writes.reset();
    const res = await acme.patch('/settings', body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(writes.dataWrites()).toEqual([]);
  });

  test("PATCH tracking: the ETA's road factor and speed and the distance unit, each on its own; the rest stays", async () => {
    const res = await acme.patch('/settings', { tracking: { averageSpeedKmh: 30 } });
    expect(res.status).toBe(200);
    expect(res.body.tracking).toEqual({ roadFactor: 1.3, averageSpeedKmh: 30, distanceUnit: null });
    expect((await acme.patch('/settings', { tracking: { roadFactor: 1.25, distanceUnit: 'km' } })).body.tracking).toEqual({ roadFactor: 1.25, averageSpeedKmh: 30, distanceUnit: 'km' });
    expect((await acme.patch('/settings', { tracking: { roadFactor: 1.3, averageSpeedKmh: 40, distanceUnit: null } })).body.tracking).toEqual({ roadFactor: 1.3, averageSpeedKmh: 40, distanceUnit: null });
  });

  test('PATCH with nothing to change → 400', async () => {
    const res = await acme.patch('/settings', {});
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toMatch(/at least one/);
  });

  test('PATCH slug: the portal answers at the new slug only; id, data and sessions are kept; new links use it', async () => {
    const jordan = await signIn(stack, demo.jordan.email);
    const before = (await acme.get('/settings')).body;
    try {
      const res = await acme.patch('/settings', { slug: 'acme-renamed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: before.id, slug: 'acme-renamed', portalUrl: `${stack.url}/acme-renamed/`, name: before.name });

      const anonymous = stack.client();
      const current = (await anonymous.get('/api/portals/acme-renamed')).body;
      expect(current).toMatchObject({ slug: 'acme-renamed', name: demo.acme.name });
      expect(current.movedTo).toBeUndefined();
      // Rule 58: the old slug is held for Acme: links sent under it open Acme at its new address...
      const old = await anonymous.get('/api/portals/acme');
      expect(old.status).toBe(200);
      expect(old.body).toEqual({ ...current, movedTo: 'acme-renamed' });
      // ...and no other business can take it meanwhile (409, nothing changes).
      const bright = stack.business('brightclean');
      const taken = await bright.patch('/settings', { slug: 'acme' });
      expect(taken.status).toBe(409);
      expect(taken.headers.get('content-type')).toBe('application/problem+json');
      expect((await bright.get('/settings')).body.slug).toBe('brightclean');
      expect(await stack.stores.directory.findSlug('acme')).toMatchObject({ businessId: acmeId(), heldUntil: expect.any(String) });
      expect((await acme.get('/settings')).body.id).toBe(before.id);
      expect((await acme.get('/jobs/job_wh1041')).body.title).toBe('Water heater replacement');

      // The customer signed in before the rename still sees their jobs.
      const past = await jordan.get<JobListResponse>('/api/jobs?when=past');
      expect(past.status).toBe(200);
      expect(past.body.items.map((j) => j.id)).toEqual(['job_fn1077', 'job_sk1063', 'job_wh1041']);
      expect((await jordan.get('/api/me')).body.business.slug).toBe('acme-renamed');

      // New sign-in links use the new slug, and work; the old slug sends nothing.
      stack.nextRateWindow();
      const renamed = await linkRequest({ portal: 'acme-renamed', email: demo.jordan.email });
      expect(renamed.sent).toBe(1);
      expect(renamed.link).toMatch(new RegExp(`^${stack.url}/acme-renamed/link#token=[A-Za-z0-9_-]{43}$`));
      const signedIn = await verify(renamed.link!);
      expect((await signedIn.get('/api/me')).body.customer.id).toBe(demo.jordan.id);
      expect((await linkRequest({ portal: 'acme', email: demo.jordan.email })).sent).toBe(0);

      // Invitations too.
      const invite = await acme.post('/customers/cus_7f3k9q/invite', { channel: 'email' });
      expect(invite.status).toBe(202);
      await stack.drainQueues();
      expect(stack.outbox.messages()[0]!.link).toMatch(new RegExp(`^${stack.url}/acme-renamed/link#token=`));
    } finally {
      expect((await acme.patch('/settings', { slug: 'acme' })).status).toBe(200);
    }
    // Acme took its own held slug back; the one it left is now held for it in turn (rule 58).
    expect((await stack.client().get('/api/portals/acme')).body.movedTo).toBeUndefined();
    expect((await stack.client().get('/api/portals/acme-renamed')).body).toMatchObject({ slug: 'acme', movedTo: 'acme' });
    expect(await stack.stores.directory.findSlug('acme')).toEqual({ businessId: acmeId(), heldUntil: null });
    expect(await stack.stores.directory.findSlug('acme-renamed')).toEqual({ businessId: acmeId(), heldUntil: expect.any(String) });
  });

  test('PATCH slug to one another business has → 409, nothing changes', async () => {
    const before = (await acme.get('/settings')).body;
    const res = await acme.patch('/settings', { slug: 'brightclean', name: 'Should Not Stick' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await acme.get('/settings')).body).toEqual(before);
    expect((await stack.client().get('/api/portals/brightclean')).body.name).toBe('Bright Clean');
    expect((await stack.client().get('/api/portals/acme')).body.name).toBe(demo.acme.name);
  });
});

describe('customers', () => {
  test('PUT creates (201), replaces (200); an unchanged PUT keeps updatedAt and version; GET; unknown → 404', async () => {
    const created = await acme.put('/customers/cus_t_crud', { name: 'Casey Crud', email: 'casey@example.com', phone: '+15555550901' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 'cus_t_crud', name: 'Casey Crud', email: 'casey@example.com', phone: '+15555550901', language: null, version: 1, createdAt: expect.any(String), updatedAt: created.body.createdAt,
    });
    stack.advanceClock(1000);
    const replaced = await acme.put('/customers/cus_t_crud', { name: 'Casey Crudd', email: 'casey@example.com', phone: '+15555550901' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'Casey Crudd', version: 2, createdAt: created.body.createdAt });
    expect(replaced.body.updatedAt > created.body.updatedAt).toBe(true);

    stack.advanceClock(1000);
    writes.reset();
    const unchanged = await acme.put('/customers/cus_t_crud', { name: 'Casey Crudd', email: 'casey@example.com', phone: '+15555550901' });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toEqual(replaced.body);
    expect(writes.dataWrites()).toEqual([]);

    expect((await acme.get('/customers/cus_t_crud')).body).toEqual(replaced.body);
    const unknown = await acme.get('/customers/cus_t_nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');

    // Dropping the phone is a change too; optional contacts default to null.
    stack.advanceClock(1000);
    const dropped = await acme.put('/customers/cus_t_crud', { name: 'Casey Crudd', email: 'casey@example.com' });
    expect(dropped.body).toMatchObject({ phone: null, version: 3 });
  });

  test('changing the email: the old address can no longer get a sign-in link, the new one can', async () => {
    expect((await acme.put('/customers/cus_t_email', { name: 'Eve Email', email: 'eve-old@example.com' })).status).toBe(201);
    // Control: the old address gets a link while it is the customer's.
    expect((await linkRequest({ portal: 'acme', email: 'eve-old@example.com' })).sent).toBe(1);

    expect((await acme.put('/customers/cus_t_email', { name: 'Eve Email', email: 'eve-new@example.com' })).status).toBe(200);
    expect((await linkRequest({ portal: 'acme', email: 'eve-old@example.com' })).sent).toBe(0);
    const fresh = await linkRequest({ portal: 'acme', email: 'eve-new@example.com' });
    expect(fresh.sent).toBe(1);
    expect(stack.outbox.messages()[0]!.to).toBe('eve-new@example.com');
    expect((await (await verify(fresh.link!)).get('/api/me')).body.customer.id).toBe('cus_t_email');
    // The old lookup is gone, so the address is free for another customer.
    expect(await stack.stores.directory.findCustomerIdByContact(acmeId(), { channel: 'email', address: 'eve-old@example.com' })).toBeNull();
    expect((await acme.put('/customers/cus_t_email2', { name: 'Other Eve', email: 'eve-old@example.com' })).status).toBe(201);
  });

  test('changing the phone: the old number can no longer get a sign-in link, the new one can', async () => {
    expect((await acme.put('/customers/cus_t_phone', { name: 'Pat Phone', phone: '+15555550911' })).status).toBe(201);
    expect((await linkRequest({ portal: 'acme', phone: '+15555550911' })).sent).toBe(1);

    expect((await acme.put('/customers/cus_t_phone', { name: 'Pat Phone', phone: '+15555550912' })).status).toBe(200);
    expect((await linkRequest({ portal: 'acme', phone: '+15555550911' })).sent).toBe(0);
    const fresh = await linkRequest({ portal: 'acme', phone: '+15555550912' });
    expect(fresh.sent).toBe(1);
    expect(stack.outbox.messages()[0]).toMatchObject({ channel: 'sms', to: '+15555550912' });
    expect(await stack.stores.directory.findCustomerIdByContact(acmeId(), { channel: 'sms', address: '+15555550911' })).toBeNull();
  });

  test('an email another customer holds → 409, and nothing is written', async () => {
    const lookup = (channel: 'email' | 'sms', address: string) => stack.stores.directory.findCustomerIdByContact(acmeId(), { channel, address });
    // A new customer.
    const clash = await acme.put('/customers/cus_t_clash', { name: 'Clash', email: demo.jordan.email });
    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toBe('application/problem+json');
    expect((await acme.get('/customers/cus_t_clash')).status).toBe(404);
    expect(await lookup('email', demo.jordan.email)).toBe(demo.jordan.id);

    // An existing customer: unchanged.
    const sam = (await acme.get(`/customers/${demo.sam.id}`)).body;
    expect((await acme.put(`/customers/${demo.sam.id}`, { name: 'Sam Patel', email: demo.jordan.email, phone: demo.sam.phone })).status).toBe(409);
    expect((await acme.get(`/customers/${demo.sam.id}`)).body).toEqual(sam);
    expect(await lookup('email', demo.jordan.email)).toBe(demo.jordan.id);
    expect(await lookup('email', demo.sam.email)).toBe(demo.sam.id);
  });

  test('a phone another customer holds, sent with a new email → 409, and no lookup is left for the new email', async () => {
    const sam = (await acme.get(`/customers/${demo.sam.id}`)).body;
    const res = await acme.put(`/customers/${demo.sam.id}`, { name: 'Sam Patel', email: 'sam-new@example.com', phone: demo.jordan.phone });
    expect(res.status).toBe(409);
    expect((await acme.get(`/customers/${demo.sam.id}`)).body).toEqual(sam);
    expect(await stack.stores.directory.findCustomerIdByContact(acmeId(), { channel: 'sms', address: demo.jordan.phone })).toBe(demo.jordan.id);
    // "A clash is a 409 before any write": the refused request must not have claimed the new address.
    expect(await stack.stores.directory.findCustomerIdByContact(acmeId(), { channel: 'email', address: 'sam-new@example.com' })).toBeNull();
  });

  test('an upsert never wipes the pending sign-in link: the emailed link still signs in', async () => {
    expect((await acme.put('/customers/cus_t_pending', { name: 'Penny Pending', email: 'penny@example.com' })).status).toBe(201);
    stack.nextRateWindow();
    const client = stack.client();
    const token = await requestLinkToken(stack, client, 'acme', 'penny@example.com');
    const changed = await acme.put('/customers/cus_t_pending', { name: 'Penny Pendingham', email: 'penny@example.com' });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    // The server-owned pointer to the newest link is still there…
    expect((await stack.stores.directory.getCustomer(acmeId(), 'cus_t_pending'))!.pendingLink).toMatchObject({ tokenHash: sha256(token) });
    // …and the link works.
    const res = await client.post('/api/auth/verify', { token });
    expect(res.status).toBe(200);
    expect((await client.get('/api/me')).body.customer).toMatchObject({ id: 'cus_t_pending', name: 'Penny Pendingham' });
  });

  test('after an upsert, a new link still retires the one sent before it (rule 5)', async () => {
    stack.nextRateWindow();
    const first = await requestLinkToken(stack, stack.client(), 'acme', 'penny@example.com');
    expect((await acme.put('/customers/cus_t_pending', { name: 'Penny P.', email: 'penny@example.com' })).status).toBe(200);
    const second = await requestLinkToken(stack, stack.client(), 'acme', 'penny@example.com');
    expect((await stack.client().post('/api/auth/verify', { token: first })).status).toBe(401);
    expect((await stack.client().post('/api/auth/verify', { token: second })).status).toBe(200);
  });

  test('version increments per change and updatedAt moves', async () => {
    const versions: number[] = [];
    const times: string[] = [];
    for (const name of ['Vera One', 'Vera Two', 'Vera Two', 'Vera Three']) {
      stack.advanceClock(1000);
      const res = await acme.put('/customers/cus_t_version', { name });
      versions.push(res.body.version);
      times.push(res.body.updatedAt);
    }
    expect(versions).toEqual([1, 2, 2, 3]);
    expect(times[1]! > times[0]!).toBe(true);
    expect(times[2]).toBe(times[1]);
    expect(times[3]! > times[2]!).toBe(true);
  });

  test('10 concurrent PUTs with different names all succeed, and the version counts every change', async () => {
    expect((await acme.put('/customers/cus_t_conc', { name: 'Conc Start' })).status).toBe(201);
    const names = Array.from({ length: 10 }, (_, i) => `Conc Writer ${i}`);
    const results = await Promise.all(names.map((name) => acme.put('/customers/cus_t_conc', { name })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const final = (await acme.get('/customers/cus_t_conc')).body;
    expect(final.version).toBe(1 + names.length);
    expect(names).toContain(final.name);
    expect(new Set(results.map((r) => r.body.version)).size).toBe(names.length);
  });
});

describe('invitations', () => {
  test('rule 57: a business name stored with CR/LF before the check never reaches an email subject raw', async () => {
    const directory = stack.stores.directory;
    const current = (await directory.getBusiness(acmeId()))!;
    const tainted = { ...current, name: 'Acme\r\nBcc: victim@example.com', version: current.version + 1 };
    expect(await directory.putBusiness(tainted, current.version)).toBe(true);
    try {
      await stack.drainQueues();
      expect((await acme.post(`/customers/${demo.sam.id}/invite`, { channel: 'email' })).status).toBe(202);
      await stack.drainQueues();
      const message = stack.outbox.messages()[0]!;
      expect(message.subject).toBe('Your sign-in link for Acme Bcc: victim@example.com');
      expect(message.subject).not.toMatch(/[\r\n]/);
    } finally {
      const now = (await directory.getBusiness(acmeId()))!;
      expect(await directory.putBusiness({ ...now, name: current.name, version: now.version + 1 }, now.version)).toBe(true);
    }
  });

  test('POST customers/{id}/invite {channel:"email"} → 202 and a sign-in link that signs the customer in', async () => {
    await stack.drainQueues();
    const before = stack.outbox.messages().length;
    const res = await acme.post(`/customers/${demo.sam.id}/invite`, { channel: 'email' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'queued', customerId: demo.sam.id, channel: 'email' });
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before + 1);
    const message = stack.outbox.messages()[0]!;
    expect(message).toMatchObject({ channel: 'email', to: demo.sam.email });
    expect(message.link).toMatch(new RegExp(`^${stack.url}/acme/link#token=[A-Za-z0-9_-]{43}$`));
    const client = await verify(message.link!);
    expect((await client.get('/api/me')).body.customer.id).toBe(demo.sam.id);
    expect((await client.get('/api/jobs?when=upcoming')).body.items.map((j: { id: string }) => j.id)).toContain('job_sp2001');
  });

  test('the same invitation retried with its Idempotency-Key sends one link', async () => {
    await stack.drainQueues();
    const before = stack.outbox.messages().length;
    const headers = { 'idempotency-key': 'invite-sam-1' };
    const first = await acme.post(`/customers/${demo.sam.id}/invite`, { channel: 'email' }, headers);
    const again = await acme.post(`/customers/${demo.sam.id}/invite`, { channel: 'email' }, headers);
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before + 1);
  });

  test('{channel:"sms"} → a text to the customer\'s phone', async () => {
    expect((await acme.post(`/customers/${demo.sam.id}/invite`, { channel: 'sms' })).status).toBe(202);
    await stack.drainQueues();
    expect(stack.outbox.messages()[0]).toMatchObject({ channel: 'sms', to: demo.sam.phone });
  });

  test('{channel:"sms"} to a customer without a phone → 400 naming channel, nothing sent; unknown customer → 404', async () => {
    expect((await acme.put('/customers/cus_t_nophone', { name: 'No Phone', email: 'nophone@example.com' })).status).toBe(201);
    await stack.drainQueues();
    const before = stack.outbox.messages().length;
    const res = await acme.post('/customers/cus_t_nophone/invite', { channel: 'sms' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'channel', message: expect.any(String) }]);
    expect((await acme.post('/customers/cus_t_nobody/invite', { channel: 'email' })).status).toBe(404);
    expect((await acme.post('/customers/cus_t_nophone/invite', { channel: 'fax' })).status).toBe(400);
    await stack.drainQueues();
    expect(stack.outbox.messages().length).toBe(before);
  });
});
