/** The embedded metric format lines the alarms read (infra/stack/monitoring.ts): stage always, and the stage alone as a second dimension set. */
import { emitMetrics, metricNames } from './metrics';

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
