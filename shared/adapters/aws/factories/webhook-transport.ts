import { webhookTransport } from '../../http-transport';

/**
 * The webhook consumer's outbound HTTPS on AWS: public addresses only (rule 61; never loopback,
 * whatever the environment says). Named by that handler alone, so no other bundle carries the
 * transport or node's http, dns and net modules.
 */
export const publicWebhookTransport = () => webhookTransport({ allowLoopback: false });
