/**
 * Builds the static portal into frontend/dist:
 *   assets/app-[hash].js (+ .map), assets/app-[hash].css, assets/favicon-[hash].svg,
 *   assets/chunk-[hash].js (+ .map): code loaded only when a page needs it (`import()`, e.g. the
 *   signature pad of the estimate page), so it never weighs on the first load,
 *   index.html (served for `/` and every `/{slug}/...` path), build-manifest.json.
 *
 * Hashed names let CloudFront cache assets forever while index.html stays short-lived. The
 * page has no inline script or style, as the CSP requires. The build fails when first-load
 * JavaScript exceeds the gzip budget: customers open the portal from a text message on a phone.
 *
 * build-manifest.json: { html, firstLoadJs: string[], lazyJs: string[], css: string[], sizes: { [file]: { bytes, gzipBytes } } }
 * with paths relative to dist/. firstLoadJs is the entry and every chunk it imports statically
 * (what the browser must fetch before the page runs); lazyJs the chunks only `import()` reaches.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_GZIP_BYTES = 35 * 1024;

const root = path.resolve(__dirname);
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const assets = path.join(dist, 'assets');

/**
 * esbuild honours valibot's `@__NO_SIDE_EFFECTS__` only within one module (evanw/esbuild#4369),
 * so every schema in the shared contract would be bundled even when the portal uses four of
 * them. Marking the contract's `v.…(…)` calls `@__PURE__` at the call site lets unused schemas
 * drop out (about 1 KB gzip). valibot's builders are pure, so this changes no behaviour.
 */
const pureContractSchemas: Plugin = {
  name: 'pure-contract-schemas',
  setup(b) {
    b.onLoad({ filter: /[\\/]shared[\\/]api[\\/]contract\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/(?<![\w.$])v\.(\w+)\(/g, '/* @__PURE__ */ v.$1('),
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

export interface BuildResult {
  /** First-load JavaScript, gzip bytes. */
  firstLoadJsGzip: number;
}

/** Builds frontend/dist. `quiet` skips the size report (tests that only need the files). */
export async function buildFrontend(options: { quiet?: boolean } = {}): Promise<BuildResult> {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });

  const result = await build({
    entryPoints: [
      { in: path.join(src, 'main.tsx'), out: 'app' },
      { in: path.join(src, 'styles.css'), out: 'app' },
    ],
    outdir: assets,
    entryNames: '[name]-[hash]',
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
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [pureContractSchemas],
  });

  const outputs = Object.entries(result.metafile.outputs);
  const entryOutput = (entry: string) => {
    const found = outputs.find(([, meta]) => meta.entryPoint && path.resolve(meta.entryPoint) === path.join(src, entry));
    if (!found) throw new Error(`esbuild produced no output for ${entry}`);
    return path.resolve(found[0]);
  };
  const js = entryOutput('main.tsx');
  const css = entryOutput('styles.css');

  const faviconSource = readFileSync(path.join(src, 'favicon.svg'));
  const faviconHash = createHash('sha256').update(faviconSource).digest('hex').slice(0, 8);
  const favicon = path.join(assets, `favicon-${faviconHash}.svg`);
  writeFileSync(favicon, faviconSource);

  // The chunks the entry imports are fetched alongside it, not after it has been parsed.
  const firstLoadJs = staticClosure(js, result.metafile.outputs);
  const preloads = firstLoadJs
    .slice(1)
    .map((file) => `<link rel="modulepreload" href="/${escapeAttr(rel(file))}">\n`)
    .join('');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>Customer portal</title>
<link rel="icon" type="image/svg+xml" href="/${escapeAttr(rel(favicon))}">
<link rel="stylesheet" href="/${escapeAttr(rel(css))}">
<script type="module" src="/${escapeAttr(rel(js))}"></script>
${preloads}</head>
<body>
<div id="app"></div>
<noscript><p>This customer portal needs JavaScript. Please turn it on, or open the link in your phone's browser.</p></noscript>
</body>
</html>
`;
  writeFileSync(path.join(dist, 'index.html'), html);

  const lazyJs = outputs
    .map(([file]) => path.resolve(file))
    .filter((file) => file.endsWith('.js') && !firstLoadJs.includes(file))
    .sort();
  const sizes: Record<string, { bytes: number; gzipBytes: number }> = {};
  for (const file of [...firstLoadJs, ...lazyJs, css]) {
    sizes[rel(file)] = { bytes: readFileSync(file).length, gzipBytes: gzipSize(file) };
  }
  const manifest = { html: 'index.html', firstLoadJs: firstLoadJs.map(rel), lazyJs: lazyJs.map(rel), css: [rel(css)], sizes };
  writeFileSync(path.join(dist, 'build-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const jsGzip = firstLoadJs.reduce((sum, file) => sum + sizes[rel(file)]!.gzipBytes, 0);
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`frontend/dist built in ${Date.now() - started} ms`);
    for (const [file, size] of Object.entries(sizes)) {
      const lazy = lazyJs.some((f) => rel(f) === file) ? '  (loaded when needed)' : '';
      console.log(`  ${file}  ${kb(size.bytes)}, ${kb(size.gzipBytes)} gzip${lazy}`);
    }
    console.log(`first-load JS: ${kb(jsGzip)} gzip (budget ${kb(BUDGET_GZIP_BYTES)})`);
  }
  return { firstLoadJsGzip: jsGzip };
}

if (require.main === module) {
  buildFrontend().then(
    ({ firstLoadJsGzip }) => {
      if (firstLoadJsGzip > BUDGET_GZIP_BYTES) {
        console.error('first-load JavaScript is over budget');
        process.exitCode = 1;
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
