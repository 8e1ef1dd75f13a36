/**
 * Names of the environment variables the AWS composition root (functions/wiring/aws.ts) reads.
 * The CDK stack sets them from the same constants, so a rename cannot leave one side behind.
 */
import type { QueueName, SecretName } from '../routes/kinds';

export const envNames = {
  stage: 'STAGE',
  tableName: 'TABLE_NAME',
  /** `https://portal.example.com`: links are built from it and `Origin` is checked against it. */
  portalOrigin: 'PORTAL_ORIGIN',
  filesBucket: 'FILES_BUCKET',
  /** The SES-verified sender, e.g. `Portal <no-reply@portal.example.com>`. */
  emailFrom: 'EMAIL_FROM',
  /** Optional SES configuration set (bounce/complaint tracking). */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** Optional originating number or sender id for SMS. */
  smsOriginationNumber: 'SMS_ORIGINATION_NUMBER',
  /** The tracking map's tile source (`https://tiles.example.com/{z}/{x}/{y}.png`) and its attribution; unset: no tiles. */
  mapTileUrl: 'MAP_TILE_URL',
  mapTileAttribution: 'MAP_TILE_ATTRIBUTION',
  /** Stripe's Payment Method Messaging (financing before checkout): the platform's publishable key and Stripe.js's URL; unset: none shown. */
  stripePublishableKey: 'STRIPE_PUBLISHABLE_KEY',
  stripeJsUrl: 'STRIPE_JS_URL',
  /** Header that carries the viewer's IP (set by CloudFront); trusted only with the origin secret. */
  clientIpHeader: 'CLIENT_IP_HEADER',
  /** One variable per queue a function may send to: its URL. */
  queueUrl: {
    notifications: 'NOTIFICATIONS_QUEUE_URL',
    webhooks: 'WEBHOOKS_QUEUE_URL',
    payments: 'PAYMENTS_QUEUE_URL',
  } satisfies Record<QueueName, string>,
  /** One variable per secret a function may read: its ARN in Secrets Manager. */
  secretArn: {
    originVerify: 'ORIGIN_VERIFY_SECRET_ARN',
    stripe: 'STRIPE_SECRET_ARN',
  } satisfies Record<SecretName, string>,
} as const;

/**
 * CloudFront adds this header, with the current value of the `originVerify` secret, to every
 * request it sends to the API. Only requests carrying it may have their `CloudFront-Viewer-Address`
 * believed: anyone calling the execute-api URL directly could otherwise pick their own IP.
 * The secret is JSON `{ "current": "…", "previous": "…" }`; both values are accepted, so it can be
 * rotated without a window of refused requests (docs/operations.md).
 */
export const originVerifyHeader = 'x-origin-verify';
