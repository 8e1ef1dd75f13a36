/** `npm run admin`: businesses and keys, against a local table, and the keys it makes work on the API. */
import { runAdmin, type AdminTarget } from './admin';
import { captureConsole, startTestStack, type TestStack } from '../local/test-support';

let stack: TestStack;
let target: AdminTarget;
let restoreConsole: () => void;
const run = async (...argv: string[]) => {
  const lines: string[] = [];
  await runAdmin(argv, (line) => lines.push(line), target);
  return lines;
};

beforeAll(async () => {
  restoreConsole = captureConsole([]);
  stack = await startTestStack();
  target = { stores: stack.stores, description: 'the test table', defaultMode: 'test', close: async () => undefined };
});
afterAll(async () => {
  await stack.stop();
  restoreConsole();
});

test('create a business, then a key that works on the business API; list it; revoke it and it fails', async () => {
  const created = await run('create-business', '--slug', 'pipes-r-us', '--name', 'Pipes R Us', '--time-zone', 'America/Denver', '--contact-email', 'office@pipes.example');
  expect(created[0]).toMatch(/^Created business biz_[A-Za-z0-9]+ \(Pipes R Us\) at \/pipes-r-us\//);
  expect((await stack.client().get('/api/portals/pipes-r-us')).body.name).toBe('Pipes R Us');

  const made = await run('create-key', '--business', 'pipes-r-us', '--name', 'Back office');
  const key = made[made.length - 1]!;
  expect(key).toMatch(/^fsp_test_[A-Za-z0-9]{12}_[A-Za-z0-9]{38}$/);
  const keyId = key.split('_')[2]!;
  const settings = await fetch(`${stack.url}/api/business/v1/settings`, { headers: { authorization: `Bearer ${key}` } });
  expect(settings.status).toBe(200);
  expect(((await settings.json()) as { slug: string }).slug).toBe('pipes-r-us');

  const listed = await run('list-keys', '--business', 'pipes-r-us');
  expect(listed).toEqual([expect.stringMatching(new RegExp(`^${keyId}  test  active .* last used 20\\d\\d-.*"Back office"$`))]);
  // The key itself is never stored or listed.
  expect(listed.join('\n')).not.toContain(key.slice(-20));

  expect(await run('revoke-key', '--business', 'pipes-r-us', '--key', keyId)).toEqual([`Revoked key ${keyId}: its next request gets 401.`]);
  expect((await fetch(`${stack.url}/api/business/v1/settings`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  expect((await run('list-keys', '--business', 'pipes-r-us'))[0]).toMatch(/revoked/);
});

test('refuses what it cannot do, with a clear message', async () => {
  await expect(run('create-business', '--slug', 'acme', '--name', 'Again', '--time-zone', 'America/Chicago')).rejects.toThrow(/taken/);
  await expect(run('create-business', '--slug', 'x', '--name', 'X', '--time-zone', 'Mars/Base')).rejects.toThrow(/timeZone/);
  await expect(run('create-key', '--business', 'nope', '--name', 'k')).rejects.toThrow(/No business "nope"/);
  await expect(run('create-key', '--business', 'acme', '--name', 'k', '--scopes', 'admin')).rejects.toThrow(/--scopes/);
  await expect(run('revoke-key', '--business', 'brightclean', '--key', stack.demo.acme.apiKey.split('_')[2]!)).rejects.toThrow(/No active key/);
  await expect(run('frobnicate')).rejects.toThrow(/Unknown command/);
});

test('a read-only key with an expiry: reads work, writes are refused', async () => {
  const made = await run('create-key', '--business', 'acme', '--name', 'Reporting', '--scopes', 'read', '--expires', '2099-01-01T00:00:00Z');
  const key = made[made.length - 1]!;
  const auth = { authorization: `Bearer ${key}` };
  expect((await fetch(`${stack.url}/api/business/v1/customers`, { headers: auth })).status).toBe(200);
  const write = await fetch(`${stack.url}/api/business/v1/settings`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Hacked' }) });
  expect(write.status).toBe(403);
});

test('sum-jobs: a job written before jobs kept their invoices\' sums gets its balance due back', async () => {
  const biz = stack.demo.acme.business.id;
  // As such a job is stored: no invoiced or due amount (J-1063: one invoice of $267.46, $100.00 paid).
  await stack.stores.jobs.setMoney(biz, 'job_sk1063', (await stack.stores.jobs.getJob(biz, 'job_sk1063', { consistent: true }))!.version, { invoicedAmount: 0, paidAmount: 10_000, dueAmount: 0 });
  const totals = async () => ((await fetch(`${stack.url}/api/business/v1/jobs/job_sk1063`, { headers: { authorization: `Bearer ${stack.demo.acme.apiKey}` } })).json() as Promise<{ totals: { balance: number; notInvoiced: number } }>);
  expect((await totals()).totals).toMatchObject({ balance: 0, notInvoiced: 26_746 });
  expect((await run('sum-jobs', '--business', 'acme'))[0]).toMatch(/^Summed the invoices of \d+ jobs of acme\.$/);
  expect((await totals()).totals).toMatchObject({ balance: 16_746, notInvoiced: 0 });
});
