/** The words of every message the portal sends. Plain text: it renders everywhere, scanners included. */
import type { Contact } from '../domain/model';
import type { OutgoingMessage } from '../domain/ports';

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
    subject: `Your sign-in link for ${businessName}`,
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
    subject: `New message from ${input.businessName} about job ${input.jobNumber}`,
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
