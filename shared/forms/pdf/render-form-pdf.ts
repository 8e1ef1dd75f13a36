/**
 * A submitted form as a PDF, on the estimate PDF's own path (shared/estimates/pdf): the same
 * embedded fonts, tagging, flow and metadata, so it prints any name and reads out in order. The
 * business, the form's title and intro, then every field shown for these answers, in order: a
 * section heading as a heading, a question as its label and the answer, a drawn signature as a
 * figure with its alternative text. A footer names the form, its version and the page.
 *
 * The same input gives the same bytes (the date is the submission's).
 *
 * The embedded font (DejaVu Sans) has no CJK glyphs, and pdf-lib neither shapes Arabic nor orders
 * right-to-left text: drawn as is, Chinese, Japanese or Korean would come out as empty boxes and
 * Arabic or Hebrew as unjoined letters in reverse, with no sign that anything is wrong (pdf-lib
 * does not throw: a missing glyph is drawn as the font's .notdef). So every run of characters the
 * font cannot draw, or that is written right to left, is drawn as one visible marker (U+FFFD), and
 * the document then says, under its heading, that some characters could not be shown and that the
 * submission in the portal holds the exact answers. A CJK font is too big to bundle (docs/performance.md).
 */
import type { PDFImage } from 'pdf-lib';
import type { FormDefinition } from '../../contract/forms';
import { shownFieldIds } from '../../contract/forms';
import type { Language } from '../../contract/i18n/languages';
import { formatPhone } from '../../contract/phone';
import { wordsFor } from '../../i18n/translator';
import {
  colors,
  contentWidth,
  documentDateTime,
  footerLine1Y,
  footerLine2Y,
  footerRuleY,
  instant,
  marginX,
  openPdf,
  signatureBox,
  sizeToFit,
  type TextStyle,
} from '../../estimates/pdf/render-estimate-pdf';
import { answerText } from '../views';

export interface FormPdfInput {
  language: Language;
  business: { name: string; contactPhone: string | null; contactEmail: string | null; timeZone: string };
  customer: { name: string };
  form: { version: number; definition: FormDefinition };
  submission: { id: string; submittedAt: string; answers: Record<string, unknown> };
  /** The drawn signatures' PNGs, by field id. */
  signatureImages: Record<string, Uint8Array | null>;
}

export const formPdfFileName = (language: Language, title: string): string => wordsFor(language).t('pdf.form.fileName', { title: title.replace(/[\\/:*?"<>|]+/g, ' ').slice(0, 80) });

/** Stands for a run of characters this PDF cannot draw faithfully. */
export const unshownMarker = '\uFFFD';

/** Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…, their presentation forms, and the historic ones). */
const rightToLeft = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

let drawable: ReadonlySet<number> | null = null;
/** The characters both embedded fonts have (the same files for every document: read once). */
function drawableBy(fonts: { regular: { getCharacterSet(): number[] }; bold: { getCharacterSet(): number[] } }): ReadonlySet<number> {
  if (!drawable) {
    const bold = new Set(fonts.bold.getCharacterSet());
    drawable = new Set(fonts.regular.getCharacterSet().filter((c) => bold.has(c)));
  }
  return drawable;
}

/** `text` as this PDF can draw it: each run of characters it cannot (see above) is one marker. */
export function drawableText(text: string, can: ReadonlySet<number>): { text: string; lost: boolean } {
  let out = '';
  let lost = false;
  let inRun = false;
  for (const ch of text) {
    const ok = can.has(ch.codePointAt(0)!) && !rightToLeft.test(ch);
    if (ok) out += ch;
    else if (!inRun) out += unshownMarker;
    if (!ok) lost = true;
    inRun = !ok;
  }
  return { text: out, lost };
}

export async function renderFormPdf(input: FormPdfInput): Promise<Uint8Array> {
  const first = await render(input, false);
  // Something could not be shown: drawn again, saying so at the top (a rare case, so the common one renders once).
  return first.lost ? (await render(input, true)).bytes : first.bytes;
}

async function render(input: FormPdfInput, sayUnshown: boolean): Promise<{ bytes: Uint8Array; lost: boolean }> {
  const { business, form, submission } = input;
  const { t, f } = wordsFor(input.language);
  const date = instant(submission.submittedAt, 'submission.submittedAt');
  const title = form.definition.title;
  const { pdf, fonts, flow } = await openPdf({ language: input.language, title, subject: form.definition.intro.split('\n')[0] ?? '', author: business.name, date });
  const doc = flow.tags.document;
  const can = drawableBy(fonts);
  let lost = false;
  /** Every text drawn goes through here (see the top). */
  const drawn = (text: string): string => {
    const d = drawableText(text, can);
    lost ||= d.lost;
    return d.text;
  };
  const block = (tag: Parameters<typeof flow.block>[1], text: string, style: Parameters<typeof flow.block>[3]) => flow.block(doc, tag, drawn(text), style);
  const label: TextStyle = { font: fonts.bold, size: 10.5, lineHeight: 14 };
  const answer: TextStyle = { font: fonts.regular, size: 10.5, lineHeight: 14.5 };
  const muted: TextStyle = { font: fonts.regular, size: 10.5, color: colors.muted, lineHeight: 14.5 };

  block('P', business.name, { font: fonts.bold, size: 18 });
  const contacts = [business.contactPhone && formatPhone(business.contactPhone), business.contactEmail].filter((c): c is string => !!c && c.trim() !== '');
  if (contacts.length) block('P', contacts.join('  ·  '), { font: fonts.regular, size: 9.5, color: colors.muted });
  flow.gap(8);
  flow.rule();
  flow.gap(14);
  block('H1', title, { font: fonts.bold, size: 15 });
  block('P', t('pdf.form.submitted', { name: input.customer.name, when: f.dateTimeFormat(business.timeZone, documentDateTime).format(date) }), { font: fonts.regular, size: 10, color: colors.muted });
  if (sayUnshown) {
    flow.gap(6);
    block('P', t('pdf.form.unshown'), { font: fonts.bold, size: 10, lineHeight: 13.5 });
  }
  if (form.definition.intro.trim()) {
    flow.gap(6);
    for (const paragraph of form.definition.intro.split('\n')) if (paragraph.trim()) block('P', paragraph, { font: fonts.regular, size: 10 });
  }

  const shown = shownFieldIds(form.definition, submission.answers);
  for (const field of form.definition.fields) {
    if (!shown.has(field.id)) continue;
    if (field.kind === 'section') {
      flow.gap(14);
      flow.ensure(40);
      block('H2', field.label, { font: fonts.bold, size: 13, lineHeight: 17 });
      continue;
    }
    flow.gap(9);
    flow.ensure(label.lineHeight! + answer.lineHeight!);
    block('P', field.label, label);
    const value = submission.answers[field.id];
    const png = input.signatureImages[field.id];
    if (field.kind === 'signature' && png) {
      const image: PDFImage = await pdf.embedPng(png);
      const scale = Math.min(signatureBox.width / image.width, signatureBox.height / image.height);
      const box = { width: image.width * scale, height: image.height * scale };
      flow.ensure(box.height + 20);
      const name = (value as { name?: string } | undefined)?.name ?? input.customer.name;
      const figure = flow.tags.element('Figure', doc, { alt: t('pdf.form.signatureAlt', { name }) });
      flow.tags.content(flow.page, figure, () => flow.page.drawImage(image, { x: marginX, y: flow.y - box.height, width: box.width, height: box.height }));
      flow.y -= box.height + 4;
      block('P', name, answer);
      continue;
    }
    const text = answerText(field, value, { yes: t('pdf.form.yes'), no: t('pdf.form.no') });
    if (text === null) block('P', t('pdf.form.noAnswer'), muted);
    else for (const line of text.split('\n')) block('P', line, answer);
  }

  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    flow.tags.artifact(page, () => {
      page.drawLine({ start: { x: marginX, y: footerRuleY }, end: { x: marginX + contentWidth, y: footerRuleY }, thickness: 0.5, color: colors.rule });
      const lines = [
        [t('pdf.form.footer', { title, version: form.version, page: i + 1, pages: total }), 8, footerLine1Y],
        [t('pdf.form.reference', { id: submission.id }), 7, footerLine2Y],
      ] as const;
      for (const [said, size, y] of lines) {
        const text = drawn(said);
        page.drawText(text, { x: marginX, y, size: sizeToFit(text, fonts.regular, size, contentWidth), font: fonts.regular, color: colors.muted });
      }
    });
  });
  flow.tags.finish(flow.pages);
  return { bytes: await pdf.save(), lost };
}
