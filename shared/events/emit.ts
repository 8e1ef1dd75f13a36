import { createHash } from 'node:crypto';
import { defineStep, owe } from '../followups/owed';
import { need } from '../followups/need';

import type { BusinessEvent, WebhookJob } from './model';

import type { MessageQueue } from '../kernel/types';

export const eventId = (type: BusinessEvent['type'], objectId: string) =>
  `evt_${createHash('sha256').update(`${type}\n${objectId}`).digest('base64url').slice(0, 24)}`;

export async function emitEvent(event: BusinessEvent, deps: { webhooks: MessageQueue<WebhookJob> }): Promise<void> {
  await deps.webhooks.send({ kind: 'event', event });
}

/** What an event step uses: the webhooks queue, where the request has one (else the re-driver runs it). */
export interface EventStepDeps {
  webhooks?: MessageQueue<WebhookJob> | undefined;
}

/**
 * An event a write owes (shared/followups): queued by the request, or again by the re-driver
 * after a crash, always with the same id, so a receiver that saw it drops the repeat.
 */
export const emitEventStep = defineStep<{ event: BusinessEvent }, EventStepDeps>('event', async ({ event }, deps) => emitEvent(event, { webhooks: need(deps.webhooks, 'the webhooks queue') }));

export const oweEvent = (event: BusinessEvent) => owe(emitEventStep, event.id, { event });
