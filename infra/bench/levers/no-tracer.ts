/**
 * The "without the tracer" variant's stand-in for @aws-lambda-powertools/tracer (bundles.ts,
 * `levers`): a Tracer that is never on, so the bundle holds none of X-Ray's SDK and its first
 * request traces nothing. Never shipped.
 */
export class Tracer {
  isTracingEnabled(): boolean {
    return false;
  }
  captureAWSv3Client<C>(client: C): C {
    return client;
  }
  getSegment(): undefined {
    return undefined;
  }
}
