import { returnPageOf, signInLinkRequestSchemaFor } from '../../shared/contract/customer/auth';
import { requestSignInLink } from '../../shared/auth/request-sign-in-link';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { sqsQueues } from '../../shared/adapters/aws/factories/queues';
import { portalRoute } from '../../shared/routes/portal';
import { rateLimitSubject } from '../http/client-ip';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';
import { DynamoAuthStore } from '../../shared/auth/store';

/** Always the same answer, whether or not the address belongs to a customer. */
export const signInLinkAccepted = {
  status: 'accepted',
  detail: 'If this address belongs to a customer of this business, a sign-in link is on its way.',
};

export const handler = httpRoute(
  portalRoute('requestSignInLink'),
  { auth: publicAuth, stores: { auth: DynamoAuthStore }, body: signInLinkRequestSchemaFor, aws: { queues: sqsQueues, secrets: secretsManager } },
  async ({ body, clientIp, deps }) => {
    const contact = 'phone' in body ? { channel: 'sms' as const, address: body.phone } : { channel: 'email' as const, address: body.email };
    await requestSignInLink(
      { slug: body.portal, contact, returnPage: body.returnTo ? returnPageOf(body.portal, body.returnTo) : null, clientSubject: clientIp ? rateLimitSubject(clientIp) : null },
      { rateLimits: deps.stores.auth, queue: deps.queues.notifications, clock: deps.clock, random: deps.random },
    );
    return { status: 202, body: signInLinkAccepted };
  },
);
