import { resolveLink } from '../../../shared/auth/capability-links';
import { DynamoAuthStore } from '../../../shared/auth/store';
import type { AuthResolver } from '../auth';

/** A capability token from a link's URL fragment, sent as `Authorization: Link <token>`; rate-limited per client. */
export const linkAuth: AuthResolver<'link'> = {
  kind: 'link',
  prepare: ({ storeOf, clock }) => {
    const auth = storeOf(DynamoAuthStore);
    return async ({ event, clientSubject }) => resolveLink(event.headers?.authorization, clientSubject, { links: auth, rateLimits: auth, clock });
  },
};
