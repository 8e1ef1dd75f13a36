import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { timingSafeEqual } from 'node:crypto';
import { originVerifyHeader } from '../../shared/config/env-names';
import type { Secrets } from '../../shared/config/secrets';
import { routeState } from './route-state';

/**
 * The client's IP for rate limits. Behind CloudFront the source IP is CloudFront's own, so the
 * viewer's address comes from `CloudFront-Viewer-Address` ("ip:port") — but only on requests
 * that carry the secret origin header CloudFront adds. A caller of the execute-api URL can set
 * any header it likes; without the secret it is limited by its own source IP.
 */
export function clientIp(event: APIGatewayProxyEventV2, trustedHeader: string | null, originSecrets: readonly string[]): string | null {
  const source = event.requestContext?.http?.sourceIp || null;
  if (!trustedHeader || !fromCloudFront(event, originSecrets)) return source;
  const value = event.headers?.[trustedHeader.toLowerCase()];
  if (!value) return source;
  // Always "address:port" (IPv6 unbracketed): the port is what follows the last colon.
  return value.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
}

function fromCloudFront(event: APIGatewayProxyEventV2, secrets: readonly string[]): boolean {
  const given = Buffer.from(event.headers?.[originVerifyHeader] ?? '', 'utf8');
  return secrets.some((secret) => {
    const wanted = Buffer.from(secret, 'utf8');
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  });
}

/**
 * The rate-limit identity of an address: IPv4 as is, IPv6 by its /64 (one household or one
 * server usually holds a whole /64, so limiting single addresses there limits nothing).
 */
export function rateLimitSubject(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Middleware, for rows that grant the origin secret: starts reading the viewer's IP and does not
 * wait for it. The caller's proof runs meanwhile (only a link's rate counter needs the IP, and it
 * waits for it there); the auth middleware settles it.
 */
export function viewerIp(deps: { secrets: () => Secrets; trustedHeader: () => string | null }): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: (request) => {
      const state = routeState(request.event);
      state.clientIpRead = deps
        .secrets()
        .originVerify()
        .then((secret) => clientIp(request.event, deps.trustedHeader(), secret));
      // Awaited by the auth middleware; this only keeps a failure that loses the race from going unhandled.
      state.clientIpRead.catch(() => undefined);
    },
  };
}
