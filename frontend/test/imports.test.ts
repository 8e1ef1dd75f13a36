/**
 * What the portal's bundle may pull in. The frontend imports the API contract (the wire's types
 * and schemas) and nothing else of the back end, and the contract imports nothing outside itself
 * but valibot and Lingui, so no server module can reach the browser through it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file names: `import … from`, `export … from`, bare `import '…'` and `import('…')`; comments aside. */
function specifiersOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm);
  return [...found].map((m) => m[1]!);
}

/** Each import of `dir`'s files that `allowed` refuses, as "file → specifier". */
function offending(dir: string, allowed: (target: string, file: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) =>
    specifiersOf(readFileSync(join(root, file), 'utf8'))
      .map((specifier) => ({ specifier, target: specifier.startsWith('.') ? relative(root, resolve(root, dirname(file), specifier)) : specifier }))
      .filter(({ target }) => !allowed(target, file))
      .map(({ specifier }) => `${file} → ${specifier}`),
  );
}

const within = (target: string, ...dirs: string[]) => dirs.some((d) => target === d || target.startsWith(`${d}/`));
/** A file of this project (resolved from a relative import), as opposed to a package. */
const isProjectFile = (target: string) => within(target, 'frontend', 'shared', 'functions', 'infra') || target.startsWith('..');

test('the import scanner sees every form of import, and none in a comment', () => {
  const code = `import a from './a';\nimport type { B } from "../b";\nexport { c } from './c';\nimport './d.css';\nconst e = await import('./e');\n/** as seen from "x" */\n// import z from './z';`;
  expect(specifiersOf(code)).toEqual(['./a', '../b', './c', './d.css', './e']);
});

test('frontend/src imports only frontend/ and shared/contract/ (and packages)', () => {
  expect(offending('frontend/src', (target) => !isProjectFile(target) || within(target, 'frontend', 'shared/contract'))).toEqual([]);
});

test('shared/contract imports nothing outside itself but valibot and Lingui (its tests: their tools too)', () => {
  // Lingui: the message catalogs' runtime (2.4 KB gzip) and, for the builds only (the portal's, and
  // the server's compiled catalogs: shared/i18n/compiled-catalogs.ts), its ICU compiler.
  const packages = ['valibot', '@valibot/to-json-schema', '@lingui/core', '@lingui/message-utils/compileMessage'];
  const testTools = ['fast-check'];
  expect(
    offending('shared/contract', (target, file) =>
      isProjectFile(target) ? within(target, 'shared/contract') : packages.includes(target) || (file.endsWith('.test.ts') && testTools.includes(target)),
    ),
  ).toEqual([]);
});
