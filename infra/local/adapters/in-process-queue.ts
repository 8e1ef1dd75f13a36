/**
 * The local notification queue: hands each message to the same consumer handler SQS drives on
 * AWS, off the request path, with SQS's retry-then-dead-letter behaviour in miniature.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { NotificationJob, NotificationQueue } from '../../../shared/domain/ports';
import { lambdaContext } from '../lambda-context';

type Consumer = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export class InProcessQueue implements NotificationQueue {
  readonly deadLetters: { job: NotificationJob; attempts: number }[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly consumer: () => Consumer,
    private readonly options: { maxAttempts: number; retryDelayMs: number; warn: (line: string) => void },
  ) {}

  async enqueue(job: NotificationJob): Promise<void> {
    const body = JSON.stringify(job); // what SQS would carry: a copy, not the caller's object
    const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.deliver(body, 1));
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Waits until every message enqueued so far has been handled or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliver(body: string, attempt: number): Promise<void> {
    const messageId = randomUUID();
    const event = { Records: [sqsRecord(messageId, body, attempt)] } as SQSEvent;
    let failed: boolean;
    try {
      const result = await this.consumer()(event, lambdaContext('sendNotification'));
      failed = (result?.batchItemFailures ?? []).some((f) => f.itemIdentifier === messageId);
    } catch {
      failed = true;
    }
    if (!failed) return;
    if (attempt >= this.options.maxAttempts) {
      this.deadLetters.push({ job: JSON.parse(body) as NotificationJob, attempts: attempt });
      this.options.warn(`[queue] message dead-lettered after ${attempt} attempts`);
      return;
    }
    await new Promise((r) => setTimeout(r, this.options.retryDelayMs * attempt));
    await this.deliver(body, attempt + 1);
  }
}

function sqsRecord(messageId: string, body: string, attempt: number) {
  const now = String(Date.now());
  return {
    messageId,
    receiptHandle: messageId,
    body,
    attributes: { ApproximateReceiveCount: String(attempt), SentTimestamp: now, SenderId: 'local', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:notifications',
    awsRegion: 'local',
  };
}
