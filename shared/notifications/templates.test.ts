/**
 * Every message the portal sends, rendered in every language: written from the catalogs, with
 * dates and times in the business's zone the way the language writes them, never a raw ISO date.
 */
import { LANGUAGES, type Language } from '../contract/i18n/languages';
import type { OutgoingMessage } from './port';
import {
  duplicateRefundNotice,
  estimateApprovedMessage,
  estimateLinkMessage,
  invoicePayLinkMessage,
  jobMessageNotice,
  onMyWayMessage,
  paymentFailedNotice,
  paymentReceipt,
  signInLinkMessage,
  visitBookedMessage,
} from './templates';

beforeAll(() => jest.useFakeTimers({ now: new Date('2026-12-06T15:00:00Z'), doNotFake: ['setTimeout', 'setImmediate', 'nextTick'] }));
afterAll(() => jest.useRealTimers());

const channels = ['email', 'sms'] as const;
const url = 'https://portal.example.com/acme/x#token=abc';
const who = (language: Language) => ({ businessName: 'Acme Plumbing', customerName: 'Jordan Rivera', language, timeZone: 'America/Chicago' });
const to = (channel: 'email' | 'sms') => (channel === 'email' ? 'jordan@example.com' : '+15555550123');

/** Each template with inputs that exercise its dates, amounts and plurals. */
const templates: Record<string, (language: Language, channel: 'email' | 'sms') => OutgoingMessage> = {
  signInLink: (language, channel) => signInLinkMessage({ ...who(language), contact: { channel, address: to(channel) }, url, validMinutes: 15 }),
  jobMessage: (language, channel) => jobMessageNotice({ ...who(language), channel, to: to(channel), jobNumber: 'J-1041', jobTitle: 'Water heater', text: 'We arrive at 9.', url }),
  refund: (language, channel) => duplicateRefundNotice({ ...who(language), channel, to: to(channel), amount: 1500, currency: 'USD', invoiceNumber: 'INV-1', url }),
  receipt: (language, channel) =>
    paymentReceipt({ ...who(language), channel, to: to(channel), amount: 25000, currency: 'USD', method: 'card', invoices: [{ number: 'INV-1', amount: 20000 }, { number: 'INV-2', amount: 5000 }], url }),
  receiptCash: (language, channel) => paymentReceipt({ ...who(language), channel, to: to(channel), amount: 8050, currency: 'USD', method: null, invoices: [{ number: 'INV-1', amount: 8050 }], url }),
  paymentFailed: (language, channel) => paymentFailedNotice({ ...who(language), channel, to: to(channel), amount: 25000, currency: 'USD', invoices: [{ number: 'INV-1' }], url }),
  payLink: (language, channel) =>
    invoicePayLinkMessage({ ...who(language), channel, to: to(channel), invoiceNumber: 'INV-1110', balance: 25000, currency: 'USD', dueAt: '2026-12-20T18:00:00.000Z', url }),
  estimateLink: (language, channel) => estimateLinkMessage({ ...who(language), channel, to: to(channel), estimateNumber: 'E-2001', title: 'New furnace', expiresAt: '2026-12-31T23:00:00.000Z', url }),
  onMyWay: (language, channel) => onMyWayMessage({ ...who(language), channel, to: to(channel), technicianName: 'Dev Okafor', jobTitle: 'Water heater', url }),
  approved: (language, channel) =>
    estimateApprovedMessage({
      ...who(language),
      channel,
      to: to(channel),
      estimateNumber: 'E-2001',
      title: 'New furnace',
      optionName: 'Better',
      total: { amount: 480000, currency: 'USD' },
      deposit: { amount: 48000, currency: 'USD' },
      approvedAt: '2026-12-06T20:30:00.000Z',
      url,
    }),
  booked: (language, channel) =>
    visitBookedMessage({
      ...who(language),
      channel,
      to: to(channel),
      title: 'New furnace',
      window: { start: '2026-12-14T15:00:00.000Z', end: '2026-12-14T17:00:00.000Z' },
      url,
      calendar: (summary) => ({ filename: 'visit.ics', contentType: 'text/calendar', content: summary }),
    }),
};

const cases = Object.keys(templates).flatMap((name) => LANGUAGES.flatMap((language) => channels.map((channel) => [name, language, channel] as const)));

describe.each(cases)('%s in %s by %s', (name, language, channel) => {
  const message = templates[name]!(language, channel);
  const everything = [message.subject ?? '', message.text].join('\n');

  test('no raw ISO date or time, no key, no unfilled placeholder', () => {
    expect(everything).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(everything).not.toMatch(/\b(email|sms)\.[a-zA-Z]+/);
    expect(everything).not.toMatch(/[{}]/);
  });

  test('the channel it was asked for, the link in full, a one-line subject for email', () => {
    expect(message.channel).toBe(channel);
    if (name !== 'receiptCash' && name !== 'refund' && name !== 'receipt' && name !== 'paymentFailed') expect(message.text).toContain(url);
    if (channel === 'email') expect(message.subject).not.toMatch(/[\r\n]/);
    else expect(message.subject).toBeUndefined();
  });
});

test('English reads as before, with dates the way the portal writes them', () => {
  expect(templates.payLink!('en', 'email').text).toContain('Acme Plumbing sent you invoice INV-1110: $250.00 to pay by Sun, Dec 20.');
  expect(templates.estimateLink!('en', 'email').text).toContain('It is valid until Thu, Dec 31.');
  expect(templates.receipt!('en', 'email').text).toContain('Thank you: Acme Plumbing received your payment of $250.00 by card.\n\n  Invoice INV-1: $200.00\n  Invoice INV-2: $50.00');
  expect(templates.receipt!('en', 'sms').text).toContain('for invoices INV-1, INV-2.');
  expect(templates.receiptCash!('en', 'sms').text).toContain('$80.50 for invoice INV-1.');
  expect(templates.signInLink!('en', 'email')).toMatchObject({ subject: 'Your sign-in link for Acme Plumbing', text: expect.stringMatching(/^Hi Jordan,\n\nOpen this link/) });
  expect(templates.booked!('en', 'email')).toMatchObject({ subject: 'Your visit with Acme Plumbing: Mon, Dec 14 · 9:00\u00a0AM – 11:00\u00a0AM' });
});

test('a Spanish customer reads natural Spanish, with dates and times written the Spanish way in the business zone', () => {
  const payLink = templates.payLink!('es', 'email');
  expect(payLink.subject).toBe('Factura INV-1110 de Acme Plumbing: $250.00');
  expect(payLink.text).toMatch(/^Hola, Jordan:\n\nAcme Plumbing le envió la factura INV-1110: \$250\.00 a pagar a más tardar el dom, 20 de dic\./);
  expect(payLink.text).toContain('Este enlace es solo para usted');
  expect(templates.signInLink!('es', 'sms').text).toBe(`Acme Plumbing: su enlace para iniciar sesión (válido por 15 min): ${url} Si no lo solicitó, ignore este mensaje.`);
  expect(templates.receipt!('es', 'email').text).toContain('Gracias: Acme Plumbing recibió su pago de $250.00 con tarjeta.');
  expect(templates.receipt!('es', 'sms').text).toContain('para las facturas INV-1, INV-2.');
  expect(templates.paymentFailed!('es', 'email').text).toContain('para la factura INV-1 no se procesó');
  expect(templates.booked!('es', 'sms').text).toMatch(/^Acme Plumbing: su visita quedó reservada para el lun, 14 de dic · 9:00\u00a0a\.\s?m\. – 11:00\u00a0a\.\s?m\. \(New furnace\)\. Detalles: /);
  expect(templates.approved!('es', 'email').text).toContain('Gracias: el dom, 6 de dic aprobó Better del presupuesto E-2001 (New furnace), por $4,800.00.');
  expect(templates.approved!('es', 'email').text).toContain('Siguiente paso: pague el depósito de $480.00.');
  expect(templates.booked!('es', 'email').text).toContain('Su visita para New furnace quedó reservada para el:\nlun, 14 de dic');
});
