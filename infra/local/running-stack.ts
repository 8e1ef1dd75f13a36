/**
 * Where the local stack `npm start` runs: it writes its address to `.data/running-stack.json`
 * when it is up and removes the file when it stops, so a tool run beside it (`npm run demo:drive`)
 * finds it on whatever port it took (PORT). A file the stack itself writes is exact; scanning ports
 * would guess, and could talk to someone else's server. A file left by a stack that crashed names a
 * process that is gone, and is ignored.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface RunningStack {
  url: string;
  pid: number;
  startedAt: string;
}

export const runningStackFile = (projectRoot: string): string => join(projectRoot, '.data', 'running-stack.json');

export function writeRunningStack(file: string, stack: RunningStack): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(stack, null, 2)}\n`);
}

/** The stack the file names, if the file is there, well-formed and its process still runs. */
export function readRunningStack(file: string, isAlive: (pid: number) => boolean = processIsAlive): RunningStack | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const stack = parsed as Partial<RunningStack>;
  if (typeof stack.url !== 'string' || !/^https?:\/\/[^\s/]+$/.test(stack.url) || typeof stack.pid !== 'number') return null;
  return isAlive(stack.pid) ? (stack as RunningStack) : null;
}

/** Removes the file if it still names this process (a newer stack may have written its own since). */
export function removeRunningStack(file: string, pid: number): void {
  if (readRunningStack(file, () => true)?.pid === pid) rmSync(file, { force: true });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
