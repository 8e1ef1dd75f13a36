/**
 * The cold-start floor of one function: a bundle with none of the project's code (no middleware,
 * no logger, no validation) that makes the same AWS calls its first request made, in the same
 * order, through the bare SDK clients. Built from what the discarded first round recorded (the
 * DynamoDB proxy and the AWS stub keep each request's input), and timed beside the functions.
 *
 * What it tells apart: a function's cold start over the one-GetItem baseline is (floor − baseline),
 * the price of the calls its request needs, plus (function − floor), the price of everything the
 * project adds. Only the second is the code's to lower; the first is fixed by the design.
 *
 * Faithful where it counts: DynamoDB goes through DocumentClient commands of the same operations
 * (inputs unmarshalled, so the same marshalling work is done); SQS, Secrets Manager, SES and SNS
 * through their own clients; presigned S3 requests through fetch and webhook POSTs through node's
 * https, as the functions send them. Not replayed: Stripe API calls (a Stripe function's floor builds a Stripe
 * client, as the Stripe baseline does, but sends nothing to it) and presigning itself, so those
 * floors are lower than the true ones and the functions look worse against them, not better.
 * Replayed writes may now fail their conditions (the item already changed): such a call still
 * makes its round trip, and the floor answers how many did (`failed`).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoCall, StubCall } from './aws-stub';
import type { BundleTarget } from './bundles';
import type { FunctionAccess } from '../../shared/routes';

export const sameCallsPrefix = 'same calls: ';
export const sameCallsName = (functionName: string) => `${sameCallsPrefix}${functionName}`;

type Item = Record<string, AttributeValue>;

/** An https request the stub recorded (S3, a webhook receiver): enough to send it again. */
interface SentRequest {
  url: string;
  method: string;
  contentType: string | null;
  /** Base64. */
  body: string;
  /** Other headers that shape the answer (an S3 GET's Range). */
  headers?: Record<string, string>;
}

/** JavaScript source for a value that may hold what JSON cannot: sets and bytes (as unmarshall returns them). */
export function toSource(value: unknown): string {
  if (value instanceof Set) return `new Set(${toSource([...value])})`;
  if (value instanceof Uint8Array) return `Uint8Array.from(Buffer.from(${JSON.stringify(Buffer.from(value).toString('base64'))}, 'base64'))`;
  if (Array.isArray(value)) return `[${value.map(toSource).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toSource(v)}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

const plain = (item: unknown) => (item ? unmarshall(item as Item) : undefined);

/** The DocumentClient command and its (unmarshalled) input for one recorded DynamoDB request. */
export function documentCommand(call: DynamoCall): { command: string; input: Record<string, unknown> } {
  const input: Record<string, unknown> = { ...call.input };
  const convert = (field: string) => {
    if (input[field] !== undefined) input[field] = plain(input[field]);
  };
  switch (call.operation) {
    case 'GetItem':
      convert('Key');
      return { command: 'GetCommand', input };
    case 'PutItem':
      convert('Item');
      convert('ExpressionAttributeValues');
      return { command: 'PutCommand', input };
    case 'UpdateItem':
      convert('Key');
      convert('ExpressionAttributeValues');
      return { command: 'UpdateCommand', input };
    case 'DeleteItem':
      convert('Key');
      convert('ExpressionAttributeValues');
      return { command: 'DeleteCommand', input };
    case 'Query':
    case 'Scan':
      convert('ExpressionAttributeValues');
      convert('ExclusiveStartKey');
      return { command: `${call.operation}Command`, input };
    case 'BatchGetItem': {
      const requests = input.RequestItems as Record<string, { Keys: Item[] }>;
      input.RequestItems = Object.fromEntries(Object.entries(requests).map(([table, r]) => [table, { ...r, Keys: r.Keys.map(plain) }]));
      return { command: 'BatchGetCommand', input };
    }
    case 'BatchWriteItem': {
      const requests = input.RequestItems as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>;
      input.RequestItems = Object.fromEntries(
        Object.entries(requests).map(([table, writes]) => [
          table,
          writes.map((w) => (w.PutRequest ? { PutRequest: { Item: plain(w.PutRequest.Item) } } : { DeleteRequest: { Key: plain(w.DeleteRequest!.Key) } })),
        ]),
      );
      return { command: 'BatchWriteCommand', input };
    }
    default:
      throw new Error(`same-calls: no DocumentClient command for DynamoDB ${call.operation}`);
  }
}

/** SNS Publish's query-protocol form back into the SDK input (message attributes included). */
export function snsPublishInput(form: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const attributes: Record<string, { DataType: string; StringValue?: string }> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key !== 'Action' && key !== 'Version' && !key.startsWith('MessageAttributes.')) input[key] = value;
  }
  for (let n = 1; form[`MessageAttributes.entry.${n}.Name`] !== undefined; n++) {
    const value: { DataType: string; StringValue?: string } = { DataType: form[`MessageAttributes.entry.${n}.Value.DataType`] ?? 'String' };
    const text = form[`MessageAttributes.entry.${n}.Value.StringValue`];
    if (text !== undefined) value.StringValue = text;
    attributes[form[`MessageAttributes.entry.${n}.Name`]!] = value;
  }
  if (Object.keys(attributes).length) input.MessageAttributes = attributes;
  return input;
}

const awsClients = {
  SQS: { pkg: '@aws-sdk/client-sqs', client: 'SQSClient', commands: { SendMessage: 'SendMessageCommand' } },
  SecretsManager: { pkg: '@aws-sdk/client-secrets-manager', client: 'SecretsManagerClient', commands: { GetSecretValue: 'GetSecretValueCommand' } },
  SESv2: { pkg: '@aws-sdk/client-sesv2', client: 'SESv2Client', commands: { SendEmail: 'SendEmailCommand' } },
  SNS: { pkg: '@aws-sdk/client-sns', client: 'SNSClient', commands: { Publish: 'PublishCommand' } },
} as const;

interface Recorded {
  dynamo: DynamoCall[];
  aws: StubCall[];
}

/** The floor's source: one statement per recorded call, in order. */
export function sameCallsSource(recorded: Recorded, options: { stripe: boolean }): string {
  const imports: string[] = [];
  const setup: string[] = [];
  const steps: string[] = [];
  // The calls are interleaved as the function made them only within each kind: the DynamoDB proxy and
  // the AWS stub record separately. DynamoDB first, then the rest, is the order most first requests take
  // (read, decide, then queue or send); the count and the kinds are what cost.
  if (recorded.dynamo.length) {
    const commands = [...new Set(recorded.dynamo.map((c) => documentCommand(c).command))].sort();
    imports.push(`import { DynamoDBClient } from '@aws-sdk/client-dynamodb';`, `import { DynamoDBDocumentClient, ${commands.join(', ')} } from '@aws-sdk/lib-dynamodb';`);
    setup.push(`const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));`);
    for (const call of recorded.dynamo) {
      const { command, input } = documentCommand(call);
      steps.push(`await attempt(() => doc.send(new ${command}(${toSource(input)})));`);
    }
  }
  const services = [...new Set(recorded.aws.map((c) => c.service))];
  for (const service of services) {
    if (service === 'S3' || service === 'webhook') continue;
    if (service === 'unknown') throw new Error('same-calls: the first request made an AWS call the stub does not know');
    const spec = awsClients[service];
    const commands = [...new Set(recorded.aws.filter((c) => c.service === service).map((c) => spec.commands[c.operation as keyof typeof spec.commands]))];
    if (commands.some((c) => !c)) throw new Error(`same-calls: no ${service} command for ${recorded.aws.map((c) => c.operation).join(', ')}`);
    imports.push(`import { ${spec.client}, ${commands.join(', ')} } from '${spec.pkg}';`);
    setup.push(`const ${service.toLowerCase()} = new ${spec.client}({});`);
  }
  if (recorded.aws.some((c) => c.service === 'webhook')) imports.push(`import { request as httpsRequest } from 'node:https';`);
  for (const call of recorded.aws) {
    if (call.service === 'S3' || call.service === 'webhook') {
      const sent = call.input as SentRequest;
      const headers = { ...(sent.contentType ? { 'content-type': sent.contentType } : {}), ...sent.headers };
      const body = sent.body ? `Buffer.from(${JSON.stringify(sent.body)}, 'base64')` : null;
      if (call.service === 'webhook') {
        // As the delivery sends it: node's https, a connection of its own (no lookup check: that is the project's code).
        steps.push(
          `await attempt(() => new Promise((resolve, reject) => { const r = httpsRequest(${JSON.stringify(sent.url)}, { method: ${JSON.stringify(sent.method)}, headers: ${JSON.stringify(headers)}, agent: false }, (res) => { res.resume(); res.on('end', resolve); }); r.on('error', reject); r.end(${body ?? ''}); }));`,
        );
        continue;
      }
      const init = `{ method: ${JSON.stringify(sent.method)}${Object.keys(headers).length ? `, headers: ${JSON.stringify(headers)}` : ''}${body ? `, body: ${body}` : ''} }`;
      steps.push(`await attempt(async () => { const r = await fetch(${JSON.stringify(sent.url)}, ${init}); await r.arrayBuffer(); });`);
      continue;
    }
    const spec = awsClients[call.service as keyof typeof awsClients];
    const command = spec.commands[call.operation as keyof typeof spec.commands];
    const input = call.service === 'SNS' ? snsPublishInput(call.input as Record<string, string>) : call.input;
    steps.push(`await attempt(() => ${call.service.toLowerCase()}.send(new ${command}(${toSource(input)})));`);
  }
  if (options.stripe) {
    imports.push(`import Stripe from 'stripe';`);
    setup.push(`let stripe: Stripe | undefined;`);
    steps.unshift(`stripe ??= new Stripe('sk_test_bench', { httpClient: Stripe.createFetchHttpClient(), telemetry: false });`);
  }
  return [
    ...imports,
    ...setup,
    `let failed = 0;`,
    `const attempt = async (send: () => Promise<unknown>) => { try { await send(); } catch { failed++; } };`,
    `export const handler = async () => {`,
    `  failed = 0;`,
    ...steps.map((s) => `  ${s}`),
    `  return { statusCode: 200, body: JSON.stringify({ failed }) };`,
    `};`,
    '',
  ].join('\n');
}

/** Writes the floor's source for each function and returns its bundle target (the function's grants: the same environment). */
export function sameCallsTargets(functions: { name: string; access: FunctionAccess; recorded: Recorded }[], benchDir: string): BundleTarget[] {
  const dir = join(benchDir, 'baseline-src', 'same-calls');
  mkdirSync(dir, { recursive: true });
  return functions.map((f) => {
    const entry = join(dir, `${f.name.replace(/[^A-Za-z0-9]+/g, '-')}.ts`);
    writeFileSync(entry, sameCallsSource(f.recorded, { stripe: Boolean(f.access.payments) }));
    return { name: sameCallsName(f.name), kind: 'same-calls', entry, access: f.access };
  });
}
