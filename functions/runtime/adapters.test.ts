/**
 * Each function wires exactly the AWS adapters its route-table row grants: no more (a bundle
 * bloated with unused SDK clients starts slower), no fewer (the call would fail on AWS only,
 * where the local stack's full runtime cannot show it).
 */
import { join } from 'node:path';
import { consumers, routes, type FunctionAccess } from '../../shared/routes';
import type { Adapters } from './runtime';

const expectedAdapters = (access: FunctionAccess): (keyof Adapters)[] => {
  const wanted: (keyof Adapters)[] = [];
  if (access.notificationQueue) wanted.push('queue');
  if (access.sendEmail || access.sendSms) wanted.push('notifier');
  if (access.files) wanted.push('files');
  return wanted.sort();
};

test.each([...routes, ...consumers].map((f) => [f.name, f] as const))('%s', async (_name, fn) => {
  const { handler } = (await import(join(__dirname, '../..', fn.entry))) as { handler: { adapters: (keyof Adapters)[] } };
  expect([...handler.adapters].sort()).toEqual(expectedAdapters(fn.access));
});
