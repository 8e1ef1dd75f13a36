/**
 * The "without Powertools Metrics" variant's stand-in for @aws-lambda-powertools/metrics
 * (bundles.ts, `levers`): the EMF document written by hand, as shared/logging/metrics.ts did before
 * it used Powertools, behind the few methods it calls. The same lines, none of the package.
 * Never shipped.
 */
export const MetricUnit = { Count: 'Count', Milliseconds: 'Milliseconds' } as const;

type Emf = { _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] }; [key: string]: unknown };

export class Metrics {
  private readonly namespace: string;
  private readonly defaults: Record<string, string>;
  private sets: Record<string, string>[] = [];
  private values: { name: string; unit: string; value: number }[] = [];

  constructor(options: { namespace: string; serviceName?: string; defaultDimensions?: Record<string, string> }) {
    this.namespace = options.namespace;
    this.defaults = { service: options.serviceName ?? 'service_undefined', ...options.defaultDimensions };
  }
  addDimensions(dimensions: Record<string, string>): this {
    this.sets.push({ ...dimensions });
    return this;
  }
  addMetric(name: string, unit: string, value: number): this {
    this.values.push({ name, unit, value });
    return this;
  }
  serializeMetrics(): Emf {
    const keys = Object.keys(this.defaults);
    return {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: this.namespace, Dimensions: this.sets.length ? this.sets.map((set) => [...keys, ...Object.keys(set)]) : [keys], Metrics: this.values.map((v) => ({ Name: v.name, Unit: v.unit })) }],
      },
      ...this.defaults,
      ...Object.assign({}, ...this.sets),
      ...Object.fromEntries(this.values.map((v) => [v.name, v.value])),
    };
  }
  clearMetrics(): void {
    this.values = [];
  }
  clearDimensions(): void {
    this.sets = [];
  }
  clearMetadata(): void {}
}
