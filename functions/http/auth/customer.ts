import { resolveLink } from '../../../shared/auth/capability-links';
import { authenticate } from '../../../shared/auth/sessions';
import { DynamoAuthStore } from '../../../shared/auth/store';
import { NotFound } from '../../../shared/kernel/errors';
import type { AuthResolver } from '../auth';
import { readSessionCookie } from '../cookies';

/**
 * A signed-in session, or (with `Authorization: Link <token>`) an invoice pay link, an estimate
 * link or a form link, which reaches that one object only.
 */
export const customerAuth: AuthResolver<'customer'> = {
  kind: 'customer',
  prepare: ({ storeOf, clock }) => {
    const auth = storeOf(DynamoAuthStore);
    return async ({ event, clientSubject }) => {
      const authorization = event.headers?.authorization;
      if (!/^Link\s/i.test(authorization ?? '')) {
        const session = await authenticate(readSessionCookie(event), { sessions: auth, clock });
        return { businessId: session.businessId, customerId: session.customerId, only: null, via: 'session' };
      }
      const link = await resolveLink(authorization, clientSubject, { links: auth, rateLimits: auth, clock });
      // A sign-in link signs in, nothing else; a tracking link shows a visit, nothing else.
      if (link.kind === 'sign-in' || link.kind === 'tracking') throw new NotFound('This link does not open an invoice, an estimate or a form.').saying('problems.link.not-a-document');
      return { businessId: link.businessId, customerId: link.customerId, only: { kind: link.kind, id: link.id }, via: 'link' };
    };
  },
};
