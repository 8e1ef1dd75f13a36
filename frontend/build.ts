/**
 * Builds the static portal into frontend/dist. Two pages, each with its own entry:
 *   index.html (served for `/` and every `/{slug}/...` path but the tracking page):
 *     assets/app-[hash].js (+ .map), assets/app-[hash].css, assets/favicon-[hash].svg,
 *     assets/chunk-[hash].js (+ .map): code loaded only when a page needs it (`import()`, e.g. the
 *     signature pad of the estimate page), so it never weighs on the first load;
 *   track.html (served for `/{slug}/track`, the technician tracking page, which loads none of the
 *     app): assets/track-[hash].js, assets/track-[hash].css (on top of app-[hash].css), and its map:
 *     a lazy chunk with Leaflet, and assets/map-[hash].css (Leaflet's stylesheet), which the map
 *     chunk fetches itself from the address track.html names in `<meta name="map-stylesheet">`.
 *   Both start assets/intl-warm-up-[hash].js, a worker that loads the browser's Intl data off the
 *   main thread (src/i18n/warm-up.ts).
 *   build-manifest.json.
 * The two pages are two esbuild runs: no chunk is shared, so neither page's first load carries a
 * module only the other needs (esbuild places a shared module whole in a shared chunk); Preact is
 * in both (4-5 KB gzip), and a visitor loads one page.
 *
 * Hashed names let CloudFront cache assets forever while the HTML stays short-lived. The pages
 * have no inline script or style, as the CSP requires. The build fails when a page's first-load
 * JavaScript exceeds its gzip budget: customers open these pages from a text message on a phone.
 *
 * build-manifest.json: { html, firstLoadJs, lazyJs, css, pages: { app: Page, track: Page & { mapCss } },
 * intlWarmUpWorker, sizes: { [file]: { bytes, gzipBytes } } } with paths relative to dist/, where
 * Page = { html, firstLoadJs: string[], lazyJs: string[], catalogs: { [language]: string }, css: string[] };
 * the top-level html, firstLoadJs, lazyJs and css are the app's (as before there were two pages).
 * firstLoadJs is the entry and every chunk it imports statically (what the browser must fetch
 * before the page runs); lazyJs the chunks only `import()` reaches, but the catalogs: one chunk
 * per language of the areas the page reads (catalog-plugin.ts), of which the page fetches the
 * one it shows at start, alongside its first API request.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { addCompileHint } from './compile-hint';
import { APP_CATALOG_AREAS, CATALOG_NAMESPACE, catalogsPlugin, TRACK_CATALOG_AREAS } from './catalog-plugin';

export const BUDGET_GZIP_BYTES = 35 * 1024;
/** The tracking page's first load without its map: someone is waiting at the door with a phone. */
export const TRACK_BUDGET_GZIP_BYTES = 20 * 1024;

const root = path.resolve(__dirname);
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const assets = path.join(dist, 'assets');

/**
 * esbuild honours valibot's `@__NO_SIDE_EFFECTS__` only within one module (evanw/esbuild#4369),
 * so every schema in the shared contract would be bundled even when the portal uses four of
 * them. Marking the contract's `v.…(…)` calls, and its own schema builders (`contractBuilders`),
 * `@__PURE__` at the call site lets unused schemas drop out (about 1 KB gzip). They are all
 * pure, so this changes no behaviour.
 */
const contractBuilders = ['cursorParam', 'limitParam', 'safeText', 'wellFormed', 'singleLineText', 'multilineText'];
const pureCall = new RegExp(`(?<![\\w.$])(v\\.\\w+|${contractBuilders.join('|')})\\(`, 'g');
const pureContractSchemas: Plugin = {
  name: 'pure-contract-schemas',
  setup(b) {
    b.onLoad({ filter: /[\\/]shared[\\/]contract[\\/].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(pureCall, '/* @__PURE__ */ $1('),
      loader: 'ts',
    }));
  },
};

function rel(file: string): string {
  return path.relative(dist, file).split(path.sep).join('/');
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The entry and every chunk it imports statically, transitively: what the first load fetches. */
function staticClosure(entry: string, outputs: Metafile['outputs']): string[] {
  const byPath = new Map(Object.entries(outputs).map(([file, meta]) => [path.resolve(file), meta]));
  const seen: string[] = [];
  const visit = (file: string) => {
    if (seen.includes(file)) return;
    seen.push(file);
    for (const imported of byPath.get(file)?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(path.resolve(imported.path));
    }
  };
  visit(entry);
  return seen;
}

/**
 * The app's own chunks (not the early reads' closure) that lazily loaded pages import. esbuild puts
 * each module in a chunk by the set of entries that reach it, so lazy pages each reaching a
 * different handful of the app's modules split the app into one small chunk per combination
 * (seven files and 0.9 KB gzip more when the account pages came): every lazy page imports
 * frontend/src/lazy-kit.ts, which reaches all of them, and this is then one chunk.
 */
function chunksSharedWithLazyPages(page: PageFiles, outputs: Metafile['outputs']): string[] {
  const early = new Set(staticClosure(page.scripts[0]!, outputs));
  const byPath = new Map(Object.entries(outputs).map(([file, meta]) => [path.resolve(file), meta]));
  const imported = new Set(page.lazyJs.flatMap((file) => (byPath.get(file)?.imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => path.resolve(i.path))));
  return page.firstLoadJs.filter((file) => imported.has(file) && !early.has(file) && !page.scripts.includes(file));
}

/**
 * Leaflet's package names only its UMD build (`main`); its ES module build lets esbuild see what
 * it exports. Only `leaflet` itself is redirected (its stylesheet keeps its own path).
 */
const leafletEsm: Plugin = {
  name: 'leaflet-esm',
  setup(b) {
    b.onResolve({ filter: /^leaflet$/ }, () => ({ path: require.resolve('leaflet/dist/leaflet-src.esm.js') }));
  },
};

const leafletCss = require.resolve('leaflet/dist/leaflet.css');

const common: BuildOptions = {
  outdir: assets,
  entryNames: '[name]-[hash]',
  // Leaflet's stylesheet names a few images (layer switcher, default marker) the page never
  // shows; they are copied alongside with hashed names rather than left dangling.
  assetNames: '[name]-[hash]',
  loader: { '.png': 'file' },
  bundle: true,
  minify: true,
  format: 'esm',
  // `import()` becomes a separate chunk (esbuild splits only ES modules).
  splitting: true,
  chunkNames: 'chunk-[hash]',
  target: 'es2020',
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // Licence notices (Leaflet's BSD-2, Preact's MIT) go to a .LEGAL.txt beside each file that has
  // any, linked from its last line: shipped with the code, at no cost to the gzip budgets.
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [pureContractSchemas, leafletEsm],
};

/** One page's files, absolute paths. */
interface PageFiles {
  html: string;
  /** The module scripts the page names, in the order they run: the early reads (start.ts), then the page. */
  scripts: string[];
  firstLoadJs: string[];
  lazyJs: string[];
  /** Each language's catalog chunk (lazy too, but fetched at start: the one the page shows). */
  catalogs: Record<string, string>;
  css: string[];
}

/** The chunks holding one language's catalog each, by language (catalog-plugin.ts). */
function catalogChunks(metafile: Metafile): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [file, meta] of Object.entries(metafile.outputs)) {
    for (const input of Object.keys(meta.inputs)) {
      if (input.startsWith(`${CATALOG_NAMESPACE}:`)) found[input.slice(CATALOG_NAMESPACE.length + 1)] = path.resolve(file);
    }
  }
  return found;
}

function outputFor(metafile: Metafile, entry: string): string {
  const found = Object.entries(metafile.outputs).find(([, meta]) => meta.entryPoint && path.resolve(meta.entryPoint) === entry);
  if (!found) throw new Error(`esbuild produced no output for ${entry}`);
  return path.resolve(found[0]);
}

function pageFiles(metafile: Metafile, html: string, jsEntries: string[], cssEntries: string[], sharedCss: string[] = []): PageFiles {
  const scripts = jsEntries.map((entry) => outputFor(metafile, entry));
  const firstLoadJs = [...new Set(scripts.flatMap((js) => staticClosure(js, metafile.outputs)))];
  const catalogs = catalogChunks(metafile);
  const lazyJs = Object.keys(metafile.outputs)
    .map((file) => path.resolve(file))
    .filter((file) => file.endsWith('.js') && !firstLoadJs.includes(file) && !Object.values(catalogs).includes(file))
    .sort();
  return { html, scripts, firstLoadJs, lazyJs, catalogs, css: [...sharedCss, ...cssEntries.map((entry) => outputFor(metafile, entry))] };
}

function pageHtml(page: PageFiles, options: { title: string; favicon: string; head?: string; noscript: { en: string; es: string } }): string {
  // The chunks the entries import are fetched alongside them, not after they have been parsed.
  const preloads = page.firstLoadJs
    .filter((file) => !page.scripts.includes(file))
    .map((file) => `<link rel="modulepreload" href="/${escapeAttr(rel(file))}">\n`)
    .join('');
  // Module scripts run in this order once the document is parsed, each as soon as its own imports are in.
  const scripts = page.scripts.map((file) => `<script type="module" src="/${escapeAttr(rel(file))}"></script>\n`).join('');
  const stylesheets = page.css.map((file) => `<link rel="stylesheet" href="/${escapeAttr(rel(file))}">\n`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
${options.head ?? ''}<title>${options.title}</title>
<link rel="icon" type="image/svg+xml" href="/${escapeAttr(rel(options.favicon))}">
${stylesheets}${scripts}${preloads}</head>
<body>
<div id="app"></div>
<noscript><p>${options.noscript.en}</p><p lang="es">${options.noscript.es}</p></noscript>
</body>
</html>
`;
}

export interface BuildResult {
  /** The app's (index.html's) first-load JavaScript, gzip bytes. */
  firstLoadJsGzip: number;
  /** The tracking page's first-load JavaScript without its map, gzip bytes. */
  trackFirstLoadJsGzip: number;
  /** The tracking page's map chunks (Leaflet), gzip bytes: loaded after its text has rendered. */
  trackMapJsGzip: number;
  /** Leaflet's stylesheet, gzip bytes: fetched with the map. */
  trackMapCssGzip: number;
  /** Each page's catalog chunk per language, gzip bytes: a page loads one of them at start. */
  catalogsGzip: { app: Record<string, number>; track: Record<string, number> };
  /** The app's chunks that lazy pages import (chunksSharedWithLazyPages): one, lazy-kit.ts's. */
  chunksSharedWithLazyPages: string[];
}

/** Builds frontend/dist. `quiet` skips the size report (tests that only need the files). */
export async function buildFrontend(options: { quiet?: boolean } = {}): Promise<BuildResult> {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });

  const main = path.join(src, 'main.tsx');
  const start = path.join(src, 'start.ts');
  const styles = path.join(src, 'styles.css');
  const track = path.join(src, 'track.tsx');
  const trackStyles = path.join(src, 'tracking', 'track.css');
  // The Intl warm-up worker first: both pages start it by its hashed name (i18n/warm-up.ts).
  const intlWorkerSource = path.join(src, 'i18n', 'intl-warm-up.worker.ts');
  const workerResult = await build({ ...common, plugins: [], splitting: false, format: 'iife', metafile: true, entryPoints: [{ in: intlWorkerSource, out: 'intl-warm-up' }] });
  const intlWorker = outputFor(workerResult.metafile, intlWorkerSource);
  const withWorker = { ...common.define, INTL_WARM_UP_WORKER: JSON.stringify(`/${rel(intlWorker)}`) };
  const [appResult, trackResult] = await Promise.all([
    build({
      ...common,
      define: withWorker,
      metafile: true,
      plugins: [...common.plugins!, catalogsPlugin(APP_CATALOG_AREAS)],
      entryPoints: [
        { in: start, out: 'start' },
        { in: main, out: 'app' },
        { in: styles, out: 'app' },
      ],
    }),
    build({
      ...common,
      define: withWorker,
      metafile: true,
      plugins: [...common.plugins!, catalogsPlugin(TRACK_CATALOG_AREAS)],
      entryPoints: [
        { in: track, out: 'track' },
        { in: trackStyles, out: 'track' },
        { in: leafletCss, out: 'map' },
      ],
    }),
  ]);

  const faviconSource = readFileSync(path.join(src, 'favicon.svg'));
  const faviconHash = createHash('sha256').update(faviconSource).digest('hex').slice(0, 8);
  const favicon = path.join(assets, `favicon-${faviconHash}.svg`);
  writeFileSync(favicon, faviconSource);

  const app = pageFiles(appResult.metafile, 'index.html', [start, main], [styles]);
  // The tracking page wears the portal's own styles (header, notices, colours), then its own.
  const trackPage = pageFiles(trackResult.metafile, 'track.html', [track], [trackStyles], app.css);
  // Its entry runs nearly all of its code in the first render (compile-hint.ts).
  for (const script of trackPage.scripts) addCompileHint(script);
  const mapCss = outputFor(trackResult.metafile, leafletCss);

  writeFileSync(
    path.join(dist, app.html),
    pageHtml(app, {
      title: 'Customer portal',
      favicon,
      // Before any script runs the page cannot know the reader's language: both, English first (the shell's lang).
      noscript: {
        en: "This customer portal needs JavaScript. Please turn it on, or open the link in your phone's browser.",
        es: 'Este portal necesita JavaScript. Actívelo o abra el enlace en el navegador de su teléfono.',
      },
    }),
  );
  writeFileSync(
    path.join(dist, trackPage.html),
    pageHtml(trackPage, {
      title: 'Your technician',
      favicon,
      // A link for one customer's visit: no search engine should keep it.
      head: `<meta name="robots" content="noindex">\n<meta name="map-stylesheet" content="/${escapeAttr(rel(mapCss))}">\n`,
      noscript: {
        en: "This page needs JavaScript to show where your technician is. Please turn it on, or open the link in your phone's browser.",
        es: 'Esta página necesita JavaScript para mostrar dónde está su técnico. Actívelo o abra el enlace en el navegador de su teléfono.',
      },
    }),
  );

  const sizes: Record<string, { bytes: number; gzipBytes: number }> = {};
  const catalogFiles = [...Object.values(app.catalogs), ...Object.values(trackPage.catalogs)];
  for (const file of [...app.firstLoadJs, ...app.lazyJs, ...app.css, ...trackPage.firstLoadJs, ...trackPage.lazyJs, ...trackPage.css, mapCss, ...catalogFiles, intlWorker]) {
    sizes[rel(file)] ??= { bytes: readFileSync(file).length, gzipBytes: gzipSize(file) };
  }
  const listed = (page: PageFiles) => ({
    html: page.html,
    firstLoadJs: page.firstLoadJs.map(rel),
    lazyJs: page.lazyJs.map(rel),
    catalogs: Object.fromEntries(Object.entries(page.catalogs).map(([language, file]) => [language, rel(file)])),
    css: page.css.map(rel),
  });
  const manifest = {
    ...listed(app),
    pages: { app: listed(app), track: { ...listed(trackPage), mapCss: rel(mapCss) } },
    intlWarmUpWorker: rel(intlWorker),
    sizes,
  };
  writeFileSync(path.join(dist, 'build-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const gzipOf = (files: string[]) => files.reduce((sum, file) => sum + sizes[rel(file)]!.gzipBytes, 0);
  const result: BuildResult = {
    firstLoadJsGzip: gzipOf(app.firstLoadJs),
    trackFirstLoadJsGzip: gzipOf(trackPage.firstLoadJs),
    trackMapJsGzip: gzipOf(trackPage.lazyJs),
    trackMapCssGzip: gzipOf([mapCss]),
    catalogsGzip: {
      app: Object.fromEntries(Object.entries(app.catalogs).map(([language, file]) => [language, gzipOf([file])])),
      track: Object.fromEntries(Object.entries(trackPage.catalogs).map(([language, file]) => [language, gzipOf([file])])),
    },
    chunksSharedWithLazyPages: chunksSharedWithLazyPages(app, appResult.metafile.outputs).map(rel),
  };
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`frontend/dist built in ${Date.now() - started} ms`);
    for (const [name, page] of [['index.html', app], ['track.html', trackPage]] as const) {
      console.log(`${name}:`);
      for (const file of [...page.firstLoadJs, ...page.lazyJs, ...page.css, ...(page === trackPage ? [mapCss] : [])]) {
        const size = sizes[rel(file)]!;
        const lazy = page.lazyJs.includes(file) || file === mapCss ? page === trackPage ? '  (the map: loaded after the text)' : '  (loaded when needed)' : '';
        console.log(`  ${rel(file)}  ${kb(size.bytes)}, ${kb(size.gzipBytes)} gzip${lazy}`);
      }
      for (const [language, file] of Object.entries(page.catalogs)) {
        const size = sizes[rel(file)]!;
        console.log(`  ${rel(file)}  ${kb(size.bytes)}, ${kb(size.gzipBytes)} gzip  (the ${language} catalog: loaded at start, in parallel)`);
      }
    }
    const worker = sizes[rel(intlWorker)]!;
    console.log(`both pages: ${rel(intlWorker)}  ${kb(worker.bytes)}, ${kb(worker.gzipBytes)} gzip  (the Intl warm-up worker: started at load, off the main thread)`);
    console.log(`first-load JS: ${kb(result.firstLoadJsGzip)} gzip (budget ${kb(BUDGET_GZIP_BYTES)})`);
    console.log(`tracking page first-load JS: ${kb(result.trackFirstLoadJsGzip)} gzip (budget ${kb(TRACK_BUDGET_GZIP_BYTES)}); its map: ${kb(result.trackMapJsGzip)} JS + ${kb(result.trackMapCssGzip)} CSS gzip`);
  }
  return result;
}

/** What is over its budget, in words; empty when all is well. */
export function overBudget(result: BuildResult): string[] {
  const over: string[] = [];
  if (result.firstLoadJsGzip > BUDGET_GZIP_BYTES) over.push('first-load JavaScript is over budget');
  if (result.trackFirstLoadJsGzip > TRACK_BUDGET_GZIP_BYTES) over.push("the tracking page's first-load JavaScript is over budget");
  if (result.chunksSharedWithLazyPages.length > 1) {
    over.push(`lazy pages import ${result.chunksSharedWithLazyPages.length} of the app's chunks (${result.chunksSharedWithLazyPages.join(', ')}), not one: a lazy page reaches an app module that frontend/src/lazy-kit.ts does not`);
  }
  return over;
}

if (require.main === module) {
  buildFrontend().then(
    (result) => {
      for (const line of overBudget(result)) console.error(line);
      if (overBudget(result).length > 0) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
