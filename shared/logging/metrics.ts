/**
 * Counting what ops must see, in CloudWatch's embedded metric format: one JSON line that
 * CloudWatch turns into a metric, with no extra call. Namespace `Portal`.
 *
 * On Lambda the line goes straight to stdout (the runtime's console would prefix it and
 * CloudWatch would no longer read it); elsewhere through console.log, like the logger's lines.
 */
export const metricsNamespace = 'Portal';

export function countMetric(name: string, value: number, dimensions: Record<string, string> = {}): void {
  const line = JSON.stringify({
    _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: metricsNamespace, Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: 'Count' }] }] },
    ...dimensions,
    [name]: value,
  });
  if (process.env.AWS_LAMBDA_RUNTIME_API) process.stdout.write(`${line}\n`);
  else console.log(line);
}
