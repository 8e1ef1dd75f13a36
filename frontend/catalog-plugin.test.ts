/**
 * The browser's catalogs as the build makes them: one chunk per language, only the page's areas,
 * already compiled (no ICU parser in any output), and a new language is a folder and a code.
 */
import { build, type Metafile } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATALOG_DIR, CATALOG_NAMESPACE, catalogsPlugin } from './catalog-plugin';

const english = (area: string) => JSON.parse(readFileSync(path.join(CATALOG_DIR, 'en', `${area}.json`), 'utf8')) as Record<string, string>;
const spanish = (area: string) => JSON.parse(readFileSync(path.join(CATALOG_DIR, 'es', `${area}.json`), 'utf8')) as Record<string, string>;

/** Bundles an entry that loads the catalogs the way main.tsx does; the outputs by what they hold. */
async function bundle(areas: string[], options: Parameters<typeof catalogsPlugin>[1] = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalogs-'));
  const entry = path.join(dir, 'entry.js');
  writeFileSync(entry, "import { loaders } from 'virtual:catalogs';\nexport const load = (l) => loaders[l]().then((m) => m.default);\n");
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    splitting: true,
    outdir: path.join(dir, 'out'),
    write: true,
    metafile: true,
    minify: true,
    // Words as written, so the test can look for them (the portal's build escapes them to ASCII).
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [catalogsPlugin(areas, options)],
  });
  const outputs = Object.entries((result.metafile as Metafile).outputs).filter(([file]) => file.endsWith('.js'));
  const catalogOf = (meta: Metafile['outputs'][string]) =>
    Object.keys(meta.inputs).find((input) => input.startsWith(`${CATALOG_NAMESPACE}:`))?.slice(CATALOG_NAMESPACE.length + 1);
  const chunks: Record<string, string> = {};
  let entryCode = '';
  for (const [file, meta] of outputs) {
    const code = readFileSync(file, 'utf8');
    const language = catalogOf(meta);
    if (language) chunks[language] = code;
    else if (meta.entryPoint) entryCode = code;
  }
  return { chunks, entryCode };
}

test('one chunk per language, each with only its own words, and none in the entry', async () => {
  const { chunks, entryCode } = await bundle(['common', 'portal']);
  expect(Object.keys(chunks).sort()).toEqual(['en', 'es']);
  const key = 'portal.jobs.empty.upcoming';
  expect(chunks.en).toContain(english('portal')[key]);
  expect(chunks.es).toContain(spanish('portal')[key]);
  expect(chunks.en).not.toContain(spanish('portal')[key]);
  expect(chunks.es).not.toContain(english('portal')[key]);
  expect(entryCode).not.toContain(english('portal')[key]);
  expect(entryCode).not.toContain(spanish('portal')[key]);
});

test("a page gets only its areas: the tracking page's chunk holds no portal words, and no page gets the server's", async () => {
  const { chunks } = await bundle(['common', 'tracking']);
  expect(chunks.es).toContain(spanish('tracking')['tracking.over.title']);
  expect(chunks.es).toContain(spanish('common')['common.tryAgain']);
  expect(chunks.es).not.toContain('portal.');
  expect(() => catalogsPlugin(['common', 'email'])).toThrow(/email/);
  expect(() => catalogsPlugin(['sms'])).toThrow(/sms/);
  expect(() => catalogsPlugin(['pdf'])).toThrow(/pdf/);
});

test('messages arrive compiled: plurals as Lingui tokens, and no ICU parser in the output', async () => {
  const { chunks, entryCode } = await bundle(['common', 'portal']);
  // "{count, plural, one {# invoice selected} other {# invoices selected}}" compiled: no ICU source left.
  expect(chunks.en).not.toContain('{count, plural');
  expect(chunks.en).toContain('invoices selected');
  for (const code of [...Object.values(chunks), entryCode]) expect(code).not.toMatch(/compileMessage|Unexpected token|parse(?:Message)?Error/);
});

test('a third language is its folder and its code: the loaders come from the list of languages', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-dir-'));
  for (const language of ['en', 'es', 'fr']) {
    mkdirSync(path.join(dir, language));
    writeFileSync(path.join(dir, language, 'common.json'), JSON.stringify({ 'common.hello': `hello-${language}` }));
  }
  const { chunks } = await bundle(['common'], { languages: ['en', 'es', 'fr'], dir });
  expect(Object.keys(chunks).sort()).toEqual(['en', 'es', 'fr']);
  expect(chunks.fr).toContain('hello-fr');
  expect(chunks.fr).not.toContain('hello-en');
  // A language in the list without its folder fails the build rather than shipping without words.
  await expect(bundle(['common'], { languages: ['en', 'de'], dir })).rejects.toThrow(/de\/common\.json is missing/);
});
