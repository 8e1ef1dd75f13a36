/**
 * The queue consumer's half of "send me a sign-in link" (and of a business's invite): find the
 * customer, mint a token, retire their previous unused link, send the new one.
 *
 * Without transactions, retiring the old link is ordered so that any crash or race leaves at
 * most the newest link usable: write the new link, delete the old one, then swap the
 * customer's pointer conditionally. A concurrent request that loses the swap deletes its own
 * link and starts again from the new pointer. The pointer carries the request id and, once the
 * message is out, when it was sent: a redelivered queue message finds its own request already
 * sent and sends nothing twice.
 */
import { addressOn, type Business, type Contact, type ContactChannel } from '../directory/model';
import type { Clock, Random } from '../kernel/types';
import type { CustomerWithLink } from '../directory/model';
import type { DirectoryStore } from '../directory/port';
import type { Notifier, TextOptOutStore } from '../notifications/port';
import { mayText } from '../notifications/consent';
import type { SignInLinkStore } from './port';
import { signInLinkMessage } from '../notifications/templates';
import { messageLanguageOf } from '../directory/languages';
import { signInPolicy } from './policy';
import { maskAddress } from '../contract/customer/account';
import { newSecret, sha256 } from '../kernel/secrets';
import { countMetric, metricNames } from '../logging/metrics';

export interface IssueSignInLinkDeps {
  directory: DirectoryStore;
  links: SignInLinkStore;
  notifier: Notifier;
  /** Numbers that replied STOP: not even a sign-in link goes to one. */
  optOuts: TextOptOutStore;
  clock: Clock;
  random: Random;
  /** The configured portal origin: never derived from a request's Host header. */
  portalOrigin: string;
}

export type IssueOutcome = 'sent' | 'already-sent' | 'unknown-portal' | 'unknown-contact' | 'stopped';

const maxSwapAttempts = 5;

/** "Send me a link" at a portal: the contact must be one of this business's customers' current addresses. */
export async function issueSignInLink(
  request: { requestId: string; slug: string; contact: Contact; returnPage?: string | undefined },
  deps: IssueSignInLinkDeps,
): Promise<IssueOutcome> {
  const businessId = await deps.directory.findBusinessIdBySlug(request.slug);
  const business = businessId ? await deps.directory.getBusiness(businessId) : null;
  // A slug item left behind by a rename that crashed half-way no longer names its business.
  if (!business || business.slug !== request.slug) return 'unknown-portal';
  const customerId = await deps.directory.findCustomerIdByContact(business.id, request.contact);
  if (!customerId) return 'unknown-contact';
  return sendLink(business, customerId, request.requestId, (customer) => (addressOn(customer, request.contact.channel) === request.contact.address ? request.contact : null), deps, request.returnPage ?? null);
}

/** A business invites its customer: the link goes to the customer's current address on `channel`. */
export async function inviteCustomer(
  request: { requestId: string; businessId: string; customerId: string; channel: ContactChannel },
  deps: IssueSignInLinkDeps,
): Promise<IssueOutcome> {
  const business = await deps.directory.getBusiness(request.businessId);
  if (!business) return 'unknown-portal';
  return sendLink(business, request.customerId, request.requestId, (customer) => {
    const address = addressOn(customer, request.channel);
    return address ? { channel: request.channel, address } : null;
  }, deps);
}

async function sendLink(
  business: Business,
  customerId: string,
  requestId: string,
  contactOf: (customer: CustomerWithLink) => Contact | null,
  deps: IssueSignInLinkDeps,
  returnPage: string | null = null,
): Promise<IssueOutcome> {
  for (let attempt = 0; attempt < maxSwapAttempts; attempt++) {
    const customer = await deps.directory.getCustomer(business.id, customerId);
    // Checked against the customer itself, not just the lookup: an address the customer no
    // longer has gets nothing, even if its lookup item outlived a crash.
    const contact = customer ? contactOf(customer) : null;
    if (!customer || !contact) return 'unknown-contact';
    const { pendingLink } = customer;
    if (pendingLink?.requestId === requestId && pendingLink.sentAt) return 'already-sent';
    // A number that replied STOP gets no text of any kind until START (rule 81), asked for or not.
    if (contact.channel === 'sms' && !(await mayText(contact.address, deps))) return 'stopped';

    const token = newSecret(deps.random);
    const tokenHash = sha256(token);
    const now = deps.clock.now();
    await deps.links.putLink({
      tokenHash,
      businessId: business.id,
      customerId,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + signInPolicy.linkLifetimeMs).toISOString(),
      returnPage,
      sentTo: { channel: contact.channel, address: maskAddress(contact.channel, contact.address) },
    });
    if (pendingLink) await deps.links.deleteLink(pendingLink.tokenHash);

    if (await deps.links.swapPendingLink(business.id, customerId, pendingLink, { tokenHash, requestId, sentAt: null })) {
      await deps.notifier.send(
        signInLinkMessage({
          businessName: business.name,
          customerName: customer.name,
          language: messageLanguageOf(customer, business),
          contact,
          url: linkUrl(deps.portalOrigin, business.slug, token),
          validMinutes: signInPolicy.linkLifetimeMs / 60_000,
        }),
      );
      await deps.links.markLinkSent(business.id, customerId, tokenHash, deps.clock.now().toISOString());
      countMetric(metricNames.signInLinksSent, 1, { channel: contact.channel });
      return 'sent';
    }
    await deps.links.deleteLink(tokenHash);
  }
  throw new Error('Could not issue a sign-in link: the customer kept changing concurrently');
}

/** The token rides in the fragment: browsers never send it to a server or in a Referer. */
export const linkUrl = (portalOrigin: string, slug: string, token: string): string =>
  `${portalOrigin.replace(/\/+$/, '')}/${slug}/link#token=${token}`;
