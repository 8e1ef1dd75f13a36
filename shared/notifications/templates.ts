/**
 * The words of every message the portal sends. Plain text: it renders everywhere, scanners
 * included. Each customer message is written in `language` (the caller resolves it with
 * `messageLanguageOf`, shared/directory/languages.ts) from the email and sms catalogs
 * (shared/contract/i18n/catalogs/<lang>/email.json, sms.json), and every date, time and amount
 * goes through the one formatter (`formatFor`) in the business's time zone.
 */
import type { Contact } from '../directory/model';
import type { Language } from '../contract/i18n/languages';
import type { TimeWindow } from '../contract/common';
import type { MessageKey } from '../contract/i18n/keys';
import { wordsFor, type Words } from '../i18n/translator';
import type { OutgoingMessage, Attachment } from './port';
// Subjects become a header: whatever a stored name holds, they are one line (rule 57).
import { oneLine } from '../contract/text';

/** Who writes and in which language and zone: what every customer message needs. */
interface Writer {
  businessName: string;
  customerName: string;
  language: Language;
}

/** The business's IANA zone: every date and time in a message is written in it. */
interface Zoned {
  timeZone: string;
}

const firstNameOf = (name: string) => name.split(/\s+/)[0] || name;

/** An email: a greeting, then paragraphs (each a list of lines), with a one-line subject. */
function email(words: Words, input: Writer & { to: string }, subject: string, paragraphs: string[][], attachments?: Attachment[]): OutgoingMessage {
  const text = [[words.t('email.greeting', { firstName: firstNameOf(input.customerName) })], ...paragraphs].map((lines) => lines.join('\n')).join('\n\n');
  return { channel: 'email', to: input.to, subject: oneLine(subject), text, ...(attachments?.length ? { attachments } : {}) };
}

const sms = (to: string, text: string): OutgoingMessage => ({ channel: 'sms', to, text });

export function signInLinkMessage(input: Writer & { contact: Contact; url: string; validMinutes: number }): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, contact, url, validMinutes: minutes } = input;
  if (contact.channel === 'sms') return sms(contact.address, w.t('sms.signIn', { business, minutes, url }));
  return email(w, { ...input, to: contact.address }, w.t('email.signIn.subject', { business }), [
    [w.t('email.signIn.open', { business }), url],
    [w.t('email.signIn.expiry', { minutes })],
  ]);
}

/** The business wrote about a job: the words and a link to the job page (signing in if need be). */
export function jobMessageNotice(input: Writer & { channel: 'email' | 'sms'; to: string; jobNumber: string; jobTitle: string; text: string; url: string }): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, jobNumber: job, url } = input;
  if (input.channel === 'sms') {
    const excerpt = input.text.length > 120 ? `${input.text.slice(0, 117)}…` : input.text;
    return sms(input.to, w.t('sms.jobMessage', { business, excerpt, job, url }));
  }
  return email(w, input, w.t('email.jobMessage.subject', { business, job }), [[w.t('email.jobMessage.intro', { business, title: input.jobTitle, job })], [input.text], [w.t('email.jobMessage.reply'), url]]);
}

/** How a payment was made, as a phrase ("by card"); null for a method the catalogs do not name. */
const paidByKeys: Record<string, MessageKey> = {
  card: 'email.paidBy.card',
  us_bank_account: 'email.paidBy.us_bank_account',
  affirm: 'email.paidBy.affirm',
  klarna: 'email.paidBy.klarna',
  cash: 'email.paidBy.cash',
  check: 'email.paidBy.check',
};
const paidBy = (w: Words, method: string | null): string | null => {
  const key = method ? paidByKeys[method] : undefined;
  return key ? w.t(key) : null;
};

type Money = { amount: number; currency: string };

/** A second payment came on top of a paid invoice: its excess went back to the customer. */
export function duplicateRefundNotice(input: Writer & Money & { channel: 'email' | 'sms'; to: string; invoiceNumber: string; url: string }): OutgoingMessage {
  const w = wordsFor(input.language);
  const amount = w.f.money(input);
  const { businessName: business, invoiceNumber: invoice, url } = input;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.refund', { business, invoice, amount, url }));
  return email(w, input, w.t('email.refund.subject', { business, amount }), [[w.t('email.refund.body', { invoice, business, amount })], [w.t('email.seeInvoices', { url })]]);
}

/** One receipt per payment: what was paid, how, and which invoices it went to. */
export function paymentReceipt(input: Writer & Money & { channel: 'email' | 'sms'; to: string; method: string | null; invoices: { number: string; amount: number }[]; url: string }): OutgoingMessage {
  const w = wordsFor(input.language);
  const amount = w.f.money(input);
  const method = paidBy(w, input.method);
  const { businessName: business, url } = input;
  if (input.channel === 'sms') {
    const values = { business, amount, count: input.invoices.length, invoices: input.invoices.map((i) => i.number).join(', '), url };
    return sms(input.to, method ? w.t('sms.receiptBy', { ...values, method }) : w.t('sms.receipt', values));
  }
  return email(w, input, w.t('email.receipt.subject', { business, amount }), [
    [method ? w.t('email.receipt.thanksBy', { business, amount, method }) : w.t('email.receipt.thanks', { business, amount })],
    input.invoices.map((i) => `  ${w.t('email.receipt.line', { invoice: i.number, amount: w.f.money({ amount: i.amount, currency: input.currency }) })}`),
    [w.t('email.seeInvoices', { url })],
  ]);
}

/** A bank payment did not go through: the invoices are open again. */
export function paymentFailedNotice(input: Writer & Money & { channel: 'email' | 'sms'; to: string; invoices: { number: string }[]; url: string }): OutgoingMessage {
  const w = wordsFor(input.language);
  const amount = w.f.money(input);
  const invoices = input.invoices.map((i) => i.number).join(', ');
  const { businessName: business, url } = input;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.paymentFailed', { business, amount, invoices, url }));
  return email(w, input, w.t('email.paymentFailed.subject', { business }), [[w.t('email.paymentFailed.body', { amount, count: input.invoices.length, invoices })], [w.t('email.paymentFailed.payAgain', { url })]]);
}

/** A link to pay one invoice, without signing in. */
export function invoicePayLinkMessage(input: Writer & Zoned & { channel: 'email' | 'sms'; to: string; invoiceNumber: string; balance: number; currency: string; dueAt: string; url: string }): OutgoingMessage {
  const w = wordsFor(input.language);
  const amount = w.f.money({ amount: input.balance, currency: input.currency });
  const due = w.f.date(input.dueAt, input.timeZone);
  const { businessName: business, invoiceNumber: invoice, url } = input;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.payLink', { business, invoice, amount, due, url }));
  return email(w, input, w.t('email.payLink.subject', { invoice, business, amount }), [[w.t('email.payLink.body', { business, invoice, amount, due })], [w.t('email.payLink.how'), url], [w.t('email.linkIsYours')]]);
}

/** A link to read and decide on one estimate, without signing in. */
export function estimateLinkMessage(input: Writer & Zoned & { channel: 'email' | 'sms'; to: string; estimateNumber: string; title: string; expiresAt: string; url: string }): OutgoingMessage {
  const w = wordsFor(input.language);
  const until = w.f.date(input.expiresAt, input.timeZone);
  const { businessName: business, estimateNumber: estimate, title, url } = input;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.estimateLink', { business, estimate, title, until, url }));
  return email(w, input, w.t('email.estimateLink.subject', { estimate, business, title }), [[w.t('email.estimateLink.body', { business, estimate, title, until })], [w.t('email.estimateLink.how'), url], [w.t('email.linkIsYours')]]);
}

/** A form the business sent to fill in: a link that opens just that form, for 30 days. */
export function formLinkMessage(input: Writer & Zoned & { channel: 'email' | 'sms'; to: string; title: string; expiresAt: string; url: string }): OutgoingMessage {
  const w = wordsFor(input.language);
  const until = w.f.date(input.expiresAt, input.timeZone);
  const { businessName: business, title, url } = input;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.formLink', { business, title, until, url }));
  return email(w, input, w.t('email.formLink.subject', { business, title }), [[w.t('email.formLink.body', { business, title, until })], [w.t('email.formLink.how'), url], [w.t('email.linkIsYours')]]);
}

/** "On my way": the technician has set off; the link follows them on a map until the visit ends. */
export function onMyWayMessage(input: Writer & { channel: 'email' | 'sms'; to: string; technicianName: string; jobTitle: string; url: string }): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, technicianName: technician, jobTitle: job, url } = input;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.onMyWay', { business, technician, job, url }));
  return email(w, input, w.t('email.onMyWay.subject', { technician, business }), [[w.t('email.onMyWay.body', { technician, business, job })], [w.t('email.onMyWay.how'), url], [w.t('email.onMyWay.expiry')]]);
}

/** The customer approved an estimate: what they approved and when, and a link to it and its signed PDF. */
export function estimateApprovedMessage(
  input: Writer & Zoned & { channel: 'email' | 'sms'; to: string; estimateNumber: string; title: string; optionName: string; total: Money; deposit: Money | null; approvedAt: string; url: string },
): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, estimateNumber: estimate, title, optionName: option, url } = input;
  const total = w.f.money(input.total);
  if (input.channel === 'sms') return sms(input.to, w.t('sms.approved', { business, estimate, option, total, url }));
  return email(w, input, w.t('email.approved.subject', { estimate, business }), [
    [w.t('email.approved.body', { when: w.f.date(input.approvedAt, input.timeZone), option, estimate, title, total })],
    ...(input.deposit ? [[w.t('email.approved.deposit', { amount: w.f.money(input.deposit) })]] : []),
    [w.t('email.approved.open'), url],
    [w.t('email.linkIsYours')],
  ]);
}

/** A visit was booked: its day and arrival window in the business's zone, and (by email) a calendar file. */
export function visitBookedMessage(
  input: Writer & Zoned & { channel: 'email' | 'sms'; to: string; title: string; window: TimeWindow; url: string; calendar: ((summary: string) => Attachment) | null },
): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, title, url } = input;
  const when = w.f.visit(input.window, input.timeZone);
  if (input.channel === 'sms') return sms(input.to, w.t('sms.booked', { business, title, when, url }));
  const attachment = input.calendar?.(w.t('email.booked.calendarTitle', { business, title }));
  return email(
    w,
    input,
    w.t('email.booked.subject', { business, when }),
    [[w.t('email.booked.body', { title }), when], ...(attachment ? [[w.t('email.booked.calendar')]] : []), [w.t('email.booked.open'), url], [w.t('email.linkIsYours')]],
    attachment ? [attachment] : undefined,
  );
}

/** To the business: a webhook endpoint failed for its whole retry schedule and was turned off. The business API's people read English. */
export function webhookEndpointDisabledNotice(input: { businessName: string; to: string; endpointId: string; endpointUrl: string; reason: string; disabledAt: string }): OutgoingMessage {
  return {
    channel: 'email',
    to: input.to,
    subject: `${input.businessName}: a webhook endpoint was turned off`,
    text: [
      'Hello,',
      '',
      `Your customer portal stopped sending events to this webhook endpoint on ${input.disabledAt.slice(0, 16).replace('T', ' ')} UTC:`,
      `  ${input.endpointUrl} (${input.endpointId})`,
      '',
      input.reason,
      '',
      'Events that happen while it is off are not sent to it. Once your receiver works again, turn it back on',
      `(POST /api/business/v1/webhook-endpoints/${input.endpointId}/enable), and re-send any delivery you missed`,
      '(GET .../deliveries lists them; POST .../deliveries/{deliveryId}/retry re-sends one).',
    ].join('\n'),
  };
}

/**
 * The customer asked to use this address: the emailed link, or the texted code, that confirms it.
 * It says what to do if they did not ask, since anyone signed in could have typed it.
 */
export function contactConfirmMessage(
  input: Writer & { channel: 'email' | 'sms'; to: string; validMinutes: number } & ({ url: string; code?: undefined } | { code: string; url?: undefined }),
): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, validMinutes: minutes } = input;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.contactCode', { business, code: input.code ?? '', minutes }));
  return email(w, input, w.t('email.contactConfirm.subject', { business }), [
    [w.t('email.contactConfirm.open', { business }), input.url ?? ''],
    [w.t('email.contactConfirm.expiry', { minutes })],
    [w.t('email.contactConfirm.notYou')],
  ]);
}

/** The address the customer had: it was changed, and here is what to do if that was not them. */
export function contactChangedNotice(
  input: Writer & Zoned & { channel: 'email' | 'sms'; to: string; newAddress: string; changedAt: string; businessContact: string | null },
): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, newAddress } = input;
  const when = w.f.dateTime(input.changedAt, input.timeZone);
  const contact = input.businessContact ?? business;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.contactChanged', { business, newAddress, when, contact }));
  return email(w, input, w.t('email.contactChanged.subject', { business }), [
    [w.t('email.contactChanged.body', { business, newAddress, when })],
    [w.t('email.contactChanged.notYou', { contact })],
  ]);
}

/** The customer's password was set, changed or removed, and every other browser signed out. */
export function passwordChangedNotice(input: Writer & Zoned & { channel: 'email' | 'sms'; to: string; change: 'set' | 'changed' | 'removed'; changedAt: string; businessContact: string | null }): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, change } = input;
  const when = w.f.dateTime(input.changedAt, input.timeZone);
  const contact = input.businessContact ?? business;
  if (input.channel === 'sms') return sms(input.to, w.t('sms.passwordChanged', { business, change, when, contact }));
  return email(w, input, w.t('email.passwordChanged.subject', { business, change }), [
    [w.t('email.passwordChanged.body', { business, change, when })],
    [w.t('email.passwordChanged.notYou', { contact })],
  ]);
}

/** Someone asked for work on the business's website: the link that confirms it was them. */
export function requestConfirmMessage(input: Writer & { to: string; url: string; validHours: number }): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, validHours: hours } = input;
  return email(w, input, w.t('email.request.confirm.subject', { business }), [
    [w.t('email.request.confirm.open', { business }), input.url],
    [w.t('email.request.confirm.expiry', { hours })],
    [w.t('email.request.confirm.notYou')],
  ]);
}

/** The business answered a service request: the visit it became, or why not. */
export function requestAnsweredNotice(
  input: Writer & Zoned & { channel: 'email' | 'sms'; to: string; what: string; url: string | null } & ({ status: 'scheduled'; window: TimeWindow | null } | { status: 'declined'; reason: string }),
): OutgoingMessage {
  const w = wordsFor(input.language);
  const { businessName: business, what } = input;
  const open = input.url ? [[w.t('email.request.open'), input.url]] : [];
  if (input.status === 'scheduled') {
    const when = input.window ? w.f.visit(input.window, input.timeZone) : '';
    if (input.channel === 'sms') return sms(input.to, w.t('sms.request.scheduled', { business, what, when, url: input.url ?? '' }));
    return email(w, input, w.t('email.request.scheduled.subject', { business }), [[w.t('email.request.scheduled.body', { business, what })], ...(when ? [[when]] : []), ...open]);
  }
  if (input.channel === 'sms') return sms(input.to, w.t('sms.request.declined', { business, what, url: input.url ?? '' }));
  return email(w, input, w.t('email.request.declined.subject', { business }), [[w.t('email.request.declined.body', { business, what })], [input.reason], ...open]);
}
