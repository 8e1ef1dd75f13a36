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
