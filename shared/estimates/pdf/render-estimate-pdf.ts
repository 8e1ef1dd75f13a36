/**
 * An estimate as a PDF: the business, the customer, each option with its lines and totals, the
 * terms, and after approval the signature block. US Letter, one column, text wrapped to the
 * column and flowed onto new pages; a footer on every page names the estimate, its version, the
 * page and the SHA-256 of the document the customer saw.
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
import { formatMoney } from '../../kernel/money';
import { pdfFontBytes } from './fonts';

/** Money is in integer minor units (cents), as everywhere in the portal. */
export interface EstimatePdfLine { description: string; quantity: number; unitAmount: number; amount: number }
export interface EstimatePdfOption { id: string; name: string; description: string; recommended: boolean; lines: EstimatePdfLine[]; subtotal: number; taxAmount: number; total: number; deposit: number | null }
export interface EstimatePdfInput {
  business: { name: string; contactPhone: string | null; contactEmail: string | null; timeZone: string };
  customer: { name: string };
  estimate: { number: string; title: string; currency: string; sentAt: string; expiresAt: string; terms: string; version: number; options: EstimatePdfOption[]; documentHash: string };
  /** After approval: the signature block. */
  signature: null | { optionId: string; optionName: string; name: string; imagePng: Uint8Array | null; signedAt: string; ip: string | null; via: 'session' | 'link'; documentHash: string };
}

const pdfProducer = 'Field Service Portal estimate renderer (pdf-lib)';
const pdfCreator = 'Field Service Portal';

// ---- page geometry (points; 72 = 1 inch) -------------------------------------------------

const [pageWidth, pageHeight] = PageSizes.Letter as [number, number];
const marginX = 54;
const contentWidth = pageWidth - 2 * marginX;
const contentTop = pageHeight - 54;
/** Content stops here; the footer lives below. */
const contentBottom = 72;
const footerRuleY = 60;
const footerLine1Y = 46;
const footerLine2Y = 35;
/** The drawn signature is scaled to fit this box, keeping its proportions. */
const signatureBox = { width: 200, height: 70 };

const colors = {
  text: rgb(0.12, 0.12, 0.14),
  muted: rgb(0.4, 0.4, 0.44),
  rule: rgb(0.8, 0.8, 0.83),
  accent: rgb(0.05, 0.38, 0.62),
  approved: rgb(0.1, 0.5, 0.22),
};

interface Fonts { regular: PDFFont; bold: PDFFont }

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

interface TextStyle { font: PDFFont; size: number; color?: RGB; lineHeight?: number }

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
function sizeToFit(text: string, font: PDFFont, size: number, width: number): number {
  const w = textWidth(font, text, size);
  return w <= width ? size : Math.max(5, (size * width) / w);
}

// ---- dates ---------------------------------------------------------------------------------

function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`renderEstimatePdf: ${field} is not a date: ${JSON.stringify(value)}`);
  return date;
}

/** A formatter in the business's zone; a zone Intl does not know falls back to UTC (and says so). */
function zonedFormat(timeZone: string, options: Intl.DateTimeFormatOptions): (d: Date) => string {
  try {
    const f = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    return (d) => f.format(d);
  } catch {
    const f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    return (d) => (options.timeZoneName ? f.format(d) : `${f.format(d)} (UTC)`);
  }
}

/**
 * formatMoney builds an Intl.NumberFormat per call, and every cell is formatted to be measured
 * and again to be drawn (it topped the profile): each distinct amount once per render instead.
 */
function moneyFormatter(currency: string): (amount: number) => string {
  const seen = new Map<number, string>();
  return (amount) => {
    let text = seen.get(amount);
    if (text === undefined) {
      text = formatMoney(amount, currency);
      seen.set(amount, text);
    }
    return text;
  };
}

const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

// ---- layout --------------------------------------------------------------------------------

/** A cursor over pages: `y` is the top of the next thing drawn; `ensure` starts a page when needed. */
class Flow {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = contentTop;
  /** Drawn at the top of each page this starts while set (a table's header when a table breaks). */
  continuation: (() => void) | null = null;

  constructor(private readonly doc: PDFDocument) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([pageWidth, pageHeight]);
    this.pages.push(this.page);
    this.y = contentTop;
    this.continuation?.();
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
    this.page.drawText(text, { x, y: top - style.size * 0.8, size, font: style.font, color: style.color ?? colors.text });
  }

  /** Wrapped text, flowing across pages line by line. */
  paragraph(text: string, style: TextStyle, opts: { x?: number; width?: number } = {}): void {
    for (const l of wrapText(text, style.font, style.size, opts.width ?? contentWidth)) this.line(l, style, opts);
  }

  rule(color: RGB = colors.rule, thickness = 0.75): void {
    this.page.drawLine({ start: { x: marginX, y: this.y }, end: { x: marginX + contentWidth, y: this.y }, thickness, color });
  }
}

/** Height of wrapped text, to keep a block together. */
function heightOf(text: string, style: TextStyle, width = contentWidth): number {
  return wrapText(text, style.font, style.size, width).length * (style.lineHeight ?? style.size * 1.3);
}

// ---- sections ------------------------------------------------------------------------------

function drawHeader(flow: Flow, fonts: Fonts, input: EstimatePdfInput, formatDate: (d: Date) => string): void {
  const { business, customer, estimate } = input;
  flow.paragraph(business.name, { font: fonts.bold, size: 18 });
  const contacts = [business.contactPhone, business.contactEmail].filter((c): c is string => !!c && c.trim() !== '');
  if (contacts.length) flow.paragraph(contacts.join('  ·  '), { font: fonts.regular, size: 9.5, color: colors.muted });
  flow.gap(8);
  flow.rule();
  flow.gap(14);

  flow.paragraph(`Estimate ${estimate.number}`, { font: fonts.bold, size: 15 });
  if (estimate.title.trim()) flow.paragraph(estimate.title, { font: fonts.regular, size: 12 });
  flow.gap(6);
  const meta: TextStyle = { font: fonts.regular, size: 10 };
  flow.paragraph(`Prepared for ${customer.name}`, meta);
  flow.paragraph(
    `Sent ${formatDate(instant(estimate.sentAt, 'estimate.sentAt'))}  ·  Valid until ${formatDate(instant(estimate.expiresAt, 'estimate.expiresAt'))}`,
    { ...meta, color: colors.muted },
  );
  flow.gap(6);
}

interface Column { label: string; width: number; align: 'left' | 'right'; cell: (l: EstimatePdfLine) => string }

function drawOption(flow: Flow, fonts: Fonts, option: EstimatePdfOption, money: (amount: number) => string, approved: boolean): void {
  const cellStyle: TextStyle = { font: fonts.regular, size: 9.5, lineHeight: 12.5 };
  const headStyle: TextStyle = { font: fonts.bold, size: 8.5, color: colors.muted, lineHeight: 11 };
  const nameStyle: TextStyle = { font: fonts.bold, size: 13, lineHeight: 17 };
  const markerStyle: TextStyle = { font: fonts.bold, size: 8.5, lineHeight: 12 };
  const descStyle: TextStyle = { font: fonts.regular, size: 10, color: colors.muted, lineHeight: 13.5 };
  const cellPad = 4;
  const gutter = 14;

  // Number columns as wide as their widest cell (or header); the description gets the rest.
  const numeric: Column[] = [
    { label: 'Qty', width: 0, align: 'right', cell: (l) => quantityFormat.format(l.quantity) },
    { label: 'Unit price', width: 0, align: 'right', cell: (l) => money(l.unitAmount) },
    { label: 'Amount', width: 0, align: 'right', cell: (l) => money(l.amount) },
  ];
  for (const col of numeric) {
    const widest = Math.max(textWidth(headStyle.font, col.label, headStyle.size), ...option.lines.map((l) => textWidth(cellStyle.font, col.cell(l), cellStyle.size)));
    col.width = Math.min(Math.max(widest, 36), 110);
  }
  const descWidth = contentWidth - numeric.reduce((sum, c) => sum + c.width + gutter, 0);
  const columns: (Column & { x: number })[] = [];
  let x = marginX;
  for (const col of [{ label: 'Description', width: descWidth, align: 'left' as const, cell: (l: EstimatePdfLine) => l.description }, ...numeric]) {
    columns.push({ ...col, x });
    x += col.width + gutter;
  }

  const tableHeader = () => {
    const top = flow.y;
    for (const col of columns) flow.drawAt(col.label, headStyle, top, { x: col.x, width: col.width, align: col.align });
    flow.y -= headStyle.lineHeight! + 3;
    flow.rule(colors.muted, 0.6);
    flow.gap(cellPad);
  };

  // Keep the option's heading with its description's start and the table's first row.
  const markers = [option.recommended ? 'Recommended' : '', approved ? '✓ Approved' : ''].filter(Boolean);
  const firstRow = option.lines[0] ? wrapText(option.lines[0].description, cellStyle.font, cellStyle.size, descWidth).length * cellStyle.lineHeight! : 0;
  flow.ensure((markers.length ? markerStyle.lineHeight! : 0) + heightOf(option.name, nameStyle) + Math.min(heightOf(option.description, descStyle), 3 * descStyle.lineHeight!) + 30 + firstRow);

  if (markers.length) {
    const top = flow.y;
    let mx = marginX;
    for (const marker of markers) {
      const color = marker === 'Recommended' ? colors.accent : colors.approved;
      flow.drawAt(marker, { ...markerStyle, color }, top, { x: mx });
      mx += textWidth(markerStyle.font, marker, markerStyle.size) + 14;
    }
    flow.y -= markerStyle.lineHeight!;
  }
  flow.paragraph(option.name, nameStyle);
  if (option.description.trim()) {
    flow.gap(2);
    flow.paragraph(option.description, descStyle);
  }
  flow.gap(8);

  tableHeader();
  // A table broken by a page goes on under its header again.
  flow.continuation = () => {
    flow.paragraph(`${option.name} (continued)`, { font: fonts.regular, size: 9, color: colors.muted });
    flow.gap(4);
    tableHeader();
  };
  if (option.lines.length === 0) flow.line('No line items.', { ...cellStyle, color: colors.muted });
  for (const line of option.lines) {
    const descLines = wrapText(line.description, cellStyle.font, cellStyle.size, descWidth);
    const rowHeight = descLines.length * cellStyle.lineHeight! + 2 * cellPad;
    // A row goes whole onto the next page, unless it is taller than a page (then it flows).
    if (rowHeight <= contentTop - contentBottom - 60) flow.ensure(rowHeight);
    else flow.ensure(cellStyle.lineHeight! + 2 * cellPad);
    const top = flow.y;
    for (const col of columns.slice(1)) flow.drawAt(col.cell(line), cellStyle, top, { x: col.x, width: col.width, align: 'right' });
    for (const l of descLines) flow.line(l, cellStyle, { x: columns[0]!.x, width: descWidth });
    flow.gap(cellPad);
    flow.rule();
    flow.gap(cellPad);
  }
  flow.continuation = null;

  // Totals, right-aligned under the amount column.
  const valueWidth = Math.max(numeric[2]!.width, 90);
  const valueX = marginX + contentWidth - valueWidth;
  const labelWidth = 120;
  const labelX = valueX - gutter - labelWidth;
  const totals: [string, number, TextStyle][] = [
    ['Subtotal', option.subtotal, { font: fonts.regular, size: 10, lineHeight: 14 }],
    ['Tax', option.taxAmount, { font: fonts.regular, size: 10, lineHeight: 14 }],
    ['Total', option.total, { font: fonts.bold, size: 11, lineHeight: 16 }],
  ];
  const depositStyle: TextStyle = { font: fonts.bold, size: 10, color: colors.accent, lineHeight: 15 };
  flow.ensure(totals.reduce((h, [, , s]) => h + s.lineHeight!, 0) + (option.deposit !== null ? depositStyle.lineHeight! + 4 : 0));
  for (const [label, amount, style] of totals) {
    const top = flow.y;
    flow.drawAt(label, style, top, { x: labelX, width: labelWidth, align: 'right' });
    flow.drawAt(money(amount), style, top, { x: valueX, width: valueWidth, align: 'right' });
    flow.y -= style.lineHeight!;
  }
  if (option.deposit !== null) {
    flow.gap(4);
    flow.line(`Deposit due on approval: ${money(option.deposit)}`, depositStyle, { align: 'right' });
  }
}

function drawTerms(flow: Flow, fonts: Fonts, terms: string): void {
  const headStyle: TextStyle = { font: fonts.bold, size: 11, lineHeight: 15 };
  const bodyStyle: TextStyle = { font: fonts.regular, size: 9.5, lineHeight: 13 };
  flow.ensure(headStyle.lineHeight! + 3 * bodyStyle.lineHeight!);
  flow.line('Terms', headStyle);
  flow.gap(2);
  flow.paragraph(terms, bodyStyle);
}

async function drawSignature(flow: Flow, doc: PDFDocument, fonts: Fonts, signature: NonNullable<EstimatePdfInput['signature']>, timeZone: string): Promise<void> {
  const titleStyle: TextStyle = { font: fonts.bold, size: 13, color: colors.approved, lineHeight: 18 };
  const bodyStyle: TextStyle = { font: fonts.regular, size: 10, lineHeight: 14 };
  const smallStyle: TextStyle = { font: fonts.regular, size: 8.5, color: colors.muted, lineHeight: 12 };
  const formatDateTime = zonedFormat(timeZone, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

  const image: PDFImage | null = signature.imagePng ? await doc.embedPng(signature.imagePng) : null;
  const scale = image ? Math.min(signatureBox.width / image.width, signatureBox.height / image.height) : 0;
  const drawn = image ? { width: image.width * scale, height: image.height * scale } : null;

  const title = `✓ Approved: ${signature.optionName}`;
  const lines: [string, TextStyle][] = [
    [`Signed ${formatDateTime(instant(signature.signedAt, 'signature.signedAt'))}`, bodyStyle],
    [signature.via === 'session' ? 'Signed in to the customer portal' : 'Signed from the estimate link', bodyStyle],
    ...(signature.ip ? ([[`IP address ${signature.ip}`, bodyStyle]] as [string, TextStyle][]) : []),
    [`Document signed (SHA-256): ${signature.documentHash}`, smallStyle],
  ];
  const blockHeight =
    heightOf(title, titleStyle) + heightOf(`Signed by ${signature.name}`, bodyStyle) + (drawn ? drawn.height + 12 : 0) + lines.reduce((h, [t, s]) => h + heightOf(t, s), 0) + 24;
  // The block stays together (it is far smaller than a page).
  flow.ensure(Math.min(blockHeight, contentTop - contentBottom));

  flow.rule(colors.approved, 1);
  flow.gap(10);
  flow.paragraph(title, titleStyle);
  flow.paragraph(`Signed by ${signature.name}`, bodyStyle);
  if (image && drawn) {
    flow.gap(6);
    flow.ensure(drawn.height + 6);
    flow.page.drawImage(image, { x: marginX, y: flow.y - drawn.height, width: drawn.width, height: drawn.height });
    flow.y -= drawn.height + 2;
    flow.page.drawLine({ start: { x: marginX, y: flow.y }, end: { x: marginX + signatureBox.width + 20, y: flow.y }, thickness: 0.75, color: colors.muted });
    flow.gap(4);
  }
  for (const [text, style] of lines) flow.paragraph(text, style);
}

function drawFooters(flow: Flow, fonts: Fonts, estimate: EstimatePdfInput['estimate']): void {
  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    page.drawLine({ start: { x: marginX, y: footerRuleY }, end: { x: marginX + contentWidth, y: footerRuleY }, thickness: 0.5, color: colors.rule });
    const line1 = `Estimate ${estimate.number} · version ${estimate.version} · page ${i + 1} of ${total}`;
    const line2 = `Document SHA-256: ${estimate.documentHash}`;
    for (const [text, size, y] of [[line1, 8, footerLine1Y], [line2, 7, footerLine2Y]] as const) {
      const fitted = sizeToFit(text, fonts.regular, size, contentWidth);
      page.drawText(text, { x: marginX, y, size: fitted, font: fonts.regular, color: colors.muted });
    }
  });
}

// ---- the document --------------------------------------------------------------------------

export async function renderEstimatePdf(input: EstimatePdfInput): Promise<Uint8Array> {
  const { business, estimate, signature } = input;
  // Dates first: a bad one fails before any work.
  const documentDate = instant(signature?.signedAt ?? estimate.sentAt, signature ? 'signature.signedAt' : 'estimate.sentAt');

  // updateMetadata: false keeps pdf-lib from stamping the current time; the dates are set below.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachingFontkit);
  const bytes = pdfFontBytes();
  const fonts: Fonts = {
    regular: await doc.embedFont(bytes.regular, { subset: true, features: fontFeatures }),
    bold: await doc.embedFont(bytes.bold, { subset: true, features: fontFeatures }),
  };
  widthCacheOf.set(fonts.regular, widthCaches.regular);
  widthCacheOf.set(fonts.bold, widthCaches.bold);

  doc.setTitle(`Estimate ${estimate.number}`);
  doc.setAuthor(business.name);
  if (estimate.title.trim()) doc.setSubject(estimate.title);
  doc.setProducer(pdfProducer);
  doc.setCreator(pdfCreator);
  doc.setLanguage('en-US');
  doc.setCreationDate(documentDate);
  doc.setModificationDate(documentDate);

  const flow = new Flow(doc);
  drawHeader(flow, fonts, input, zonedFormat(business.timeZone, { month: 'short', day: 'numeric', year: 'numeric' }));
  const money = moneyFormatter(estimate.currency);
  for (const option of estimate.options) {
    flow.gap(18);
    drawOption(flow, fonts, option, money, signature?.optionId === option.id);
  }
  if (estimate.terms.trim()) {
    flow.gap(22);
    drawTerms(flow, fonts, estimate.terms);
  }
  if (signature) {
    flow.gap(24);
    await drawSignature(flow, doc, fonts, signature, business.timeZone);
  }
  drawFooters(flow, fonts, estimate);

  return doc.save();
}
