import { signInLinkRequestSchemaFor } from '../../shared/api/contract';
import { requestSignInLink } from '../../shared/auth/request-sign-in-link';
import { httpRoute } from '../http/http-route';
import { sqsQueue } from '../runtime/aws-adapters/sqs-queue';

/** Always the same answer, whether or not the address belongs to a customer. */
export const signInLinkAccepted = {
  status: 'accepted',
  detail: 'If this address belongs to a customer of this business, a sign-in link is on its way.',
};

export const handler = httpRoute({ auth: 'public', body: signInLinkRequestSchemaFor, adapters: { queue: sqsQueue } }, async ({ body, clientIp, runtime }) => {
  const contact = 'phone' in body ? { channel: 'sms' as const, address: body.phone } : { channel: 'email' as const, address: body.email };
  await requestSignInLink(
    { businessId: body.portal, contact, clientIp },
    { rateLimits: runtime.auth, queue: runtime.queue(), clock: runtime.clock, random: runtime.random },
  );
  return { status: 202, body: signInLinkAccepted };
});
