/** The embedded metric format lines the alarms read (infra/stack/monitoring.ts): stage always, and the stage alone as a second dimension set. */
import { countMetric, emitMetrics, metricNames } from './metrics';

const savedEnv = { ...process.env };
afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
});

test('on Lambda: one line on stdout with the stage, the given dimensions and the stage alone, each metric with its unit', () => {
  process.env.AWS_LAMBDA_RUNTIME_API = '127.0.0.1:9001';
  process.env.STAGE = 'prod';
  const written: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
  emitMetrics([{ name: metricNames.requests, value: 1 }, { name: metricNames.latency, value: 42, unit: 'Milliseconds' }], { routeGroup: 'portal' }, { offLambda: 'skip' });
  expect(written).toHaveLength(1);
  const line = JSON.parse(written[0]!);
  expect(line).toMatchObject({
    stage: 'prod', routeGroup: 'portal', Requests: 1, Latency: 42,
    _aws: { CloudWatchMetrics: [{ Namespace: 'Portal', Dimensions: [['stage', 'routeGroup'], ['stage']], Metrics: [{ Name: 'Requests', Unit: 'Count' }, { Name: 'Latency', Unit: 'Milliseconds' }] }] },
  });
});

test('off Lambda: per-request figures are skipped (npm start stays readable); others go to the console', () => {
  delete process.env.AWS_LAMBDA_RUNTIME_API;
  const logged: string[] = [];
  jest.spyOn(console, 'log').mockImplementation((line) => void logged.push(String(line)));
  emitMetrics([{ name: metricNames.requests, value: 1 }], { routeGroup: 'portal' }, { offLambda: 'skip' });
  expect(logged).toEqual([]);
  emitMetrics([{ name: metricNames.webhookEndpointsDisabled, value: 1 }]);
  expect(JSON.parse(logged[0]!)).toMatchObject({ stage: 'local', WebhookEndpointsDisabled: 1, _aws: { CloudWatchMetrics: [{ Dimensions: [['stage']] }] } });
});

describe('Powertools Metrics underneath', () => {
  const onLambda = () => {
    process.env.AWS_LAMBDA_RUNTIME_API = '127.0.0.1:9001';
    process.env.STAGE = 'prod';
    const written: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    return () => written.map((line) => JSON.parse(line));
  };

  test('no `service` dimension (Powertools adds one to every set): the metrics stay keyed by the stage, as the alarms read them', () => {
    const lines = onLambda();
    countMetric(metricNames.paymentsRecorded, 1, { method: 'card' });
    countMetric(metricNames.webhookEndpointsDisabled, 1);
    const [withDimension, stageOnly] = lines();
    expect(withDimension).not.toHaveProperty('service');
    expect(withDimension._aws.CloudWatchMetrics).toEqual([{ Namespace: 'Portal', Dimensions: [['stage', 'method'], ['stage']], Metrics: [{ Name: 'PaymentsRecorded', Unit: 'Count' }] }]);
    expect(stageOnly._aws.CloudWatchMetrics[0].Dimensions).toEqual([['stage']]);
    expect(typeof withDimension._aws.Timestamp).toBe('number');
  });

  test('each call is its own line: one call\'s dimensions and values never reach the next (nor the next invocation)', () => {
    const lines = onLambda();
    countMetric(metricNames.signInLinksSent, 1, { channel: 'sms' });
    countMetric(metricNames.checkoutsStarted, 1);
    const [first, second] = lines();
    expect(first).toMatchObject({ stage: 'prod', channel: 'sms', SignInLinksSent: 1 });
    expect(second).not.toHaveProperty('channel');
    expect(second).not.toHaveProperty('SignInLinksSent');
    expect(second._aws.CloudWatchMetrics[0]).toMatchObject({ Dimensions: [['stage']], Metrics: [{ Name: 'CheckoutsStarted', Unit: 'Count' }] });
  });

  test('a call that fails half-way (a dimension named like one of its metrics) leaves nothing behind for the next one', () => {
    const lines = onLambda();
    expect(() => emitMetrics([{ name: metricNames.latency, value: 5, unit: 'Milliseconds' }, { name: metricNames.requests, value: 1 }], { routeGroup: 'business', Requests: 'x' })).toThrow(/collision/);
    countMetric(metricNames.visitsBooked, 1);
    const all = lines();
    expect(all).toHaveLength(1);
    expect(all[0]).not.toHaveProperty('Latency');
    expect(all[0]).not.toHaveProperty('routeGroup');
    expect(all[0]).toMatchObject({ stage: 'prod', VisitsBooked: 1 });
  });

  test('the stage is read at each call (a process serving another stage writes its own)', () => {
    const lines = onLambda();
    countMetric(metricNames.estimatesApproved, 1);
    process.env.STAGE = 'dev';
    countMetric(metricNames.estimatesApproved, 1);
    expect(lines().map((l) => l.stage)).toEqual(['prod', 'dev']);
  });

  test('off Lambda, business events print nothing by default (npm start stays readable)', () => {
    delete process.env.AWS_LAMBDA_RUNTIME_API;
    const logged: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((line) => void logged.push(String(line)));
    countMetric(metricNames.signInLinksSent, 1, { channel: 'email' });
    countMetric(metricNames.paymentsRecorded, 1, { method: 'card' });
    expect(logged).toEqual([]);
  });
});
