/**
 * Jest's TypeScript/TSX transform: esbuild, the same compiler that bundles the functions and
 * the portal. (Type checking is `tsc`'s job, run first by `npm test`.) It also turns ES-module
 * packages (middy) into CommonJS, which is what jest runs here.
 */
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { extname } = require('node:path');

/** Changes to this file or to esbuild invalidate jest's transform cache. */
const transformerVersion = createHash('sha256').update(readFileSync(__filename)).update(require('esbuild').version).digest('hex');

const loaders = { '.ts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(transformerVersion).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: loaders[extname(filename)] ?? 'js',
      format: 'cjs',
      target: 'node20',
      platform: 'node',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      // jest runs CommonJS without the VM modules flag: import() becomes a require().
      supported: { 'dynamic-import': false },
      sourcemap: 'external',
      sourcefile: filename,
      sourcesContent: false,
    });
    return { code, map };
  },
};
