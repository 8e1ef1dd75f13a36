/** The words of every message the portal sends. Plain text: it renders everywhere, scanners included. */
import type { Contact } from '../directory/model';
import { formatMoney } from '../kernel/money';
import type { OutgoingMessage } from './port';
// Subjects become a header: whatever a stored name holds, they are one line (rule 57).
import { oneLine } from '../api/text';

export function signInLinkMessage(input: {
  businessName: string;
  customerName: string;
  contact: Contact;
  url: string;
  validMinutes: number;
}): OutgoingMessage {
  const { businessName, contact, url, validMinutes } = input;
  if (contact.channel === 'sms') {
    return {
      channel: 'sms',
      to: contact.address,
      text: `${businessName}: your sign-in link (valid ${validMinutes} min): ${url} If you did not ask for it, ignore this text.`,
    };
  }
  const firstName = input.customerName.split(/\s+/)[0] || input.customerName;
  return {
    channel: 'email',
    to: contact.address,
    subject: oneLine(`Your sign-in link for ${businessName}`),
    text: [
      `Hi ${firstName},`,
      '',
      `Open this link to sign in to your ${businessName} customer portal:`,
      url,
      '',
      `The link works once and expires in ${validMinutes} minutes. If you did not ask for it, you can ignore this email.`,
    ].join('\n'),
  };
}

/** The business wrote about a job: the words and a link to the job page (signing in if need be). */
export function jobMessageNotice(input: {
  businessName: string;
  customerName: string;
  channel: 'email' | 'sms';
  to: string;
  jobNumber: string;
  jobTitle: string;
  text: string;
  url: string;
}): OutgoingMessage {
  const excerpt = input.text.length > 120 ? `${input.text.slice(0, 117)}…` : input.text;
  if (input.channel === 'sms') {
    return { channel: 'sms', to: input.to, text: `${input.businessName}: "${excerpt}" Reply or see job ${input.jobNumber}: ${input.url}` };
  }
  const firstName = input.customerName.split(/\s+/)[0] || input.customerName;
  return {
    channel: 'email',
    to: input.to,
    subject: oneLine(`New message from ${input.businessName} about job ${input.jobNumber}`),
    text: [
      `Hi ${firstName},`,
      '',
      `${input.businessName} wrote about "${input.jobTitle}" (job ${input.jobNumber}):`,
      '',
      input.text,
      '',
      'Read it and reply in your customer portal:',
      input.url,
    ].join('\n'),
  };
}

const methodWords: Record<string, string> = { card: 'card', us_bank_account: 'bank account (ACH)', affirm: 'Affirm', klarna: 'Klarna', cash: 'cash', check: 'check' };

/** A second payment came on top of a paid invoice: its excess went back to the customer. */
export function duplicateRefundNotice(input: { businessName: string; customerName: string; channel: 'email' | 'sms'; to: string; amount: number; currency: string; invoiceNumber: string; url: string }): OutgoingMessage {
  const amount = formatMoney(input.amount, input.currency);
  if (input.channel === 'sms') {
    return { channel: 'sms', to: input.to, text: `${input.businessName}: invoice ${input.invoiceNumber} was paid twice, so we refunded ${amount} to you. It can take 5-10 days to show. ${input.url}` };
  }
  const firstName = input.customerName.split(/\s+/)[0] || input.customerName;
  return {
    channel: 'email',
    to: input.to,
    subject: oneLine(`${input.businessName}: ${amount} refunded (paid twice)`),
    text: [
      `Hi ${firstName},`,
      '',
      `Invoice ${input.invoiceNumber} from ${input.businessName} was paid twice. We refunded the extra ${amount} to the card or account it came from; it can take 5-10 days to show.`,
      '',
      `See your invoices: ${input.url}`,
    ].join('\n'),
  };
}

/** One receipt per payment: what was paid, how, and which invoices it went to. */
export function paymentReceipt(input: {
  businessName: string;
  customerName: string;
  channel: 'email' | 'sms';
  to: string;
  amount: number;
  currency: string;
  method: string | null;
  invoices: { number: string; amount: number }[];
  url: string;
}): OutgoingMessage {
  const total = formatMoney(input.amount, input.currency);
  const how = input.method ? ` by ${methodWords[input.method] ?? input.method}` : '';
  const numbers = input.invoices.map((i) => i.number).join(', ');
  if (input.channel === 'sms') {
    return { channel: 'sms', to: input.to, text: `${input.businessName}: we received your payment of ${total}${how} for invoice${input.invoices.length > 1 ? 's' : ''} ${numbers}. Thank you! ${input.url}` };
  }
  const firstName = input.customerName.split(/\s+/)[0] || input.customerName;
  return {
    channel: 'email',
    to: input.to,
    subject: oneLine(`Receipt from ${input.businessName}: ${total}`),
    text: [
      `Hi ${firstName},`,
      '',
      `Thank you: ${input.businessName} received your payment of ${total}${how}.`,
      '',
      ...input.invoices.map((i) => `  Invoice ${i.number}: ${formatMoney(i.amount, input.currency)}`),
      '',
      `See your invoices: ${input.url}`,
    ].join('\n'),
  };
}

/** A bank payment did not go through: the invoices are open again. */
export function paymentFailedNotice(input: {
  businessName: string;
  customerName: string;
  channel: 'email' | 'sms';
  to: string;
  amount: number;
  currency: string;
  invoices: { number: string }[];
  url: string;
}): OutgoingMessage {
  const total = formatMoney(input.amount, input.currency);
  const numbers = input.invoices.map((i) => i.number).join(', ');
  if (input.channel === 'sms') {
    return { channel: 'sms', to: input.to, text: `${input.businessName}: your bank payment of ${total} for ${numbers} did not go through. Please pay again: ${input.url}` };
  }
  const firstName = input.customerName.split(/\s+/)[0] || input.customerName;
  return {
    channel: 'email',
    to: input.to,
    subject: oneLine(`Your payment to ${input.businessName} did not go through`),
    text: [
      `Hi ${firstName},`,
      '',
      `Your bank payment of ${total} for invoice${input.invoices.length > 1 ? 's' : ''} ${numbers} did not go through, so nothing was paid. Your bank may tell you why.`,
      '',
      `You can pay again here: ${input.url}`,
    ].join('\n'),
  };
}

/** A link to pay one invoice, without signing in. */
export function invoicePayLinkMessage(input: {
  businessName: string;
  customerName: string;
  channel: 'email' | 'sms';
  to: string;
  invoiceNumber: string;
  balance: number;
  currency: string;
  dueAt: string;
  url: string;
}): OutgoingMessage {
  const due = formatMoney(input.balance, input.currency);
  if (input.channel === 'sms') {
    return { channel: 'sms', to: input.to, text: `${input.businessName}: invoice ${input.invoiceNumber}, ${due} due. Pay it here: ${input.url}` };
  }
  const firstName = input.customerName.split(/\s+/)[0] || input.customerName;
  return {
    channel: 'email',
    to: input.to,
    subject: oneLine(`Invoice ${input.invoiceNumber} from ${input.businessName}: ${due}`),
    text: [
      `Hi ${firstName},`,
      '',
      `${input.businessName} sent you invoice ${input.invoiceNumber}: ${due} to pay by ${input.dueAt.slice(0, 10)}.`,
      '',
      'See it and pay by card, bank account or financing, without signing in:',
      input.url,
      '',
      'This link is yours alone: please do not forward it.',
    ].join('\n'),
  };
}

/** A link to read and decide on one estimate, without signing in. */
export function estimateLinkMessage(input: {
  businessName: string;
  customerName: string;
  channel: 'email' | 'sms';
  to: string;
  estimateNumber: string;
  title: string;
  expiresAt: string;
  url: string;
}): OutgoingMessage {
  if (input.channel === 'sms') {
    return { channel: 'sms', to: input.to, text: `${input.businessName}: estimate ${input.estimateNumber} (${input.title}) is ready. Review and approve it here: ${input.url}` };
  }
  const firstName = input.customerName.split(/\s+/)[0] || input.customerName;
  return {
    channel: 'email',
    to: input.to,
    subject: oneLine(`Estimate ${input.estimateNumber} from ${input.businessName}: ${input.title}`),
    text: [
      `Hi ${firstName},`,
      '',
      `${input.businessName} sent you estimate ${input.estimateNumber}: ${input.title}. It is valid until ${input.expiresAt.slice(0, 10)}.`,
      '',
      'Compare the options, then approve or decline, without signing in:',
      input.url,
      '',
      'This link is yours alone: please do not forward it.',
    ].join('\n'),
  };
}

/** "On my way": the technician has set off; the link follows them on a map until the visit ends. */
export function onMyWayMessage(input: {
  businessName: string;
  customerName: string;
  channel: 'email' | 'sms';
  to: string;
  technicianName: string;
  jobTitle: string;
  url: string;
}): OutgoingMessage {
  if (input.channel === 'sms') {
    return { channel: 'sms', to: input.to, text: `${input.businessName}: ${input.technicianName} is on the way for your ${input.jobTitle}. See where they are and when they should arrive: ${input.url}` };
  }
  const firstName = input.customerName.split(/\s+/)[0] || input.customerName;
  return {
    channel: 'email',
    to: input.to,
    subject: oneLine(`${input.technicianName} from ${input.businessName} is on the way`),
    text: [
      `Hi ${firstName},`,
      '',
      `${input.technicianName} from ${input.businessName} is on the way for your ${input.jobTitle}.`,
      '',
      'Follow them on the map and see when they should arrive, without signing in:',
      input.url,
      '',
      'The link works until the visit is over. It is yours alone: please do not forward it.',
    ].join('\n'),
  };
}

/** To the business: a webhook endpoint failed for its whole retry schedule and was turned off. */
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
