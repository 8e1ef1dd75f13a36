import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { NotificationJob, NotificationQueue } from '../../domain/ports';

export class SqsNotificationQueue implements NotificationQueue {
  constructor(private readonly sqs: SQSClient, private readonly queueUrl: string) {}

  async enqueue(job: NotificationJob): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(job) }));
  }
}
