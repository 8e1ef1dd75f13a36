/**
 * `npm run demo:drive -- --key <acme key> [--job job_fc1090] [--every 3] [--steps 20] [--url http://localhost:3000]`
 *
 * The portal's address: `--url`, else PORTAL_URL, else the one the running `npm start` wrote to
 * `.data/running-stack.json` (any PORT), else http://localhost:3000. When nothing answers there it
 * says which address it tried, how it chose it, and the flag to pass.
 *
 * Plays a technician driving to a job through the business API, as a phone app would: starts
 * tracking (the "on my way" link appears in the outbox), then sends a position every few seconds
 * along a made-up route that ends at the job's location, then marks the visit arrived. Open the
 * link from /dev/outbox to watch the marker and the ETA move. `--complete` also ends the visit
 * (the page then says it is over). The key is the `Business API key (acme)` line `npm start` prints
 * (or PORTAL_API_KEY).
 */
import type { LatLng } from '../../shared/kernel/types';
import { readRunningStack, runningStackFile } from './running-stack';
import { projectRoot } from './stack';

export interface DriveOptions {
  url: string;
  key: string;
  jobId: string;
  everyMs: number;
  steps: number;
  complete: boolean;
  print: (line: string) => void;
}

/**
 * A drive of `steps` fixes ending at the destination: from about 3 km south-west, north along one
 * street, then east along another, as city blocks go (so the straight-line distance and the ETA
 * shrink unevenly, like a real drive).
 */
export function routeTo(destination: LatLng, steps: number): LatLng[] {
  const start = { lat: destination.lat - 0.02, lng: destination.lng - 0.025 };
  const corner = { lat: destination.lat, lng: start.lng };
  const firstLeg = Math.max(1, Math.round(steps * 0.45));
  const along = (from: LatLng, to: LatLng, t: number) => ({ lat: round(from.lat + (to.lat - from.lat) * t), lng: round(from.lng + (to.lng - from.lng) * t) });
  return Array.from({ length: steps }, (_, i) =>
    i < firstLeg ? along(start, corner, i / firstLeg) : along(corner, destination, (i - firstLeg + 1) / (steps - firstLeg)),
  );
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The portal's address, and how it was found (for the message when nothing answers there). */
export function portalAddress(flag: string | undefined, env: NodeJS.ProcessEnv, addressFile: string): { url: string; from: string } {
  if (flag) return { url: flag.replace(/\/+$/, ''), from: '--url' };
  if (env.PORTAL_URL) return { url: env.PORTAL_URL.replace(/\/+$/, ''), from: 'PORTAL_URL' };
  const running = readRunningStack(addressFile);
  if (running) return { url: running.url, from: `${addressFile} (written by npm start, pid ${running.pid})` };
  return { url: `http://localhost:${env.PORT ?? 3000}`, from: `the default (no running npm start found in ${addressFile})` };
}

export async function drive(options: DriveOptions & { urlFrom?: string }): Promise<void> {
  const api = async (method: string, path: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${options.url}/api/business/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${options.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      // fetch says only "fetch failed": say where, why that address, and what to pass instead.
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new Error(
        `No portal answered at ${options.url} (${cause}); that address came from ${options.urlFrom ?? '--url'}. ` +
          'Start it with `npm start`, or pass the address it printed ("Customer portal running at …"): npm run demo:drive -- --url http://localhost:<port> --key <acme key>',
      );
    }
    const json = (await res.json().catch(() => null)) as Record<string, any> | null;
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${json?.detail ?? ''} ${JSON.stringify(json?.errors ?? '')}`);
    return { status: res.status, body: json };
  };
  const job = (await api('GET', `/jobs/${options.jobId}`)).body!;
  if (!job.location) throw new Error(`Job ${options.jobId} has no location: PUT it with "location": { "lat", "lng" } first.`);
  const started = await api('POST', `/jobs/${options.jobId}/tracking`, { technician: { name: job.technician?.name ?? 'Dev Okafor', vehicle: 'White Ford Transit' }, channel: 'email' });
  options.print(started.status === 201 ? `Tracking started for ${job.number}: the "on my way" link is in ${options.url}/dev/outbox` : `Tracking was already under way for ${job.number} (same link, nothing sent again).`);
  for (const [i, point] of routeTo(job.location, options.steps).entries()) {
    const res = await api('PUT', `/jobs/${options.jobId}/tracking/position`, { ...point, accuracy: 8, at: new Date().toISOString() });
    options.print(`position ${i + 1}/${options.steps}: ${point.lat}, ${point.lng}${res.body!.applied ? '' : ` (ignored: ${res.body!.ignored})`}`);
    await new Promise((resolve) => setTimeout(resolve, options.everyMs));
  }
  await api('POST', `/jobs/${options.jobId}/tracking/arrived`, {});
  options.print('Arrived: the page hides the position now.');
  if (options.complete) {
    await api('POST', `/jobs/${options.jobId}/tracking/completed`, {});
    options.print('Completed: the link now says the visit is over.');
  }
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

if (require.main === module) {
  const key = argument('key') ?? process.env.PORTAL_API_KEY;
  if (!key) {
    console.error('Give the acme key that `npm start` printed: npm run demo:drive -- --key fsp_test_…');
    process.exit(1);
  }
  const address = portalAddress(argument('url'), process.env, runningStackFile(projectRoot));
  drive({
    url: address.url,
    urlFrom: address.from,
    key,
    // Jordan's next visit in the demo data (Bathroom faucet installation, in two days).
    jobId: argument('job') ?? 'job_fc1090',
    everyMs: Number(argument('every') ?? 3) * 1000,
    steps: Number(argument('steps') ?? 20),
    complete: process.argv.includes('--complete'),
    print: (line) => console.log(line),
  }).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
