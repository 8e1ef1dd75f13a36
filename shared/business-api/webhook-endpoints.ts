/** The business's webhook endpoints: where events go, each with its own signing secret (shown once). */
import { InvalidInput, NotFound } from '../kernel/errors';
import type { WebhookEndpointRecord } from './model';
import type { Clock, Random } from '../kernel/types';
import type { WebhookEndpointStore } from './port';
import { newId } from '../kernel/ids';
import { addressRange } from '../net/address-ranges';

export const maxEndpointsPerBusiness = 10;

/**
 * Names that never lead to a public host: localhost and its subdomains (RFC 6761), mDNS, the
 * home network's and common private zones. Checked on the name without its trailing dot.
 */
const privateNameSuffixes = ['localhost', 'localdomain', 'local', 'internal', 'intranet', 'lan', 'home.arpa', 'corp'];

/**
 * Deployed stages deliver only to public HTTPS URLs: a plain-HTTP, loopback, private or
 * link-local address could make the portal probe its own network (SSRF). This checks the URL's
 * text (rule 59): the name, or the IP literal against shared/net/address-ranges.ts. The address a
 * name resolves to is a connect-time matter for the transport. The local stack also accepts
 * http://localhost and loopback addresses, for a listener on the developer's machine.
 */
export function checkEndpointUrl(raw: string, stage: string): string | null {
  const url = new URL(raw);
  // The URL parser has already normalised IPv4 (`0x7f.1`, `2130706433` → `127.0.0.1`) and IPv6 spellings.
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const range = addressRange(host);
  const loopback = host === 'localhost' || range === 'loopback';
  if (stage === 'local' && loopback && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (range !== null) return range === 'public' ? null : `must be a public address (this one is ${range})`;
  if (host.endsWith('.')) return 'must name its host without a trailing dot';
  const privateName = !host.includes('.') || privateNameSuffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  if (privateName) return 'must be a public address (not loopback, private or link-local)';
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
