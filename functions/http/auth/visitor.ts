import { resolveLink } from '../../../shared/auth/capability-links';
import { authenticate } from '../../../shared/auth/sessions';
import { DynamoAuthStore } from '../../../shared/auth/store';
import { NotFound, Unauthenticated } from '../../../shared/kernel/errors';
import type { AuthResolver } from '../auth';
import { readSessionCookie } from '../cookies';

/** The links whose holder may send files: a form's (its file fields). A pay, estimate or tracking link opens its one thing only. */
const linkKindsThatUpload: readonly string[] = ['form'];

/**
 * A customer by their session or by a link of theirs that takes files, or else an anonymous
 * visitor (null), who may still do what a public page allows: ask for work with photos. A
 * cookie that stands for no one makes an anonymous visitor too; it is not this route's to end.
 */
export const visitorAuth: AuthResolver<'visitor'> = {
  kind: 'visitor',
  prepare: ({ storeOf, clock }) => {
    const auth = storeOf(DynamoAuthStore);
    return async ({ event, clientSubject }) => {
      const authorization = event.headers?.authorization;
      if (/^Link\s/i.test(authorization ?? '')) {
        const link = await resolveLink(authorization, clientSubject, { links: auth, rateLimits: auth, clock });
        if (!linkKindsThatUpload.includes(link.kind)) throw new NotFound('This link cannot send files.').saying('problems.link.cannot-upload');
        return { businessId: link.businessId, customerId: link.customerId, via: 'link' };
      }
      const sessionId = readSessionCookie(event);
      if (!sessionId) return null;
      try {
        const session = await authenticate(sessionId, { sessions: auth, clock });
        return { businessId: session.businessId, customerId: session.customerId, via: 'session' };
      } catch (error) {
        if (error instanceof Unauthenticated) return null;
        throw error;
      }
    };
  },
};
