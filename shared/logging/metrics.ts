/**
 * Counting what ops must see, in CloudWatch's embedded metric format: one JSON line that
 * CloudWatch turns into metrics, with no extra call. Namespace `Portal`; every metric carries the
 * stage, so two stages in one account never mix, and is also kept without its other dimensions,
 * so an alarm can watch the whole stage (one dimension set per line: CloudWatch bills each).
 *
 * On Lambda the line goes straight to stdout (the runtime's console would prefix it and
 * CloudWatch would no longer read it); elsewhere through console.log, like the logger's lines,
 * except the per-request figures, which would only be noise beside `npm start`'s log.
 *
 * The names are here, once: the functions emit them and the stack's alarms and dashboard
 * (infra/stack/monitoring.ts) read them.
 */
import { envNames } from '../config/env-names';

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
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];

export interface MetricValue {
  name: MetricName;
  value: number;
  unit?: 'Count' | 'Milliseconds';
}

export function emitMetrics(values: readonly MetricValue[], dimensions: Record<string, string> = {}, options: { offLambda?: 'console' | 'skip' } = {}): void {
  const onLambda = Boolean(process.env.AWS_LAMBDA_RUNTIME_API);
  if (!onLambda && options.offLambda === 'skip') return;
  const stage = process.env[envNames.stage] ?? 'local';
  const keys = Object.keys(dimensions);
  const line = JSON.stringify({
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{
        Namespace: metricsNamespace,
        Dimensions: keys.length ? [['stage', ...keys], ['stage']] : [['stage']],
        Metrics: values.map((v) => ({ Name: v.name, Unit: v.unit ?? 'Count' })),
      }],
    },
    stage,
    ...dimensions,
    ...Object.fromEntries(values.map((v) => [v.name, v.value])),
  });
  if (onLambda) process.stdout.write(`${line}\n`);
  else console.log(line);
}

export function countMetric(name: MetricName, value: number, dimensions: Record<string, string> = {}): void {
  emitMetrics([{ name, value }], dimensions);
}
