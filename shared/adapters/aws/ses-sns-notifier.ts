import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Notifier, OutgoingMessage } from '../../notifications/port';
import { oneLine } from '../../contract/text';

export interface SesSnsConfig {
  emailFrom: string;
  sesConfigurationSet: string | null;
  smsOriginationNumber: string | null;
}

/** Email through SES, text messages straight to the phone number through SNS. */
export class SesSnsNotifier implements Notifier {
  constructor(private readonly ses: SESv2Client, private readonly sns: SNSClient, private readonly config: SesSnsConfig) {}

  async send(message: OutgoingMessage): Promise<void> {
    if (message.channel === 'email') {
      // The subject is a header: never a line break in it, whoever built the message (rule 57).
      await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.config.emailFrom,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: oneLine(message.subject ?? ''), Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
              ...(message.attachments?.length
                ? {
                    Attachments: message.attachments.map((a) => ({
                      FileName: a.filename,
                      ContentType: a.contentType,
                      RawContent: Buffer.from(a.content, 'utf8'),
                      ContentDisposition: 'ATTACHMENT' as const,
                      ContentTransferEncoding: 'BASE64' as const,
                    })),
                  }
                : {}),
            },
          },
          ...(this.config.sesConfigurationSet ? { ConfigurationSetName: this.config.sesConfigurationSet } : {}),
        }),
      );
      return;
    }
    await this.sns.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text,
        MessageAttributes: {
          // Sign-in links are time-critical: transactional routing, never promotional.
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          ...(this.config.smsOriginationNumber
            ? { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: this.config.smsOriginationNumber } }
            : {}),
        },
      }),
    );
  }
}
