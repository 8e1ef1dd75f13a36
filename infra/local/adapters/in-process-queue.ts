/**
 * A local queue: hands each message to the same consumer handler SQS drives on AWS, off the
 * request path, with SQS's delay, retry-then-dead-letter behaviour in miniature.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { MessageQueue } from '../../../shared/kernel/types';
import { lambdaContext } from '../lambda-context';

type Consumer = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface InProcessQueueOptions {
  maxAttempts: number;
  retryDelayMs: number;
  /** Multiplies `delaySeconds` (tests run a webhook's backoff in milliseconds, not minutes). */
  delayScale: number;
  warn: (line: string) => void;
}

export class InProcessQueue<M> implements MessageQueue<M> {
  readonly deadLetters: { message: M; attempts: number }[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    readonly name: string,
    private readonly consumerName: string,
    private readonly consumer: () => Consumer,
    private readonly options: InProcessQueueOptions,
  ) {}

  async send(message: M, options: { delaySeconds?: number } = {}): Promise<void> {
    const body = JSON.stringify(message); // what SQS would carry: a copy, not the caller's object
    const delayMs = Math.min(900, options.delaySeconds ?? 0) * 1000 * this.options.delayScale;
    const wait = delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)) : new Promise<void>((resolve) => setImmediate(resolve));
    const delivery = wait.then(() => this.deliver(body, 1));
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  idle(): boolean {
    return this.inFlight.size === 0;
  }

  /** Waits until every message sent so far (and any it led to) has been handled or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliver(body: string, attempt: number): Promise<void> {
    const messageId = randomUUID();
    const event = { Records: [sqsRecord(this.name, messageId, body, attempt)] } as SQSEvent;
    let failed: boolean;
    try {
      const result = await this.consumer()(event, lambdaContext(this.consumerName));
      failed = (result?.batchItemFailures ?? []).some((f) => f.itemIdentifier === messageId);
    } catch {
      failed = true;
    }
    if (!failed) return;
    if (attempt >= this.options.maxAttempts) {
      this.deadLetters.push({ message: JSON.parse(body) as M, attempts: attempt });
      this.options.warn(`[queue ${this.name}] message dead-lettered after ${attempt} attempts`);
      return;
    }
    await new Promise((r) => setTimeout(r, this.options.retryDelayMs * attempt));
    await this.deliver(body, attempt + 1);
  }
}

function sqsRecord(queue: string, messageId: string, body: string, attempt: number) {
  const now = String(Date.now());
  return {
    messageId,
    receiptHandle: messageId,
    body,
    attributes: { ApproximateReceiveCount: String(attempt), SentTimestamp: now, SenderId: 'local', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${queue}`,
    awsRegion: 'local',
  };
}
