/**
 * A customer's text back to the portal's number, as AWS End User Messaging's two-way SMS publishes
 * it to the `textReplies` topic: STOP and START keep the opt-out list every text checks first.
 */
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import * as v from 'valibot';
import { describeError, injectLambdaContext, logger } from '../../shared/logging/logger';
import { traceInvocation } from '../../shared/logging/tracing';
import { receiveTextReply } from '../../shared/notifications/text-replies';
import { DynamoTextOptOutStore } from '../../shared/notifications/opt-out-store';
import { subscriberByName } from '../../shared/routes/background';
import { grantedDeps, type AdapterSource } from '../wiring/deps';
import { deployable } from '../wiring/lambda';

const subscriber = subscriberByName('receiveTextReply');

/** The parts of End User Messaging's inbound message we use (it sends more). */
const InboundText = v.object({
  originationNumber: v.pipe(v.string(), v.regex(/^\+[1-9][0-9]{7,14}$/)),
  messageBody: v.string(),
});

export const handler = deployable(
  (source: AdapterSource) => {
    const deps = grantedDeps(subscriber.access, source, subscriber.name, { optOuts: DynamoTextOptOutStore });
    return middy<SNSEvent, void>()
      .use(injectLambdaContext())
      .use(traceInvocation())
      .handler(async (event) => {
        for (const record of event.Records) {
          const parsed = v.safeParse(InboundText, safeJson(record.Sns.Message));
          // Not a text we understand: nothing to do, and retrying would not change that.
          if (!parsed.success) {
            logger.warn('text reply ignored', { messageId: record.Sns.MessageId, reason: 'not an inbound SMS' });
            continue;
          }
          try {
            const outcome = await receiveTextReply({ from: parsed.output.originationNumber, body: parsed.output.messageBody, receivedAt: record.Sns.Timestamp }, { optOuts: deps.stores.optOuts, clock: deps.clock });
            // The outcome, never the number or the words.
            logger.info('text reply', { messageId: record.Sns.MessageId, outcome });
          } catch (error) {
            logger.error('text reply failed', { messageId: record.Sns.MessageId, ...describeError(error) });
            // Lambda retries a failed asynchronous invocation twice; the error is logged for the alarm on it.
            throw error;
          }
        }
      });
  },
  {},
);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
