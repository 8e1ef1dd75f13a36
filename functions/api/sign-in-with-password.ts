import { customerPasswordSchemas } from '../../shared/contract/customer/password';
import type { VerifyResponse } from '../../shared/contract/customer/auth';
import { signInWithPassword } from '../../shared/auth/password/sign-in';
import { secretsManager } from '../../shared/adapters/aws/factories/secrets';
import { portalRoute } from '../../shared/routes/portal';
import { sessionCookie } from '../http/cookies';
import { httpRoute } from '../http/http-route';
import { rateLimitSubject } from '../http/client-ip';
import { publicAuth } from '../http/auth/public';
import { DynamoAuthStore } from '../../shared/auth/store';
import { DynamoDirectoryStore } from '../../shared/directory/store';
import { DynamoPasswordStore } from '../../shared/auth/password/store';

/** Email and password at a portal: a session and its cookie, answered as `POST /api/auth/verify` answers. */
export const handler = httpRoute(
  portalRoute('signInWithPassword'),
  { auth: publicAuth, stores: { auth: DynamoAuthStore, directory: DynamoDirectoryStore, passwords: DynamoPasswordStore }, ...customerPasswordSchemas.signInWithPassword, aws: { secrets: secretsManager } },
  async ({ body, sessionId, clientIp, event, deps }) => {
    const { auth, directory, passwords } = deps.stores;
    const signedIn = await signInWithPassword(
      { portal: body.portal, email: body.email, password: body.password, clientSubject: clientIp ? rateLimitSubject(clientIp) : 'unknown', userAgent: event.headers['user-agent'] ?? null, previousSessionId: sessionId },
      { directory, passwords, sessions: auth, rateLimits: auth, clock: deps.clock, random: deps.random },
    );
    const { customer, business } = signedIn;
    const response: VerifyResponse = { customer: { id: customer.id, name: customer.name, email: customer.email, phone: customer.phone }, portal: business.slug, returnTo: null };
    return { status: 200, body: response, cookies: [sessionCookie(signedIn.sessionId, new Date(signedIn.absoluteExpiresAt), deps.clock.now())] };
  },
);
