import { customerAuthSchemas, returnPageOf, type VerifyResponse } from '../../shared/contract/customer/auth';
import { verifySignInLink } from '../../shared/auth/verify-sign-in-link';
import { portalRoute } from '../../shared/routes/portal';
import { sessionCookie } from '../http/cookies';
import { httpRoute } from '../http/http-route';
import { publicAuth } from '../http/auth/public';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';

/** The person pressed "Sign in": use the link once, start a session, set its cookie. */
export const handler = httpRoute(portalRoute('verifySignInLink'), { auth: publicAuth, stores: { auth: DynamoAuthStore, directory: DynamoDirectoryStore }, ...customerAuthSchemas.verifySignInLink }, async ({ body, sessionId, event, deps }) => {
  const { auth, directory } = deps.stores;
  const signedIn = await verifySignInLink(
    { token: body.token, previousSessionId: sessionId, userAgent: event.headers['user-agent'] ?? null },
    { links: auth, sessions: auth, directory, clock: deps.clock, random: deps.random },
  );
  const { customer, business } = signedIn;
  const response: VerifyResponse = {
    customer: { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone },
    portal: business.slug,
    returnTo: returnToOf(business.slug, signedIn.returnPage),
  };
  return { status: 200, body: response, cookies: [sessionCookie(signedIn.sessionId, new Date(signedIn.absoluteExpiresAt), deps.clock.now())] };
});

/**
 * The page to land on, under the business's slug as it is now (it may have moved since the link
 * was asked for), and checked again as the request's schema checked it (rule 67).
 */
function returnToOf(slug: string, page: string | null): string | null {
  const path = page ? `/${slug}/${page}` : null;
  return path && returnPageOf(slug, path) !== null ? path : null;
}
