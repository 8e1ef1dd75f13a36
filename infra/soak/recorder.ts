/** Every request the soak made: status counts and latencies per route template (method + path template). */
export class Recorder {
  private readonly latencies = new Map<string, number[]>();
  private readonly statuses = new Map<string, Map<number, number>>();
  requests = 0;

  record(route: string, status: number, ms: number): void {
    this.requests++;
    if (!this.latencies.has(route)) this.latencies.set(route, []);
    this.latencies.get(route)!.push(ms);
    const byStatus = this.statuses.get(route) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.statuses.set(route, byStatus);
  }

  /** Answers with a status of 500 or more, by route. */
  serverErrors(): number {
    let n = 0;
    for (const byStatus of this.statuses.values()) for (const [status, count] of byStatus) if (status >= 500) n += count;
    return n;
  }

  rows(): { route: string; count: number; p50: number; p99: number; statuses: string }[] {
    return [...this.latencies.entries()]
      .map(([route, ms]) => {
        const sorted = [...ms].sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
        const statuses = [...this.statuses.get(route)!.entries()].sort(([a], [b]) => a - b).map(([s, c]) => `${s}×${c}`).join(' ');
        return { route, count: sorted.length, p50: at(0.5), p99: at(0.99), statuses };
      })
      .sort((a, b) => b.count - a.count);
  }
}
