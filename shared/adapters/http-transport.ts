import type { WebhookTransport } from '../domain/ports';

/** Webhook deliveries: a plain HTTPS POST with a deadline, so a slow receiver cannot hold the consumer. */
export const fetchTransport: WebhookTransport = {
  async post(url, body, headers) {
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    // The receiver's answer is not read: only its status matters.
    await response.body?.cancel();
    return { status: response.status };
  },
};
