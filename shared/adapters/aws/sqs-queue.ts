import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { MessageQueue } from '../../kernel/types';

/** One SQS queue; the message travels as JSON. */
export class SqsQueue<M> implements MessageQueue<M> {
  constructor(private readonly sqs: SQSClient, private readonly queueUrl: string) {}

  async send(message: M, options: { delaySeconds?: number } = {}): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        ...(options.delaySeconds ? { DelaySeconds: Math.min(900, Math.max(0, Math.round(options.delaySeconds))) } : {}),
      }),
    );
  }
}
