/**
 * Turns shared/http/security-headers.ts (the one definition the local gateway also serves) into
 * CloudFront's response-headers-policy shape. CloudFront wants the well-known security headers
 * in typed fields and refuses them as custom headers, so each is mapped explicitly; any value
 * CloudFront cannot express throws at synth time rather than being silently dropped.
 */
import { Duration } from 'aws-cdk-lib';
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type ResponseCustomHeadersBehavior,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';

export interface ResponseHeaders {
  readonly securityHeadersBehavior: ResponseSecurityHeadersBehavior;
  readonly customHeadersBehavior: ResponseCustomHeadersBehavior;
}

/**
 * `override: true` everywhere: the portal's policy wins over whatever an origin sends, so a
 * handler that forgets a header still answers with it.
 */
export function responseHeadersFrom(headers: Readonly<Record<string, string>>): ResponseHeaders {
  const security: { -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K] } = {};
  const custom: { header: string; value: string; override: boolean }[] = [];

  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'referrer-policy':
        security.referrerPolicy = { referrerPolicy: referrerPolicyFrom(value), override: true };
        break;
      case 'x-content-type-options':
        if (value.toLowerCase() !== 'nosniff') throw new Error(`x-content-type-options "${value}": CloudFront can only send nosniff.`);
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options':
        security.frameOptions = { frameOption: frameOptionFrom(value), override: true };
        break;
      case 'strict-transport-security':
        security.strictTransportSecurity = { ...hstsFrom(value), override: true };
        break;
      case 'x-xss-protection':
        throw new Error('x-xss-protection is not mapped: add it here if shared/http/security-headers.ts starts sending it.');
      default:
        custom.push({ header: name, value, override: true });
    }
  }
  return { securityHeadersBehavior: security, customHeadersBehavior: { customHeaders: custom } };
}

function referrerPolicyFrom(value: string): HeadersReferrerPolicy {
  const match = Object.values(HeadersReferrerPolicy).find((policy) => policy === value.toLowerCase());
  if (!match) throw new Error(`referrer-policy "${value}" is not one CloudFront supports.`);
  return match;
}

function frameOptionFrom(value: string): HeadersFrameOption {
  const match = Object.values(HeadersFrameOption).find((option) => option === value.toUpperCase());
  if (!match) throw new Error(`x-frame-options "${value}" is not one CloudFront supports (DENY or SAMEORIGIN).`);
  return match;
}

function hstsFrom(value: string): { accessControlMaxAge: Duration; includeSubdomains: boolean; preload: boolean } {
  const directives = value.split(';').map((part) => part.trim().toLowerCase()).filter(Boolean);
  const maxAge = directives.find((d) => d.startsWith('max-age='))?.slice('max-age='.length);
  if (!maxAge || !/^\d+$/.test(maxAge)) throw new Error(`strict-transport-security "${value}" has no numeric max-age.`);
  return {
    accessControlMaxAge: Duration.seconds(Number(maxAge)),
    includeSubdomains: directives.includes('includesubdomains'),
    preload: directives.includes('preload'),
  };
}
