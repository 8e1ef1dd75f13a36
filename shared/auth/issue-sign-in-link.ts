/**
 * The queue consumer's half of "send me a sign-in link": find the customer, mint a token,
 * retire their previous unused link, send the new one.
 *
 * Without transactions, retiring the old link is ordered so that any crash or race leaves at
 * most the newest link usable: write the new link, delete the old one, then swap the
 * customer's pointer conditionally. A concurrent request that loses the swap deletes its own
 * link and starts again from the new pointer.
 */
import type { Business, Contact, Customer } from '../domain/model';
import type { Clock, DirectoryStore, Notifier, Random, SignInLinkStore } from '../domain/ports';
import { signInLinkMessage } from '../notifications/templates';
import { signInPolicy } from './policy';
import { newSecret, sha256 } from './secrets';

export interface IssueSignInLinkDeps {
  directory: DirectoryStore;
  links: SignInLinkStore;
  notifier: Notifier;
  clock: Clock;
  random: Random;
  /** The configured portal origin: never derived from a request's Host header. */
  portalOrigin: string;
}

export type IssueOutcome = 'sent' | 'unknown-portal' | 'unknown-contact';

const maxSwapAttempts = 5;

export async function issueSignInLink(
  request: { requestId: string; businessId: string; contact: Contact },
  deps: IssueSignInLinkDeps,
): Promise<IssueOutcome> {
  const business = await deps.directory.getBusiness(request.businessId);
  if (!business) return 'unknown-portal';
  const customerId = await deps.directory.findCustomerIdByContact(business.id, request.contact);
  if (!customerId) return 'unknown-contact';

  for (let attempt = 0; attempt < maxSwapAttempts; attempt++) {
    const customer = await deps.directory.getCustomer(business.id, customerId);
    if (!customer) return 'unknown-contact';
    const { pendingLink, ...profile } = customer;

    const token = newSecret(deps.random);
    const tokenHash = sha256(token);
    const now = deps.clock.now();
    await deps.links.putLink({
      tokenHash,
      businessId: business.id,
      customer: profile,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + signInPolicy.linkLifetimeMs).toISOString(),
    });
    if (pendingLink) await deps.links.deleteLink(pendingLink.tokenHash);

    if (await deps.links.swapPendingLink(business.id, customerId, pendingLink, { tokenHash, requestId: request.requestId })) {
      await deps.notifier.send(buildMessage(business, profile, request.contact, linkUrl(deps.portalOrigin, business.id, token)));
      return 'sent';
    }
    await deps.links.deleteLink(tokenHash);
  }
  throw new Error('Could not issue a sign-in link: the customer kept changing concurrently');
}

/** The token rides in the fragment: browsers never send it to a server or in a Referer. */
export const linkUrl = (portalOrigin: string, businessId: string, token: string): string =>
  `${portalOrigin.replace(/\/+$/, '')}/${businessId}/link#token=${token}`;

function buildMessage(business: Business, customer: Customer, contact: Contact, url: string) {
  return signInLinkMessage({
    businessName: business.name,
    customerName: customer.name,
    contact,
    url,
    validMinutes: signInPolicy.linkLifetimeMs / 60_000,
  });
}
