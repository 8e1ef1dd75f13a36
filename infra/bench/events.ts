/**
 * Invocation events as Lambda receives them: an HTTP API (payload v2) event built by the local
 * gateway's own `toEvent` (so its shape follows the gateway), with what CloudFront adds in front
 * of every request; an SQS event of one record for the queue consumers; and the EventBridge
 * event a schedule's rule sends.
 */
import type { APIGatewayProxyEventV2, ScheduledEvent, SQSEvent } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { originVerifyHeader } from '../../shared/config/env-names';
import type { QueueName, RouteDef } from '../../shared/routes';
import { toEvent, viewerAddressHeader } from '../local/gateway';

export interface HttpRequest {
  params?: Record<string, string>;
  /** Without the `?`. */
  query?: string;
  headers?: Record<string, string>;
  /** `name=value` pairs. */
  cookies?: string[];
  json?: unknown;
  /** The viewer's address, as CloudFront reports it (`cloudfront-viewer-address`). */
  viewerIp: string;
}

/** The address API Gateway sees behind CloudFront: one of CloudFront's, never the viewer's. */
const cloudFrontSourceIp = '130.176.1.1';

export function httpEvent(route: RouteDef, request: HttpRequest, origin: { host: string; secret: string }): APIGatewayProxyEventV2 {
  const params = request.params ?? {};
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.name}: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const url = new URL(`${path}${request.query ? `?${request.query}` : ''}`, `https://${origin.host}`);
  const body = request.json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(request.json), 'utf8');
  const headers: Record<string, string> = {
    host: origin.host,
    'user-agent': 'Mozilla/5.0 (portal benchmark)',
    accept: 'application/json',
    ...(body.length ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
    ...(request.cookies?.length ? { cookie: request.cookies.join('; ') } : {}),
    ...request.headers,
  };
  // Only what toEvent reads of the incoming request.
  const req = { headers, httpVersion: '1.1', socket: { remoteAddress: cloudFrontSourceIp, remotePort: 443 } } as unknown as IncomingMessage;
  return toEvent(req, url, route, params, body, {
    [viewerAddressHeader]: `${request.viewerIp}:50123`,
    [originVerifyHeader]: origin.secret,
  });
}

export function sqsEvent(queue: QueueName, message: unknown): SQSEvent {
  const body = JSON.stringify(message);
  const now = String(Date.now());
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: `bench-${randomUUID()}`,
        body,
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'AROABENCH', ApproximateFirstReceiveTimestamp: now },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:portal-bench-${queue}`,
        awsRegion: 'us-east-1',
      },
    ],
  };
}

/** What an EventBridge schedule rule invokes its function with: a "Scheduled Event" whose detail is `{}`. */
export function scheduledEvent(scheduleName: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:000000000000:rule/portal-bench-${scheduleName}`],
    detail: {},
  };
}
