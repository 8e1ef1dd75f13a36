/** The exact calls the AWS adapters make, checked with aws-sdk-client-mock (no AWS account needed). */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { contentDisposition, S3FileStorage } from './s3-files';
import { SesSnsNotifier } from './ses-sns-notifier';
import { SqsQueue } from './sqs-queue';

const ses = mockClient(SESv2Client);
const sns = mockClient(SNSClient);
const sqs = mockClient(SQSClient);
afterEach(() => [ses, sns, sqs].forEach((m) => m.reset()));

const config = { emailFrom: 'Portal <no-reply@portal.example.com>', sesConfigurationSet: 'portal', smsOriginationNumber: '+15550001111' };

test('email goes out through SES v2 as plain UTF-8 text from the configured sender', async () => {
  ses.on(SendEmailCommand).resolves({ MessageId: '1' });
  await new SesSnsNotifier(new SESv2Client({ region: 'us-east-1' }), new SNSClient({ region: 'us-east-1' }), config).send({
    channel: 'email', to: 'jordan@example.com', subject: 'Your sign-in link', text: 'Hi',
  });
  expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
    FromEmailAddress: 'Portal <no-reply@portal.example.com>',
    Destination: { ToAddresses: ['jordan@example.com'] },
    Content: { Simple: { Subject: { Data: 'Your sign-in link', Charset: 'UTF-8' }, Body: { Text: { Data: 'Hi', Charset: 'UTF-8' } } } },
    ConfigurationSetName: 'portal',
  });
  expect(sns.calls()).toHaveLength(0);
});

test('rule 57: a subject with CR/LF (a business name stored before the check) reaches SES as one line', async () => {
  ses.on(SendEmailCommand).resolves({ MessageId: '1' });
  await new SesSnsNotifier(new SESv2Client({ region: 'us-east-1' }), new SNSClient({ region: 'us-east-1' }), config).send({
    channel: 'email', to: 'jordan@example.com', subject: 'Invoice from Acme\r\nBcc: victim@example.com', text: 'Hi\nthere',
  });
  const content = ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content!.Simple!;
  expect(content.Subject!.Data).toBe('Invoice from Acme Bcc: victim@example.com');
  expect(content.Body!.Text!.Data).toBe('Hi\nthere');
});

test('a calendar file goes with the email as an attachment, its bytes as written', async () => {
  ses.on(SendEmailCommand).resolves({ MessageId: '1' });
  const content = 'BEGIN:VCALENDAR\r\nSUMMARY:Visita: calefacción\r\nEND:VCALENDAR\r\n';
  await new SesSnsNotifier(new SESv2Client({ region: 'us-east-1' }), new SNSClient({ region: 'us-east-1' }), config).send({
    channel: 'email', to: 'jordan@example.com', subject: 'Visit', text: 'Booked', attachments: [{ filename: 'visit.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content }],
  });
  const [attachment] = ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content!.Simple!.Attachments!;
  expect(attachment).toMatchObject({ FileName: 'visit.ics', ContentType: 'text/calendar; charset=utf-8; method=PUBLISH', ContentDisposition: 'ATTACHMENT' });
  expect(Buffer.from(attachment!.RawContent!).toString('utf8')).toBe(content);
});

test('texts go straight to the phone number through SNS, as transactional SMS', async () => {
  sns.on(PublishCommand).resolves({ MessageId: '1' });
  await new SesSnsNotifier(new SESv2Client({ region: 'us-east-1' }), new SNSClient({ region: 'us-east-1' }), config).send({ channel: 'sms', to: '+15555550123', text: 'Link' });
  expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
    PhoneNumber: '+15555550123',
    Message: 'Link',
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+15550001111' },
    },
  });
  expect(ses.calls()).toHaveLength(0);
});

test('the queue carries the job as JSON', async () => {
  sqs.on(SendMessageCommand).resolves({ MessageId: '1' });
  const job = { kind: 'sign-in-link' as const, requestId: 'r', slug: 'acme', contact: { channel: 'email' as const, address: 'a@b.co' }, requestedAt: '2026-11-21T00:00:00.000Z' };
  await new SqsQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.example/q').send(job);
  expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input).toEqual({ QueueUrl: 'https://sqs.example/q', MessageBody: JSON.stringify(job) });
});

test('attachment links are SigV4-presigned GETs on the bucket that expire and download under the file name', async () => {
  const signingDate = new Date('2026-11-21T15:00:00Z');
  const links = new S3FileStorage('files-bucket', 'us-east-1', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, () => signingDate);
  const raw = await links.signedDownloadUrl('acme/job_1/pdf/Work order (1).pdf', 'Work order J-1041.pdf', new Date(signingDate.getTime() + 300_000));
  const url = new URL(raw);
  expect(url.origin).toBe('https://files-bucket.s3.us-east-1.amazonaws.com');
  expect(url.pathname).toBe('/acme/job_1/pdf/Work%20order%20%281%29.pdf');
  expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
  expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20261121/us-east-1/s3/aws4_request');
  expect(url.searchParams.get('X-Amz-Date')).toBe('20261121T150000Z');
  expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
  expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
  expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  expect(url.searchParams.get('response-content-disposition')).toBe(contentDisposition('Work order J-1041.pdf'));
  // Deterministic for the same inputs, different for another key: the signature covers the path.
  expect(await links.signedDownloadUrl('acme/job_1/pdf/Work order (1).pdf', 'Work order J-1041.pdf', new Date(signingDate.getTime() + 300_000))).toBe(raw);
  const other = new URL(await links.signedDownloadUrl('acme/job_2/pdf/x.pdf', 'x.pdf', new Date(signingDate.getTime() + 300_000)));
  expect(other.searchParams.get('X-Amz-Signature')).not.toBe(url.searchParams.get('X-Amz-Signature'));
});

test('content-disposition survives quotes and non-ASCII names', () => {
  expect(contentDisposition('Devis "été".pdf')).toBe(`attachment; filename="Devis __t__.pdf"; filename*=UTF-8''Devis%20%22%C3%A9t%C3%A9%22.pdf`);
});

test('upload links are presigned PUTs that sign the content type and exact length (the size limit)', async () => {
  const signingDate = new Date('2026-11-21T15:00:00Z');
  const files = new S3FileStorage('files-bucket', 'us-east-1', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, () => signingDate);
  const url = new URL(await files.signedUploadUrl('biz_1/job_1/att_1', 'image/png', 1234, new Date(signingDate.getTime() + 900_000)));
  expect(url.pathname).toBe('/biz_1/job_1/att_1');
  expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
  expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
  const other = new URL(await files.signedUploadUrl('biz_1/job_1/att_1', 'image/png', 1235, new Date(signingDate.getTime() + 900_000)));
  expect(other.searchParams.get('X-Amz-Signature')).not.toBe(url.searchParams.get('X-Amz-Signature'));
});

test('rule 84: a browser upload is a presigned POST whose policy pins the key, the type and the exact size, signed with the s3 scope of SigV4', async () => {
  const signingDate = new Date('2026-12-06T21:30:00Z');
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session-token' };
  const files = new S3FileStorage('files-bucket', 'us-east-1', credentials, () => signingDate);
  const { url, fields } = await files.signedUploadForm('customer-uploads/biz_1/upl_1', 'video/mp4', 4321, new Date(signingDate.getTime() + 900_000));
  expect(url).toBe('https://files-bucket.s3.us-east-1.amazonaws.com/');
  expect(fields).toMatchObject({
    key: 'customer-uploads/biz_1/upl_1', 'Content-Type': 'video/mp4', 'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': 'AKIDEXAMPLE/20261206/us-east-1/s3/aws4_request', 'x-amz-date': '20261206T213000Z', 'x-amz-security-token': 'session-token',
  });
  const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8'));
  expect(policy.expiration).toBe('2026-12-06T21:45:00.000Z');
  expect(policy.conditions).toEqual(expect.arrayContaining([
    { bucket: 'files-bucket' }, { key: 'customer-uploads/biz_1/upl_1' }, { 'Content-Type': 'video/mp4' }, { 'x-amz-security-token': 'session-token' }, ['content-length-range', 4321, 4321],
  ]));
  // The signature, derived by hand as AWS documents it: HMAC chain over date, region, service, then the policy's base64.
  const { createHmac } = await import('node:crypto');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac('AWS4secret', '20261206'), 'us-east-1'), 's3'), 'aws4_request');
  expect(fields['X-Amz-Signature']).toBe(createHmac('sha256', signingKey).update(fields.Policy!).digest('hex'));
});

test('keeping an upload is a server-side copy: a presigned PUT that signs its copy source, and a 200 without a result is a failure', async () => {
  const signingDate = new Date('2026-12-06T21:30:00Z');
  const files = new S3FileStorage('files-bucket', 'us-east-1', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, () => signingDate);
  const calls: { url: string; init: RequestInit }[] = [];
  const answers = [new Response('<CopyObjectResult><ETag>"1"</ETag></CopyObjectResult>'), new Response('<Error><Code>InternalError</Code></Error>')];
  const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    calls.push({ url: String(url), init: init! });
    return answers.shift()!;
  });
  try {
    await files.copy('customer-uploads/biz_1/upl 1', 'biz_1/uploads/upl_1');
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe('/biz_1/uploads/upl_1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-amz-copy-source');
    expect(calls[0]!.init).toMatchObject({ method: 'PUT', headers: { 'x-amz-copy-source': '/files-bucket/customer-uploads/biz_1/upl%201' } });
    await expect(files.copy('customer-uploads/biz_1/upl_2', 'biz_1/uploads/upl_2')).rejects.toThrow('S3 copy answered 200');
  } finally {
    fetchSpy.mockRestore();
  }
});
