import { transformSync } from 'esbuild';
import { documentCommand, sameCallsSource, snsPublishInput, toSource } from './same-calls';
import type { PdfOp } from './pdf-floor';

describe('the same-calls floor', () => {
  it('turns recorded DynamoDB requests into DocumentClient commands with plain values', () => {
    expect(documentCommand({ operation: 'GetItem', input: { TableName: 't', Key: { pk: { S: 'A' }, sk: { S: 'B' } }, ConsistentRead: true } })).toEqual({
      command: 'GetCommand',
      input: { TableName: 't', Key: { pk: 'A', sk: 'B' }, ConsistentRead: true },
    });
    expect(
      documentCommand({
        operation: 'UpdateItem',
        input: { TableName: 't', Key: { pk: { S: 'K' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' }, ':tags': { SS: ['a', 'b'] } } },
      }),
    ).toEqual({ command: 'UpdateCommand', input: { TableName: 't', Key: { pk: 'K' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1, ':tags': new Set(['a', 'b']) } } });
    expect(documentCommand({ operation: 'BatchGetItem', input: { RequestItems: { t: { Keys: [{ pk: { S: 'A' } }, { pk: { S: 'B' } }] } } } })).toEqual({
      command: 'BatchGetCommand',
      input: { RequestItems: { t: { Keys: [{ pk: 'A' }, { pk: 'B' }] } } },
    });
    expect(documentCommand({ operation: 'Query', input: { TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'A' } }, ExclusiveStartKey: { pk: { S: 'A' }, sk: { S: 'Z' } } } })).toEqual({
      command: 'QueryCommand',
      input: { TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'A' }, ExclusiveStartKey: { pk: 'A', sk: 'Z' } },
    });
    expect(() => documentCommand({ operation: 'TransactWriteItems', input: {} })).toThrow(/no DocumentClient command/);
  });

  it('writes sets and bytes as JavaScript, not as JSON that would lose them', () => {
    expect(toSource({ a: new Set(['x']), b: Uint8Array.from([1, 2]), c: [1, 'two', null] })).toBe(
      `{"a":new Set(["x"]),"b":Uint8Array.from(Buffer.from("AQI=", 'base64')),"c":[1,"two",null]}`,
    );
  });

  it("rebuilds SNS Publish's input from its query-protocol form", () => {
    expect(
      snsPublishInput({
        Action: 'Publish',
        Version: '2010-03-31',
        PhoneNumber: '+15550100',
        Message: 'Hi',
        'MessageAttributes.entry.1.Name': 'AWS.SNS.SMS.SMSType',
        'MessageAttributes.entry.1.Value.DataType': 'String',
        'MessageAttributes.entry.1.Value.StringValue': 'Transactional',
      }),
    ).toEqual({ PhoneNumber: '+15550100', Message: 'Hi', MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } } });
  });

  it('makes every recorded call, in order, through one client per service', () => {
    const source = sameCallsSource(
      {
        dynamo: [
          { operation: 'GetItem', input: { TableName: 't', Key: { pk: { S: 'A' } } } },
          { operation: 'PutItem', input: { TableName: 't', Item: { pk: { S: 'B' }, n: { N: '2' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
        aws: [
          { service: 'SecretsManager', operation: 'GetSecretValue', input: { SecretId: 'arn:secret' } },
          { service: 'SQS', operation: 'SendMessage', input: { QueueUrl: 'http://q', MessageBody: '{}' } },
          { service: 'S3', operation: 'HEAD', input: { url: 'https://b.s3.us-east-1.amazonaws.com/k?X-Amz-Signature=s', method: 'HEAD', contentType: null, body: '' } },
        ],
      },
      { stripe: true },
    );
    const calls = source.split('\n').filter((line) => line.includes('await attempt('));
    expect(calls).toHaveLength(5);
    expect(calls[0]).toContain('doc.send(new GetCommand({"TableName":"t","Key":{"pk":"A"}}))');
    expect(calls[1]).toContain('doc.send(new PutCommand({"TableName":"t","Item":{"pk":"B","n":2},"ConditionExpression":"attribute_not_exists(pk)"}))');
    expect(calls[2]).toContain('secretsmanager.send(new GetSecretValueCommand({"SecretId":"arn:secret"}))');
    expect(calls[3]).toContain('sqs.send(new SendMessageCommand(');
    expect(calls[4]).toContain('fetch("https://b.s3.us-east-1.amazonaws.com/k?X-Amz-Signature=s", { method: "HEAD" })');
    expect(source).toContain(`import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';`);
    expect(source).toContain(`new Stripe('sk_test_bench'`);
    // It is valid TypeScript as written (esbuild parses it the way the bench bundles it).
    expect(() => transformSync(source, { loader: 'ts' })).not.toThrow();
  });

  it("replays an S3 GET with its Range, and a webhook POST through node's https as the delivery sends it", () => {
    const source = sameCallsSource(
      {
        dynamo: [],
        aws: [
          { service: 'S3', operation: 'GET', input: { url: 'https://b.s3.us-east-1.amazonaws.com/k?X-Amz-Signature=s', method: 'GET', contentType: null, body: '', headers: { range: 'bytes=0-31' } } },
          { service: 'webhook', operation: 'POST hooks.bench.example', input: { url: 'https://hooks.bench.example/portal', method: 'POST', contentType: 'application/json', body: Buffer.from('{}').toString('base64') } },
        ],
      },
      { stripe: false },
    );
    const calls = source.split('\n').filter((line) => line.includes('await attempt('));
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain('fetch("https://b.s3.us-east-1.amazonaws.com/k?X-Amz-Signature=s", { method: "GET", headers: {"range":"bytes=0-31"} })');
    expect(calls[1]).toContain('httpsRequest("https://hooks.bench.example/portal", { method: "POST", headers: {"content-type":"application/json"}, agent: false }');
    expect(source).toContain(`import { request as httpsRequest } from 'node:https';`);
    expect(() => transformSync(source, { loader: 'ts' })).not.toThrow();
  });

  it('sends together the calls the function sent together, round by round, as traced', () => {
    const get = (pk: string, startedAt: number, endedAt: number) => ({ operation: 'GetItem', input: { TableName: 't', Key: { pk: { S: pk } } }, startedAt, endedAt });
    const source = sameCallsSource(
      {
        dynamo: [get('SESSION', 0, 2), get('JOB', 3, 6), get('PARTS', 3.5, 5), get('INVOICES', 7, 8)],
        aws: [{ service: 'SQS', operation: 'SendMessage', input: { QueueUrl: 'http://q', MessageBody: '{}' }, startedAt: 3.2, endedAt: 4 }],
      },
      { stripe: false },
    );
    const steps = source.split('\n').filter((line) => line.includes('attempt(() =>'));
    expect(steps).toHaveLength(3);
    expect(steps[0]).toMatch(/^ {4}await attempt\(\(\) => doc\.send\(new GetCommand\(\{"TableName":"t","Key":\{"pk":"SESSION"\}/);
    expect(steps[1]).toMatch(/^ {4}await Promise\.all\(\[attempt.*"JOB".*sqs\.send.*"PARTS"/);
    expect(steps[2]).toContain('"INVOICES"');
    expect(() => transformSync(source, { loader: 'ts' })).not.toThrow();
  });

  it('traces as the functions do: the same Tracer, its clients captured, the invocation in a subsegment', () => {
    const recorded = {
      dynamo: [{ operation: 'GetItem', input: { TableName: 't', Key: { pk: { S: 'JOB' } } } }],
      aws: [{ service: 'SQS' as const, operation: 'SendMessage', input: { QueueUrl: 'http://q', MessageBody: '{}' } }],
    };
    const source = sameCallsSource(recorded, { stripe: false });
    expect(source).toContain(`import { Tracer } from '@aws-lambda-powertools/tracer';`);
    expect(source).toContain('DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})))');
    expect(source).toContain('const sqs = tracer.captureAWSv3Client(new SQSClient({}))');
    expect(source).toMatch(/addNewSubsegment\('## index\.handler'\)[\s\S]*await attempt[\s\S]*sub\?\.close\(\)/);
    const untraced = sameCallsSource(recorded, { stripe: false, traced: false });
    expect(untraced).not.toContain('tracer');
    expect(() => transformSync(source, { loader: 'ts' })).not.toThrow();
  });

  it('replays Stripe calls through the SDK with their parameters, account and idempotency key', () => {
    const source = sameCallsSource(
      {
        dynamo: [],
        aws: [
          { service: 'Stripe', operation: 'POST /v1/checkout/sessions', input: { method: 'POST', path: '/v1/checkout/sessions', body: 'mode=payment&line_items[0][quantity]=1&metadata[checkoutId]=chk_1', stripeAccount: 'acct_1', idempotencyKey: 'checkout-chk_1' } },
          { service: 'Stripe', operation: 'GET /v1/checkout/sessions/{id}', input: { method: 'GET', path: '/v1/checkout/sessions/cs_1?expand[0]=payment_intent', body: '', stripeAccount: 'acct_1', idempotencyKey: null } },
        ],
      },
      { stripe: true },
    );
    expect(source).toContain(`stripeClient().rawRequest("POST", "/v1/checkout/sessions", {"mode":"payment","line_items":[{"quantity":"1"}],"metadata":{"checkoutId":"chk_1"}}, {"stripeAccount":"acct_1","idempotencyKey":"checkout-chk_1"})`);
    expect(source).toContain(`stripeClient().rawRequest("GET", "/v1/checkout/sessions/cs_1?expand[0]=payment_intent", null, {"stripeAccount":"acct_1"})`);
    expect(() => sameCallsSource({ dynamo: [], aws: [{ service: 'Stripe', operation: 'GET /v1/accounts/{id}', input: { method: 'GET', path: '/v1/accounts/a', body: '', stripeAccount: null, idempotencyKey: null } }] }, { stripe: false })).toThrow(/payments grant/);
    expect(() => transformSync(source, { loader: 'ts' })).not.toThrow();
  });

  it("draws the PDF with pdf-lib alone before storing it, and stores the floor's own bytes", () => {
    const drawing = { fonts: ['DejaVuSans.ttf'], embed: { subset: true }, ops: [['page', [612, 792]], ['text', 'Estimate', { x: 1, y: 2, size: 12, font: 0, color: [0, 0, 0] }]] as PdfOp[], pages: 1, skipped: [] };
    const put = { service: 'S3' as const, operation: 'PUT', input: { url: 'https://b.s3.us-east-1.amazonaws.com/e.pdf?X-Amz-Signature=s', method: 'PUT', contentType: 'application/pdf', body: 'JVBERi0=' } };
    const source = sameCallsSource({ dynamo: [], aws: [put] }, { stripe: false, pdf: drawing });
    const lines = source.split('\n');
    const render = lines.findIndex((l) => l.includes('pdf = await renderPdf();'));
    const store = lines.findIndex((l) => l.includes('method: "PUT"'));
    expect(render).toBeGreaterThan(-1);
    expect(store).toBeGreaterThan(render);
    expect(lines[store]).toContain('body: pdf');
    expect(source).not.toContain('JVBERi0=');
    expect(() => transformSync(source, { loader: 'ts' })).not.toThrow();
  });
});
