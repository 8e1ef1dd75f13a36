/**
 * Whether a notice may go to a customer on a channel, and where: the one check every send path
 * makes before it sends (docs/security.md, rule 81). In order:
 * 1. the customer has an address on the channel;
 * 2. a text never goes to a number that replied STOP, whatever it is (sign-in links and account
 *    notices included: a stop is a stop until START);
 * 3. a notice on a topic goes only where the customer left that topic on. Sign-in links and
 *    invitations were asked for, and account notices (an address or a password changed) are how
 *    someone learns their account was taken: neither can be turned off.
 */
import type { NotificationTopic } from '../contract/customer/profile';
import { addressOn, type ContactChannel, type Customer } from '../directory/model';
import type { TextOptOutStore } from './port';

/** What a notice is: one of the customer's topics, or one they cannot turn off. */
export type NoticePurpose = NotificationTopic | 'sign-in' | 'account';

export type Withheld = 'no-address' | 'stopped' | 'turned-off';

export type Recipient = { to: string } | { withheld: Withheld };

export async function recipientOf(
  customer: Pick<Customer, 'email' | 'phone' | 'notifications'>,
  channel: ContactChannel,
  purpose: NoticePurpose,
  deps: { optOuts: TextOptOutStore },
): Promise<Recipient> {
  const to = addressOn(customer, channel);
  if (!to) return { withheld: 'no-address' };
  if (purpose !== 'sign-in' && purpose !== 'account' && !customer.notifications[purpose][channel]) return { withheld: 'turned-off' };
  if (channel === 'sms' && (await deps.optOuts.isStopped(to))) return { withheld: 'stopped' };
  return { to };
}

/** The same check for an address not (or not yet) the customer's own: only STOP applies. */
export async function mayText(phone: string, deps: { optOuts: TextOptOutStore }): Promise<boolean> {
  return !(await deps.optOuts.isStopped(phone));
}
