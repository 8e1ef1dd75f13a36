/**
 * Counting what ops must see, in CloudWatch's embedded metric format: one JSON line that
 * CloudWatch turns into metrics, with no extra call. Namespace `Portal`; every metric carries the
 * stage, so two stages in one account never mix, and is also kept without its other dimensions,
 * so an alarm can watch the whole stage (one dimension set per line: CloudWatch bills each).
 *
 * The line is Powertools for AWS Lambda's Metrics (its EMF document, units, dimension sets and
 * checks), written here, once per call: each call is one EMF line with its own dimensions, flushed
 * at once, so nothing stays buffered past the call, let alone into the next invocation (a call that
 * throws half-way clears what it added). Powertools puts a `service` dimension in every set; the
 * portal is one service per stage, so the line leaves it out: the metrics, alarms and dashboard
 * stay keyed by `stage` (and the stage alone) as before.
 *
 * On Lambda the line goes straight to stdout (the runtime's console would prefix it and
 * CloudWatch would no longer read it); elsewhere through console.log, like the logger's lines,
 * except the per-request figures and business events (`onLambdaOnly`), which would only be noise
 * beside `npm start`'s log.
 *
 * The names are here, once: the functions emit them and the stack's alarms and dashboard
 * (infra/stack/monitoring.ts) read them.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { envNames } from '../config/env-names';
import { logger } from './logger';

export const metricsNamespace = 'Portal';

export const metricNames = {
  /** Every API answer, by `routeGroup`: one per request, the errors among them, and how long it took. */
  requests: 'Requests',
  serverErrors: 'ServerErrors',
  latency: 'Latency',
  /** A POST to the Stripe webhook whose signature did not verify (a wrong webhook secret, or someone else). */
  stripeSignatureFailures: 'StripeSignatureFailures',
  /** Each webhook delivery attempt's outcome (`outcome`): delivered, retry-scheduled, failed... */
  webhookDeliveries: 'WebhookDeliveries',
  /** A business's endpoint turned off after its deliveries failed for days: the business was emailed. */
  webhookEndpointsDisabled: 'WebhookEndpointsDisabled',
  /** A follow-up step that kept failing past its bound of attempts (`stepKind`). */
  followUpStepNeedsAttention: 'FollowUpStepNeedsAttention',
  followUpStepsRedriven: 'FollowUpStepsRedriven',
  /** A request from a business's website dropped unseen (`reason`: its hidden field filled in, or sent too fast): a bot at the form. */
  publicRequestDropped: 'PublicRequestDropped',

  // Business events: each counted once, where the write that makes it true reports it newly applied
  // (a retried request, a redelivered message or webhook finds it applied and counts nothing).
  /** A sign-in link (or a business's invite) sent, by `channel` (email, sms): once its message is out and marked sent. */
  signInLinksSent: 'SignInLinksSent',
  /** A sign-in link used: its one-time token consumed and a session started, by the `channel` it was sent on (email, sms). */
  signInLinksUsed: 'SignInLinksUsed',
  /** A payment applied to an invoice's ledger, by `method` (card, us_bank_account, affirm, klarna, cash, check, other): a checkout of two invoices records two. */
  paymentsRecorded: 'PaymentsRecorded',
  /** A Stripe checkout the customer was sent to (a repeat within its window reuses it: not counted). */
  checkoutsStarted: 'CheckoutsStarted',
  /** A checkout recorded as paid (a bank debit once it settled). */
  checkoutsCompleted: 'CheckoutsCompleted',
  /** An estimate approved by its customer (in the portal or through its link). */
  estimatesApproved: 'EstimatesApproved',
  /** A visit booked: an approved estimate's slot taken and the booking recorded. */
  visitsBooked: 'VisitsBooked',
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];

/** Figures every request or business event adds: written on Lambda only, unless a call says otherwise. */
const onLambdaOnly: ReadonlySet<MetricName> = new Set<MetricName>([
  metricNames.requests,
  metricNames.serverErrors,
  metricNames.latency,
  metricNames.webhookDeliveries,
  metricNames.signInLinksSent,
  metricNames.signInLinksUsed,
  metricNames.paymentsRecorded,
  metricNames.checkoutsStarted,
  metricNames.checkoutsCompleted,
  metricNames.estimatesApproved,
  metricNames.visitsBooked,
]);

export interface MetricValue {
  name: MetricName;
  value: number;
  unit?: 'Count' | 'Milliseconds';
}

/** Powertools adds this dimension to every set; the line leaves it out (see the module comment). */
const powertoolsServiceDimension = 'service';

let current: { stage: string; metrics: Metrics } | undefined;

/** One Powertools Metrics per process (per stage: tests change it), whose only default dimension that stays is the stage. */
function metricsFor(stage: string): Metrics {
  if (current?.stage !== stage) {
    // Its own warnings (an empty dimension value...) go through the portal's logger, redacted like every line.
    current = { stage, metrics: new Metrics({ namespace: metricsNamespace, serviceName: 'portal', defaultDimensions: { stage }, logger }) };
  }
  return current.metrics;
}

/** The EMF document for these values: dimension sets `[stage, ...keys]` and `[stage]` (or `[stage]` alone). */
function emfLine(stage: string, values: readonly MetricValue[], dimensions: Record<string, string>): string {
  const metrics = metricsFor(stage);
  try {
    if (Object.keys(dimensions).length) {
      metrics.addDimensions(dimensions);
      // An empty set is the default dimensions alone: the stage.
      metrics.addDimensions({});
    }
    for (const v of values) metrics.addMetric(v.name, v.unit === 'Milliseconds' ? MetricUnit.Milliseconds : MetricUnit.Count, v.value);
    const { [powertoolsServiceDimension]: _service, _aws, ...fields } = metrics.serializeMetrics();
    const directives = _aws.CloudWatchMetrics.map((directive) => ({ ...directive, Dimensions: directive.Dimensions.map((set) => set.filter((key) => key !== powertoolsServiceDimension)) }));
    return JSON.stringify({ _aws: { ..._aws, CloudWatchMetrics: directives }, ...fields });
  } finally {
    // Nothing outlives the call, whatever happened in it.
    metrics.clearMetrics();
    metrics.clearDimensions();
    metrics.clearMetadata();
  }
}

/**
 * One EMF line holding `values`, with `dimensions` (and the stage). `offLambda`: where the line
 * goes off Lambda (`npm start`, tests): the console, or nowhere; by default nowhere for the
 * per-request figures and business events (`onLambdaOnly`), the console for the rest.
 */
export function emitMetrics(values: readonly MetricValue[], dimensions: Record<string, string> = {}, options: { offLambda?: 'console' | 'skip' } = {}): void {
  const onLambda = Boolean(process.env.AWS_LAMBDA_RUNTIME_API);
  const offLambda = options.offLambda ?? (values.every((v) => onLambdaOnly.has(v.name)) ? 'skip' : 'console');
  if (!onLambda && offLambda === 'skip') return;
  const line = emfLine(process.env[envNames.stage] ?? 'local', values, dimensions);
  if (onLambda) process.stdout.write(`${line}\n`);
  else console.log(line);
}

/** A count (`value` of one metric), with its dimensions: one line. */
export function countMetric(name: MetricName, value: number, dimensions: Record<string, string> = {}): void {
  emitMetrics([{ name, value }], dimensions);
}
