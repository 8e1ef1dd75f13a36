import { customerAuthSchemas, type VerifyResponse } from '../../shared/contract/customer/auth';
import { verifySignInLink } from '../../shared/auth/verify-sign-in-link';
import { routeByName } from '../../shared/routes';
import { sessionCookie } from '../http/cookies';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** The person pressed "Sign in": use the link once, start a session, set its cookie. */
export const handler = httpRoute(routeByName('verifySignInLink'), { auth: publicAuth, stores: { auth: DynamoAuthStore, directory: DynamoDirectoryStore }, ...customerAuthSchemas.verifySignInLink }, async ({ body, sessionId, deps }) => {
  const { auth, directory } = deps.stores;
  const signedIn = await verifySignInLink(
    { token: body.token, previousSessionId: sessionId },
    { links: auth, sessions: auth, directory, clock: deps.clock, random: deps.random },
  );
  const { customer, business } = signedIn;
  const response: VerifyResponse = {
    customer: { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone },
    portal: business.slug,
  };
  return { status: 200, body: response, cookies: [sessionCookie(signedIn.sessionId, new Date(signedIn.absoluteExpiresAt), deps.clock.now())] };
});
