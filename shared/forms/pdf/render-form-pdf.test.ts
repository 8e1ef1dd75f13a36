/**
 * A submitted form's PDF when an answer is in a script its font cannot draw (DejaVu Sans has no
 * CJK glyphs; pdf-lib neither shapes Arabic nor orders right-to-left text). pdf-lib itself does not
 * throw on such text: it draws the font's .notdef (an empty box) for each missing glyph and Arabic
 * or Hebrew letters unjoined in reverse, silently. The renderer draws a visible marker instead and
 * says so under the heading, pointing to the portal's exact copy.
 */
import { PDFPage } from 'pdf-lib';
import { sampleFormAnswers, sampleFormDefinition } from '../sample-form';
import { type FormPdfInput, renderFormPdf, unshownMarker } from './render-form-pdf';
import { wordsFor } from '../../i18n/translator';

const input = (answers: Record<string, unknown>, language: FormPdfInput['language'] = 'en'): FormPdfInput => ({
  language,
  business: { name: 'Acme Plumbing & Heating', contactPhone: null, contactEmail: null, timeZone: 'America/Chicago' },
  customer: { name: 'Jordan Rivera' },
  form: { version: 1, definition: sampleFormDefinition },
  submission: { id: 'sub_pdftest', submittedAt: '2026-03-01T15:00:00Z', answers: { ...sampleFormAnswers, signature: { name: 'Jordan Rivera', method: 'typed', typed: 'Jordan Rivera', imageHash: null }, ...answers } },
  signatureImages: {},
});

/** Renders, recording every text drawn on a page. */
async function textsDrawn(form: FormPdfInput): Promise<{ pdf: Uint8Array; texts: string[] }> {
  const drawText = jest.spyOn(PDFPage.prototype, 'drawText');
  try {
    const pdf = await renderFormPdf(form);
    // A second render's texts only, when there are two (the first found something it could not show).
    const calls = drawText.mock.calls.map(([text]) => text);
    const lastStart = calls.lastIndexOf(form.business.name);
    return { pdf, texts: calls.slice(lastStart) };
  } finally {
    drawText.mockRestore();
  }
}

const unshownNotice = (language: FormPdfInput['language']) => wordsFor(language).t('pdf.form.unshown');
const cannotDraw = /[\u0590-\u08FF\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uFF00-\uFFEF]/u;

test.each([
  ['Chinese', '请从侧门进入，密码1234', '\uFFFD1234'],
  ['Japanese', '側面の門から入ってください', '\uFFFD'],
  ['Korean', '옆문으로 들어오세요', '\uFFFD \uFFFD'],
  ['Arabic', 'ادخل من البوابة 12', '\uFFFD \uFFFD \uFFFD 12'],
  ['Hebrew', 'היכנסו דרך השער', '\uFFFD \uFFFD \uFFFD'],
  ['an emoji among Latin words', 'Side gate 🐕 beware', 'Side gate \uFFFD beware'],
])('an answer in %s: no crash, nothing dropped silently: each run it cannot draw is a marker, and the PDF says the portal has the exact text', async (_script, access, expected) => {
  const { pdf, texts } = await textsDrawn(input({ access }));
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  expect(texts).toContain(expected);
  expect(texts.some((t) => cannotDraw.test(t))).toBe(false);
  // The notice, once, near the top (wrapped over lines: its words are all there, in order).
  const all = texts.join(' ');
  expect(all.replace(/\s+/g, ' ')).toContain(unshownNotice('en').replace(/\s+/g, ' '));
  expect(all.indexOf('Some characters')).toBeLessThan(all.indexOf(expected));
  expect(all).toContain(unshownMarker);
});

test('in Spanish, the notice is in Spanish; a form all in Latin letters (accents included) has none and renders once', async () => {
  const spanish = await textsDrawn(input({ access: '请从侧门进入' }, 'es'));
  expect(spanish.texts.join(' ').replace(/\s+/g, ' ')).toContain(unshownNotice('es').replace(/\s+/g, ' '));
  const drawText = jest.spyOn(PDFPage.prototype, 'drawText');
  try {
    await renderFormPdf(input({ access: 'Puerta lateral, código 1234 — señal «Ñandú» ¿sí?' }));
    const texts = drawText.mock.calls.map(([text]) => text);
    expect(texts.filter((t) => t === 'Acme Plumbing & Heating')).toHaveLength(1);
    expect(texts).toContain('Puerta lateral, código 1234 — señal «Ñandú» ¿sí?');
    expect(texts.join(' ')).not.toContain(unshownMarker);
  } finally {
    drawText.mockRestore();
  }
});

test('a question\'s label or the title in a script it cannot draw is marked the same way', async () => {
  const form = input({});
  form.form = { version: 1, definition: { ...sampleFormDefinition, title: '上門前 Before your visit', fields: sampleFormDefinition.fields.map((f) => (f.id === 'access' ? { ...f, label: 'كيف ندخل؟ How do we get in?' } : f)) } };
  const { texts } = await textsDrawn(form);
  expect(texts).toContain('\uFFFD Before your visit');
  expect(texts).toContain('\uFFFD \uFFFD How do we get in?');
  expect(texts.join(' ')).toContain('Some characters');
});
