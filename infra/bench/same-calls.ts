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
 * https, as the functions send them; Stripe API calls through the Stripe SDK (built as the gateway
 * builds it) to the local Stripe sandbox. Calls the function sent together are sent together. The
 * SDK is configured as the functions ship it (bundled with the same options, environment
 * credentials: bundling.ts), so that function − floor is the project's code alone. The
 * estimate PDF's floor also draws the same document with pdf-lib alone (pdf-floor.ts), and a
 * password route's makes the same Argon2id hash or verification with hash-wasm alone. Not
 * replayed: presigning itself, so those floors are a little lower than the true ones and the
 * functions look worse against them, not better.
 * Replayed writes may now fail their conditions (the item already changed): such a call still
 * makes its round trip, and the floor answers how many did (`failed`).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoCall, StripeRequest, StubCall } from './aws-stub';
import { roundsOf } from '../local/dynamo-call-recorder';
import { parseStripeForm } from '../local/stripe-sandbox';
import { pdfRenderSource, type PdfDrawing } from './pdf-floor';
import type { BundleTarget } from './bundles';
import type { FunctionAccess } from '../../shared/routes';
import { argon2Params } from '../../shared/auth/password/policy';
import { unguessableHash } from '../../shared/auth/password/hashing';

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

export interface Recorded {
  dynamo: DynamoCall[];
  aws: StubCall[];
}

export interface FloorOptions {
  /** The row grants `payments`: the function builds a Stripe client on its first request, as the gateway does, whether or not it calls Stripe. */
  stripe: boolean;
  /** The estimate PDF: draw the same document with pdf-lib alone (pdf-floor.ts) before storing it, and store those bytes. */
  pdf?: PdfDrawing;
  /**
   * The password routes: the same Argon2id work with hash-wasm alone (one hash, or one
   * verification), at the project's settings. It is the point of those functions, not overhead.
   */
  argon2?: 'hash' | 'verify';
  /** Traced as the functions are (the default); false only for a floor of an untraced build. */
  traced?: boolean;
}


const isPdfPut = (call: StubCall) => call.service === 'S3' && call.operation === 'PUT' && (call.input as SentRequest).contentType === 'application/pdf';

/**
 * The floor's source: one statement per recorded call. When the calls were timed (cold-start.ts),
 * they are replayed round by round as the function made them: calls that overlapped go together
 * (Promise.all), each round after the one before. Untimed, they go one after another, DynamoDB first,
 * then the rest (the order most first requests take: read, decide, then queue or send).
 */
export function sameCallsSource(recorded: Recorded, options: FloorOptions): string {
  const imports: string[] = [];
  const setup: string[] = [];
  // Traced as the functions are (issue 20: X-Ray on, the SDK clients captured): the floor loads the
  // same Tracer, captures its clients and its outgoing HTTPS, and opens the invocation's subsegment,
  // so function ÷ floor stays the project's own code. What tracing itself costs is the
  // "without the tracer" variant's figure (bundles.ts).
  const traced = options.traced !== false;
  const client = (made: string) => (traced ? `tracer.captureAWSv3Client(${made})` : made);
  if (traced) {
    imports.push(`import { Tracer } from '@aws-lambda-powertools/tracer';`);
    setup.push(`const tracer = new Tracer();`);
  }
  /** Each recorded call as an expression (a promise), with its span when it has one. */
  const calls: { startedAt: number; endedAt?: number; send: string; pdfPut: boolean }[] = [];
  const timed = [...recorded.dynamo, ...recorded.aws].every((c) => c.startedAt !== undefined);
  let order = 0;
  const add = (call: DynamoCall | StubCall, send: string, pdfPut = false) => calls.push({ startedAt: timed ? call.startedAt! : order++, endedAt: timed ? call.endedAt : order, send, pdfPut });

  if (recorded.dynamo.length) {
    const commands = [...new Set(recorded.dynamo.map((c) => documentCommand(c).command))].sort();
    imports.push(`import { DynamoDBClient } from '@aws-sdk/client-dynamodb';`, `import { DynamoDBDocumentClient, ${commands.join(', ')} } from '@aws-sdk/lib-dynamodb';`);
    setup.push(`const doc = DynamoDBDocumentClient.from(${client('new DynamoDBClient({})')});`);
    for (const call of recorded.dynamo) {
      const { command, input } = documentCommand(call);
      add(call, `attempt(() => doc.send(new ${command}(${toSource(input)})))`);
    }
  }
  const services = [...new Set(recorded.aws.map((c) => c.service))];
  for (const service of services) {
    if (service === 'S3' || service === 'webhook' || service === 'Stripe') continue;
    if (service === 'unknown') throw new Error('same-calls: the first request made an AWS call the stub does not know');
    const spec = awsClients[service];
    const commands = [...new Set(recorded.aws.filter((c) => c.service === service).map((c) => spec.commands[c.operation as keyof typeof spec.commands]))];
    if (commands.some((c) => !c)) throw new Error(`same-calls: no ${service} command for ${recorded.aws.map((c) => c.operation).join(', ')}`);
    imports.push(`import { ${spec.client}, ${commands.join(', ')} } from '${spec.pkg}';`);
    setup.push(`const ${service.toLowerCase()} = ${client(`new ${spec.client}({})`)};`);
  }
  if (recorded.aws.some((c) => c.service === 'webhook')) imports.push(`import { request as httpsRequest } from 'node:https';`);
  for (const call of recorded.aws) {
    if (call.service === 'Stripe') {
      // Through the SDK, as the gateway sends it: the same client settings, path, parameters, account and idempotency key.
      const sent = call.input as StripeRequest;
      const params = sent.method === 'POST' ? toSource(parseStripeForm(sent.body)) : 'null';
      const requestOptions = { ...(sent.stripeAccount ? { stripeAccount: sent.stripeAccount } : {}), ...(sent.idempotencyKey ? { idempotencyKey: sent.idempotencyKey } : {}) };
      add(call, `attempt(() => stripeClient().rawRequest(${JSON.stringify(sent.method)}, ${JSON.stringify(sent.path)}, ${params}, ${JSON.stringify(requestOptions)}))`);
      continue;
    }
    if (call.service === 'S3' || call.service === 'webhook') {
      const sent = call.input as SentRequest;
      const headers = { ...(sent.contentType ? { 'content-type': sent.contentType } : {}), ...sent.headers };
      // The PDF floor stores the PDF it drew, not the function's.
      const body = options.pdf && isPdfPut(call) ? 'pdf' : sent.body ? `Buffer.from(${JSON.stringify(sent.body)}, 'base64')` : null;
      if (call.service === 'webhook') {
        // As the delivery sends it: node's https, a connection of its own (no lookup check: that is the project's code).
        add(
          call,
          `attempt(() => new Promise((resolve, reject) => { const r = httpsRequest(${JSON.stringify(sent.url)}, { method: ${JSON.stringify(sent.method)}, headers: ${JSON.stringify(headers)}, agent: false }, (res) => { res.resume(); res.on('end', resolve); }); r.on('error', reject); r.end(${body ?? ''}); }))`,
        );
        continue;
      }
      const init = `{ method: ${JSON.stringify(sent.method)}${Object.keys(headers).length ? `, headers: ${JSON.stringify(headers)}` : ''}${body ? `, body: ${body}` : ''} }`;
      add(call, `attempt(async () => { const r = await fetch(${JSON.stringify(sent.url)}, ${init}); await r.arrayBuffer(); })`, Boolean(options.pdf) && isPdfPut(call));
      continue;
    }
    const spec = awsClients[call.service as keyof typeof awsClients];
    const command = spec.commands[call.operation as keyof typeof spec.commands];
    const input = call.service === 'SNS' ? snsPublishInput(call.input as Record<string, string>) : call.input;
    add(call, `attempt(() => ${call.service.toLowerCase()}.send(new ${command}(${toSource(input)})))`);
  }

  const steps: string[] = [];
  if (options.stripe) {
    imports.push(`import Stripe from 'stripe';`);
    setup.push(
      `let stripe: Stripe | undefined;`,
      `const stripeClient = () => (stripe ??= new Stripe('sk_test_bench', { httpClient: Stripe.createFetchHttpClient(), maxNetworkRetries: 2, timeout: 10_000, telemetry: false }));`,
    );
    steps.push(`stripeClient();`);
  } else if (recorded.aws.some((c) => c.service === 'Stripe')) {
    throw new Error('same-calls: a function without the payments grant called Stripe');
  }
  if (options.argon2) {
    imports.push(`import { argon2id, argon2Verify } from 'hash-wasm';`);
    steps.push(
      options.argon2 === 'hash'
        ? `await argon2id({ password: 'a bench passphrase', salt: new Uint8Array(${argon2Params.saltLength}), memorySize: ${argon2Params.memorySize}, iterations: ${argon2Params.iterations}, parallelism: ${argon2Params.parallelism}, hashLength: ${argon2Params.hashLength}, outputType: 'encoded' });`
        : `await argon2Verify({ password: 'a bench passphrase', hash: ${JSON.stringify(unguessableHash)} });`,
    );
  }
  if (options.pdf) {
    imports.push(...pdfRenderSource(options.pdf));
    setup.push(`let pdf: Uint8Array | undefined;`);
  }
  let drawn = false;
  for (const round of roundsOf(calls)) {
    if (options.pdf && !drawn && round.some((c) => c.pdfPut)) {
      steps.push(`pdf = await renderPdf();`);
      drawn = true;
    }
    steps.push(round.length === 1 ? `await ${round[0]!.send};` : `await Promise.all([${round.map((c) => c.send).join(', ')}]);`);
  }
  if (options.pdf && !drawn) steps.push(`pdf = await renderPdf();`);
  return [
    ...imports,
    ...setup,
    `let failed = 0;`,
    `const attempt = async (send: () => Promise<unknown>) => { try { await send(); } catch { failed++; } };`,
    `export const handler = async () => {`,
    `  failed = 0;`,
    ...(traced
      ? [
          // What the functions' traceInvocation does through Powertools' captureLambdaHandler.
          `  const segment = tracer.getSegment();`,
          `  const sub = segment?.addNewSubsegment('## index.handler');`,
          `  if (sub) tracer.setSegment(sub);`,
          `  tracer.annotateColdStart();`,
          `  tracer.addServiceNameAnnotation();`,
          `  try {`,
          ...steps.map((s) => `    ${s}`),
          `  } finally {`,
          `    sub?.close();`,
          `    if (segment) tracer.setSegment(segment);`,
          `  }`,
        ]
      : steps.map((s) => `  ${s}`)),
    `  return { statusCode: 200, body: JSON.stringify({ failed }) };`,
    `};`,
    '',
  ].join('\n');
}

/** Writes the floor's source for each function and returns its bundle target (the function's grants: the same environment). */
export function sameCallsTargets(functions: { name: string; access: FunctionAccess; recorded: Recorded; pdf?: PdfDrawing; argon2?: 'hash' | 'verify' }[], benchDir: string): BundleTarget[] {
  const dir = join(benchDir, 'baseline-src', 'same-calls');
  mkdirSync(dir, { recursive: true });
  return functions.map((f) => {
    const entry = join(dir, `${f.name.replace(/[^A-Za-z0-9]+/g, '-')}.ts`);
    writeFileSync(entry, sameCallsSource(f.recorded, { stripe: Boolean(f.access.payments), ...(f.pdf ? { pdf: f.pdf } : {}), ...(f.argon2 ? { argon2: f.argon2 } : {}) }));
    return { name: sameCallsName(f.name), kind: 'same-calls', entry, access: f.access, ...(f.pdf ? { bundleAssets: ['pdfFonts'] as const } : {}) };
  });
}
