/**
 * Reads the handlers' log lines as the run goes (the local stack writes them to the console), so
 * a 500 whose cause was an injected crash (`errorName: InjectedCrash` on the boundary's `request`
 * line) is told apart from a real one, and warnings are counted by message. Nothing is printed:
 * at soak rates the console would be the bottleneck.
 */
export interface LogWatch {
  injected5xx: number;
  unexpected5xx: { route: string; status: number; error: string }[];
  /** warn/error lines by message (e.g. "follow-up step failed; it will be retried"). */
  warnings: Map<string, number>;
  restore(): void;
}

export function watchLogs(): LogWatch {
  const watch: LogWatch = { injected5xx: 0, unexpected5xx: [], warnings: new Map(), restore: () => undefined };
  const original = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const read = (...args: unknown[]) => {
    const line = args.map(String).join(' ');
    if (line.startsWith('[gateway] unexpected error')) {
      watch.unexpected5xx.push({ route: '(gateway)', status: 500, error: line.slice(0, 300) });
      return;
    }
    if (!line.startsWith('{')) return;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const level = String(entry.level ?? '');
    if (entry.message === 'request' && Number(entry.status) >= 500) {
      if (entry.errorName === 'InjectedCrash') watch.injected5xx++;
      else watch.unexpected5xx.push({ route: String(entry.route), status: Number(entry.status), error: `${String(entry.errorName)}: ${String(entry.errorMessage ?? '')}`.slice(0, 300) });
      return;
    }
    if (level === 'WARN' || level === 'ERROR') {
      const message = String(entry.message);
      watch.warnings.set(message, (watch.warnings.get(message) ?? 0) + 1);
    }
  };
  console.log = read;
  console.info = read;
  console.warn = read;
  console.error = read;
  watch.restore = () => Object.assign(console, original);
  return watch;
}
