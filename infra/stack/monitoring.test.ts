/**
 * Issue 20 §1: every alarm the stage needs exists, with its threshold (infra/stack/monitoring.ts's
 * `alarmThresholds`), sends to the alarm topic, and the topic mails whom the stage's config names.
 */
import { consumers, routes, schedules, subscribers } from '../../shared/routes';
import { metricNames } from '../../shared/logging/metrics';
import { alarmThresholds } from './monitoring';
import { queueNames } from './portal-stack';
import { type SynthesizedPortal, synthPortal, functionLogicalId } from './test-support';

let dev: SynthesizedPortal;
beforeAll(() => {
  dev = synthPortal({ stage: 'dev', alarmEmails: 'ops@example.com, oncall@example.com', smsMonthlySpendLimitUsd: '250' });
});

type AlarmProps = { AlarmName: string; Threshold: number; EvaluationPeriods: number; ComparisonOperator: string; TreatMissingData: string; AlarmActions: unknown[]; OKActions: unknown[]; MetricName?: string; Namespace?: string; Dimensions?: { Name: string; Value: unknown }[]; Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions?: { Name: string; Value: unknown }[] }; Stat: string } }[]; ExtendedStatistic?: string; Statistic?: string };
const alarms = () => Object.values(dev.template.findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties as AlarmProps);
const alarmNamed = (name: string) => {
  const found = alarms().find((a) => a.AlarmName === `portal-dev-${name}`);
  if (!found) throw new Error(`No alarm portal-dev-${name}`);
  return found;
};
const topicRef = () => ({ Ref: Object.keys(dev.template.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('Alarms'))! });

test('each alarm tells the alarm topic when it fires and when it clears, and treats no data as fine', () => {
  expect(alarms().length).toBeGreaterThan(routes.length);
  for (const alarm of alarms()) {
    expect([alarm.AlarmName, alarm.AlarmActions]).toEqual([alarm.AlarmName, [topicRef()]]);
    expect([alarm.AlarmName, alarm.OKActions]).toEqual([alarm.AlarmName, [topicRef()]]);
    expect([alarm.AlarmName, alarm.TreatMissingData]).toEqual([alarm.AlarmName, 'notBreaching']);
  }
});

test('the topic mails each address the stage names, and takes only TLS', () => {
  const subscriptions = Object.values(dev.template.findResources('AWS::SNS::Subscription')).map((r) => r.Properties as { Protocol: string; Endpoint: string; TopicArn: unknown });
  expect(subscriptions.filter((s) => s.Protocol === 'email').map((s) => [s.Endpoint, s.TopicArn])).toEqual([['ops@example.com', topicRef()], ['oncall@example.com', topicRef()]]);
  const policy = Object.values(dev.template.findResources('AWS::SNS::TopicPolicy')).find((p) => JSON.stringify(p.Properties.Topics).includes(topicRef().Ref));
  expect(JSON.stringify(policy)).toContain('aws:SecureTransport');
});

test.each(queueNames)('%s: any dead letter, and an oldest message past its bound twice in a row', (queue) => {
  expect(alarmNamed(`DeadLetters-${queue}`)).toMatchObject({ Threshold: alarmThresholds.deadLetters, MetricName: 'ApproximateNumberOfMessagesVisible', ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  expect(alarmNamed(`OldestMessage-${queue}`)).toMatchObject({ Threshold: alarmThresholds.oldestMessageSeconds[queue], MetricName: 'ApproximateAgeOfOldestMessage', EvaluationPeriods: 2 });
});

test.each(subscribers.map((s) => s.topic))('the %s subscription\'s dead-letter queue too', (topic) => {
  expect(alarmNamed(`DeadLetters-${topic}`)).toMatchObject({ Threshold: 1, MetricName: 'ApproximateNumberOfMessagesVisible' });
});

test.each(['portal', 'business', 'stripe'] as const)('the %s routes: the share of 5xx from the minimum of requests, and p99 latency, from the figures every answer adds', (group) => {
  const errors = alarmNamed(`ServerErrors-${group}`);
  expect(errors).toMatchObject({ Threshold: alarmThresholds.serverErrorPercent, EvaluationPeriods: 2 });
  expect(errors.Metrics!.find((m) => m.Expression)!.Expression).toBe(`IF(requests >= ${alarmThresholds.minimumRequests}, 100 * errors / requests, 0)`);
  const counted = errors.Metrics!.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric);
  expect(counted.map((m) => m.MetricName).sort()).toEqual([metricNames.requests, metricNames.serverErrors].sort());
  for (const metric of counted) expect(metric.Dimensions).toEqual([{ Name: 'routeGroup', Value: group }, { Name: 'stage', Value: 'dev' }]);
  expect(alarmNamed(`Latency-${group}`)).toMatchObject({ Threshold: alarmThresholds.p99LatencyMs[group], ExtendedStatistic: 'p99', MetricName: metricNames.latency, Namespace: 'Portal', EvaluationPeriods: 3 });
});

test('API Gateway\'s own 5xx (what no function answered)', () => {
  expect(alarmNamed('GatewayServerErrors')).toMatchObject({ Threshold: alarmThresholds.gateway5xx, MetricName: '5xx', Namespace: 'AWS/ApiGateway' });
});

test.each([...routes, ...consumers, ...schedules, ...subscribers].map((d) => d.name))('%s: an error, a throttle or a p99 near its timeout', (name) => {
  const alarm = alarmNamed(`Function-${name}`);
  const timeoutMs = 1000 * (dev.template.findResources('AWS::Lambda::Function')[functionLogicalId(dev.stack, name)]!.Properties.Timeout as number);
  expect(alarm.Metrics!.find((m) => m.Expression)!.Expression).toBe(`IF(errors >= 1 OR throttles >= 1 OR duration >= ${Math.round(timeoutMs * alarmThresholds.durationShareOfTimeout)}, 1, 0)`);
  for (const metric of alarm.Metrics!.filter((m) => m.MetricStat)) expect(metric.MetricStat!.Metric.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: functionLogicalId(dev.stack, name) } }]);
  expect(alarm.Threshold).toBe(1);
});

test('what the portal counts: Stripe signature failures, endpoints disabled, follow-up steps past their bound', () => {
  expect(alarmNamed('StripeSignatureFailures')).toMatchObject({ Threshold: alarmThresholds.stripeSignatureFailures, MetricName: metricNames.stripeSignatureFailures, Namespace: 'Portal', Dimensions: [{ Name: 'stage', Value: 'dev' }] });
  expect(alarmNamed('WebhookEndpointsDisabled')).toMatchObject({ Threshold: 1, MetricName: metricNames.webhookEndpointsDisabled, Dimensions: [{ Name: 'stage', Value: 'dev' }] });
  expect(alarmNamed('FollowUpStepNeedsAttention')).toMatchObject({ Threshold: 1, MetricName: metricNames.followUpStepNeedsAttention, Dimensions: [{ Name: 'stage', Value: 'dev' }] });
});

test('sending: SES bounce and complaint rates below where SES reviews a sender, and texts at 80 % of the month\'s limit', () => {
  expect(alarmNamed('SesBounceRate')).toMatchObject({ Threshold: 0.04, MetricName: 'Reputation.BounceRate', Namespace: 'AWS/SES' });
  expect(alarmNamed('SesComplaintRate')).toMatchObject({ Threshold: 0.0008, MetricName: 'Reputation.ComplaintRate', Namespace: 'AWS/SES' });
  expect(alarmNamed('SmsSpend')).toMatchObject({ Threshold: 200, MetricName: 'SMSMonthToDateSpentUSD', Namespace: 'AWS/SNS' });
});

test('one dashboard per stage', () => {
  const dashboards = Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards.map((d) => d.Properties.DashboardName)).toEqual(['portal-dev']);
});

/** The dashboard's body as CloudFormation holds it (a join of strings and references, each inside a JSON string), as one string. */
const dashboardBody = () => {
  const [dashboard] = Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'));
  const body = dashboard!.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  return typeof body === 'string' ? body : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'ref')).join('');
};

test('the dashboard shows the business events beside the API and the queues, each metric of this stage', () => {
  const body = dashboardBody();
  const widgets = (JSON.parse(body) as { widgets: { properties: { title?: string; metrics?: unknown[][] } }[] }).widgets;
  const graphOf = (title: string) => {
    const found = widgets.find((w) => w.properties.title === title);
    if (!found) throw new Error(`No widget "${title}"`);
    return JSON.stringify(found.properties.metrics);
  };
  // A metric line: [namespace, name, dimension, value, ...]; the stage always among them.
  const line = (name: string, dimensions: Record<string, string> = {}) => JSON.stringify(['Portal', name, ...Object.entries({ ...dimensions, stage: 'dev' }).flat()]).slice(1, -1);
  const signIn = graphOf('Sign-in links sent and used, by channel');
  for (const channel of ['email', 'sms']) {
    expect(signIn).toContain(line(metricNames.signInLinksSent, { channel }));
    expect(signIn).toContain(line(metricNames.signInLinksUsed, { channel }));
  }
  const checkouts = graphOf('Checkouts started and completed');
  expect(checkouts).toContain(line(metricNames.checkoutsStarted));
  expect(checkouts).toContain(line(metricNames.checkoutsCompleted));
  // Every method there is, as the functions write them (one series each).
  expect(graphOf('Payments recorded by method')).toContain(`SEARCH('{Portal,stage,method} MetricName=\\"${metricNames.paymentsRecorded}\\" stage=\\"dev\\"', 'Sum', 300)`);
  const estimates = graphOf('Estimates approved and visits booked');
  expect(estimates).toContain(line(metricNames.estimatesApproved));
  expect(estimates).toContain(line(metricNames.visitsBooked));
  expect(graphOf('Webhook deliveries by outcome')).toContain(`MetricName=\\"${metricNames.webhookDeliveries}\\"`);
  expect(graphOf('Follow-up steps')).toContain(line(metricNames.followUpStepsRedriven));
  // The WAF's figures, from us-east-1 where its web ACL is, whatever the stage's region.
  const waf = widgets.find((w) => w.properties.title?.startsWith('WAF:'));
  for (const metric of ['BlockedRequests', 'CountedRequests']) {
    expect(JSON.stringify(waf?.properties.metrics)).toContain(JSON.stringify(['AWS/WAFV2', metric, 'Rule', 'ALL', 'WebACL', 'portal-dev']).slice(1, -1));
  }
  expect(JSON.stringify(waf?.properties.metrics)).toContain('"region":"us-east-1"');
});

test('a stage config refuses alarm emails that are not addresses and a spend limit that is not a positive number', () => {
  expect(() => synthPortal({ stage: 'dev', alarmEmails: 'ops@example.com, not-an-address' })).toThrow(/alarmEmails/);
  expect(() => synthPortal({ stage: 'dev', smsMonthlySpendLimitUsd: '-5' })).toThrow(/smsMonthlySpendLimitUsd/);
});
