/**
 * One resolver per auth kind of the route table: the row's `auth` picks it. Keyed by the
 * `AuthKind` union, so a new kind fails to compile until its resolver is written here.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authenticateApiKey, type BusinessCaller } from '../../shared/business-api/api-keys';
import { resolveLink, type LinkCaller } from '../../shared/auth/capability-links';
import { authenticate } from '../../shared/auth/sessions';
import type { Session } from '../../shared/auth/model';
import { NotFound } from '../../shared/kernel/errors';
import type { Stores } from '../../infra/local/all-stores';
import type { Clock } from '../../shared/kernel/types';
import type { PaymentEvent, PaymentGateway } from '../../shared/payments/port';
import type { AuthKind } from '../../shared/routes';
import { readSessionCookie } from './cookies';

export interface AuthOf {
  public: null;
  session: Session;
  apiKey: BusinessCaller;
  link: LinkCaller;
  /** The Stripe event whose signature was checked: the webhook's only input. */
  signature: PaymentEvent;
  customer: CustomerCaller;
}

/**
 * A customer of a business, by session or by a link to one invoice or estimate. `only`: what the
 * link lets its holder reach (that invoice; that estimate and its deposit), or null for a
 * signed-in session, which reaches everything of theirs.
 */
export interface CustomerCaller {
  businessId: string;
  customerId: string;
  only: { kind: 'invoice' | 'estimate'; id: string } | null;
  /** How the caller got here: recorded with a signature. */
  via: 'session' | 'link';
}

export interface AuthRequest {
  event: APIGatewayProxyEventV2;
  /** Rate-limit identity of the client (IPv4, or an IPv6 /64), or null when unknown. */
  clientSubject: Promise<string | null>;
  stores: () => Stores;
  /** Only for rows that grant `payments`. */
  payments: () => PaymentGateway;
  /** The body's bytes as sent (base64-decoded when API Gateway encoded them), within the row's limit. */
  rawBody: () => Buffer;
  clock: Clock;
}

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authResolvers: { [K in AuthKind]: (request: AuthRequest) => Promise<AuthOf[K]> } = {
  public: async () => null,
  session: ({ event, stores, clock }) => authenticate(readSessionCookie(event), { sessions: stores().auth, clock }),
  apiKey: ({ event, stores, clock }) => {
    const { apiKeys } = stores();
    const needs = readOnly.has(event.requestContext.http.method.toUpperCase()) ? 'read' : 'write';
    return authenticateApiKey(event.headers?.authorization, needs, { apiKeys, clock });
  },
  link: ({ event, stores, clock, clientSubject }) => resolveLink(event.headers?.authorization, clientSubject, { links: stores().auth, rateLimits: stores().auth, clock }),
  customer: async ({ event, stores, clock, clientSubject }) => {
    const authorization = event.headers?.authorization;
    if (!/^Link\s/i.test(authorization ?? '')) {
      const session = await authenticate(readSessionCookie(event), { sessions: stores().auth, clock });
      return { businessId: session.businessId, customerId: session.customerId, only: null, via: 'session' };
    }
    const link = await resolveLink(authorization, clientSubject, { links: stores().auth, rateLimits: stores().auth, clock });
    // A sign-in link signs in, nothing else; a tracking link shows a visit, nothing else.
    if (link.kind === 'sign-in' || link.kind === 'tracking') throw new NotFound('This link does not open an invoice or an estimate.');
    return { businessId: link.businessId, customerId: link.customerId, only: { kind: link.kind, id: link.id }, via: 'link' };
  },
  // HTTP API v2 lower-cases header names. A parsed and re-serialised body would not verify: the raw bytes only.
  signature: ({ event, payments, rawBody }) => payments().verifyEvent(rawBody(), event.headers?.['stripe-signature']),
};
