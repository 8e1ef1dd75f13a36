/**
 * X-Ray traces, through Powertools for AWS Lambda's Tracer: the one place the portal traces.
 *
 * On, only on Lambda: the Tracer is not even loaded where AWS_EXECUTION_ENV is unset (npm start,
 * tests, scripts), so nothing there reaches for an X-Ray daemon; each function's definition sets
 * POWERTOOLS_TRACE_ENABLED and POWERTOOLS_SERVICE_NAME (infra/stack/portal-function.ts), and
 * Lambda's active tracing decides which invocations are sampled (docs/operations.md).
 *
 * What a trace holds: the invocation (`## index.handler`, annotated with ColdStart and Service),
 * each AWS SDK call of the clients the portal builds (`traceAwsClient`, called where each is
 * made: DynamoDB, SQS, SES, SNS, Secrets Manager), and the outgoing HTTPS the Tracer captures by
 * itself: Stripe's API and S3's presigned requests (fetch), webhook deliveries (node's https). URLs
 * are recorded without their query strings. Never a request's or a response's body: the
 * handler's result is not captured (it is the customer's data), and an error is recorded as a
 * flag only, never its message or stack: those are in the function's log line, which carries the
 * same `xray_trace_id`.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { captureLambdaHandler as CaptureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

/**
 * Loaded on Lambda only (where the Tracer may be on): the X-Ray SDK under it enables a global
 * async hook as it loads (its context follows every promise), which npm start, the tests and the
 * scripts have no use for. Elsewhere there is no tracer: nothing loads, nothing is traced.
 */
const mayTrace = Boolean(process.env.AWS_EXECUTION_ENV) && !/^(false|0)$/i.test(process.env.POWERTOOLS_TRACE_ENABLED ?? '');
const powertools = mayTrace
  ? {
      Tracer: (require('@aws-lambda-powertools/tracer') as typeof import('@aws-lambda-powertools/tracer')).Tracer,
      captureLambdaHandler: (require('@aws-lambda-powertools/tracer/middleware') as { captureLambdaHandler: typeof CaptureLambdaHandler }).captureLambdaHandler,
    }
  : null;

/** The function's Tracer (null off Lambda). It still checks the environment itself (SAM local, POWERTOOLS_TRACE_ENABLED). */
export const tracer: Tracer | null = powertools ? new powertools.Tracer() : null;

/** An AWS SDK v3 client, its calls traced on Lambda (the same client, untouched, anywhere else). */
export function traceAwsClient<C>(client: C): C {
  return tracer?.isTracingEnabled() ? tracer.captureAWSv3Client(client) : client;
}

type WithResponse = { response: unknown };

const statusOf = (response: unknown): number | undefined => {
  const status = (response as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

/**
 * middy middleware: the invocation's subsegment, opened before the rest of the chain and closed
 * after it. Used second in every chain, after the logger's context (shared/logging/logger.ts), so
 * an HTTP route's problem+json boundary has answered an error before this sees it: an answer
 * below 500 is the caller's mistake (X-Ray's "error"), anything else a fault.
 */
export function traceInvocation<TEvent = unknown, TResult = unknown>(): MiddlewareObj<TEvent, TResult> {
  // middy takes no empty middleware: off Lambda, one that does nothing.
  if (!powertools || !tracer?.isTracingEnabled()) return { before: () => undefined };
  const on = tracer;
  const capture = powertools.captureLambdaHandler(on, { captureResponse: false }) as unknown as Required<Pick<MiddlewareObj<TEvent, TResult>, 'before' | 'after'>>;
  return {
    before: capture.before,
    after: capture.after,
    onError: (request) => {
      const status = statusOf((request as unknown as WithResponse).response);
      const segment = on.getSegment();
      if (status !== undefined && status < 500) segment?.addErrorFlag();
      else segment?.addFaultFlag();
      // Closes the subsegment; the error itself (its message, its stack) stays in the log line.
      return capture.after(request);
    },
  };
}
