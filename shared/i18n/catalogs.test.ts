/**
 * The catalogs stay complete and in step: every language has every area file with the same keys
 * and the same placeholders as English, every message is valid ICU, and no key is left that no
 * code names (a key is named as a whole string literal, so a reader can find its uses with grep).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileCatalog } from '../contract/i18n/compile';
import type { Catalog } from '../contract/i18n/catalog';
import { LANGUAGES } from '../contract/i18n/languages';
import { AREAS } from '../contract/i18n/catalog';

const root = join(__dirname, '..', '..');
const catalogDir = join(root, 'shared', 'contract', 'i18n', 'catalogs');
const read = (language: string, file: string): Catalog => JSON.parse(readFileSync(join(catalogDir, language, file), 'utf8'));

/** The argument names a compiled message uses, nested plurals and selects included. */
function placeholders(message: unknown, into = new Set<string>()): Set<string> {
  // A compiled message is a list of tokens: text, or [name, type?, choices?] where each choice is a message.
  if (typeof message === 'string') return into;
  for (const token of message as unknown[]) {
    if (!Array.isArray(token)) continue;
    const [name, , choices] = token as [string, string?, unknown?];
    into.add(name);
    if (choices && typeof choices === 'object') {
      for (const [choice, nested] of Object.entries(choices)) if (choice !== 'offset') placeholders(nested, into);
    }
  }
  return into;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

test('every language has exactly the area files the server and the portal load', () => {
  const folders = readdirSync(catalogDir).sort();
  expect(folders).toEqual([...LANGUAGES].sort());
  for (const language of LANGUAGES) {
    expect(readdirSync(join(catalogDir, language)).sort()).toEqual(AREAS.map((a) => `${a}.json`).sort());
  }
});

test.each(AREAS)('%s: each key is named for its area, and every language has the same keys and placeholders as English', (area) => {
  const english = read('en', `${area}.json`);
  for (const key of Object.keys(english)) expect(key.startsWith(`${area}.`) ? key : `${key} (not in ${area}.*)`).toBe(key);
  const englishCompiled = compileCatalog(english);
  for (const language of LANGUAGES) {
    const catalog = read(language, `${area}.json`);
    expect({ language, keys: Object.keys(catalog).sort() }).toEqual({ language, keys: Object.keys(english).sort() });
    const compiled = compileCatalog(catalog);
    for (const key of Object.keys(english)) {
      expect({ language, key, placeholders: [...placeholders(compiled[key])].sort() }).toEqual({
        language,
        key,
        placeholders: [...placeholders(englishCompiled[key])].sort(),
      });
    }
  }
});

test('no key is unused: each is named, whole, somewhere in the code', () => {
  const code = ['frontend/src', 'shared', 'functions', 'infra']
    .flatMap((dir) => sourceFiles(join(root, dir)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const unused = AREAS.flatMap((area) => Object.keys(read('en', `${area}.json`))).filter(
    (key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`) && !code.includes(`\`${key}\``),
  );
  expect(unused).toEqual([]);
});

test('the placeholder reader sees arguments inside plurals', () => {
  const compiled = compileCatalog({ k: '{name} has {count, plural, one {# invoice due {when}} other {# invoices}}' });
  expect([...placeholders(compiled.k)].sort()).toEqual(['count', 'name', 'when']);
  expect(relative(root, catalogDir)).toBe('shared/contract/i18n/catalogs');
});
