import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The client's IP for rate limits. Behind CloudFront the source IP is CloudFront's own, so the
 * configured header (CloudFront-Viewer-Address, "ip:port") is used instead.
 */
export function clientIp(event: APIGatewayProxyEventV2, trustedHeader: string | null): string | null {
  if (trustedHeader) {
    const value = event.headers?.[trustedHeader.toLowerCase()];
    if (value) return value.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  }
  return event.requestContext?.http?.sourceIp || null;
}
