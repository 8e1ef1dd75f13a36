/**
 * The message catalogs, as the browser gets them: compiled at build time (the ICU parser never
 * reaches the browser), only the areas a page reads (never email, sms or pdf: those are the
 * server's), and one chunk per language, so a page loads the one language it shows.
 *
 * A page's code imports the virtual module `virtual:catalogs`:
 *
 *   import { loaders } from 'virtual:catalogs';
 *   const messages = (await loaders.es()).default;   // one `import()`: its own chunk
 *
 * The table of loaders is generated from LANGUAGES, and each language's chunk from its folder
 * (shared/contract/i18n/catalogs/<lang>/<area>.json): adding a language needs no edit here.
 */
import type { Plugin } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileCatalog } from '../shared/contract/i18n/compile';
import { SERVER_ONLY_AREAS, type Catalog } from '../shared/contract/i18n/catalog';
import { LANGUAGES } from '../shared/contract/i18n/languages';

export const CATALOG_DIR = path.join(__dirname, '..', 'shared', 'contract', 'i18n', 'catalogs');

/** The catalog areas each page reads: the app (index.html), the tracking page (track.html). */
export const APP_CATALOG_AREAS = ['common', 'portal'] as const;
export const TRACK_CATALOG_AREAS = ['common', 'tracking'] as const;

/** The namespace of each language's chunk; its path is the language code. */
export const CATALOG_NAMESPACE = 'catalog';

/** The compiled messages of these areas in one language, as JSON; an area missing there fails the build. */
export function compiledCatalog(language: string, areas: readonly string[], dir = CATALOG_DIR): string {
  const catalog: Catalog = {};
  for (const area of areas) {
    const file = path.join(dir, language, `${area}.json`);
    if (!existsSync(file)) throw new Error(`catalog ${language}/${area}.json is missing (every language has every area)`);
    Object.assign(catalog, JSON.parse(readFileSync(file, 'utf8')) as Catalog);
  }
  return JSON.stringify(compileCatalog(catalog));
}

/** The plugin for one page, given the areas it reads (e.g. ['common', 'tracking']). */
export function catalogsPlugin(areas: readonly string[], options: { languages?: readonly string[]; dir?: string } = {}): Plugin {
  const serverOnly = areas.filter((area) => (SERVER_ONLY_AREAS as readonly string[]).includes(area));
  if (serverOnly.length > 0) throw new Error(`the browser never gets the ${serverOnly.join(', ')} catalogs`);
  const languages = options.languages ?? LANGUAGES;
  const dir = options.dir ?? CATALOG_DIR;
  return {
    name: 'catalogs',
    setup(b) {
      b.onResolve({ filter: /^virtual:catalogs$/ }, () => ({ path: 'loaders', namespace: 'catalogs' }));
      b.onLoad({ filter: /.*/, namespace: 'catalogs' }, () => ({
        // One dynamic import per language: esbuild gives each its own chunk.
        contents: `export const loaders = {\n${languages.map((l) => `  ${JSON.stringify(l)}: () => import(${JSON.stringify(`virtual:catalog/${l}`)}),`).join('\n')}\n};\n`,
        loader: 'js',
      }));
      b.onResolve({ filter: /^virtual:catalog\// }, (args) => ({ path: args.path.slice('virtual:catalog/'.length), namespace: CATALOG_NAMESPACE }));
      b.onLoad({ filter: /.*/, namespace: CATALOG_NAMESPACE }, (args) => ({
        // One default export parsed from a string: the json loader would also export each key by
        // name (every key written twice), and JSON.parse is the quickest way in for V8.
        contents: `export default JSON.parse(${JSON.stringify(compiledCatalog(args.path, areas, dir))});\n`,
        loader: 'js',
        watchFiles: areas.map((area) => path.join(dir, args.path, `${area}.json`)),
      }));
    },
  };
}
