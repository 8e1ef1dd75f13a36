import type { VerifyResponse } from '../../shared/api/contract';
import { VerifyRequest } from '../../shared/api/contract';
import { verifySignInLink } from '../../shared/auth/verify-sign-in-link';
import { sessionCookie } from '../http/cookies';
import { httpRoute } from '../http/http-route';

/** The person pressed "Sign in": use the link once, start a session, set its cookie. */
export const handler = httpRoute({ auth: 'public', body: VerifyRequest }, async ({ body, sessionId, runtime }) => {
  const signedIn = await verifySignInLink(
    { token: body.token, previousSessionId: sessionId },
    { links: runtime.auth, sessions: runtime.auth, clock: runtime.clock, random: runtime.random },
  );
  const { customer } = signedIn;
  const response: VerifyResponse = {
    customer: { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone },
    portal: signedIn.businessId,
  };
  return {
    status: 200,
    body: response,
    cookies: [sessionCookie(signedIn.sessionId, new Date(signedIn.absoluteExpiresAt), runtime.clock.now())],
  };
});
