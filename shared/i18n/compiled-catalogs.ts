/**
 * The server's catalogs, compiled ahead of time into shared/i18n/compiled/<lang>/<area>.json, and
 * committed: a function then loads messages Lingui can run as they are, and no function bundle
 * carries the ICU parser (@lingui/message-utils with @messageformat/parser, 11 KB minified, loaded
 * on every cold start). The browser's catalogs are compiled the same way, by its build
 * (frontend/catalog-plugin.ts); the server's cannot be, because NodejsFunction's esbuild takes no
 * plugins, and jest and `npm start` run the source directly.
 *
 * `npm run catalogs` writes them after a catalog changes; a test fails while any is out of date.
 *
 * Not for a function's bundle: this is the build step (it imports the compiler).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVER_AREAS, type Catalog } from '../contract/i18n/catalog';
import { compileCatalog } from '../contract/i18n/compile';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../contract/i18n/languages';

export const SOURCE_DIR = path.join(__dirname, '..', 'contract', 'i18n', 'catalogs');
export const COMPILED_DIR = path.join(__dirname, 'compiled');

/** One key per line, in the source's order, so a change to one message is a one-line diff. */
function serialize(messages: Record<string, unknown>): string {
  const lines = Object.entries(messages).map(([key, message]) => `  ${JSON.stringify(key)}: ${JSON.stringify(message)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * Problem details are written in English by the errors themselves (functions/http/problem.ts reads
 * the catalog only for another language), so English problem words are not compiled: they would
 * ride in every HTTP function's bundle (6 KB) and never be read. English email, text and PDF words
 * are read from their catalogs.
 */
export const serverReadsCatalog = (language: Language, area: (typeof SERVER_AREAS)[number]): boolean => !(area === 'problems' && language === DEFAULT_LANGUAGE);

/** Every compiled file the server needs, by path relative to COMPILED_DIR ("es/email.json"). */
export function compiledServerCatalogs(sourceDir = SOURCE_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const language of LANGUAGES) {
    for (const area of SERVER_AREAS.filter((a) => serverReadsCatalog(language, a))) {
      const catalog = JSON.parse(readFileSync(path.join(sourceDir, language, `${area}.json`), 'utf8')) as Catalog;
      files.set(`${language}/${area}.json`, serialize(compileCatalog(catalog)));
    }
  }
  return files;
}

/** The compiled files on disk now, by the same relative path. */
export function writtenServerCatalogs(compiledDir = COMPILED_DIR): Map<string, string> {
  const files = new Map<string, string>();
  let languages: string[] = [];
  try {
    languages = readdirSync(compiledDir);
  } catch {
    return files;
  }
  for (const language of languages) {
    for (const file of readdirSync(path.join(compiledDir, language))) {
      files.set(`${language}/${file}`, readFileSync(path.join(compiledDir, language, file), 'utf8'));
    }
  }
  return files;
}

/** Rewrites COMPILED_DIR from the sources; returns the files written. */
export function writeServerCatalogs(compiledDir = COMPILED_DIR): string[] {
  rmSync(compiledDir, { recursive: true, force: true });
  const written: string[] = [];
  for (const [file, contents] of compiledServerCatalogs()) {
    mkdirSync(path.dirname(path.join(compiledDir, file)), { recursive: true });
    writeFileSync(path.join(compiledDir, file), contents);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  const written = writeServerCatalogs();
  console.log(`compiled ${written.length} server catalogs into ${path.relative(process.cwd(), COMPILED_DIR)}/`);
}
