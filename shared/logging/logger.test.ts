import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';

type LoggerModule = typeof import('./logger');

/**
 * Each test loads the logger afresh (Powertools reads the environment, and decides cold start,
 * when the Logger is constructed) and captures the global console the way the integration
 * tests do.
 */
const savedEnv = { ...process.env };
let out: string[];
let err: string[];

beforeEach(() => {
  for (const name of ['POWERTOOLS_DEV', 'POWERTOOLS_LOG_LEVEL', 'LOG_LEVEL', 'AWS_LAMBDA_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOGGER_LOG_EVENT', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_RUNTIME_API', '_X_AMZN_TRACE_ID']) {
    delete process.env[name];
  }
  out = [];
  err = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.map(String).join(' ')));
  jest.spyOn(console, 'info').mockImplementation((...args: unknown[]) => void out.push(`console.info: ${args.join(' ')}`));
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void err.push(`console.warn: ${args.join(' ')}`));
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.map(String).join(' ')));
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
});

function load(env: Record<string, string> = {}): LoggerModule {
  Object.assign(process.env, env);
  let mod: LoggerModule | undefined;
  jest.isolateModules(() => {
    mod = require('./logger') as LoggerModule;
  });
  return mod!;
}

const parse = (lines: string[]) =>
  lines.map((line) => {
    expect(line).not.toContain('\n');
    return JSON.parse(line) as Record<string, unknown>;
  });

function fakeContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

describe('logger', () => {
  it('writes one JSON line per call: info to console.log, warn and error to console.error', () => {
    const { logger } = load();
    logger.info('request', { route: 'GET /api/me', status: 200, ms: 3 });
    logger.warn('slow', { ms: 900 });
    logger.error('failed');
    expect(out).toHaveLength(1);
    expect(err).toHaveLength(2);
    const [info] = parse(out);
    expect(info).toEqual({
      level: 'INFO',
      message: 'request',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'portal',
      sampling_rate: 0,
      route: 'GET /api/me',
      status: 200,
      ms: 3,
    });
    expect(parse(err).map((line) => [line.level, line.message])).toEqual([
      ['WARN', 'slow'],
      ['ERROR', 'failed'],
    ]);
  });

  it('needs no environment, and honours POWERTOOLS_LOG_LEVEL', () => {
    load().logger.debug('hidden');
    expect(out).toEqual([]);
    load({ POWERTOOLS_LOG_LEVEL: 'DEBUG' }).logger.debug('shown');
    expect(parse(out)).toEqual([expect.objectContaining({ level: 'DEBUG', message: 'shown', service: 'portal' })]);
  });

  it('stays on one line with POWERTOOLS_DEV set (Powertools would pretty-print)', () => {
    load({ POWERTOOLS_DEV: 'true' }).logger.info('dev', { kind: { jobId: 'j-1' } });
    expect(out).toHaveLength(1);
    expect(parse(out)[0]).toMatchObject({ message: 'dev', kind: { jobId: 'j-1' } });
  });

  it('redacts fields by the allow-list and scrubs the message and values', () => {
    const { logger } = load();
    const sessionId = randomBytes(32).toString('base64url');
    logger.info(`signed in ann@example.com with ${sessionId}`, {
      requestId: 'r-1',
      email: 'ann@example.com',
      kind: { sessionId, jobId: 'j-1', list: [1] },
      outcome: `session ${sessionId}`,
    });
    expect(out.join('\n')).not.toMatch(new RegExp(`${sessionId}|ann@example`));
    expect(parse(out)[0]).toMatchObject({
      message: 'signed in [email] with [secret]',
      requestId: 'r-1',
      email: '[redacted]',
      kind: { sessionId: '[redacted]', jobId: 'j-1', list: '[redacted]' },
      outcome: 'session [secret]',
    });
  });

  it('logs describeError() scrubbed, and redacts a raw Error passed under another name', () => {
    const { logger, describeError } = load();
    const error = new Error('link for +447700900123 failed');
    logger.error('notification failed', { messageId: 'm-1', ...describeError(error), error });
    const [line] = parse(err);
    expect(line).toMatchObject({ messageId: 'm-1', errorName: 'Error', errorMessage: 'link for [phone] failed', error: '[redacted]' });
    expect(String(line!.stack)).toMatch(/^Error: link for \[phone\] failed\n/);
    expect(err.join('\n')).not.toContain('447700900123');
  });

  it('does not let a field overwrite what Powertools writes', () => {
    const { logger } = load();
    logger.info('x', { cold_start: true, function_request_id: 'forged', service: 'other' });
    const [line] = parse(out);
    expect(line).not.toHaveProperty('cold_start');
    expect(line).not.toHaveProperty('function_request_id');
    expect(line!.service).toBe('portal');
  });

  it('on AWS Lambda, writes the lines to process.stdout itself', () => {
    const written: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const { logger } = load({ AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001' });
    logger.info('on lambda', { email: 'ann@example.com' });
    logger.error('error on lambda');
    expect(out).toEqual([]);
    expect(err).toEqual([]);
    expect(written).toHaveLength(2);
    expect(written.map((chunk) => chunk.endsWith('\n') && !chunk.slice(0, -1).includes('\n'))).toEqual([true, true]);
    expect(parse(written.map((chunk) => chunk.trimEnd()))).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'on lambda', email: '[redacted]' }),
      expect.objectContaining({ level: 'ERROR', message: 'error on lambda' }),
    ]);
  });
});

describe('injectLambdaContext', () => {
  function handlerWith({ logger, injectLambdaContext }: LoggerModule) {
    return middy<{ email: string }, { ok: boolean }>()
      .use(injectLambdaContext())
      .handler(async (event) => {
        logger.info('handled', { outcome: event.email });
        if (event.email === 'throw') throw new Error('boom');
        return { ok: true };
      });
  }

  it('adds function name, request id and cold start: true on the first invocation, then false', async () => {
    const handler = handlerWith(load({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }));
    const first = fakeContext('portal-get-me');
    const second = fakeContext('portal-get-me');
    await expect(handler({ email: 'ann@example.com' }, first)).resolves.toEqual({ ok: true });
    await handler({ email: 'ann@example.com' }, second);
    const lines = parse(out);
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'handled',
        service: 'portal',
        cold_start: true,
        function_name: 'portal-get-me',
        function_request_id: first.awsRequestId,
        function_arn: first.invokedFunctionArn,
        function_memory_size: '256',
        outcome: '[email]',
      }),
      expect.objectContaining({ cold_start: false, function_request_id: second.awsRequestId }),
    ]);
  });

  it('keeps the context on lines logged while an error propagates', async () => {
    const handler = handlerWith(load({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }));
    const context = fakeContext('portal-get-me');
    await expect(handler({ email: 'throw' }, context)).rejects.toThrow('boom');
    expect(parse(out)).toEqual([expect.objectContaining({ function_request_id: context.awsRequestId, cold_start: true })]);
  });

  it('never logs the event, even with POWERTOOLS_LOGGER_LOG_EVENT set', async () => {
    const handler = handlerWith(load({ POWERTOOLS_LOGGER_LOG_EVENT: 'true' }));
    await handler({ email: 'ann@example.com' }, fakeContext('portal-get-me'));
    expect([...out, ...err].join('\n')).not.toContain('ann@example.com');
    expect(parse(out).map((line) => line.message)).toEqual(['handled']);
  });
});
