/**
 * A tagged PDF with pdf-lib: the logical structure (PDF/UA-1's headings, paragraphs, tables,
 * figures, in reading order) that a screen reader follows instead of guessing from positions.
 *
 * pdf-lib draws but does not tag, so this writes what its low-level objects allow:
 *   - every drawing of content is a marked-content sequence (`/P <</MCID n>> BDC … EMC`) that a
 *     structure element points at (a marked-content reference with its page);
 *   - what is not content (rules, the footer, a table's header repeated on a new page, the
 *     "(continued)" line) is an `/Artifact`, so it is not read out;
 *   - at the end: the structure tree root, the parent tree (page → MCID → element), each page's
 *     `/StructParents` and `/Tabs /S`, `/MarkInfo <</Marked true>>`, and `DisplayDocTitle` so a
 *     viewer shows the title rather than the file name. The document language is the catalog's
 *     `/Lang` (renderEstimatePdf sets it with the title).
 * Elements are added in reading order; the order they are drawn in does not matter.
 */
import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, PDFNumber, PDFOperator, PDFOperatorNames, type PDFPage, type PDFRef, endMarkedContent } from 'pdf-lib';

/** The standard structure types this document uses. */
export type StructType = 'Document' | 'H1' | 'H2' | 'P' | 'Table' | 'THead' | 'TBody' | 'TFoot' | 'TR' | 'TH' | 'TD' | 'Figure';

export interface StructElement {
  readonly type: StructType;
  readonly ref: PDFRef;
  readonly dict: PDFDict;
  readonly kids: PDFArray;
}

export class StructureTree {
  readonly document: StructElement;
  /** Per page: its /StructParents key and the element of each MCID on it. */
  private readonly pages = new Map<PDFPage, { key: number; owners: PDFRef[] }>();

  constructor(private readonly doc: PDFDocument) {
    this.document = this.element('Document', null);
  }

  /** A new element, the last child of `parent` (null: the root's one child). */
  element(type: StructType, parent: StructElement | null, attributes: { alt?: string; scope?: 'Column' | 'Row'; colSpan?: number } = {}): StructElement {
    const context = this.doc.context;
    const kids = context.obj([]);
    const dict = context.obj({ Type: 'StructElem', S: type, K: kids });
    if (attributes.alt) dict.set(PDFName.of('Alt'), PDFHexString.fromText(attributes.alt));
    const table: Record<string, unknown> = {};
    if (attributes.scope) table.Scope = attributes.scope;
    if (attributes.colSpan && attributes.colSpan > 1) table.ColSpan = attributes.colSpan;
    if (Object.keys(table).length) dict.set(PDFName.of('A'), context.obj({ O: 'Table', ...table }));
    const ref = context.register(dict);
    if (parent) {
      dict.set(PDFName.of('P'), parent.ref);
      parent.kids.push(ref);
    }
    return { type, ref, dict, kids };
  }

  /** Draws `draw` on `page` as content of `element` (a figure's image, a paragraph's line, a cell's text). */
  content<T>(page: PDFPage, element: StructElement, draw: () => T): T {
    let entry = this.pages.get(page);
    if (!entry) {
      entry = { key: this.pages.size, owners: [] };
      this.pages.set(page, entry);
    }
    const mcid = entry.owners.length;
    entry.owners.push(element.ref);
    element.kids.push(this.doc.context.obj({ Type: 'MCR', Pg: page.ref, MCID: mcid }));
    // The property list is written inline as text: pdf-lib's operator arguments do not take a dictionary.
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(element.type), `<</MCID ${mcid}>>`]));
    const result = draw();
    page.pushOperators(endMarkedContent());
    return result;
  }

  /** Draws `draw` as an artifact: seen, not read (rules, footers, a repeated table header). */
  artifact<T>(page: PDFPage, draw: () => T): T {
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
    const result = draw();
    page.pushOperators(endMarkedContent());
    return result;
  }

  /** Writes the tree into the document: call once, after the last drawing. */
  finish(allPages: readonly PDFPage[]): void {
    const context = this.doc.context;
    const nums: (PDFNumber | PDFArray)[] = [];
    for (const page of allPages) {
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
      const entry = this.pages.get(page);
      if (!entry) continue;
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(entry.key));
      nums.push(PDFNumber.of(entry.key), context.obj(entry.owners));
    }
    const parentTree = context.register(context.obj({ Nums: nums }));
    const root = context.register(context.obj({ Type: 'StructTreeRoot', K: this.document.ref, ParentTree: parentTree, ParentTreeNextKey: this.pages.size }));
    this.document.dict.set(PDFName.of('P'), root);
    this.doc.catalog.set(PDFName.of('StructTreeRoot'), root);
    this.doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
    this.doc.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
  }
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The XMP metadata stream PDF/UA asks for beside the document information: the title (dc:title,
 * which a viewer shows with DisplayDocTitle), the language and the author. It makes no
 * conformance claim (no pdfuaid:part): see docs/accessibility-pdf.md for what was checked.
 */
export function setXmpMetadata(doc: PDFDocument, meta: { title: string; language: string; author: string; producer: string }): void {
  const xmp = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:language><rdf:Bag><rdf:li>${xmlEscape(meta.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<pdf:Producer>${xmlEscape(meta.producer)}</pdf:Producer>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
