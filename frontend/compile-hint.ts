/**
 * V8's explicit compile hint, `//# allFunctionsCalledOnLoad` on a script's first line: Chrome then
 * compiles all of the script's functions up front, while it streams in, instead of each one on
 * its first call. Used on the tracking page's entry only, where nearly every function runs in the
 * first render: without it, compiling them was about half of that render's long task on a slow
 * phone's CPU. Not on the portal's app scripts, where most functions belong to other pages
 * (measured: their first paint's long tasks grew), nor on the map chunk (one longer task instead
 * of two). Browsers without the hint read a comment. docs/performance.md has the figures.
 *
 * Added after esbuild has written the file: its source map gets one empty line first (`;` in
 * `mappings`), so every position still maps to its source.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

export function addCompileHint(script: string): void {
  const code = readFileSync(script, 'utf8');
  if (code.startsWith(COMPILE_HINT)) return;
  writeFileSync(script, `${COMPILE_HINT}\n${code}`);
  const mapFile = `${script}.map`;
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { mappings: string };
  map.mappings = `;${map.mappings}`;
  writeFileSync(mapFile, JSON.stringify(map));
}
