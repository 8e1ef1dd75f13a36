/**
 * How every Lambda is bundled, defined once. NodejsFunction gets `functionBundling`; the
 * benchmark script calls `esbuild.build(esbuildOptionsFor(entry, outfile))`, so what it measures
 * is what ships.
 *
 * The AWS SDK v3 is bundled in (no externals) instead of taken from the Lambda runtime: the
 * version is then the one in package-lock.json, and the bundler can drop what the function does
 * not use, which keeps cold-start load time under our control.
 */
import type { BuildOptions } from 'esbuild';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The one source both shapes are derived from. Must match the Lambda runtime (nodejs22.x). */
const shared = {
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourcemap: true,
  /**
   * Maps without the original sources: stack traces still point at file and line, and Node's
   * `--enable-source-maps` parses a map a fraction of the size at every cold start (measured by
   * `npm run bench`).
   */
  sourcesContent: false,
  /** Nothing is left to the runtime: see the module comment. */
  external: [] as string[],
  /** Prefer ES module builds (the SDK ships both) so unused exports can be tree-shaken. */
  mainFields: ['module', 'main'],
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
  };
}
