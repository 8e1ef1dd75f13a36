/**
 * Webhook deliveries: a plain POST with a deadline, so a slow receiver cannot hold the consumer,
 * and with the address checked at connect time (shared/net/connect-guard.ts): the name is
 * resolved once, by the guard, and the socket connects to the very address it checked. Every
 * delivery opens its own connection (no pooled socket made before a DNS change is reused), and
 * redirects are not followed: a 3xx is the receiver's answer, a failure like any non-2xx.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { WebhookTransport } from '../business-api/port';
import { ForbiddenAddress, guardedLookup, refusalOf, systemResolver, type ConnectPolicy, type Resolver } from '../net/connect-guard';

/** The longest a receiver may take when the caller gives no deadline of its own. */
export const defaultDeliveryTimeoutMs = 10_000;

export function webhookTransport(policy: ConnectPolicy, resolver: Resolver = systemResolver): WebhookTransport {
  const lookup = guardedLookup(policy, resolver);
  return {
    async post(url, body, headers, options = {}) {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : null;
      if (!send) throw new Error(`Webhook URLs are http(s), not ${target.protocol}`);
      // A literal address is connected to without any lookup: check it here.
      const host = target.hostname.replace(/^\[|\]$/g, '');
      const literalRefusal = isIP(host) ? refusalOf(host, policy) : null;
      if (literalRefusal) throw new ForbiddenAddress(host, literalRefusal);
      const signal = AbortSignal.timeout(Math.max(1, options.timeoutMs ?? defaultDeliveryTimeoutMs));
      return new Promise<{ status: number }>((resolve, reject) => {
        const request = send(
          target,
          { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, signal, agent: false },
          (response) => {
            // Only the status matters: the receiver's body is not read.
            resolve({ status: response.statusCode ?? 0 });
            response.destroy();
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    },
  };
}
