/** For the middlewares' unit tests: an event and a middy request around it, with nothing else. */
import type { Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export function testEvent(parts: { method?: string; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean; query?: Record<string, string>; path?: Record<string, string>; sourceIp?: string } = {}): APIGatewayProxyEventV2 {
  return {
    headers: parts.headers ?? {},
    requestContext: { http: { method: parts.method ?? 'GET', sourceIp: parts.sourceIp ?? '10.0.0.1' }, requestId: 'r' },
    routeKey: 'TEST /test',
    ...(parts.body !== undefined ? { body: parts.body, isBase64Encoded: parts.isBase64Encoded ?? false } : {}),
    ...(parts.query ? { queryStringParameters: parts.query } : {}),
    ...(parts.path ? { pathParameters: parts.path } : {}),
  } as unknown as APIGatewayProxyEventV2;
}

export function testRequest(event: APIGatewayProxyEventV2): Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return { event, context: {} as Context, response: undefined, error: undefined, internal: {} } as unknown as Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
}
