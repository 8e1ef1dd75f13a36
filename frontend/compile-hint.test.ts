/** The compile hint goes first, and the source map still sends each position to its source. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { addCompileHint, COMPILE_HINT } from './compile-hint';

test('the hint is the first line; a position in the code maps to the same source line as before; a second call adds nothing', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'compile-hint-'));
  const source = path.join(dir, 'entry.ts');
  writeFileSync(source, 'export function first() {\n  return 1;\n}\n\nexport function second() {\n  throw new Error("here");\n}\n');
  const out = path.join(dir, 'out.js');
  await build({ entryPoints: [source], outfile: out, bundle: true, format: 'esm', sourcemap: true, logLevel: 'silent' });
  const lineOf = (code: string) => code.split('\n').findIndex((l) => l.includes('"here"')) + 1;
  const sourceLineAt = (file: string) => {
    const code = readFileSync(file, 'utf8');
    const line = lineOf(code);
    const column = code.split('\n')[line - 1]!.indexOf('throw');
    return originalPositionFor(new TraceMap(readFileSync(`${file}.map`, 'utf8')), { line, column }).line;
  };
  const before = sourceLineAt(out);
  expect(before).toBe(6);

  addCompileHint(out);
  addCompileHint(out);
  const code = readFileSync(out, 'utf8');
  expect(code.split('\n')[0]).toBe(COMPILE_HINT);
  expect(code.split(COMPILE_HINT)).toHaveLength(2);
  expect(sourceLineAt(out)).toBe(before);
});
