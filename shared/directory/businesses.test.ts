/** Rule 58: a slug a business leaves stays its own while links sent under it live; reserved slugs are nobody's. */
import { Conflict, InvalidInput } from '../kernel/errors';
import { FakeClock, MemoryDirectory, testBusiness } from '../testing/fakes';
import { signInPolicy } from '../auth/policy';
import { objectLinkPolicy } from '../links/object-links';
import { trackingPolicy } from '../tracking/visit';
import { createBusiness, resolveSlug, slugHoldMs, updateSettings } from './businesses';

const day = 24 * 3600_000;

function setUp() {
  const clock = new FakeClock();
  const directory = new MemoryDirectory().add(testBusiness).add({ ...testBusiness, id: 'biz_other', slug: 'other', name: 'Other' });
  return { clock, directory };
}

test('rule 58: the hold outlasts every link lifetime (pay 30 d, tracking, sign-in) and an estimate link of a 90-day estimate', () => {
  for (const lifetime of [objectLinkPolicy.payLinkLifetimeMs, trackingPolicy.lifetimeMs, signInPolicy.linkLifetimeMs, 90 * day + objectLinkPolicy.estimateLinkGraceMs]) {
    expect(slugHoldMs).toBeGreaterThanOrEqual(lifetime);
  }
});

test('rule 58: a renamed slug is held for its business: it redirects, another business gets 409, the business itself may take it back', async () => {
  const { clock, directory } = setUp();
  await updateSettings(testBusiness.id, { slug: 'acme-new' }, { directory, clock });
  expect(await resolveSlug('acme', { directory, clock })).toMatchObject({ business: { id: testBusiness.id, slug: 'acme-new' }, movedTo: 'acme-new' });
  expect(await resolveSlug('acme-new', { directory, clock })).toMatchObject({ movedTo: null });

  clock.advance(slugHoldMs - 60_000);
  await expect(updateSettings('biz_other', { slug: 'acme' }, { directory, clock })).rejects.toBeInstanceOf(Conflict);
  await expect(createBusiness({ ...testBusiness, slug: 'acme' }, { directory, clock, random: { bytes: (n) => Buffer.alloc(n, 7) } })).rejects.toBeInstanceOf(Conflict);
  expect((await directory.getBusiness('biz_other'))!.slug).toBe('other');

  await updateSettings(testBusiness.id, { slug: 'acme' }, { directory, clock });
  expect(await resolveSlug('acme', { directory, clock })).toMatchObject({ movedTo: null });
  expect(await resolveSlug('acme-new', { directory, clock })).toMatchObject({ movedTo: 'acme' });
});

test('rule 58: once the hold is over the old slug resolves to nothing and another business may take it', async () => {
  const { clock, directory } = setUp();
  await updateSettings(testBusiness.id, { slug: 'acme-new' }, { directory, clock });
  clock.advance(slugHoldMs + 1000);
  expect(await resolveSlug('acme', { directory, clock })).toBeNull();
  await updateSettings('biz_other', { slug: 'acme' }, { directory, clock });
  expect(await resolveSlug('acme', { directory, clock })).toMatchObject({ business: { id: 'biz_other' }, movedTo: null });
});

test('rule 58: reserved slugs are refused by the use cases too (the seed and the admin tool call them directly)', async () => {
  const { clock, directory } = setUp();
  await expect(createBusiness({ ...testBusiness, slug: 'api' }, { directory, clock, random: { bytes: (n) => Buffer.alloc(n, 7) } })).rejects.toBeInstanceOf(InvalidInput);
  await expect(updateSettings(testBusiness.id, { slug: 'assets' }, { directory, clock })).rejects.toBeInstanceOf(InvalidInput);
});
