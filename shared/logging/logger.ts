/**
 * Structured JSON logs, one line per event, through Powertools for AWS Lambda's Logger: level,
 * message, timestamp, service ("portal") and, once a handler's middy chain uses
 * `injectLambdaContext()`, the function name, request id and cold start.
 *
 * Everything a line carries passes the redaction in ./redact.ts (an allow-list of field names,
 * and scrubbing of free text). It is applied in the log formatter, so it also covers what
 * Powertools itself adds (its own warnings, an `error` or `event` key), not just our calls.
 *
 * Where lines go: on AWS Lambda (AWS_LAMBDA_RUNTIME_API is set) Powertools writes them to
 * process.stdout itself, bypassing the runtime's console (which would prefix each line).
 * Everywhere else (local stack, tests, scripts) they go through the global console:
 * console.log for debug and info, console.error for warn and error, read at call time, so
 * `jest.spyOn(console, ...)` captures them.
 *
 * Level: INFO unless POWERTOOLS_LOG_LEVEL / LOG_LEVEL (or Lambda's AWS_LAMBDA_LOG_LEVEL) say
 * otherwise. Nothing needs to be set.
 */
import type { MiddlewareObj } from '@middy/core';
import { LogFormatter, LogItem, Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import { injectLambdaContext as powertoolsInjectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redactFields, scrubText } from './redact';

export { allowedFields, describeError, redactFields, scrubText, type ErrorFields } from './redact';

export const serviceName = 'portal';

/** The keys Powertools writes itself; a field of ours may not overwrite them. */
const standardKeys: ReadonlySet<string> = new Set([
  'level', 'message', 'timestamp', 'service', 'cold_start', 'function_arn', 'function_memory_size',
  'function_name', 'function_request_id', 'sampling_rate', 'xray_trace_id', 'tenant_id',
]);

/** Powertools' standard layout, with the message scrubbed and the other fields redacted. */
class RedactingFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: scrubText(String(attributes.message ?? '')),
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: context?.coldStart,
        function_arn: context?.invokedFunctionArn,
        function_memory_size: context?.memoryLimitInMB,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
        tenant_id: context?.tenantId,
      },
    }).addAttributes(redactFields(additional, standardKeys));
  }
}

class PortalLogger extends Logger {
  protected override printLog(logLevel: number, log: LogItem): void {
    if (process.env.AWS_LAMBDA_RUNTIME_API) {
      super.printLog(logLevel, log);
      return;
    }
    log.prepareForPrint();
    // Always compact: one line per call, even with POWERTOOLS_DEV set.
    const line = JSON.stringify(log.getAttributes(), this.getJsonReplacer());
    if (logLevel >= LogLevelThreshold.WARN) console.error(line);
    else console.log(line);
  }
}

const powertools = new PortalLogger({ serviceName, logFormatter: new RedactingFormatter() });

export type LogFields = Record<string, unknown>;
type LogFn = (message: string, fields?: LogFields) => void;

const at = (write: (message: string, ...extra: LogFields[]) => void): LogFn => (message, fields) =>
  fields === undefined ? write(message) : write(message, fields);

export const logger: { debug: LogFn; info: LogFn; warn: LogFn; error: LogFn } = {
  debug: at((message, ...extra) => powertools.debug(message, ...extra)),
  info: at((message, ...extra) => powertools.info(message, ...extra)),
  warn: at((message, ...extra) => powertools.warn(message, ...extra)),
  error: at((message, ...extra) => powertools.error(message, ...extra)),
};

/**
 * middy middleware adding the Lambda context (function name, request id, cold start) to every
 * line logged during the invocation. Use it first in the chain. The event itself is never
 * logged, whatever POWERTOOLS_LOGGER_LOG_EVENT says.
 */
export function injectLambdaContext<TEvent = unknown, TResult = unknown>(): MiddlewareObj<TEvent, TResult> {
  return powertoolsInjectLambdaContext(powertools, { logEvent: false }) as MiddlewareObj<TEvent, TResult>;
}
