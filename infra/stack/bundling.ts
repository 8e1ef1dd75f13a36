/**
 * How every Lambda is bundled, defined once. NodejsFunction gets `functionBundling`; the
 * benchmark script calls `esbuild.build(esbuildOptionsFor(entry, outfile))`, so what it measures
 * is what ships.
 *
 * The AWS SDK v3 is bundled in (no externals) instead of taken from the Lambda runtime: the
 * version is then the one in package-lock.json, and the bundler can drop what the function does
 * not use, which keeps cold-start load time under our control.
 *
 * Two choices keep each cold start short (measured by `npm run bench`, docs/performance.md):
 *
 * - Source maps are written (index.js.map, shipped beside the bundle) but not loaded: Node would
 *   otherwise parse the map on every cold start (`--enable-source-maps`), before the first request.
 *   `keepNames` keeps function and class names in stack traces; a trace's line and column map back
 *   to the source with the .map offline, or on a live function by setting
 *   NODE_OPTIONS=--enable-source-maps on it while investigating.
 * - The SDK's default credential chain is replaced by the environment's credentials
 *   (lambda-credentials.ts), the only source a Lambda function has.
 *
 * A function that renders estimate PDFs also needs the font files beside its bundle (they are
 * read at run time, not bundled: shared/estimates/pdf/fonts.ts). NodejsFunction gets
 * `pdfFunctionBundling` for it, which copies them after bundling; a direct esbuild build calls
 * `copyPdfFonts(outDir)`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { packageFontDir, pdfFontDirName, pdfFontFiles as pdfFonts } from '../../shared/estimates/pdf/fonts';

/**
 * NODE_OPTIONS every function runs with (portal-function.ts): none. `--enable-source-maps` cost a
 * parse of the map at every cold start; see the module comment for reading stack traces without it.
 */
export const functionNodeOptions: string = '';

/** The project root: esbuild's working directory in both shapes (CDK runs it there). */
const projectRoot = path.resolve(__dirname, '..', '..');

/** The default credential chain's package, and what stands in for it (see lambda-credentials.ts). */
const credentialChainPackage = '@aws-sdk/credential-provider-node';
const environmentCredentials = './infra/stack/lambda-credentials.ts';

/** The one source both shapes are derived from. Must match the Lambda runtime (nodejs22.x). */
const shared = {
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourcemap: true,
  /** Maps without the original sources: a fraction of the size, for reading traces offline (the sources are in git). */
  sourcesContent: false,
  /** Function and class names survive minification, so a stack trace read without the map still names them. */
  keepNames: true,
  /** Relative to the project root, where both shapes run esbuild. */
  alias: { [credentialChainPackage]: environmentCredentials },
  /** Nothing is left to the runtime: see the module comment. */
  external: [] as string[],
  /** Prefer ES module builds (the SDK ships both) so unused exports can be tree-shaken. */
  mainFields: ['module', 'main'],
  /**
   * Libraries' production builds: what ships is production. Lingui's core, for one, otherwise
   * bundles its ICU parser to compile messages at run time, which ours never need (they arrive
   * compiled: shared/i18n/compiled-catalogs.ts).
   */
  define: { 'process.env.NODE_ENV': '"production"' },
} as const;

/** For NodejsFunction's `bundling` prop (it always bundles and always targets platform node). */
export const functionBundling: BundlingOptions = {
  target: shared.target,
  format: OutputFormat.CJS,
  minify: shared.minify,
  sourceMap: shared.sourcemap,
  sourcesContent: shared.sourcesContent,
  externalModules: [...shared.external],
  mainFields: [...shared.mainFields],
  keepNames: shared.keepNames,
  define: { ...shared.define },
  esbuildArgs: Object.fromEntries(Object.entries(shared.alias).map(([from, to]) => [`--alias:${from}`, to])),
};

/** The same options for a direct `esbuild.build()` call. */
export function esbuildOptionsFor(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: shared.platform,
    target: shared.target,
    format: shared.format,
    minify: shared.minify,
    sourcemap: shared.sourcemap,
    sourcesContent: shared.sourcesContent,
    external: [...shared.external],
    mainFields: [...shared.mainFields],
    keepNames: shared.keepNames,
    define: { ...shared.define },
    alias: { ...shared.alias },
    absWorkingDir: projectRoot,
  };
}

/** The font files an estimate-PDF bundle needs in `fonts/` beside its index.js. */
export const pdfFontFiles: readonly string[] = Object.values(pdfFonts);

function installedFontDir(): string {
  const dir = packageFontDir();
  if (!dir) throw new Error('dejavu-fonts-ttf is not installed: the estimate PDF bundles need its fonts (npm install).');
  return dir;
}

/** Copies the PDF fonts into `<outDir>/fonts/` (after an `esbuild.build` into outDir); returns the files written. */
export function copyPdfFonts(outDir: string): string[] {
  const from = installedFontDir();
  const to = path.join(outDir, pdfFontDirName);
  mkdirSync(to, { recursive: true });
  return pdfFontFiles.map((file) => {
    copyFileSync(path.join(from, file), path.join(to, file));
    return path.join(to, file);
  });
}

/** Where the fonts are relative to the project root, which CDK hands the hooks as `inputDir`. */

/**
 * `functionBundling` plus the fonts, for the functions that render estimate PDFs (only those:
 * the two files are 1.4 MB). The hook is shell, run by CDK in the bundling environment (locally
 * or in its Docker image, where the project root is mounted as inputDir).
 */
export const pdfFunctionBundling: BundlingOptions = {
  ...functionBundling,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => {
      const fontDir = path.relative(projectRoot, installedFontDir()).split(path.sep).join('/');
      return [
        `mkdir -p "${outputDir}/${pdfFontDirName}"`,
        ...pdfFontFiles.map((file) => `cp "${inputDir}/${fontDir}/${file}" "${outputDir}/${pdfFontDirName}/${file}"`),
      ];
    },
  },
};
