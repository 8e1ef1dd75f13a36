import { authenticate } from '../../../shared/auth/sessions';
import { DynamoAuthStore } from '../../../shared/auth/store';
import type { AuthResolver } from '../auth';
import { readSessionCookie } from '../cookies';

/** The portal's HttpOnly session cookie (401 without a live session). */
export const sessionAuth: AuthResolver<'session'> = {
  kind: 'session',
  prepare: ({ storeOf, clock }) => {
    const sessions = storeOf(DynamoAuthStore);
    return async ({ event }) => authenticate(readSessionCookie(event), { sessions, clock });
  },
};
