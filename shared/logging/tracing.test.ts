/**
 * The tracer is Lambda's only: anywhere else (npm start, tests) nothing of X-Ray loads, no client
 * is touched and the chain's middleware does nothing. On Lambda (tracing/test-lambda below) the
 * invocation is a subsegment, SDK clients are captured, and an error flags the subsegment by
 * what the boundary answered, never recording its message.
 */
import middy from '@middy/core';
import { SQSClient } from '@aws-sdk/client-sqs';

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
  jest.resetModules();
});

function load(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  let loaded!: typeof import('./tracing');
  jest.isolateModules(() => {
    loaded = require('./tracing');
  });
  return loaded;
}

test('off Lambda: no tracer, X-Ray\'s SDK not loaded, clients untouched, a middleware that does nothing', async () => {
  // Loading the Tracer (and X-Ray's SDK under it) would throw here.
  jest.doMock('@aws-lambda-powertools/tracer', () => {
    throw new Error('the Tracer was loaded');
  });
  jest.doMock('@aws-lambda-powertools/tracer/middleware', () => {
    throw new Error('the Tracer was loaded');
  });
  let loaded: ReturnType<typeof load>;
  try {
    loaded = load({ AWS_EXECUTION_ENV: undefined, LAMBDA_TASK_ROOT: undefined });
  } finally {
    jest.dontMock('@aws-lambda-powertools/tracer');
    jest.dontMock('@aws-lambda-powertools/tracer/middleware');
  }
  const { tracer, traceAwsClient, traceInvocation } = loaded;
  expect(tracer).toBeNull();
  const client = new SQSClient({ region: 'us-east-1' });
  const steps = client.middlewareStack.identify().length;
  expect(traceAwsClient(client)).toBe(client);
  expect(client.middlewareStack.identify()).toHaveLength(steps);
  const handler = middy(async () => 'ok').use(traceInvocation());
  await expect(handler({}, {} as never)).resolves.toBe('ok');
});

test('on Lambda with POWERTOOLS_TRACE_ENABLED=false: nothing loads either', () => {
  const { tracer } = load({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_TRACE_ENABLED: 'false' });
  expect(tracer).toBeNull();
});

describe('on Lambda', () => {
  const lambdaEnv = {
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: '/var/task',
    _HANDLER: 'index.handler',
    POWERTOOLS_SERVICE_NAME: 'portal-test',
    POWERTOOLS_TRACE_ENABLED: 'true',
    _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0',
    // A port nothing listens on: an unsampled trace sends nothing anyway.
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:1',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  };

  test('the SDK clients the portal builds are captured (X-Ray\'s middleware on their stack)', () => {
    const { tracer, traceAwsClient } = load(lambdaEnv);
    expect(tracer?.isTracingEnabled()).toBe(true);
    const client = traceAwsClient(new SQSClient({ region: 'us-east-1' }));
    expect(client.middlewareStack.identify().join(' ')).toMatch(/XRaySDKInstrumentation/);
  });

  test.each([
    [404, 'error'],
    [500, 'fault'],
  ])('an error the boundary answered %s flags the invocation\'s subsegment as %s, without its message', async (status, flag) => {
    const { tracer, traceInvocation } = load(lambdaEnv);
    let subsegment: Record<string, unknown> | undefined;
    const handler = middy(async () => {
      subsegment = tracer!.getSegment() as unknown as Record<string, unknown>;
      throw new Error('jordan@example.com could not be found');
    })
      .use(traceInvocation())
      // What the problem+json boundary does (functions/http/boundary.ts), registered after: its onError runs first.
      .use({ onError: (request) => void (request.response = { statusCode: status }) });
    await expect(handler({}, {} as never)).resolves.toEqual({ statusCode: status });
    expect(subsegment).toMatchObject({ name: '## index.handler', [flag]: true });
    expect(subsegment).not.toHaveProperty(flag === 'error' ? 'fault' : 'error');
    expect(JSON.stringify(subsegment)).not.toContain('jordan@example.com');
  });
});
