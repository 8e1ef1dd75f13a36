/**
 * Per-stage settings. Everything that differs between dev and prod lives here, typed, so the
 * stack itself has no `if (stage === 'prod')`. Values can be overridden with CDK context
 * (`-c key=value`), which is how an operator points prod at its real sender and domain without
 * editing code. Nothing here is a secret: sender addresses, domain names and ARNs are not.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { mapTilesFrom, type MapTiles } from '../../shared/tracking/map-tiles';
import { paymentMessagingFrom, type PaymentMessaging } from '../../shared/payments/messaging';

export const stageNames = ['dev', 'prod'] as const;
export type StageName = (typeof stageNames)[number];

/**
 * What the stage's web ACL (infra/stack/waf.ts) does with a request a rule matches: `count` only
 * counts it (CloudWatch metrics and sampled requests, nothing refused), `block` refuses it (403, or
 * 429 for the rate rules).
 * A new stage starts counting; ops switch to block after a week of clean figures (docs/operations.md, "WAF").
 */
export const wafModes = ['count', 'block'] as const;
export type WafMode = (typeof wafModes)[number];

export interface CustomDomain {
  /** e.g. `portal.example.com`; its DNS record is managed outside this stack. */
  readonly domainName: string;
  /** ACM certificate for `domainName`, in us-east-1 (CloudFront only reads certificates there). */
  readonly certificateArn: string;
}

export interface StageConfig {
  readonly stage: StageName;
  /** The SES-verified sender as it appears in the From header: `Portal <no-reply@example.com>`. */
  readonly emailFrom: string;
  /** The SES identity (domain or address) that `emailFrom` is verified under; scopes ses:SendEmail. */
  readonly sesIdentity: string;
  readonly sesConfigurationSet?: string;
  readonly smsOriginationNumber?: string;
  /** Without one, the portal is served on the distribution's `*.cloudfront.net` name. */
  readonly customDomain?: CustomDomain;
  readonly logRetention: RetentionDays;
  /** Applied to the table, buckets and log groups: prod keeps data when the stack goes away. */
  readonly removalPolicy: RemovalPolicy;
  /** HTTP API default-route throttling: a ceiling that protects the table and the SES/SNS bill. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Pins the origin-verify value CloudFront sends to one version of the secret. CloudFormation
   * re-reads a secret only when the reference to it changes, so a rotation is finished by
   * deploying with the new version's id (docs/operations.md). Not a secret: an id.
   */
  readonly originVerifyVersionId?: string;
  /**
   * The tracking map's tile source, if any: the tracking function hands it to the page and the
   * CSP allows images from its origin only. None: the page draws a plain background.
   */
  readonly mapTiles?: MapTiles;
  /**
   * Stripe's Payment Method Messaging (financing before checkout), if the stage shows it: the
   * platform's publishable key. The portal's CSP then allows Stripe.js's origin for scripts and
   * frames, and nothing else of Stripe's.
   */
  readonly paymentMessaging?: PaymentMessaging;
  /** Who gets the stage's alarms by email (infra/stack/monitoring.ts); each confirms the subscription SNS sends. */
  readonly alarmEmails: readonly string[];
  /**
   * The month's SMS spend limit in USD, as set on the account (SNS text messaging preferences;
   * AWS starts every account at 1): the spend alarm fires at 80 % of it.
   */
  readonly smsMonthlySpendLimitUsd: number;
  /**
   * An existing table to use instead of the stack's own: the table a point-in-time restore made
   * (docs/operations.md, "Restoring the table to a point in time"). The stack then stops owning a
   * table: on a stage that keeps its data (prod) the old table stays, retained; on one that does
   * not (dev) the deploy deletes it.
   */
  readonly tableName?: string;
  /** Whether the web ACL's rules only count (`count`, every stage's default) or refuse (`block`, `-c wafMode=block`). */
  readonly wafMode: WafMode;
  /**
   * X-Ray tracing of every function (Lambda's active tracing and the Powertools Tracer), on by
   * default. It costs each cold start about 140 KB of bundle to load and 20 to 40 ms
   * (docs/performance.md); `-c tracing=off` trades the traces for that time.
   */
  readonly tracing: boolean;
}

type StageDefaults = Omit<StageConfig, 'stage' | 'sesIdentity' | 'originVerifyVersionId' | 'mapTiles' | 'paymentMessaging' | 'alarmEmails' | 'tableName' | 'tracing'> & { readonly sesIdentity?: string };

const defaults: Record<StageName, StageDefaults> = {
  dev: {
    emailFrom: 'Portal (dev) <no-reply@dev.portal.example.com>',
    logRetention: RetentionDays.TWO_WEEKS,
    removalPolicy: RemovalPolicy.DESTROY,
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
    smsMonthlySpendLimitUsd: 1,
    wafMode: 'count',
  },
  prod: {
    emailFrom: 'Portal <no-reply@portal.example.com>',
    // Logs carry IP addresses: keep them long enough to investigate, not forever.
    logRetention: RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
    apiThrottle: { rateLimit: 200, burstLimit: 400 },
    smsMonthlySpendLimitUsd: 1,
    // Count first on prod too: a stage blocks only once its figures were watched (docs/operations.md, "WAF").
    wafMode: 'count',
  },
};

/** The CDK context keys an operator may set; `stage` picks the defaults the others override. */
export const contextKeys = {
  stage: 'stage',
  emailFrom: 'emailFrom',
  sesIdentity: 'sesIdentity',
  sesConfigurationSet: 'sesConfigurationSet',
  smsOriginationNumber: 'smsOriginationNumber',
  domainName: 'domainName',
  certificateArn: 'certificateArn',
  originVerifyVersionId: 'originVerifyVersionId',
  mapTileUrl: 'mapTileUrl',
  mapTileAttribution: 'mapTileAttribution',
  stripePublishableKey: 'stripePublishableKey',
  alarmEmails: 'alarmEmails',
  smsMonthlySpendLimitUsd: 'smsMonthlySpendLimitUsd',
  tableName: 'tableName',
  wafMode: 'wafMode',
  tracing: 'tracing',
} as const;

export type ContextReader = (key: string) => unknown;

export function resolveStageConfig(readContext: ContextReader): StageConfig {
  const read = (key: string): string | undefined => {
    const value = readContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string, got ${JSON.stringify(value)}.`);
    return value.trim();
  };

  const stage = read(contextKeys.stage) ?? 'dev';
  if (!isStageName(stage)) {
    throw new Error(`Unknown stage "${stage}": use -c stage=${stageNames.join('|')}.`);
  }
  const base = defaults[stage];
  const emailFrom = read(contextKeys.emailFrom) ?? base.emailFrom;
  const sesConfigurationSet = read(contextKeys.sesConfigurationSet) ?? base.sesConfigurationSet;
  const smsOriginationNumber = read(contextKeys.smsOriginationNumber) ?? base.smsOriginationNumber;
  const customDomain = customDomainFrom(read(contextKeys.domainName), read(contextKeys.certificateArn)) ?? base.customDomain;
  const originVerifyVersionId = read(contextKeys.originVerifyVersionId);
  // Secrets Manager version ids are 32 to 64 characters (UUIDs when generated by AWS).
  if (originVerifyVersionId !== undefined && !/^[A-Za-z0-9-]{32,64}$/.test(originVerifyVersionId)) {
    throw new Error(`${contextKeys.originVerifyVersionId} must be a Secrets Manager version id (the VersionId that put-secret-value printed), got "${originVerifyVersionId}".`);
  }

  const mapTiles = mapTilesFrom(read(contextKeys.mapTileUrl), read(contextKeys.mapTileAttribution));
  const alarmEmails = (read(contextKeys.alarmEmails) ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const email of alarmEmails) {
    if (!/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(email)) throw new Error(`${contextKeys.alarmEmails} must be email addresses separated by commas, got "${email}".`);
  }
  const spendLimit = read(contextKeys.smsMonthlySpendLimitUsd);
  const smsMonthlySpendLimitUsd = spendLimit === undefined ? base.smsMonthlySpendLimitUsd : Number(spendLimit);
  if (!Number.isFinite(smsMonthlySpendLimitUsd) || smsMonthlySpendLimitUsd <= 0) throw new Error(`${contextKeys.smsMonthlySpendLimitUsd} must be a number of US dollars above 0, got "${spendLimit}".`);
  const paymentMessaging = paymentMessagingFrom(read(contextKeys.stripePublishableKey));
  const tracingSetting = read(contextKeys.tracing) ?? 'on';
  if (tracingSetting !== 'on' && tracingSetting !== 'off') throw new Error(`${contextKeys.tracing} must be on or off, got "${tracingSetting}".`);
  const tableName = read(contextKeys.tableName);
  // DynamoDB's own rule for table names: a typo fails here, not halfway through a deploy.
  if (tableName !== undefined && !/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) {
    throw new Error(`${contextKeys.tableName} must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -), got "${tableName}".`);
  }
  const wafMode = read(contextKeys.wafMode) ?? base.wafMode;
  if (!isWafMode(wafMode)) throw new Error(`${contextKeys.wafMode} must be ${wafModes.join(' or ')}, got "${wafMode}".`);

  return {
    ...base,
    stage,
    emailFrom,
    alarmEmails,
    smsMonthlySpendLimitUsd,
    wafMode,
    tracing: tracingSetting === 'on',
    sesIdentity: read(contextKeys.sesIdentity) ?? base.sesIdentity ?? senderDomain(emailFrom),
    ...(sesConfigurationSet ? { sesConfigurationSet } : {}),
    ...(smsOriginationNumber ? { smsOriginationNumber } : {}),
    ...(customDomain ? { customDomain } : {}),
    ...(originVerifyVersionId ? { originVerifyVersionId } : {}),
    ...(mapTiles ? { mapTiles } : {}),
    ...(paymentMessaging ? { paymentMessaging } : {}),
    ...(tableName ? { tableName } : {}),
  };
}

function isStageName(value: string): value is StageName {
  return (stageNames as readonly string[]).includes(value);
}

function isWafMode(value: string): value is WafMode {
  return (wafModes as readonly string[]).includes(value);
}

/** `Portal <no-reply@portal.example.com>` → `portal.example.com`: the usual SES domain identity. */
export function senderDomain(emailFrom: string): string {
  const address = /<([^>]+)>/.exec(emailFrom)?.[1] ?? emailFrom;
  const domain = address.split('@')[1]?.trim();
  if (!domain) throw new Error(`emailFrom "${emailFrom}" has no address with a domain (expected "Name <user@domain>").`);
  return domain;
}

function customDomainFrom(domainName: string | undefined, certificateArn: string | undefined): CustomDomain | undefined {
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn) {
    throw new Error(`A custom domain needs both -c ${contextKeys.domainName}=... and -c ${contextKeys.certificateArn}=...`);
  }
  // CloudFront accepts certificates from us-east-1 only; catching it here beats a failed deploy.
  if (!/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/.+$/.test(certificateArn)) {
    throw new Error(`certificateArn must be an ACM certificate in us-east-1, got "${certificateArn}".`);
  }
  return { domainName, certificateArn };
}
