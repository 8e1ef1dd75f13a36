import type { webhookEventTypes } from '../api/business-contract';

/** One event, as the business receives it (Standard Webhooks payload). */
export type WebhookEventType = (typeof webhookEventTypes)[number];

export interface BusinessEvent {
  /** `evt_…`: derived from what happened, so it is the same on every retry and redelivery. */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  businessId: string;
  data: Record<string, unknown>;
}

/** What the webhooks queue carries: an event to fan out, or one delivery to one endpoint. */
export type WebhookJob =
  | { kind: 'event'; event: BusinessEvent }
  | {
      kind: 'delivery';
      event: BusinessEvent;
      endpointId: string;
      /** The delivery record it updates (absent on messages queued before deliveries were recorded). */
      deliveryId?: string;
      /** Counts from 1; a failed attempt is queued again, later, with the next number. */
      attempt: number;
      /**
       * Seconds still to wait before this attempt, beyond the message's own delay: SQS holds a
       * message back 15 minutes at most, so a longer wait is several hops, each carrying the rest.
       */
      waitSeconds?: number;
    };
