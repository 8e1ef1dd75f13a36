/** Small helpers for the benchmark's output: statistics, number formats, aligned tables. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (value: number, digits = 1): string => `${value.toFixed(digits)} ms`;
export const ratio = (value: number): string => `${value.toFixed(2)}×`;

export type Align = 'left' | 'right';

/** A plain-text table: header row, a rule, then rows; numbers are usually right-aligned by the caller. */
export function table(headers: string[], rows: string[][], align: Align[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (cell: string, i: number) => ((align[i] ?? 'left') === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => pad(c, i)).join('  ').trimEnd();
  return [line(headers), '  ' + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function section(title: string): string {
  return `\n${title}\n${'='.repeat(title.length)}`;
}

export const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL  <<<<<<<<<<');

/** Everything out() printed, for .bench/report.txt. */
export const printed: string[] = [];

/** The benchmark writes its report here (not console.log: the handlers' request logs are muted while it runs). */
export function out(text = ''): void {
  printed.push(text);
  process.stdout.write(text + '\n');
}
