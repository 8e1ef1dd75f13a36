/**
 * A submitted form as a PDF, on the estimate PDF's own path (shared/estimates/pdf): the same
 * embedded fonts, tagging, flow and metadata, so it prints any name and reads out in order. The
 * business, the form's title and intro, then every field shown for these answers, in order: a
 * section heading as a heading, a question as its label and the answer, a drawn signature as a
 * figure with its alternative text. A footer names the form, its version and the page.
 *
 * The same input gives the same bytes (the date is the submission's).
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

export async function renderFormPdf(input: FormPdfInput): Promise<Uint8Array> {
  const { business, form, submission } = input;
  const { t, f } = wordsFor(input.language);
  const date = instant(submission.submittedAt, 'submission.submittedAt');
  const title = form.definition.title;
  const { pdf, fonts, flow } = await openPdf({ language: input.language, title, subject: form.definition.intro.split('\n')[0] ?? '', author: business.name, date });
  const doc = flow.tags.document;
  const label: TextStyle = { font: fonts.bold, size: 10.5, lineHeight: 14 };
  const answer: TextStyle = { font: fonts.regular, size: 10.5, lineHeight: 14.5 };
  const muted: TextStyle = { font: fonts.regular, size: 10.5, color: colors.muted, lineHeight: 14.5 };

  flow.block(doc, 'P', business.name, { font: fonts.bold, size: 18 });
  const contacts = [business.contactPhone && formatPhone(business.contactPhone), business.contactEmail].filter((c): c is string => !!c && c.trim() !== '');
  if (contacts.length) flow.block(doc, 'P', contacts.join('  ·  '), { font: fonts.regular, size: 9.5, color: colors.muted });
  flow.gap(8);
  flow.rule();
  flow.gap(14);
  flow.block(doc, 'H1', title, { font: fonts.bold, size: 15 });
  flow.block(doc, 'P', t('pdf.form.submitted', { name: input.customer.name, when: f.dateTimeFormat(business.timeZone, documentDateTime).format(date) }), { font: fonts.regular, size: 10, color: colors.muted });
  if (form.definition.intro.trim()) {
    flow.gap(6);
    for (const paragraph of form.definition.intro.split('\n')) if (paragraph.trim()) flow.block(doc, 'P', paragraph, { font: fonts.regular, size: 10 });
  }

  const shown = shownFieldIds(form.definition, submission.answers);
  for (const field of form.definition.fields) {
    if (!shown.has(field.id)) continue;
    if (field.kind === 'section') {
      flow.gap(14);
      flow.ensure(40);
      flow.block(doc, 'H2', field.label, { font: fonts.bold, size: 13, lineHeight: 17 });
      continue;
    }
    flow.gap(9);
    flow.ensure(label.lineHeight! + answer.lineHeight!);
    flow.block(doc, 'P', field.label, label);
    const value = submission.answers[field.id];
    const png = input.signatureImages[field.id];
    if (field.kind === 'signature' && png) {
      const image: PDFImage = await pdf.embedPng(png);
      const scale = Math.min(signatureBox.width / image.width, signatureBox.height / image.height);
      const drawn = { width: image.width * scale, height: image.height * scale };
      flow.ensure(drawn.height + 20);
      const name = (value as { name?: string } | undefined)?.name ?? input.customer.name;
      const figure = flow.tags.element('Figure', doc, { alt: t('pdf.form.signatureAlt', { name }) });
      flow.tags.content(flow.page, figure, () => flow.page.drawImage(image, { x: marginX, y: flow.y - drawn.height, width: drawn.width, height: drawn.height }));
      flow.y -= drawn.height + 4;
      flow.block(doc, 'P', name, answer);
      continue;
    }
    const text = answerText(field, value, { yes: t('pdf.form.yes'), no: t('pdf.form.no') });
    if (text === null) flow.block(doc, 'P', t('pdf.form.noAnswer'), muted);
    else for (const line of text.split('\n')) flow.block(doc, 'P', line, answer);
  }

  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    flow.tags.artifact(page, () => {
      page.drawLine({ start: { x: marginX, y: footerRuleY }, end: { x: marginX + contentWidth, y: footerRuleY }, thickness: 0.5, color: colors.rule });
      const lines = [
        [t('pdf.form.footer', { title, version: form.version, page: i + 1, pages: total }), 8, footerLine1Y],
        [t('pdf.form.reference', { id: submission.id }), 7, footerLine2Y],
      ] as const;
      for (const [text, size, y] of lines) page.drawText(text, { x: marginX, y, size: sizeToFit(text, fonts.regular, size, contentWidth), font: fonts.regular, color: colors.muted });
    });
  });
  flow.tags.finish(flow.pages);
  return pdf.save();
}
