/**
 * A customer's text back to the portal's number, as SNS hands it to `receiveTextReply`: the
 * notification AWS End User Messaging's two-way SMS publishes. `npm start` (POST /dev/sms/reply),
 * the tests and the bench build it here, so all three give the function what AWS would.
 */
import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';

export function textReplyEvent(reply: { from: string; body: string; to?: string; at?: Date }): SNSEvent {
  const at = (reply.at ?? new Date()).toISOString();
  const topicArn = 'arn:aws:sns:us-east-1:000000000000:portal-local-TextRepliesTopic';
  const message = {
    originationNumber: reply.from,
    destinationNumber: reply.to ?? '+15555550100',
    messageKeyword: 'KEYWORD_000000000000',
    messageBody: reply.body,
    inboundMessageId: randomUUID(),
    previousPublishedMessageId: randomUUID(),
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Subject: '',
          Message: JSON.stringify(message),
          Timestamp: at,
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}
