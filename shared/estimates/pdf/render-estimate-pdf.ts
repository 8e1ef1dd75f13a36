/**
 * An estimate as a PDF: the business, the customer, each option with its lines and totals, the
 * terms, and after approval the signature block. US Letter, one column, text wrapped to the
 * column and flowed onto new pages; a footer on every page names the estimate, its version, the
 * page and the SHA-256 of the document the customer saw.
 *
 * In the customer's language: every word comes from the `pdf` catalog (shared/contract/i18n/
 * catalogs/<lang>/pdf.json) and dates, money and quantities from that language's formatter, in
 * the business's time zone. Tagged (./tagging.ts): headings, paragraphs, each option's table with
 * its header cells and totals, the signature as a figure with its alternative text, in reading
 * order, with the document's title and language (docs/accessibility-pdf.md).
 *
 * A table never leaves one row alone at a page's foot: the first row on a page goes with the one
 * after it, and the last row with the totals (a row taller than a page still flows).
 *
 * Text is set in DejaVu Sans (embedded, subset to the glyphs used) so names like "Łódź" or
 * "Müller", "€" and "✓" print: pdf-lib's standard fonts are WinAnsi only. The font files are
 * found by ./fonts.ts (beside a bundle, else node_modules).
 *
 * The same input gives the same bytes: the document dates come from the input (sent, or signed),
 * producer and creator are fixed, and pdf-lib's "random" names come from a fixed seed.
 */
import fontkit from '@pdf-lib/fontkit';
import { type EmbedFontOptions, PDFDocument, type PDFFont, type PDFImage, type PDFPage, PageSizes, rgb, type RGB } from 'pdf-lib';
import type { Format } from '../../contract/i18n/format';
import { LOCALES, type Language } from '../../contract/i18n/languages';
import type { Translate } from '../../contract/i18n/translate';
import { formatPhone } from '../../contract/phone';
import { wordsFor } from '../../i18n/translator';
import { pdfFontBytes } from './fonts';
import { setXmpMetadata, type StructElement, StructureTree } from './tagging';

/** The business's uploaded logo (PNG or JPEG, checked by security rule 73 when it was published). */
export interface EstimatePdfLogo { type: 'png' | 'jpeg'; bytes: Uint8Array }

/** Money is in integer minor units (cents), as everywhere in the portal. */
export interface EstimatePdfLine { description: string; quantity: number; unitAmount: number; amount: number }
export interface EstimatePdfOption { id: string; name: string; description: string; recommended: boolean; lines: EstimatePdfLine[]; subtotal: number; taxAmount: number; total: number; deposit: number | null }
export interface EstimatePdfInput {
  /** The language the customer reads: every word and format of the document. */
  language: Language;
  business: { name: string; contactPhone: string | null; contactEmail: string | null; timeZone: string; logo?: EstimatePdfLogo | null };
  customer: { name: string };
  estimate: { number: string; title: string; currency: string; sentAt: string; expiresAt: string; terms: string; version: number; options: EstimatePdfOption[]; documentHash: string };
  /** After approval: the signature block. */
  signature: null | {
    optionId: string;
    optionName: string;
    name: string;
    /** How they signed: the drawing (`imagePng`), their name typed as the signature (`typed`), or nothing asked (null). */
    method: 'drawn' | 'typed' | null;
    typed: string | null;
    imagePng: Uint8Array | null;
    signedAt: string;
    ip: string | null;
    via: 'session' | 'link';
    documentHash: string;
  };
}

const pdfProducer = 'Field Service Portal estimate renderer (pdf-lib)';
const pdfCreator = 'Field Service Portal';

// ---- page geometry (points; 72 = 1 inch) -------------------------------------------------

const [pageWidth, pageHeight] = PageSizes.Letter as [number, number];
export const marginX = 54;
export const contentWidth = pageWidth - 2 * marginX;
export const contentTop = pageHeight - 54;
/** Content stops here; the footer lives below. */
export const contentBottom = 72;
export const footerRuleY = 60;
export const footerLine1Y = 46;
export const footerLine2Y = 35;
/** The drawn signature is scaled to fit this box, keeping its proportions. */
export const signatureBox = { width: 200, height: 70 };
/** The logo is scaled to fit this box above the business's name, keeping its proportions. */
const logoBox = { width: 180, height: 54 };

export const colors = {
  text: rgb(0.12, 0.12, 0.14),
  muted: rgb(0.4, 0.4, 0.44),
  rule: rgb(0.8, 0.8, 0.83),
  accent: rgb(0.05, 0.38, 0.62),
  approved: rgb(0.1, 0.5, 0.22),
};

export interface Fonts { regular: PDFFont; bold: PDFFont }

/** What every section draws with: the fonts, the customer's words and formats, the business's zone. */
interface Ctx { fonts: Fonts; t: Translate; f: Format; timeZone: string; money: (amount: number) => string }

// ---- fonts: parsed once, measured once -------------------------------------------------------

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FontkitFont = ReturnType<Fontkit['create']>;

/**
 * fontkit parses a font's tables lazily and keeps what it parsed (glyphs, the layout engine with
 * DejaVu's large GSUB/GPOS tables) on the Font object. pdf-lib calls `create` for every document;
 * handing it the same Font for the same bytes keeps that work to once per process. pdf-lib only
 * reads the Font (each document makes its own subset), synchronously, so sharing it is safe.
 */
const parsedFonts = new WeakMap<Uint8Array, FontkitFont>();
const cachingFontkit: Fontkit = {
  create(bytes, postscriptName) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes, postscriptName);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

/**
 * pdf-lib writes glyph ids and their advance widths only, never the positions fontkit computes,
 * so the OpenType positioning features it applies by default (kerning, mark placement) change
 * nothing on the page; off, DejaVu's large GPOS table is never loaded, which took about a quarter
 * off the first render here (~650 → ~490 ms). Substitutions (ligatures, composed accents) stay.
 */
const fontFeatures: NonNullable<EmbedFontOptions['features']> = { kern: false, mark: false, mkmk: false };

/** Widths at 1 pt per font file and text (words, cells), for the life of the process. */
const widthCaches = { regular: new Map<string, number>(), bold: new Map<string, number>() };
const widthCacheOf = new WeakMap<PDFFont, Map<string, number>>();
const widthCacheLimit = 50_000;

/** The width `text` takes at `size`, as pdf-lib will draw it (sum of the glyphs' advances). */
function textWidth(font: PDFFont, text: string, size: number): number {
  const cache = widthCacheOf.get(font);
  if (!cache) return font.widthOfTextAtSize(text, size);
  let width = cache.get(text);
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, 1);
    if (cache.size >= widthCacheLimit) cache.clear();
    cache.set(text, width);
  }
  return width * size;
}

export interface TextStyle { font: PDFFont; size: number; color?: RGB; lineHeight?: number }

// ---- text ----------------------------------------------------------------------------------

/** Tabs and other control characters would print as boxes (or not at all): spaces instead. */
function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\t\v\f\u0000-\u0008\u000e-\u001f\u007f\u2028\u2029]/g, ' ');
}

/**
 * Greedy word wrap to `width`, measured with the font that draws it. Newlines are kept (a blank
 * line stays a blank line); a word wider than the column is broken between characters.
 */
function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  // Widths add up word by word (a line's width is the sum of its glyphs' advances), so each
  // word is measured once, not every candidate line.
  const space = textWidth(font, ' ', size);
  const lines: string[] = [];
  for (const paragraph of cleanText(text).split('\n')) {
    let current = '';
    let currentWidth = 0;
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const wordWidth = textWidth(font, word, size);
      if (current && currentWidth + space + wordWidth <= width) {
        current += ` ${word}`;
        currentWidth += space + wordWidth;
        continue;
      }
      if (current) lines.push(current);
      current = word;
      currentWidth = wordWidth;
      if (wordWidth <= width) continue;
      // Longer than a whole line (a URL, a hash): break it between characters (code points).
      current = '';
      currentWidth = 0;
      for (const char of Array.from(word)) {
        const charWidth = textWidth(font, char, size);
        if (current && currentWidth + charWidth > width) {
          lines.push(current);
          current = '';
          currentWidth = 0;
        }
        current += char;
        currentWidth += charWidth;
      }
    }
    lines.push(current);
  }
  return lines;
}

/** A single-line label that must not run past `width`: the size it fits at (down to 5 pt). */
export function sizeToFit(text: string, font: PDFFont, size: number, width: number): number {
  const w = textWidth(font, text, size);
  return w <= width ? size : Math.max(5, (size * width) / w);
}

// ---- dates ---------------------------------------------------------------------------------

export function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`renderEstimatePdf: ${field} is not a date: ${JSON.stringify(value)}`);
  return date;
}

/** "Nov 22, 2026" / "22 nov 2026": a document always says the year. */
const documentDate: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' };
export const documentDateTime: Intl.DateTimeFormatOptions = { ...documentDate, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

/**
 * Money through the language's formatter, each distinct amount once per render: every cell is
 * formatted to be measured and again to be drawn (building the Intl object per call topped the profile).
 */
function moneyFormatter(f: Format, currency: string): (amount: number) => string {
  const seen = new Map<number, string>();
  return (amount) => {
    let text = seen.get(amount);
    if (text === undefined) {
      text = f.money({ amount, currency });
      seen.set(amount, text);
    }
    return text;
  };
}

// ---- layout --------------------------------------------------------------------------------

/**
 * A cursor over pages: `y` is the top of the next thing drawn; `ensure` starts a page when needed.
 * What it draws is content of the element `into` (tagged), or an artifact when `into` is null.
 */
export class Flow {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = contentTop;
  /** The structure element text drawn now belongs to; null: an artifact (not read out). */
  into: StructElement | null = null;
  /** Drawn at the top of each page this starts while set (a table's header when a table breaks), as an artifact. */
  continuation: (() => void) | null = null;

  constructor(
    private readonly doc: PDFDocument,
    readonly tags: StructureTree,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([pageWidth, pageHeight]);
    this.pages.push(this.page);
    this.y = contentTop;
    if (this.continuation) this.as(null, this.continuation);
  }

  /** Draws `draw` into `element` (null: as artifacts), then back to what it drew into before. */
  as<T>(element: StructElement | null, draw: () => T): T {
    const before = this.into;
    this.into = element;
    try {
      return draw();
    } finally {
      this.into = before;
    }
  }

  /** Room for `height` more points on this page, or a new page. */
  ensure(height: number): void {
    if (this.y - height < contentBottom && this.y < contentTop) this.newPage();
  }

  gap(height: number): void {
    this.y -= height;
  }

  /** One line of text whose top is at the cursor; the cursor moves down by its line height. */
  line(text: string, style: TextStyle, opts: { x?: number; width?: number; align?: 'left' | 'right' } = {}): void {
    const lineHeight = style.lineHeight ?? style.size * 1.3;
    this.ensure(lineHeight);
    this.drawAt(text, style, this.y, opts);
    this.y -= lineHeight;
  }

  /** Text at a given top without moving the cursor (table cells beside each other). */
  drawAt(text: string, style: TextStyle, top: number, opts: { x?: number; width?: number; align?: 'left' | 'right' } = {}): void {
    if (!text) return;
    const x0 = opts.x ?? marginX;
    const width = opts.width ?? contentWidth;
    const size = opts.align === 'right' ? sizeToFit(text, style.font, style.size, width) : style.size;
    const x = opts.align === 'right' ? x0 + width - textWidth(style.font, text, size) : x0;
    // Baseline about 0.8 em below the top: DejaVu's ascender is 0.76 em.
    const draw = () => this.page.drawText(text, { x, y: top - style.size * 0.8, size, font: style.font, color: style.color ?? colors.text });
    if (this.into) this.tags.content(this.page, this.into, draw);
    else this.tags.artifact(this.page, draw);
  }

  /** Wrapped text, flowing across pages line by line. */
  paragraph(text: string, style: TextStyle, opts: { x?: number; width?: number } = {}): void {
    for (const l of wrapText(text, style.font, style.size, opts.width ?? contentWidth)) this.line(l, style, opts);
  }

  /** A new element under `parent` holding `text` as one wrapped paragraph (or heading). */
  block(parent: StructElement, type: 'H1' | 'H2' | 'P', text: string, style: TextStyle, opts: { x?: number; width?: number } = {}): void {
    this.as(this.tags.element(type, parent), () => this.paragraph(text, style, opts));
  }

  /** A rule across the column: decoration, never read. */
  rule(color: RGB = colors.rule, thickness = 0.75): void {
    this.tags.artifact(this.page, () => this.page.drawLine({ start: { x: marginX, y: this.y }, end: { x: marginX + contentWidth, y: this.y }, thickness, color }));
  }
}

/** Height of wrapped text, to keep a block together. */
export function heightOf(text: string, style: TextStyle, width = contentWidth): number {
  return wrapText(text, style.font, style.size, width).length * (style.lineHeight ?? style.size * 1.3);
}

// ---- sections ------------------------------------------------------------------------------

function drawHeader(flow: Flow, ctx: Ctx, input: EstimatePdfInput, logo: PDFImage | null): void {
  const { fonts, t, f, timeZone } = ctx;
  const { business, customer, estimate } = input;
  const doc = flow.tags.document;
  const date = (iso: string, field: string) => f.dateTimeFormat(timeZone, documentDate).format(instant(iso, field));
  if (logo) {
    // Decorative: the business's name follows as text, so the logo is an artifact, not a figure to describe.
    const scale = Math.min(logoBox.width / logo.width, logoBox.height / logo.height, 1);
    const drawn = { width: logo.width * scale, height: logo.height * scale };
    flow.tags.artifact(flow.page, () => flow.page.drawImage(logo, { x: marginX, y: flow.y - drawn.height, width: drawn.width, height: drawn.height }));
    flow.y -= drawn.height + 8;
  }
  flow.block(doc, 'P', business.name, { font: fonts.bold, size: 18 });
  const contacts = [business.contactPhone && formatPhone(business.contactPhone), business.contactEmail].filter((c): c is string => !!c && c.trim() !== '');
  if (contacts.length) flow.block(doc, 'P', contacts.join('  ·  '), { font: fonts.regular, size: 9.5, color: colors.muted });
  flow.gap(8);
  flow.rule();
  flow.gap(14);

  flow.block(doc, 'H1', t('pdf.estimate.heading', { number: estimate.number }), { font: fonts.bold, size: 15 });
  if (estimate.title.trim()) flow.block(doc, 'P', estimate.title, { font: fonts.regular, size: 12 });
  flow.gap(6);
  const meta: TextStyle = { font: fonts.regular, size: 10 };
  flow.block(doc, 'P', t('pdf.estimate.preparedFor', { name: customer.name }), meta);
  flow.block(doc, 'P', t('pdf.estimate.dates', { sent: date(estimate.sentAt, 'estimate.sentAt'), validUntil: date(estimate.expiresAt, 'estimate.expiresAt') }), { ...meta, color: colors.muted });
  flow.gap(6);
}

interface Column { label: string; width: number; align: 'left' | 'right'; cell: (l: EstimatePdfLine) => string }

function drawOption(flow: Flow, ctx: Ctx, option: EstimatePdfOption, approved: boolean): void {
  const { fonts, t, f, money } = ctx;
  const doc = flow.tags.document;
  const cellStyle: TextStyle = { font: fonts.regular, size: 9.5, lineHeight: 12.5 };
  const headStyle: TextStyle = { font: fonts.bold, size: 8.5, color: colors.muted, lineHeight: 11 };
  const nameStyle: TextStyle = { font: fonts.bold, size: 13, lineHeight: 17 };
  const markerStyle: TextStyle = { font: fonts.bold, size: 8.5, lineHeight: 12 };
  const descStyle: TextStyle = { font: fonts.regular, size: 10, color: colors.muted, lineHeight: 13.5 };
  const cellPad = 4;
  const gutter = 14;

  // Number columns as wide as their widest cell (or header); the description gets the rest.
  const numeric: Column[] = [
    { label: t('pdf.table.quantity'), width: 0, align: 'right', cell: (l) => f.number(l.quantity, { maximumFractionDigits: 3 }) },
    { label: t('pdf.table.unitPrice'), width: 0, align: 'right', cell: (l) => money(l.unitAmount) },
    { label: t('pdf.table.amount'), width: 0, align: 'right', cell: (l) => money(l.amount) },
  ];
  for (const col of numeric) {
    const widest = Math.max(textWidth(headStyle.font, col.label, headStyle.size), ...option.lines.map((l) => textWidth(cellStyle.font, col.cell(l), cellStyle.size)));
    col.width = Math.min(Math.max(widest, 36), 110);
  }
  const descWidth = contentWidth - numeric.reduce((sum, c) => sum + c.width + gutter, 0);
  const columns: (Column & { x: number })[] = [];
  let x = marginX;
  for (const col of [{ label: t('pdf.table.description'), width: descWidth, align: 'left' as const, cell: (l: EstimatePdfLine) => l.description }, ...numeric]) {
    columns.push({ ...col, x });
    x += col.width + gutter;
  }

  /** The header row: tagged the first time, an artifact when a page break repeats it. */
  const tableHeader = (row: StructElement | null) => {
    const top = flow.y;
    for (const col of columns) flow.as(row && flow.tags.element('TH', row, { scope: 'Column' }), () => flow.drawAt(col.label, headStyle, top, { x: col.x, width: col.width, align: col.align }));
    flow.y -= headStyle.lineHeight! + 3;
    flow.rule(colors.muted, 0.6);
    flow.gap(cellPad);
  };

  // Totals, right-aligned under the amount column (measured first: the last row keeps with them).
  const valueWidth = Math.max(numeric[2]!.width, 90);
  const valueX = marginX + contentWidth - valueWidth;
  const labelWidth = 120;
  const labelX = valueX - gutter - labelWidth;
  const totals: [string, number, TextStyle][] = [
    [t('pdf.totals.subtotal'), option.subtotal, { font: fonts.regular, size: 10, lineHeight: 14 }],
    [t('pdf.totals.tax'), option.taxAmount, { font: fonts.regular, size: 10, lineHeight: 14 }],
    [t('pdf.totals.total'), option.total, { font: fonts.bold, size: 11, lineHeight: 16 }],
  ];
  const depositStyle: TextStyle = { font: fonts.bold, size: 10, color: colors.accent, lineHeight: 15 };
  const totalsHeight = totals.reduce((h, [, , s]) => h + s.lineHeight!, 0) + (option.deposit !== null ? depositStyle.lineHeight! + 4 : 0);

  const rows = option.lines.map((line) => {
    const descLines = wrapText(line.description, cellStyle.font, cellStyle.size, descWidth);
    return { line, descLines, height: descLines.length * cellStyle.lineHeight! + 2 * cellPad };
  });

  // Keep the option's heading with its description's start, the table's header and its first rows.
  const markers = [option.recommended ? t('pdf.option.recommended') : '', approved ? t('pdf.option.approved') : ''].filter(Boolean);
  const headingHeight = (markers.length ? markerStyle.lineHeight! : 0) + heightOf(option.name, nameStyle) + Math.min(heightOf(option.description, descStyle), 3 * descStyle.lineHeight!) + 30;
  flow.ensure(headingHeight + Math.min(rows[0]?.height ?? 0, 3 * cellStyle.lineHeight!));

  if (markers.length) {
    const top = flow.y;
    let mx = marginX;
    const markerLine = flow.tags.element('P', doc);
    for (const [i, marker] of markers.entries()) {
      const color = option.recommended && i === 0 ? colors.accent : colors.approved;
      flow.as(markerLine, () => flow.drawAt(marker, { ...markerStyle, color }, top, { x: mx }));
      mx += textWidth(markerStyle.font, marker, markerStyle.size) + 14;
    }
    flow.y -= markerStyle.lineHeight!;
  }
  flow.block(doc, 'H2', option.name, nameStyle);
  if (option.description.trim()) {
    flow.gap(2);
    flow.block(doc, 'P', option.description, descStyle);
  }
  flow.gap(8);

  const table = flow.tags.element('Table', doc);
  tableHeader(flow.tags.element('TR', flow.tags.element('THead', table)));
  const body = flow.tags.element('TBody', table);
  let rowsOnPage = 0;
  // A table broken by a page goes on under its header again (artifacts: the first header is the table's).
  flow.continuation = () => {
    flow.paragraph(t('pdf.option.continued', { option: option.name }), { font: fonts.regular, size: 9, color: colors.muted });
    flow.gap(4);
    tableHeader(null);
    rowsOnPage = 0;
  };
  if (rows.length === 0) {
    const cell = flow.tags.element('TD', flow.tags.element('TR', body), { colSpan: columns.length });
    flow.as(cell, () => flow.line(t('pdf.option.noLines'), { ...cellStyle, color: colors.muted }));
  }
  const pageRoom = contentTop - contentBottom - 60;
  const last = rows.length - 1;
  for (const [i, { line, descLines, height }] of rows.entries()) {
    // Never one row alone at a page's foot: the first row on a page goes with the next one, and
    // the last row with the totals. A group taller than a page keeps the row alone; a row taller
    // than a page flows.
    const keep = (k: number) => rows[k]!.height + (k === last ? totalsHeight : 0);
    const together = rowsOnPage === 0 && i < last ? rows[i]!.height + keep(i + 1) : keep(i);
    if (together <= pageRoom) flow.ensure(together);
    else if (height <= pageRoom) flow.ensure(height);
    else flow.ensure(cellStyle.lineHeight! + 2 * cellPad);
    const row = flow.tags.element('TR', body);
    const [descCell, ...numberCells] = columns.map(() => flow.tags.element('TD', row));
    const top = flow.y;
    for (const [c, col] of columns.slice(1).entries()) flow.as(numberCells[c]!, () => flow.drawAt(col.cell(line), cellStyle, top, { x: col.x, width: col.width, align: 'right' }));
    flow.as(descCell!, () => {
      for (const l of descLines) flow.line(l, cellStyle, { x: columns[0]!.x, width: descWidth });
    });
    flow.gap(cellPad);
    flow.rule();
    flow.gap(cellPad);
    rowsOnPage++;
  }
  flow.continuation = null;

  // The totals: the table's footer rows (label as the row's header, the amount beside it).
  const foot = flow.tags.element('TFoot', table);
  flow.ensure(totalsHeight);
  for (const [label, amount, style] of totals) {
    const top = flow.y;
    const row = flow.tags.element('TR', foot);
    flow.as(flow.tags.element('TH', row, { scope: 'Row', colSpan: columns.length - 1 }), () => flow.drawAt(label, style, top, { x: labelX, width: labelWidth, align: 'right' }));
    flow.as(flow.tags.element('TD', row), () => flow.drawAt(money(amount), style, top, { x: valueX, width: valueWidth, align: 'right' }));
    flow.y -= style.lineHeight!;
  }
  if (option.deposit !== null) {
    flow.gap(4);
    flow.as(flow.tags.element('P', doc), () => flow.line(t('pdf.totals.deposit', { amount: money(option.deposit!) }), depositStyle, { align: 'right' }));
  }
}

function drawTerms(flow: Flow, ctx: Ctx, terms: string): void {
  const { fonts, t } = ctx;
  const headStyle: TextStyle = { font: fonts.bold, size: 11, lineHeight: 15 };
  const bodyStyle: TextStyle = { font: fonts.regular, size: 9.5, lineHeight: 13 };
  flow.ensure(headStyle.lineHeight! + 3 * bodyStyle.lineHeight!);
  flow.block(flow.tags.document, 'H2', t('pdf.terms.heading'), headStyle);
  flow.gap(2);
  // One paragraph element per paragraph of the terms; a blank line stays a blank line.
  for (const paragraph of cleanText(terms).split('\n')) {
    if (paragraph.trim()) flow.block(flow.tags.document, 'P', paragraph, bodyStyle);
    else flow.gap(bodyStyle.lineHeight!);
  }
}

async function drawSignature(flow: Flow, pdf: PDFDocument, ctx: Ctx, signature: NonNullable<EstimatePdfInput['signature']>): Promise<void> {
  const { fonts, t, f, timeZone } = ctx;
  const doc = flow.tags.document;
  const titleStyle: TextStyle = { font: fonts.bold, size: 13, color: colors.approved, lineHeight: 18 };
  const bodyStyle: TextStyle = { font: fonts.regular, size: 10, lineHeight: 14 };
  const smallStyle: TextStyle = { font: fonts.regular, size: 8.5, color: colors.muted, lineHeight: 12 };

  const image: PDFImage | null = signature.method !== 'typed' && signature.imagePng ? await pdf.embedPng(signature.imagePng) : null;
  const scale = image ? Math.min(signatureBox.width / image.width, signatureBox.height / image.height) : 0;
  const drawn = image ? { width: image.width * scale, height: image.height * scale } : null;

  const title = t('pdf.signature.title', { option: signature.optionName });
  // Typed: the typed text is the signature, said in words; the name as given too when it differs.
  const signedBy: string[] =
    signature.method === 'typed' && signature.typed
      ? [t('pdf.signature.typed', { typed: signature.typed }), ...(signature.typed !== signature.name ? [t('pdf.signature.nameGiven', { name: signature.name })] : [])]
      : [t('pdf.signature.signedBy', { name: signature.name })];
  const lines: [string, TextStyle][] = [
    [t('pdf.signature.signedAt', { when: f.dateTimeFormat(timeZone, documentDateTime).format(instant(signature.signedAt, 'signature.signedAt')) }), bodyStyle],
    [signature.via === 'session' ? t('pdf.signature.viaSession') : t('pdf.signature.viaLink'), bodyStyle],
    ...(signature.ip ? ([[t('pdf.signature.ip', { ip: signature.ip }), bodyStyle]] as [string, TextStyle][]) : []),
    [t('pdf.signature.documentHash', { hash: signature.documentHash }), smallStyle],
  ];
  const blockHeight =
    heightOf(title, titleStyle) + signedBy.reduce((h, l) => h + heightOf(l, bodyStyle), 0) + (drawn ? drawn.height + 12 : 0) + lines.reduce((h, [l, s]) => h + heightOf(l, s), 0) + 24;
  // The block stays together (it is far smaller than a page).
  flow.ensure(Math.min(blockHeight, contentTop - contentBottom));

  flow.rule(colors.approved, 1);
  flow.gap(10);
  flow.block(doc, 'H2', title, titleStyle);
  for (const l of signedBy) flow.block(doc, 'P', l, bodyStyle);
  if (image && drawn) {
    flow.gap(6);
    flow.ensure(drawn.height + 6);
    const figure = flow.tags.element('Figure', doc, { alt: t('pdf.signature.drawnAlt', { name: signature.name }) });
    flow.tags.content(flow.page, figure, () => flow.page.drawImage(image, { x: marginX, y: flow.y - drawn.height, width: drawn.width, height: drawn.height }));
    flow.y -= drawn.height + 2;
    flow.tags.artifact(flow.page, () =>
      flow.page.drawLine({ start: { x: marginX, y: flow.y }, end: { x: marginX + signatureBox.width + 20, y: flow.y }, thickness: 0.75, color: colors.muted }),
    );
    flow.gap(4);
  }
  for (const [text, style] of lines) flow.block(doc, 'P', text, style);
}

/** The footer: pagination, an artifact (the reader has the page number and the hash is in the text). */
function drawFooters(flow: Flow, ctx: Ctx, estimate: EstimatePdfInput['estimate']): void {
  const { fonts, t } = ctx;
  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    flow.tags.artifact(page, () => {
      page.drawLine({ start: { x: marginX, y: footerRuleY }, end: { x: marginX + contentWidth, y: footerRuleY }, thickness: 0.5, color: colors.rule });
      const line1 = t('pdf.footer.page', { number: estimate.number, version: estimate.version, page: i + 1, pages: total });
      const line2 = t('pdf.footer.hash', { hash: estimate.documentHash });
      for (const [text, size, y] of [[line1, 8, footerLine1Y], [line2, 7, footerLine2Y]] as const) {
        const fitted = sizeToFit(text, fonts.regular, size, contentWidth);
        page.drawText(text, { x: marginX, y, size: fitted, font: fonts.regular, color: colors.muted });
      }
    });
  });
}

// ---- the document --------------------------------------------------------------------------

/** The file name a download of it gets, in the customer's language. */
export const estimatePdfFileName = (language: Language, number: string): string => wordsFor(language).t('pdf.estimate.fileName', { number });

/**
 * A new tagged document with the embedded fonts, its metadata set from the input (no current time:
 * the same input gives the same bytes) and a flow on its first page: how every PDF the portal
 * renders starts (the estimate here, a submitted form in shared/forms/pdf).
 */
export async function openPdf(meta: { language: Language; title: string; subject: string; author: string; date: Date }): Promise<{ pdf: PDFDocument; fonts: Fonts; flow: Flow }> {
  // updateMetadata: false keeps pdf-lib from stamping the current time; the dates are set below.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(cachingFontkit);
  const bytes = pdfFontBytes();
  const fonts: Fonts = {
    regular: await pdf.embedFont(bytes.regular, { subset: true, features: fontFeatures }),
    bold: await pdf.embedFont(bytes.bold, { subset: true, features: fontFeatures }),
  };
  widthCacheOf.set(fonts.regular, widthCaches.regular);
  widthCacheOf.set(fonts.bold, widthCaches.bold);
  pdf.setTitle(meta.title);
  setXmpMetadata(pdf, { title: meta.title, language: LOCALES[meta.language], author: meta.author, producer: pdfProducer });
  pdf.setAuthor(meta.author);
  if (meta.subject.trim()) pdf.setSubject(meta.subject);
  pdf.setProducer(pdfProducer);
  pdf.setCreator(pdfCreator);
  pdf.setLanguage(LOCALES[meta.language]);
  pdf.setCreationDate(meta.date);
  pdf.setModificationDate(meta.date);
  return { pdf, fonts, flow: new Flow(pdf, new StructureTree(pdf)) };
}

export async function renderEstimatePdf(input: EstimatePdfInput): Promise<Uint8Array> {
  const { business, estimate, signature } = input;
  // Dates first: a bad one fails before any work.
  const documentDateOf = instant(signature?.signedAt ?? estimate.sentAt, signature ? 'signature.signedAt' : 'estimate.sentAt');
  const { t, f } = wordsFor(input.language);

  const { pdf, fonts, flow } = await openPdf({ language: input.language, title: t('pdf.estimate.heading', { number: estimate.number }), subject: estimate.title, author: business.name, date: documentDateOf });
  const ctx: Ctx = { fonts, t, f, timeZone: business.timeZone, money: moneyFormatter(f, estimate.currency) };
  const logo = business.logo ? await (business.logo.type === 'png' ? pdf.embedPng(business.logo.bytes) : pdf.embedJpg(business.logo.bytes)) : null;
  drawHeader(flow, ctx, input, logo);
  for (const option of estimate.options) {
    flow.gap(18);
    drawOption(flow, ctx, option, signature?.optionId === option.id);
  }
  if (estimate.terms.trim()) {
    flow.gap(22);
    drawTerms(flow, ctx, estimate.terms);
  }
  if (signature) {
    flow.gap(24);
    await drawSignature(flow, pdf, ctx, signature);
  }
  drawFooters(flow, ctx, estimate);
  flow.tags.finish(flow.pages);

  return pdf.save();
}
