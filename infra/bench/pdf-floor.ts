/**
 * The estimate PDF's floor: what pdf-lib and fontkit alone take to draw the same document, with
 * none of the project's code (no layout, no word wrap, no width measuring, no money formatting).
 *
 * The drawing is recorded here, in the bench's own process: renderEstimatePdf draws the estimate
 * the cold-start case renders (3 options × 10 lines) while every page, text run and rule it
 * asks pdf-lib for is noted, with its position, size, font and colour. The floor (same-calls.ts)
 * replays that list through pdf-lib: the same fonts, embedded the same way (subset, the same
 * OpenType features), the same text runs on the same pages, then `save()`. That is the least any
 * code drawing this document does; what the project adds on top is measuring and laying it out.
 */
import { PDFDocument, PDFPage, type PDFFont, type RGB } from 'pdf-lib';
import { renderEstimatePdf } from '../../shared/estimates/pdf/render-estimate-pdf';
import { sampleEstimatePdfInput } from '../../shared/estimates/pdf/sample-estimate';
import { pdfFontBytes, pdfFontFiles } from '../../shared/estimates/pdf/fonts';

type Rgb = [number, number, number];
export type PdfOp =
  | ['page', [number, number]]
  | ['text', string, { x: number; y: number; size: number; font: number; color: Rgb }]
  | ['line', { start: { x: number; y: number }; end: { x: number; y: number }; thickness: number; color: Rgb }];

export interface PdfDrawing {
  /** Font files (in the bundle's fonts/ folder), in the order they are embedded; a text op names its font by index. */
  fonts: string[];
  /** The options each font is embedded with (subset, OpenType features). */
  embed: Record<string, unknown>;
  ops: PdfOp[];
  pages: number;
  /** What the recording saw but the floor does not draw (images): none for the sample. */
  skipped: string[];
}

const rgbOf = (color: RGB | undefined): Rgb => (color && 'red' in color ? [color.red, color.green, color.blue] : [0, 0, 0]);

/**
 * Runs `render` (by default: the sample estimate through renderEstimatePdf) and returns what the
 * project's renderer drew in it. The bench renders the very estimate the cold-start case renders,
 * through the local stack in this process, so the floor draws the same document.
 */
export async function recordPdfDrawing(render: () => Promise<unknown> = () => renderEstimatePdf(sampleEstimatePdfInput())): Promise<PdfDrawing> {
  const bytes = pdfFontBytes();
  const fileOf = (fontBytes: unknown) => (fontBytes === bytes.regular ? pdfFontFiles.regular : fontBytes === bytes.bold ? pdfFontFiles.bold : null);
  const drawing: PdfDrawing = { fonts: [], embed: {}, ops: [], pages: 0, skipped: [] };
  const fonts: PDFFont[] = [];
  const original = {
    embedFont: PDFDocument.prototype.embedFont,
    addPage: PDFDocument.prototype.addPage,
    drawText: PDFPage.prototype.drawText,
    drawLine: PDFPage.prototype.drawLine,
    drawImage: PDFPage.prototype.drawImage,
    drawRectangle: PDFPage.prototype.drawRectangle,
  };
  PDFDocument.prototype.embedFont = async function (this: PDFDocument, fontBytes, options) {
    const font = await original.embedFont.call(this, fontBytes, options);
    const file = fileOf(fontBytes);
    if (!file) throw new Error('recordPdfDrawing: a font other than the two PDF fonts was embedded');
    fonts.push(font);
    drawing.fonts.push(file);
    drawing.embed = { ...options };
    return font;
  };
  PDFDocument.prototype.addPage = function (this: PDFDocument, page) {
    drawing.ops.push(['page', page as [number, number]]);
    drawing.pages++;
    return original.addPage.call(this, page);
  };
  PDFPage.prototype.drawText = function (this: PDFPage, text, options = {}) {
    drawing.ops.push(['text', text, { x: options.x ?? 0, y: options.y ?? 0, size: options.size ?? 24, font: fonts.indexOf(options.font!), color: rgbOf(options.color as RGB) }]);
    return original.drawText.call(this, text, options);
  };
  PDFPage.prototype.drawLine = function (this: PDFPage, options) {
    drawing.ops.push(['line', { start: options.start, end: options.end, thickness: options.thickness ?? 1, color: rgbOf(options.color as RGB) }]);
    return original.drawLine.call(this, options);
  };
  PDFPage.prototype.drawImage = function (this: PDFPage, ...args) {
    drawing.skipped.push('an image');
    return original.drawImage.apply(this, args);
  };
  PDFPage.prototype.drawRectangle = function (this: PDFPage, ...args) {
    drawing.skipped.push('a rectangle');
    return original.drawRectangle.apply(this, args);
  };
  try {
    await render();
  } finally {
    Object.assign(PDFDocument.prototype, { embedFont: original.embedFont, addPage: original.addPage });
    Object.assign(PDFPage.prototype, { drawText: original.drawText, drawLine: original.drawLine, drawImage: original.drawImage, drawRectangle: original.drawRectangle });
  }
  if (!drawing.pages) throw new Error('recordPdfDrawing: nothing was drawn (was the PDF already stored?)');
  if (drawing.ops.some((op) => op[0] === 'text' && op[2].font < 0)) throw new Error('recordPdfDrawing: a text run used a font that was not recorded');
  return drawing;
}

/** How many pages a PDF has (the function's own, as it stored it: to check the floor draws as many). */
export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

/** The floor's render: source for a module-level `renderPdf()` returning the PDF's bytes. */
export function pdfRenderSource(drawing: PdfDrawing): string[] {
  return [
    `import { PDFDocument, rgb } from 'pdf-lib';`,
    `import fontkit from '@pdf-lib/fontkit';`,
    `import { readFileSync } from 'node:fs';`,
    `import { join } from 'node:path';`,
    `const drawing: any = ${JSON.stringify({ fonts: drawing.fonts, embed: drawing.embed, ops: drawing.ops })};`,
    `async function renderPdf(): Promise<Uint8Array> {`,
    `  const doc = await PDFDocument.create({ updateMetadata: false });`,
    `  doc.registerFontkit(fontkit);`,
    `  const fonts: any[] = [];`,
    `  for (const file of drawing.fonts) fonts.push(await doc.embedFont(readFileSync(join(__dirname, 'fonts', file)), drawing.embed));`,
    `  let page: any;`,
    `  for (const op of drawing.ops) {`,
    `    if (op[0] === 'page') page = doc.addPage(op[1]);`,
    `    else if (op[0] === 'text') page.drawText(op[1], { ...op[2], font: fonts[op[2].font], color: rgb(op[2].color[0], op[2].color[1], op[2].color[2]) });`,
    `    else page.drawLine({ ...op[1], color: rgb(op[1].color[0], op[1].color[1], op[1].color[2]) });`,
    `  }`,
    `  return doc.save();`,
    `}`,
  ];
}
