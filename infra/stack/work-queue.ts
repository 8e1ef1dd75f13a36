/**
 * Work that must not slow a request leaves it through a queue: email and SMS (`notifications`),
 * webhook deliveries (`webhooks`). One queue per QueueName of shared/routes/, each with its
 * own dead-letter queue and exactly one consumer: a slow or failing provider never slows a
 * customer's request, and a message that keeps failing is parked, not lost.
 */
import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Tries before a message goes to the dead-letter queue. */
export const maxReceiveCount = 5;

export interface WorkQueueProps {
  /** The consumer's timeout; the visibility timeout is derived from it. */
  readonly consumerTimeout: Duration;
}

export class WorkQueue extends Construct {
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS allows: time to notice, fix and redrive.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's guidance for Lambda consumers: at least 6x the function timeout, so a message is not
      // handed to a second invocation while the first (with its retries and batching) still works on it.
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });
  }

  /**
   * Partial batch responses: one bad message is retried alone instead of failing its batch.
   * `maxConcurrency` caps the invocations the queue runs at once, so a backlog cannot take the
   * account's concurrency from the API (shared/routes/background.ts).
   */
  attachConsumer(consumer: IFunction, maxConcurrency: number): void {
    consumer.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency }));
  }
}
