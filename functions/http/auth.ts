/**
 * One resolver per auth kind of the route table: the row's `auth` picks it. Keyed by the
 * `AuthKind` union, so a new kind (Stripe's raw-body `signature`) fails to compile until its
 * resolver is written here.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authenticateApiKey, type BusinessCaller } from '../../shared/business-api/api-keys';
import { resolveLink, type LinkCaller } from '../../shared/auth/capability-links';
import { authenticate } from '../../shared/auth/sessions';
import type { Session } from '../../shared/domain/model';
import type { Stores } from '../../shared/data/dynamo-store';
import type { Clock } from '../../shared/domain/ports';
import type { AuthKind } from '../../shared/routes';
import { readSessionCookie } from './cookies';

export interface AuthOf {
  public: null;
  session: Session;
  apiKey: BusinessCaller;
  link: LinkCaller;
}

export interface AuthRequest {
  event: APIGatewayProxyEventV2;
  /** Rate-limit identity of the client (IPv4, or an IPv6 /64), or null when unknown. */
  clientSubject: string | null;
  stores: () => Stores;
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
};
