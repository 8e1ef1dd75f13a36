/** The business's webhook endpoints: where events go, each with its own signing secret (shown once). */
import { InvalidInput, NotFound } from '../domain/errors';
import type { WebhookEndpointRecord } from '../domain/model';
import type { Clock, Random, WebhookEndpointStore } from '../domain/ports';
import { newId } from '../ids';

export const maxEndpointsPerBusiness = 10;

/**
 * Deployed stages deliver only to public HTTPS URLs: a plain-HTTP, loopback, private or
 * link-local address could make the portal probe its own network (SSRF). The local stack also
 * accepts http://localhost, for a listener on the developer's machine.
 */
export function checkEndpointUrl(raw: string, stage: string): string | null {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  if (stage === 'local' && loopback && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  const privateHost =
    loopback || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.') ||
    /^(10\.|192\.168\.|169\.254\.|0\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(host) ||
    /^(fc|fd|fe80)/.test(host) || host.includes(':');
  if (privateHost) return 'must be a public address (not loopback, private or link-local)';
  return null;
}

export async function createEndpoint(
  businessId: string,
  input: { url: string; events: string[] },
  deps: { webhooks: WebhookEndpointStore; clock: Clock; random: Random; stage: string },
): Promise<WebhookEndpointRecord> {
  const problem = checkEndpointUrl(input.url, deps.stage);
  if (problem) throw new InvalidInput([{ field: 'url', message: problem }]);
  if ((await deps.webhooks.listEndpoints(businessId)).length >= maxEndpointsPerBusiness) {
    throw new InvalidInput([{ field: 'url', message: `a business may have at most ${maxEndpointsPerBusiness} endpoints: delete one first` }]);
  }
  const endpoint: WebhookEndpointRecord = {
    id: newId('we', deps),
    businessId,
    url: input.url,
    // Standard Webhooks: `whsec_` + base64 of the key bytes.
    secret: `whsec_${deps.random.bytes(32).toString('base64')}`,
    events: input.events,
    createdAt: deps.clock.now().toISOString(),
    status: 'active',
    disabledReason: null,
    disabledAt: null,
    lastDeliveredAt: null,
  };
  await deps.webhooks.putEndpoint(endpoint);
  return endpoint;
}

export async function deleteEndpoint(businessId: string, endpointId: string, deps: { webhooks: WebhookEndpointStore }): Promise<void> {
  if (!(await deps.webhooks.deleteEndpoint(businessId, endpointId))) throw new NotFound(`There is no webhook endpoint ${endpointId}.`);
}

export const endpointView = (e: WebhookEndpointRecord, withSecret = false) => ({
  id: e.id,
  url: e.url,
  events: e.events,
  createdAt: e.createdAt,
  // Why deliveries stopped, when they did (POST …/enable turns it back on).
  status: e.status,
  disabledReason: e.disabledReason,
  disabledAt: e.disabledAt,
  ...(withSecret ? { secret: e.secret } : {}),
});
