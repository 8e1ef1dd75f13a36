/**
 * The estimate PDF: rendered from the 3 options × 10 lines sample (names outside WinAnsi), read
 * back with pdf-lib. What is drawn where is observed by spying on PDFPage.drawText/drawImage
 * (PDF text is glyph ids, not searchable), which also shows nothing runs past the margins.
 * Last, the Lambda path: an esbuild bundle run from a folder without node_modules, the fonts
 * copied beside it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, type PDFFont, PDFName, PDFNumber, PDFPage, PDFRawStream, PDFRef } from 'pdf-lib';
import { formatFor } from '../../contract/i18n/format';
import { copyPdfFonts, esbuildOptionsFor, functionBundling, pdfFontFiles, pdfFunctionBundling } from '../../../infra/stack/bundling';
import { formatMoney } from '../../contract/money';
import { type EstimatePdfInput, renderEstimatePdf } from './render-estimate-pdf';
import { sampleEstimatePdfInput, sampleSignature } from './sample-estimate';
import { demoPng, signaturePng } from '../../../infra/local/demo-files';

/** A drawn signature's PNG bytes, as the page sends it (infra/local/demo-files.ts draws it). */
const signatureBytes = (width: number, height: number): Uint8Array => {
  const dataUrl = signaturePng(Math.min(width, height) * 4, width, height);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
};

// ---- reading a render back --------------------------------------------------------------------

interface Drawn { text: string; x: number; y: number; size: number; font: PDFFont; page: PDFPage }

/** Renders while recording every drawText (text, position, font, page) and drawImage. */
async function renderObserved(input: EstimatePdfInput): Promise<{ pdf: Uint8Array; texts: Drawn[]; images: { x: number; y: number; width: number; height: number }[] }> {
  const drawText = jest.spyOn(PDFPage.prototype, 'drawText');
  const drawImage = jest.spyOn(PDFPage.prototype, 'drawImage');
  try {
    const pdf = await renderEstimatePdf(input);
    const texts = drawText.mock.calls.map(([text, options], i) => ({
      text,
      x: options!.x!,
      y: options!.y!,
      size: options!.size!,
      font: options!.font!,
      page: drawText.mock.contexts[i] as PDFPage,
    }));
    const images = drawImage.mock.calls.map(([, o]) => ({ x: o!.x!, y: o!.y!, width: o!.width!, height: o!.height! }));
    return { pdf, texts, images };
  } finally {
    drawText.mockRestore();
    drawImage.mockRestore();
  }
}

function objectsOf(doc: PDFDocument) {
  return doc.context.enumerateIndirectObjects().map(([, object]) => object);
}
function dictOf(object: unknown): PDFDict | undefined {
  if (object instanceof PDFDict) return object;
  if (object instanceof PDFRawStream) return object.dict;
  return undefined;
}
const nameIn = (dict: PDFDict, key: string) => dict.get(PDFName.of(key))?.toString();

function baseFonts(doc: PDFDocument): string[] {
  return objectsOf(doc)
    .map(dictOf)
    .filter((d): d is PDFDict => !!d && nameIn(d, 'Type') === '/Font')
    .map((d) => nameIn(d, 'BaseFont') ?? '');
}
function imageXObjects(doc: PDFDocument): PDFRawStream[] {
  return objectsOf(doc).filter((o): o is PDFRawStream => o instanceof PDFRawStream && nameIn(o.dict, 'Subtype') === '/Image');
}

// ---- the page as drawn --------------------------------------------------------------------------

const page = { width: 612, height: 792, margin: 54 };
/** Footer lines are drawn below this; content above it. */
const footerTop = 60;

function expectWithinMargins(texts: Drawn[]): void {
  const outside = texts.filter(({ text, x, y, size, font }) => {
    const right = x + font.widthOfTextAtSize(text, size);
    return x < page.margin - 0.01 || right > page.width - page.margin + 0.01 || y + 0.8 * size > page.height - page.margin + 0.01 || y < 30;
  });
  expect(outside.map(({ text, x, y }) => ({ text, x, y }))).toEqual([]);
}

const footers = (texts: Drawn[]) => texts.filter((t) => t.y < footerTop);
const content = (texts: Drawn[]) => texts.filter((t) => t.y >= footerTop);
const joined = (texts: Drawn[]) => texts.map((t) => t.text).join('\n');

// ---- tests ----------------------------------------------------------------------------------------

describe('renderEstimatePdf, 3 options × 10 lines', () => {
  let input: EstimatePdfInput;
  let unsigned: Awaited<ReturnType<typeof renderObserved>>;
  let doc: PDFDocument;

  beforeAll(async () => {
    input = sampleEstimatePdfInput();
    unsigned = await renderObserved(input);
    doc = await PDFDocument.load(unsigned.pdf, { updateMetadata: false });
  });

  it('is a PDF with pages, titled after the estimate, dated from the input', () => {
    expect(Buffer.from(unsigned.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('Estimate E-1042');
    expect(doc.getProducer()).toBe('Field Service Portal estimate renderer (pdf-lib)');
    expect(doc.getCreator()).toBe('Field Service Portal');
    expect(doc.getCreationDate()?.toISOString()).toBe(input.estimate.sentAt);
    expect(doc.getModificationDate()?.toISOString()).toBe(input.estimate.sentAt);
    for (const p of doc.getPages()) expect(p.getSize()).toEqual({ width: 612, height: 792 });
  });

  it('embeds DejaVu Sans, regular and bold, as font files (subset)', () => {
    const names = baseFonts(doc);
    expect(names.filter((n) => /DejaVuSans-\d/.test(n))).not.toHaveLength(0);
    expect(names.filter((n) => /DejaVuSans-Bold/.test(n))).not.toHaveLength(0);
    expect(names.every((n) => n.includes('DejaVu'))).toBe(true); // no standard (WinAnsi) font
    const fontFiles = objectsOf(doc).map(dictOf).filter((d) => d && nameIn(d, 'Type') === '/FontDescriptor' && d.get(PDFName.of('FontFile2')));
    expect(fontFiles).toHaveLength(2);
    // Subset: far smaller than the two TTF files (1.4 MB).
    expect(unsigned.pdf.length).toBeLessThan(150_000);
  });

  it('prints the header, the options with their totals and deposits, and the terms, Unicode included', () => {
    const text = joined(content(unsigned.texts));
    expect(text).toContain('Müller & Søn Heating and Air');
    expect(text).toContain('(312) 555-0142'); // stored as +13125550142
    expect(text).toContain('office@mueller-hvac.example');
    expect(text).toContain('Estimate E-1042');
    expect(text).toContain('Replace the central air conditioner and furnace');
    expect(text).toContain('Prepared for Zofia Łódź-Müller');
    // Dates in the business's zone (America/Chicago): expiresAt is 05:59 UTC on Dec 23.
    expect(text).toContain('Sent Nov 22, 2026');
    expect(text).toContain('Valid until Dec 22, 2026');
    expect(text).toContain('✓ included: refrigerant leak test');
    expect(text).toContain('Permit and inspection fee, City of Łódź Heights');
    expect(text).toContain('Müller Klimatechnik filter rack');
    expect(content(unsigned.texts).filter((t) => t.text === 'Recommended')).toHaveLength(1);
    for (const option of input.estimate.options) {
      expect(text).toContain(option.name);
      for (const amount of [option.subtotal, option.taxAmount, option.total]) expect(text).toContain(formatMoney(amount, 'USD'));
      if (option.deposit !== null) expect(text).toContain(`Deposit due on approval: ${formatMoney(option.deposit, 'USD')}`);
    }
    const deposits = input.estimate.options.filter((o) => o.deposit !== null).length;
    expect(deposits).toBe(2);
    expect(text.match(/Deposit due on approval/g)).toHaveLength(deposits);
    expect(text).toContain('Terms');
    expect(text).toContain('restocking fee');
    expect(text).not.toContain('Approved');
  });

  it('has a footer on every page: estimate, version, page i of n, and the document hash', () => {
    const pages = doc.getPageCount();
    expect(pages).toBeGreaterThan(1); // the sample is long enough to flow
    const foot = footers(unsigned.texts);
    for (let i = 1; i <= pages; i++) expect(foot.map((t) => t.text)).toContain(`Estimate E-1042 · version 2 · page ${i} of ${pages}`);
    expect(foot.filter((t) => t.text === `Document SHA-256: ${input.estimate.documentHash}`)).toHaveLength(pages);
    expect(new Set(foot.map((t) => t.page)).size).toBe(pages);
  });

  it('keeps every line of text inside the page margins, the footer below the content', () => {
    expectWithinMargins(unsigned.texts);
  });

  it('renders the same bytes for the same input, whatever the clock says', async () => {
    // Only Date is faked (pdf-lib waits on real timers while saving): a year later, same bytes.
    jest.useFakeTimers({
      now: new Date('2027-11-22T15:30:01Z'),
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
    try {
      expect(new Date().getUTCFullYear()).toBe(2027);
      const again = await renderEstimatePdf(sampleEstimatePdfInput());
      expect(Buffer.from(again).equals(Buffer.from(unsigned.pdf))).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('adds the signature block when signed: the image, who, when, how, from where, what', async () => {
    const png = signatureBytes(240, 80);
    const signature = sampleSignature(png);
    const signed = await renderObserved({ ...input, signature });
    const signedDoc = await PDFDocument.load(signed.pdf, { updateMetadata: false });

    expect(signed.pdf.length).toBeGreaterThan(unsigned.pdf.length);
    // The drawing (RGB, 240 × 80) and its alpha channel as a soft mask (an image XObject too).
    const images = imageXObjects(signedDoc);
    const drawing = images.filter((i) => i.dict.get(PDFName.of('SMask')));
    expect(drawing.map((i) => [nameIn(i.dict, 'Width'), nameIn(i.dict, 'Height')])).toEqual([['240', '80']]);
    expect(images).toHaveLength(2);
    expect(imageXObjects(doc)).toHaveLength(0);
    expect(signedDoc.getCreationDate()?.toISOString()).toBe(signature.signedAt);

    // Scaled to fit 200 × 70, proportions kept (240 × 80 → 200 × 66.7).
    expect(signed.images).toHaveLength(1);
    expect(signed.images[0]!.width).toBeCloseTo(200, 5);
    expect(signed.images[0]!.height).toBeCloseTo(200 / 3, 5);

    const text = joined(content(signed.texts));
    expect(text).toContain('✓ Approved: Better: 16 SEER2 two-stage');
    expect(text).toContain('Signed by Zofia Łódź-Müller');
    expect(text).toMatch(/Signed Nov 24, 2026, 4:04\sPM CST/); // 22:04 UTC in Chicago
    expect(text).toContain('Signed from the estimate link');
    expect(text).toContain('IP address 203.0.113.7');
    expect(text).toContain(`Document signed (SHA-256): ${signature.documentHash}`);
    expectWithinMargins(signed.texts);
  });

  it('signed in a session, without an image or an IP: says so and leaves them out', async () => {
    const signed = await renderObserved({ ...input, signature: { ...sampleSignature(null), via: 'session', ip: null } });
    const signedDoc = await PDFDocument.load(signed.pdf, { updateMetadata: false });
    expect(imageXObjects(signedDoc)).toHaveLength(0);
    const text = joined(signed.texts);
    expect(text).toContain('Signed in to the customer portal');
    expect(text).not.toContain('IP address');
    // Signed by typing: said in words, with the typed text, instead of a drawing.
    expect(text).toContain('Signed by typing their name: Zofia Łódź-Müller');
    expect(text).not.toContain('Signed by Zofia');
    // A drawing that came with a typed signature is not the signature: never printed as one.
    const typedWithImage = await renderObserved({ ...input, signature: { ...sampleSignature(signatureBytes(240, 80)), method: 'typed', typed: 'Z. Łódź-Müller' } });
    expect(typedWithImage.images).toHaveLength(0);
    expect(joined(typedWithImage.texts)).toContain('Signed by typing their name: Z. Łódź-Müller\nName given: Zofia Łódź-Müller');
  });

  it('renders 3 × 10 in well under a second once warm (a sanity bound, not a benchmark)', async () => {
    await renderEstimatePdf(input);
    const start = performance.now();
    await renderEstimatePdf(input);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('renderEstimatePdf, text that does not fit', () => {
  it('wraps long names, breaks unbreakable words, flows a row taller than a page, shrinks huge amounts', async () => {
    const input = sampleEstimatePdfInput();
    const word = 'Supercalifragilisticexpialidocious'.repeat(6);
    input.business.name = `Müller & Søn Heating, Air Conditioning, Plumbing and Electrical of Greater Łódź ${word}`;
    input.estimate.currency = 'EUR';
    input.estimate.options[0]!.name = `Option ${word}`;
    input.estimate.options[0]!.lines[2]!.description = 'Many words in one line item. '.repeat(250) + word + '\n\tTabbed\r\nCRLF';
    Object.assign(input.estimate.options[0]!.lines[3]!, { quantity: 1234567.125, unitAmount: 123456789012, amount: 123456789012345 });
    input.estimate.options[1]!.lines = [];
    input.estimate.terms = `${input.estimate.terms.repeat(4)} https://example.com/${'x'.repeat(300)}`;
    input.signature = { ...sampleSignature(signatureBytes(20, 400)), name: `Jürgen ${word}` };

    const { pdf, texts, images } = await renderObserved(input);
    const doc = await PDFDocument.load(pdf);
    expectWithinMargins(texts);
    expect(doc.getPageCount()).toBeGreaterThan(4);
    expect(joined(texts)).toContain('€');
    expect(joined(texts)).toContain('No line items.');
    expect(texts.some((t) => t.text.endsWith('(continued)'))).toBe(true); // the long row's table goes on under its header
    // A tall, narrow signature fits the box by its height.
    expect(images[0]!.height).toBeCloseTo(70, 5);
    expect(images[0]!.width).toBeCloseTo(3.5, 5);
  });

  it('refuses a date that is not one instead of printing "Invalid Date"', async () => {
    const input = sampleEstimatePdfInput();
    input.estimate.expiresAt = 'next week';
    await expect(renderEstimatePdf(input)).rejects.toThrow(/estimate\.expiresAt is not a date/);
  });
});

describe('the fonts in a Lambda bundle', () => {
  const tempDirs: string[] = [];
  afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const entrySource = (renderer: string) => `
import { renderEstimatePdf } from ${JSON.stringify(renderer)};
import { sampleEstimatePdfInput } from ${JSON.stringify(path.join(__dirname, 'sample-estimate'))};
export const handler = async () => (await renderEstimatePdf(sampleEstimatePdfInput())).length;
`;
  const runHandler = (dir: string) =>
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(dir, 'index.js'))}).handler().then((n) => console.log(n), (e) => { console.error(e.message); process.exit(3); })`], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('are read from fonts/ beside a bundle that runs without node_modules, and missed loudly when absent', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'estimate-pdf-bundle-'));
    const isolated = fs.mkdtempSync(path.join(os.tmpdir(), 'estimate-pdf-run-'));
    tempDirs.push(work, isolated);
    const entry = path.join(work, 'entry.ts');
    fs.writeFileSync(entry, entrySource(path.join(__dirname, 'render-estimate-pdf')));
    const outDir = path.join(work, 'out');
    await build({ ...esbuildOptionsFor(entry, path.join(outDir, 'index.js')), logLevel: 'silent' });
    expect(copyPdfFonts(outDir).map((f) => path.basename(f)).sort()).toEqual([...pdfFontFiles].sort());

    // Outside the project: require.resolve finds no dejavu-fonts-ttf, only fonts/ can serve.
    fs.cpSync(outDir, isolated, { recursive: true });
    expect(Number(runHandler(isolated).trim())).toBeGreaterThan(10_000);

    fs.rmSync(path.join(isolated, 'fonts'), { recursive: true });
    expect(() => runHandler(isolated)).toThrow(/PDF fonts not found/);
  }, 60_000);

  it('pdfFunctionBundling copies them after bundling (the commands CDK runs), functionBundling does not', () => {
    expect(pdfFunctionBundling.commandHooks).toBeDefined();
    const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'estimate-pdf-hook-'));
    tempDirs.push(outputDir);
    const projectRoot = path.resolve(__dirname, '..', '..', '..');
    const commands = pdfFunctionBundling.commandHooks!.afterBundling(projectRoot, outputDir);
    execFileSync('bash', ['-c', commands.join(' && ')]);
    expect(fs.readdirSync(path.join(outputDir, 'fonts')).sort()).toEqual([...pdfFontFiles].sort());
    const { commandHooks, ...rest } = pdfFunctionBundling;
    expect(rest).toEqual(functionBundling);
    expect(functionBundling.commandHooks).toBeUndefined();
  });
});


// ---- the customer's language ------------------------------------------------------------------

describe('renderEstimatePdf in Spanish', () => {
  it('writes every word from the es catalog, dates and money the Spanish way, and says so in /Lang and the title', async () => {
    const input = { ...sampleEstimatePdfInput(), language: 'es' as const };
    const { pdf, texts } = await renderObserved({ ...input, signature: sampleSignature(null) });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const text = joined(texts);
    const money = (amount: number) => formatFor('es').money({ amount, currency: 'USD' });
    expect(doc.getTitle()).toBe('Presupuesto E-1042');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(es-US)');
    for (const words of ['Presupuesto E-1042', 'Preparado para Zofia Łódź-Müller', 'Enviado el 22 nov 2026', 'Válido hasta el 22 dic 2026', 'Descripción', 'Cant.', 'Precio unitario', 'Importe', 'Recomendada', 'Impuestos', 'Términos y condiciones', '✓ Aprobado: Better: 16 SEER2 two-stage', 'Firmado escribiendo su nombre: Zofia Łódź-Müller', 'Firmado desde el enlace del presupuesto', 'Dirección IP 203.0.113.7']) {
      expect(text).toContain(words);
    }
    expect(text).toContain(`Depósito a pagar al aprobar: ${money(input.estimate.options[1]!.deposit!)}`);
    expect(text).toMatch(/Firmado el 24 nov 2026, 4:04\sp\.\s?m\.\sCST/);
    expect(footers(texts).map((t) => t.text)).toContain(`Presupuesto E-1042 · versión 2 · página 1 de ${doc.getPageCount()}`);
    // Nothing left in English (the business's own words, the options' names and lines, stay as written).
    for (const english of ['Estimate', 'Prepared for', 'Valid until', 'Unit price', 'Deposit due', 'Terms', 'Signed', 'page 1 of']) expect(text).not.toContain(english);
  });
});

// ---- tagged: structure, reading order, title and language -------------------------------------

/** The structure tree in reading order: each element's type (its kids indented), as a list of lines. */
function structureOf(doc: PDFDocument): string[] {
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const out: string[] = [];
  const walk = (ref: unknown, depth: number) => {
    const element = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (!(element instanceof PDFDict) || nameIn(element, 'Type') !== '/StructElem') return;
    out.push(`${'  '.repeat(depth)}${nameIn(element, 'S')!.slice(1)}`);
    const kids = element.lookup(PDFName.of('K'));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) walk(kid, depth + 1);
  };
  walk(root.get(PDFName.of('K')), 0);
  return out;
}

/** A page's content operators, one a line, inflated. */
function contentOf(doc: PDFDocument, page: PDFPage): string[] {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  return streams.flatMap((stream) => Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('latin1').split('\n'));
}

describe('renderEstimatePdf, tagged', () => {
  let doc: PDFDocument;
  beforeAll(async () => {
    doc = await PDFDocument.load(await renderEstimatePdf({ ...sampleEstimatePdfInput(), signature: sampleSignature(signatureBytes(240, 80)) }), { updateMetadata: false });
  });

  it('is marked, says its language, shows its title, and has the XMP title', () => {
    expect(doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(en-US)');
    expect(doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).get(PDFName.of('DisplayDocTitle'))?.toString()).toBe('true');
    const xmp = Buffer.from((doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream).getContents()).toString('utf8');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Estimate E-1042</rdf:li>');
    for (const page of doc.getPages()) expect(page.node.get(PDFName.of('Tabs'))?.toString()).toBe('/S');
  });

  it('reads in order: the letterhead, the H1, each option as an H2 and its table (header cells, rows, totals), the terms, the signature', () => {
    const tree = structureOf(doc);
    const top = tree.filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim());
    expect(top.slice(0, 6)).toEqual(['P', 'P', 'H1', 'P', 'P', 'P']);
    expect(top.filter((t) => t === 'H1')).toHaveLength(1);
    expect(top.filter((t) => t === 'Table')).toHaveLength(3);
    expect(top.filter((t) => t === 'Figure')).toHaveLength(1);
    // Per option: (marker) H2, P (description), Table; then H2 Terms with its paragraphs; the signature's H2 last.
    const headings = top.map((t, i) => [t, i] as const).filter(([t]) => t === 'H2').map(([, i]) => i);
    expect(headings).toHaveLength(5);
    for (const h of headings.slice(0, 3)) expect(top.slice(h, h + 3)).toEqual(['H2', 'P', 'Table']);
    expect(top.slice(-7)).toEqual(['H2', 'P', 'Figure', 'P', 'P', 'P', 'P']);
    const table = tree.join('\n').split('\n  Table\n')[1]!.split('\n  H2')[0]!;
    expect(table.match(/^ {6}TR$/gm)).toHaveLength(1 + 10 + 3); // header, 10 lines, subtotal/tax/total
    expect(table.match(/^ {8}TH$/gm)).toHaveLength(4 + 3);
    expect(table.match(/^ {8}TD$/gm)).toHaveLength(10 * 4 + 3);
  });

  it('tags or marks as artifact everything drawn, and each MCID is owned once through the parent tree', () => {
    const parentTree = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    for (const page of doc.getPages()) {
      let depth = 0;
      let mcids = 0;
      const outside: string[] = [];
      for (const op of contentOf(doc, page)) {
        if (/ BDC$/.test(op)) mcids++;
        if (/ (BDC|BMC)$/.test(op)) depth++;
        else if (op === 'EMC') depth--;
        else if (depth === 0 && /(^BT$| Do$| l$)/.test(op)) outside.push(op);
      }
      expect({ outside, depth }).toEqual({ outside: [], depth: 0 });
      const key = (page.node.get(PDFName.of('StructParents')) as PDFNumber).asNumber();
      const owners = parentTree.lookup(parentTree.asArray().findIndex((n, i) => i % 2 === 0 && (n as PDFNumber).asNumber() === key) + 1, PDFArray);
      expect(owners.size()).toBe(mcids);
    }
  });

  it('gives the drawn signature its alternative text', () => {
    const figures = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && nameIn(o, 'S') === '/Figure');
    expect(figures).toHaveLength(1);
    expect(figures[0]!.lookup(PDFName.of('Alt'))).toBeDefined();
    expect((figures[0]!.lookup(PDFName.of('Alt')) as unknown as { decodeText(): string }).decodeText()).toBe('Signature drawn by Zofia Łódź-Müller');
  });
});

// ---- page breaks in a table ---------------------------------------------------------------------

describe('renderEstimatePdf, a table across a page break', () => {
  it('never leaves one row alone at a page foot, and the last row stays with the totals, wherever the break falls', async () => {
    const checked: string[] = [];
    // Push the tables down a line at a time, so the break falls after every row in turn.
    for (let extra = 0; extra < 44; extra += 1) {
      const input = sampleEstimatePdfInput();
      input.estimate.options = input.estimate.options.slice(0, 2).map((option, o) => ({
        ...option,
        lines: option.lines.slice(0, o === 0 ? 2 : 6).map((line, i) => ({ ...line, description: `Row ${o}.${i} ${line.description}` })),
      }));
      input.estimate.options[0]!.description = Array.from({ length: 20 + extra }, (_, i) => `Note ${i}`).join('\n');
      const { texts } = await renderObserved(input);
      for (const [o, option] of input.estimate.options.entries()) {
        const pageOfRow = option.lines.map((_, i) => texts.find((t) => t.text.startsWith(`Row ${o}.${i} `))!.page);
        const subtotalPage = texts.filter((t) => t.text === 'Subtotal')[o]!.page;
        const rowsOn = (page: PDFPage) => pageOfRow.filter((p) => p === page).length;
        for (const page of new Set(pageOfRow)) {
          // A page the table breaks from holds at least two of its rows.
          if (page !== subtotalPage) expect({ extra, option: o, twoOrMoreRows: rowsOn(page) >= 2 }).toEqual({ extra, option: o, twoOrMoreRows: true });
        }
        expect({ extra, option: o, lastRowWithTotals: pageOfRow[pageOfRow.length - 1] === subtotalPage }).toEqual({ extra, option: o, lastRowWithTotals: true });
        if (new Set(pageOfRow).size > 1) checked.push(`${extra}:${o}`);
      }
    }
    // The sweep did break tables (else it proved nothing).
    expect(checked.length).toBeGreaterThan(5);
  }, 60_000);
});

describe('renderEstimatePdf, with the business logo', () => {
  test("a PNG logo (uploaded and checked: rule 73) is drawn above the business's name, as a decorative artifact; the text stays the same", async () => {
    const input = sampleEstimatePdfInput();
    const plain = await PDFDocument.load(await renderEstimatePdf(input), { updateMetadata: false });
    const logo = demoPng(360, 96, [11, 92, 173]);
    const withLogo = await PDFDocument.load(await renderEstimatePdf({ ...input, business: { ...input.business, logo: { type: 'png', bytes: logo } } }), { updateMetadata: false });
    expect(imageXObjects(plain)).toHaveLength(0);
    expect(imageXObjects(withLogo).map((i) => [nameIn(i.dict, 'Width'), nameIn(i.dict, 'Height')])).toEqual([['360', '96']]);
    expect(withLogo.getPageCount()).toBe(plain.getPageCount());
  });
});
