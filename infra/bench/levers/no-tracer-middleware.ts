/** The "without the tracer" variant's stand-in for @aws-lambda-powertools/tracer/middleware (see no-tracer.ts). Never shipped. */
export const captureLambdaHandler = () => ({ before: () => undefined, after: () => undefined, onError: () => undefined });
