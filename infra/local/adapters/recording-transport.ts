/**
 * Webhook deliveries locally: posted for real (to a listener on loopback, typically), and each
 * one recorded for `GET /dev/webhooks` and tests. Never deployed.
 */
import type { WebhookTransport } from '../../../shared/business-api/port';

export interface RecordedDelivery {
  at: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The receiver's status, or null when it could not be reached. */
  status: number | null;
  error: string | null;
}

export class RecordingTransport implements WebhookTransport {
  private readonly deliveries: RecordedDelivery[] = [];

  /** `inner` posts for real: the local wiring's guarded transport (infra/local/wiring.ts). */
  constructor(private readonly inner: WebhookTransport) {}

  async post(url: string, body: string, headers: Record<string, string>, options?: { timeoutMs?: number }): Promise<{ status: number }> {
    const entry: RecordedDelivery = { at: new Date().toISOString(), url, headers, body, status: null, error: null };
    this.deliveries.push(entry);
    try {
      const result = await this.inner.post(url, body, headers, options);
      entry.status = result.status;
      return result;
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  /** Newest first. */
  list(): RecordedDelivery[] {
    return [...this.deliveries].reverse();
  }
}
