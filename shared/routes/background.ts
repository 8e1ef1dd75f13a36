/**
 * The functions no route calls (the whole table: ./index.ts): one consumer per queue, and the
 * ones that run on a timer. Each takes its row from here.
 */
import { rowNamed, type FunctionAccess, type QueueName } from './kinds';

/** Functions that are not behind a route: one consumer per queue. */
export interface ConsumerDef {
  readonly name: string;
  readonly entry: string;
  readonly queue: QueueName;
  readonly access: FunctionAccess;
  /** Generous: these talk to slow providers and are never customer-facing. */
  readonly timeoutSeconds: number;
  /**
   * The most invocations its queue may run at once (the SQS event source's maximum concurrency,
   * 2 to 1000): a backlog then waits in its queue instead of taking the account's concurrency,
   * which every route function shares (the Stripe webhook's included), from the API.
   */
  readonly maxConcurrency: number;
}

export const consumers = [
  {
    name: 'sendNotification', entry: 'functions/queue/send-notification.ts', queue: 'notifications', timeoutSeconds: 30,
    // SES's sending rate starts at 14 a second in production, and each send takes one invocation's turn.
    maxConcurrency: 10,
    // Its own queue: a notice another delivery is sending comes back once that send's claim has expired.
    access: { table: 'readwrite', sendEmail: true, sendSms: true, queues: ['notifications'] },
  },
  {
    name: 'applyPaymentEvent', entry: 'functions/queue/apply-payment-event.ts', queue: 'payments', timeoutSeconds: 30,
    // Stripe's API allows 100 reads a second in live mode; a few at a time keep far below, and a burst simply waits.
    maxConcurrency: 5,
    // Re-fetches the checkout from Stripe, records payments, queues receipts and webhook events.
    access: { table: 'readwrite', payments: true, queues: ['notifications', 'webhooks'] },
  },
  {
    name: 'deliverWebhook', entry: 'functions/queue/deliver-webhook.ts', queue: 'webhooks', timeoutSeconds: 30,
    // A slow endpoint holds an invocation up to 10 s: enough side by side for many businesses, never the API's share.
    maxConcurrency: 10,
    // Fans one event out to each endpoint: it re-queues one delivery per endpoint, and each failed
    // attempt later. Emails the business when an endpoint is disabled.
    access: { table: 'readwrite', queues: ['webhooks', 'notifications'], webhookPosts: true },
  },
] as const satisfies readonly ConsumerDef[];

export type Consumer = (typeof consumers)[number];

/** Functions that run on a timer: an EventBridge rule on AWS, a timer in `npm start`. */
export interface ScheduleDef {
  readonly name: string;
  readonly entry: string;
  readonly everyMinutes: number;
  readonly access: FunctionAccess;
  readonly timeoutSeconds: number;
}

export const schedules = [
  {
    // Finishes the follow-up steps a write owed and its request did not run (shared/followups):
    // it may run any step, so it has what every step needs.
    name: 'redriveFollowUps', entry: 'functions/schedule/redrive-follow-ups.ts', everyMinutes: 1, timeoutSeconds: 120,
    access: { table: 'readwrite', payments: true, queues: ['notifications', 'webhooks'] },
  },
] as const satisfies readonly ScheduleDef[];

export type Schedule = (typeof schedules)[number];

export const scheduleByName = <N extends Schedule['name']>(name: N): Extract<Schedule, { name: N }> => rowNamed(schedules, name);

export const consumerByName = <N extends Consumer['name']>(name: N): Extract<Consumer, { name: N }> => rowNamed(consumers, name);

/**
 * Functions an SNS topic calls: the replies customers text back to the portal's number (two-way
 * SMS in AWS End User Messaging publishes each one to the topic).
 */
export interface SubscriberDef {
  readonly name: string;
  readonly entry: string;
  readonly topic: 'textReplies';
  readonly access: FunctionAccess;
  readonly timeoutSeconds: number;
}

export const subscribers = [
  // STOP and START: the portal's opt-out list, which every text checks first (rule 81).
  { name: 'receiveTextReply', entry: 'functions/sms/receive-text-reply.ts', topic: 'textReplies', timeoutSeconds: 10, access: { table: 'readwrite' } },
] as const satisfies readonly SubscriberDef[];

export type Subscriber = (typeof subscribers)[number];

export const subscriberByName = <N extends Subscriber['name']>(name: N): Extract<Subscriber, { name: N }> => rowNamed(subscribers, name);
