/**
 * The re-driver can run any step a write may owe: every step defined anywhere in shared/ (found
 * by reading the sources for `defineStep<`) is in the registry, by kind, and no two share a kind.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allSteps } from './registry';

const sharedDir = resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('every defined step is registered for the re-driver, once per kind', () => {
  const defining = sources(sharedDir).filter((path) => readFileSync(path, 'utf8').includes('defineStep<'));
  expect(defining.length).toBeGreaterThanOrEqual(8);
  const defined = defining.flatMap((path) =>
    Object.values(require(path) as Record<string, unknown>).filter((value): value is { kind: string; run: unknown } => typeof value === 'object' && value !== null && 'kind' in value && 'run' in value && typeof (value as { run: unknown }).run === 'function'),
  );
  const registered = new Set(allSteps.map((step) => step.kind));
  expect(defined.map((step) => step.kind).filter((kind) => !registered.has(kind))).toEqual([]);
  expect(new Set(allSteps.map((step) => step.kind)).size).toBe(allSteps.length);
});
