/**
 * Every row of the route table (and every queue consumer) must point at a file that exists and
 * exports a `handler` function: the stack would otherwise deploy a Lambda that fails on its
 * first invocation ("index.handler is undefined or not exported").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { consumers, routes, schedules, subscribers } from '../../shared/routes';
import { projectRoot } from './portal-function';

const entries = [...routes, ...consumers, ...schedules, ...subscribers].map((def) => [def.name, def.entry] as const);

describe.each(entries)('%s (%s)', (_name, entry) => {
  const file = path.join(projectRoot, entry);

  it('exists', () => {
    expect(fs.existsSync(file)).toBe(true);
  });

  it('exports a handler function', async () => {
    const mod = (await import(file)) as { handler?: unknown };
    expect(typeof mod.handler).toBe('function');
  });
});
