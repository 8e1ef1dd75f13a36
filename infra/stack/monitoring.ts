/**
 * What tells ops something is wrong, in a nested stack of its own (CloudFormation's 500 resources
 * a stack: resource-budget.test.ts): alarms to one SNS topic, whose email subscribers come from
 * the stage's config, and one dashboard per stage. Each alarm names what to do in its description,
 * and docs/operations.md ("Alarms and the dashboard") says more.
 *
 * - Dead letters: any message in any dead-letter queue (a message that failed five times, or a
 *   text reply SNS could not hand over).
 * - Queues: the age of the oldest message, per queue (a consumer down, or capped and behind).
 * - The API, per route group (portal, business, stripe): the share of 5xx answers and the p99
 *   latency, from the figures every answer adds (shared/logging/metrics.ts); and API Gateway's own
 *   5xx count, which also sees what never reached a function (a crash, a timeout).
 * - Each function: an error, a throttle, or a p99 duration near its timeout, in one alarm each.
 * - The Stripe webhook's signature failures; webhook endpoints disabled; follow-up steps that kept
 *   failing past their bound of attempts.
 * - SES's bounce and complaint rates (SES reviews, then pauses, a sender above 5 % and 0.1 %), and
 *   the month's SMS spend against the stage's limit.
 *
 * The dashboard also shows the business events the functions count (no alarm: a quiet hour is not
 * a fault): sign-in links sent and used, checkouts started and completed, payments recorded by
 * method, estimates approved and visits booked.
 */
import { Duration, NestedStack, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  type IMetric,
  TextWidget,
  TreatMissingData,
  SingleValueWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { wafRegion, webAclNameOf } from './waf';
import { metricNames, metricsNamespace } from '../../shared/logging/metrics';
import type { QueueName, RouteGroup } from '../../shared/routes/kinds';

/** Every threshold, once: the stack test checks each alarm against these, and docs/operations.md lists them. */
export const alarmThresholds = {
  /** Messages in a dead-letter queue: any. */
  deadLetters: 1,
  /** The oldest message a queue holds, in seconds: a receipt or a sign-in link late by this much is noticed. */
  oldestMessageSeconds: { notifications: 600, webhooks: 900, payments: 300 } satisfies Record<QueueName, number>,
  /** 5xx answers as a share of a route group's requests, over 5 minutes, twice in a row, from 20 requests up. */
  serverErrorPercent: 2,
  minimumRequests: 20,
  /** p99 of a route group's answers, over 5 minutes, three times in a row. */
  p99LatencyMs: { portal: 1_000, business: 1_500, stripe: 2_000 } satisfies Record<RouteGroup, number>,
  /** API Gateway's own 5xx answers in 5 minutes: crashes and timeouts that no function answered. */
  gateway5xx: 5,
  /** A function's p99 duration as a share of its timeout. */
  durationShareOfTimeout: 0.8,
  /** Stripe webhook POSTs that did not verify, in 15 minutes: a wrong secret refuses every event; a stray probe is one or two. */
  stripeSignatureFailures: 3,
  webhookEndpointsDisabled: 1,
  followUpStepNeedsAttention: 1,
  /** SES reviews a sender above 5 % bounces and 0.1 % complaints: warn below each. */
  sesBounceRate: 0.04,
  sesComplaintRate: 0.0008,
  /** The month's SMS spend as a share of the stage's limit. */
  smsSpendShare: 0.8,
} as const;

export interface MonitoringProps {
  readonly stage: string;
  /** Who gets the alarms by email (each must confirm the subscription SNS sends). */
  readonly alarmEmails: readonly string[];
  /** The month's SMS spend limit in USD, as set on the account (SNS text messaging preferences). */
  readonly smsMonthlySpendLimitUsd: number;
  readonly apiId: string;
  readonly queues: Readonly<Record<QueueName, { readonly queue: IQueue; readonly deadLetterQueue: IQueue }>>;
  /** Dead-letter queues beyond the work queues' (the text replies' SNS subscription). */
  readonly otherDeadLetterQueues: Readonly<Record<string, IQueue>>;
  /** Every function by its route table name, with its timeout. */
  readonly functions: ReadonlyMap<string, IFunction & { readonly timeout?: Duration }>;
}

const fiveMinutes = Duration.minutes(5);
const portalMetric = (name: string, stage: string, dimensions: Record<string, string> = {}, statistic = 'Sum') =>
  new Metric({ namespace: metricsNamespace, metricName: name, dimensionsMap: { stage, ...dimensions }, statistic, period: fiveMinutes });

export class Monitoring extends NestedStack {
  public readonly topic: Topic;
  public readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id, { description: `Alarms and dashboard of the portal (${props.stage})` });
    const { stage } = props;
    this.topic = new Topic(this, 'Alarms', { displayName: `Portal ${stage} alarms`, enforceSSL: true });
    // CloudWatch cannot publish to a topic under the AWS-managed SNS key, and alarms carry no customer data.
    Validations.of(this.topic).acknowledge({ id: 'AwsSolutions-SNS2', reason: 'Alarm notifications hold alarm names and states only; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key.' });
    for (const email of props.alarmEmails) this.topic.addSubscription(new EmailSubscription(email));
    const alarm = (alarmId: string, metric: IMetric, options: { threshold: number; evaluationPeriods?: number; datapointsToAlarm?: number; comparison?: ComparisonOperator; description: string }) => {
      const created = new Alarm(this, alarmId, {
        alarmName: `portal-${stage}-${alarmId}`,
        alarmDescription: options.description,
        metric,
        threshold: options.threshold,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      created.addOkAction(new SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };

    // Queues.
    const deadLetterQueues: Record<string, IQueue> = { ...Object.fromEntries(Object.entries(props.queues).map(([name, q]) => [name, q.deadLetterQueue])), ...props.otherDeadLetterQueues };
    for (const [name, queue] of Object.entries(deadLetterQueues)) {
      alarm(`DeadLetters-${name}`, queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: fiveMinutes }), {
        threshold: alarmThresholds.deadLetters,
        description: `A message is parked in the ${name} dead-letter queue: read it, fix the cause, then redrive it (docs/operations.md, "Queues and dead-letter queues").`,
      });
    }
    for (const [name, { queue }] of Object.entries(props.queues) as [QueueName, { queue: IQueue }][]) {
      alarm(`OldestMessage-${name}`, queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: fiveMinutes }), {
        threshold: alarmThresholds.oldestMessageSeconds[name],
        evaluationPeriods: 2,
        description: `The ${name} queue's oldest message has waited over ${alarmThresholds.oldestMessageSeconds[name]} s twice in a row: its consumer is failing, throttled or at its concurrency cap behind a backlog.`,
      });
    }

    // The API, per route group.
    for (const group of ['portal', 'business', 'stripe'] as const satisfies readonly RouteGroup[]) {
      const requests = portalMetric(metricNames.requests, stage, { routeGroup: group });
      const errors = portalMetric(metricNames.serverErrors, stage, { routeGroup: group });
      alarm(`ServerErrors-${group}`, new MathExpression({
        expression: `IF(requests >= ${alarmThresholds.minimumRequests}, 100 * errors / requests, 0)`,
        usingMetrics: { requests, errors },
        period: fiveMinutes,
        label: `${group} 5xx %`,
      }), {
        threshold: alarmThresholds.serverErrorPercent,
        evaluationPeriods: 2,
        description: `Over ${alarmThresholds.serverErrorPercent} % of the ${group} routes' answers were 5xx twice in a row: the function logs say why ("request" lines with status >= 500).`,
      });
      alarm(`Latency-${group}`, portalMetric(metricNames.latency, stage, { routeGroup: group }, 'p99'), {
        threshold: alarmThresholds.p99LatencyMs[group],
        evaluationPeriods: 3,
        description: `The ${group} routes' p99 latency was over ${alarmThresholds.p99LatencyMs[group]} ms for 15 minutes: look at the dashboard's latency and the table's throttles.`,
      });
    }
    alarm('GatewayServerErrors', new Metric({ namespace: 'AWS/ApiGateway', metricName: '5xx', dimensionsMap: { ApiId: props.apiId }, statistic: 'Sum', period: fiveMinutes }), {
      threshold: alarmThresholds.gateway5xx,
      description: 'API Gateway answered 5xx that no function answered (a crash, a timeout, a throttle): see the function alarms and the API access log.',
    });

    // Each function: one alarm for an error, a throttle, or a duration near its timeout.
    for (const [name, fn] of props.functions) {
      const timeoutMs = (fn.timeout ?? Duration.seconds(3)).toMilliseconds();
      const limitMs = Math.round(timeoutMs * alarmThresholds.durationShareOfTimeout);
      alarm(`Function-${name}`, new MathExpression({
        expression: `IF(errors >= 1 OR throttles >= 1 OR duration >= ${limitMs}, 1, 0)`,
        usingMetrics: {
          errors: fn.metricErrors({ statistic: 'Sum', period: fiveMinutes }),
          throttles: fn.metricThrottles({ statistic: 'Sum', period: fiveMinutes }),
          duration: fn.metricDuration({ statistic: 'p99', period: fiveMinutes }),
        },
        period: fiveMinutes,
        label: `${name}: error, throttle or slow`,
      }), {
        threshold: 1,
        description: `${name} failed (an error its handler did not answer), was throttled, or its p99 took over ${limitMs} ms of its ${timeoutMs} ms timeout: its log lines say which.`,
      });
    }

    // What the portal counts itself.
    alarm('StripeSignatureFailures', portalMetric(metricNames.stripeSignatureFailures, stage).with({ period: Duration.minutes(15) }), {
      threshold: alarmThresholds.stripeSignatureFailures,
      description: 'Stripe webhook POSTs failed their signature check: if Stripe\'s own dashboard shows failing deliveries, the stripe secret\'s webhookSecret is wrong (docs/operations.md, "stripe").',
    });
    alarm('WebhookEndpointsDisabled', portalMetric(metricNames.webhookEndpointsDisabled, stage), {
      threshold: alarmThresholds.webhookEndpointsDisabled,
      description: 'A business\'s webhook endpoint was disabled after days of failed deliveries (the business was emailed). Several at once: look at the webhooks consumer, not at the businesses.',
    });
    alarm('FollowUpStepNeedsAttention', portalMetric(metricNames.followUpStepNeedsAttention, stage), {
      threshold: alarmThresholds.followUpStepNeedsAttention,
      description: 'A follow-up step owed by a write keeps failing past its bound of attempts: its log line ("follow-up step needs attention") names it (docs/operations.md, "Follow-up steps and the re-driver").',
    });

    // Sending.
    alarm('SesBounceRate', new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }), {
      threshold: alarmThresholds.sesBounceRate,
      description: `SES bounce rate over ${alarmThresholds.sesBounceRate * 100} % (SES reviews the account at 5 %): find the addresses bouncing (SES's configuration set events).`,
    });
    alarm('SesComplaintRate', new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum', period: Duration.hours(1) }), {
      threshold: alarmThresholds.sesComplaintRate,
      description: `SES complaint rate over ${alarmThresholds.sesComplaintRate * 100} % (SES reviews the account at 0.1 %).`,
    });
    alarm('SmsSpend', new Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', statistic: 'Maximum', period: Duration.hours(1) }), {
      threshold: Math.round(props.smsMonthlySpendLimitUsd * alarmThresholds.smsSpendShare * 100) / 100,
      description: `Texts this month have cost ${alarmThresholds.smsSpendShare * 100} % of the ${props.smsMonthlySpendLimitUsd} USD limit: SNS stops sending at the limit (raise it in SNS's text messaging preferences, and here with -c smsMonthlySpendLimitUsd).`,
    });

    this.dashboard(props);
  }

  private dashboard(props: MonitoringProps): void {
    const { stage } = props;
    const groups = ['portal', 'business', 'stripe'] as const;
    const byGroup = (name: string, statistic: string) => groups.map((group) => portalMetric(name, stage, { routeGroup: group }, statistic).with({ label: group }));
    const queueLines = (pick: (q: { queue: IQueue; deadLetterQueue: IQueue }) => IMetric) => Object.values(props.queues).map(pick);
    const searchBy = (name: string, dimension: string, label: string) =>
      new MathExpression({ expression: `SEARCH('{${metricsNamespace},stage,${dimension}} MetricName="${name}" stage="${stage}"', 'Sum', 300)`, label, period: fiveMinutes });
    const channels = ['email', 'sms'] as const;
    const functionsIn = (metric: string) =>
      new MathExpression({ expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metric}" Portal-${stage}-', 'Sum', 300)`, label: metric, period: fiveMinutes });
    new Dashboard(this, 'Dashboard', {
      dashboardName: `portal-${stage}`,
      widgets: [
        [new TextWidget({ markdown: `# Portal (${stage})\nAlarms go to the SNS topic of this stack; what each means and what to do: docs/operations.md, "Alarms and the dashboard".`, width: 24, height: 2 })],
        [
          new GraphWidget({ title: 'Requests by route group', left: byGroup(metricNames.requests, 'Sum'), width: 8 }),
          new GraphWidget({ title: '5xx answers by route group', left: byGroup(metricNames.serverErrors, 'Sum'), width: 8 }),
          new GraphWidget({ title: 'p99 latency (ms) by route group', left: byGroup(metricNames.latency, 'p99'), width: 8 }),
        ],
        [
          new GraphWidget({ title: 'Function errors and throttles', left: [functionsIn('Errors'), functionsIn('Throttles')], width: 8 }),
          new GraphWidget({ title: 'Oldest message (s) per queue', left: queueLines((q) => q.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: fiveMinutes })), width: 8 }),
          new GraphWidget({ title: 'Dead letters', left: [...queueLines((q) => q.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: fiveMinutes })), ...Object.values(props.otherDeadLetterQueues).map((q) => q.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: fiveMinutes }))], width: 8 }),
        ],
        [
          new GraphWidget({ title: 'Webhook deliveries by outcome', left: [searchBy(metricNames.webhookDeliveries, 'outcome', 'deliveries')], width: 8 }),
          new GraphWidget({ title: 'Follow-up steps', left: [portalMetric(metricNames.followUpStepsRedriven, stage).with({ label: 're-driven' }), portalMetric(metricNames.followUpStepNeedsAttention, stage).with({ label: 'need attention' })], width: 8 }),
          new SingleValueWidget({ title: 'Sending', metrics: [new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum' }), new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum' }), new Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', statistic: 'Maximum' })], width: 8 }),
        ],
        [new TextWidget({ markdown: '## Business events\nCounted once each, where the write that makes them true succeeds (shared/logging/metrics.ts); sums per 5 minutes.', width: 24, height: 1 })],
        [
          new GraphWidget({
            title: 'Sign-in links sent and used, by channel',
            left: [
              ...channels.map((channel) => portalMetric(metricNames.signInLinksSent, stage, { channel }).with({ label: `sent (${channel})` })),
              ...channels.map((channel) => portalMetric(metricNames.signInLinksUsed, stage, { channel }).with({ label: `used (${channel})` })),
            ],
            width: 6,
          }),
          new GraphWidget({ title: 'Checkouts started and completed', left: [portalMetric(metricNames.checkoutsStarted, stage).with({ label: 'started' }), portalMetric(metricNames.checkoutsCompleted, stage).with({ label: 'completed (paid)' })], width: 6 }),
          new GraphWidget({ title: 'Payments recorded by method', left: [searchBy(metricNames.paymentsRecorded, 'method', 'payments')], stacked: true, width: 6 }),
          new GraphWidget({ title: 'Estimates approved and visits booked', left: [portalMetric(metricNames.estimatesApproved, stage).with({ label: 'approved' }), portalMetric(metricNames.visitsBooked, stage).with({ label: 'booked' })], width: 6 }),
        ],
        [
          // The web ACL is in us-east-1 (infra/stack/waf.ts), and so are its figures, whatever the stage's region.
          new GraphWidget({
            title: 'WAF: requests blocked and counted (count mode counts what block mode would refuse)',
            left: (['BlockedRequests', 'CountedRequests'] as const).map((metricName) =>
              new Metric({ namespace: 'AWS/WAFV2', metricName, dimensionsMap: { WebACL: webAclNameOf(stage), Rule: 'ALL' }, statistic: 'Sum', period: fiveMinutes, region: wafRegion })),
            width: 24,
          }),
        ],
      ],
    });
  }
}
