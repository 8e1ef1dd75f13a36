/**
 * The TrueType fonts the estimate PDF embeds (DejaVu Sans, regular and bold: Latin, Greek,
 * Cyrillic, "€", "✓"...; pdf-lib's standard fonts are WinAnsi only).
 *
 * One way of finding them for all three places this code runs:
 *   - Lambda (an esbuild bundle, no node_modules): the bundling copies the files into `fonts/`
 *     beside the bundle (infra/stack/bundling.ts: `pdfFunctionBundling`, `copyPdfFonts`), and in
 *     a CommonJS bundle `__dirname` is the bundle's own directory, so `<__dirname>/fonts/` is it.
 *   - jest and tsx (the source runs unbundled, `__dirname` is this folder, which has no `fonts/`):
 *     the `dejavu-fonts-ttf` package in node_modules, found through require.resolve.
 * The files are read with readFileSync instead of being imported into the bundle (esbuild's
 * binary/base64 loaders would put 1.4 MB into the JS that every cold start has to parse); they
 * are read once per process, on the first render, and kept.
 *
 * No dependencies beyond node: infra imports this for the list of files to copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What the PDF embeds; the bundling copies exactly these. */
export const pdfFontFiles = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** The folder, beside the bundle, the bundling copies the fonts into. */
export const pdfFontDirName = 'fonts';

/** The package's `ttf/` folder, or undefined where there is no node_modules (a Lambda bundle). */
export function packageFontDir(): string | undefined {
  try {
    return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    return undefined;
  }
}

/** Where the fonts are looked for, first hit wins: beside the running bundle, then node_modules. */
export function fontDirCandidates(): string[] {
  const fromPackage = packageFontDir();
  return [join(__dirname, pdfFontDirName), ...(fromPackage ? [fromPackage] : [])];
}

export interface PdfFontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

let cached: PdfFontBytes | undefined;

/** The font files' bytes, read on the first call and kept for the life of the process. */
export function pdfFontBytes(): PdfFontBytes {
  if (cached) return cached;
  const candidates = fontDirCandidates();
  const dir = candidates.find((d) => existsSync(join(d, pdfFontFiles.regular)) && existsSync(join(d, pdfFontFiles.bold)));
  if (!dir) {
    throw new Error(
      `PDF fonts not found (${pdfFontFiles.regular}, ${pdfFontFiles.bold}); looked in: ${candidates.join(', ')}. ` +
        'A bundle needs them copied beside it (pdfFunctionBundling / copyPdfFonts in infra/stack/bundling.ts).',
    );
  }
  cached = { regular: readFileSync(join(dir, pdfFontFiles.regular)), bold: readFileSync(join(dir, pdfFontFiles.bold)) };
  return cached;
}
