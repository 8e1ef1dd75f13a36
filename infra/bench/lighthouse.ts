/**
 * The portal's pages as a phone on a weak signal gets them (issue 17): Lighthouse's Node API in
 * its mobile preset (a mid-range phone's screen, 4× slower CPU) with simulated slow 4G (150 ms
 * round trips, 1.6 Mbit/s down; Lighthouse's default `simulate` method, which loads the page
 * unthrottled and computes the phone's timings from the trace), driving Debian's Chromium
 * (CHROME_PATH, default /usr/bin/chromium) against the local stack of this process.
 *
 * Eleven pages, each loaded `runs` times; the median of each metric is reported against the goal
 * and the budget. The median run's full report goes to .bench/lighthouse/<page>.json (open it in
 * Lighthouse's viewer, or read `audits['network-requests']` for the waterfall).
 * Nothing is downloaded: Lighthouse and its Chrome launcher are npm packages, Chromium is Debian's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { businessApiPrefix } from '../../shared/routes';
import { sessionCookieName } from '../../functions/http/cookies';
import { upsertJob } from '../../shared/jobs/write-job';
import type { LocalStack } from '../local/stack';
import { demo, demoForm } from '../local/seed';
import { jobFields, newLinkToken, newObjectLinkToken, newSession, newTrackingLinkToken, startBenchVisit } from './fixtures';
import { median } from './report';

/** Issue 17: what every page should reach on a phone on slow 4G… */
export const lighthouseGoal = { lcpMs: 1500, tbtMs: 100, cls: 0.05 };
/** …and what none may exceed (Core Web Vitals call an LCP of 2.5 s good). */
export const lighthouseBudget = { lcpMs: 2500, tbtMs: 200 };

export interface LighthousePage {
  name: string;
  /** The address Lighthouse opens (a link page's token in its fragment, as the message has it). */
  url: string;
  /** Sent with every request of the load: a signed-in page's session cookie. */
  headers?: Record<string, string>;
}

/** One load's figures: Lighthouse's simulated timings, its layout shift and what went over the wire. */
export interface LighthouseFigures {
  lcpMs: number;
  /** Lighthouse's TBT: the main thread's tasks by their wall time (cpuBlockingMs says why that is not judged). */
  tbtMs: number;
  /** The same from the tasks' CPU time on the main thread (cpuBlockingMs): the figure the goal and budget judge. */
  cpuTbtMs: number;
  cls: number;
  fcpMs: number;
  transferBytes: number;
  requests: number;
}

export interface LighthousePageResult {
  page: string;
  url: string;
  runs: LighthouseFigures[];
  /** Each metric's median over the runs, on its own (so not necessarily one run's figures). */
  median: LighthouseFigures;
  /** The largest contentful paint's element, as Lighthouse names it (median run). */
  lcpElement: string | null;
  warnings: string[];
}

/** Each metric's median over the runs, taken on its own. */
export function medianFigures(runs: readonly LighthouseFigures[]): LighthouseFigures {
  if (runs.length === 0) throw new Error('No Lighthouse runs to take a median of');
  const of = (key: keyof LighthouseFigures) => median(runs.map((r) => r[key]));
  return { lcpMs: of('lcpMs'), tbtMs: of('tbtMs'), cpuTbtMs: of('cpuTbtMs'), cls: of('cls'), fcpMs: of('fcpMs'), transferBytes: of('transferBytes'), requests: of('requests') };
}

export const meetsGoal = (m: LighthouseFigures): boolean => m.lcpMs <= lighthouseGoal.lcpMs && m.cpuTbtMs < lighthouseGoal.tbtMs && m.cls < lighthouseGoal.cls;
export const withinBudget = (m: LighthouseFigures): boolean => m.lcpMs <= lighthouseBudget.lcpMs && m.cpuTbtMs < lighthouseBudget.tbtMs;

/** A trace event, as far as cpuBlockingMs reads it (Chromium's trace format: microseconds). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time within the event: what the thread itself ran, not the time it waited for a CPU. */
  tdur?: number;
  pid: number;
  tid: number;
}

/** Lighthouse's mobile preset: the phone's CPU is this many times slower than the machine's. */
const phoneSlowdown = 4;
/** A task counts as blocking for what it runs beyond this (TBT's definition). */
const blockingAfterMs = 50;

/**
 * Total blocking time from the main thread's CPU time: after the first contentful paint, each task
 * counts what it runs beyond 50 ms once slowed 4× (Lighthouse's phone). Lighthouse's own TBT takes
 * each task's wall time, and here the page shares 2 CPUs with the local stack that serves it and with
 * Chromium's other processes: in a trace of the tracking page a task's wall time was about 3× its
 * thread time (89 ms for 22, 40 for 12), the renderer waiting for a CPU, which a phone loading the
 * page from the internet does not share with the portal's server. The same load's two figures are
 * both reported; the goal and the budget judge this one. Null when the trace has no paint.
 */
export function cpuBlockingMs(events: readonly TraceEvent[]): number | null {
  // The page's first contentful paint is marked on its main thread: the earliest is the page's own (a frame's come later).
  const paint = events.filter((e) => e.name === 'firstContentfulPaint').sort((a, b) => a.ts - b.ts)[0];
  if (!paint) return null;
  let blocking = 0;
  for (const e of events) {
    if (e.pid !== paint.pid || e.tid !== paint.tid || e.ph !== 'X' || e.name !== 'RunTask' || e.ts < paint.ts) continue;
    const cpuMs = ((e.tdur ?? e.dur ?? 0) / 1000) * phoneSlowdown;
    blocking += Math.max(0, cpuMs - blockingAfterMs);
  }
  return blocking;
}

/** One page's row in the report: its medians, then where it stands against the goal and the budget. */
export function lighthouseRow(result: Pick<LighthousePageResult, 'page' | 'runs' | 'median'>): string[] {
  const m = result.median;
  const missed = [
    m.lcpMs > lighthouseGoal.lcpMs ? 'LCP' : null,
    m.cpuTbtMs >= lighthouseGoal.tbtMs ? 'TBT' : null,
    m.cls >= lighthouseGoal.cls ? 'CLS' : null,
  ].filter(Boolean);
  return [
    result.page,
    seconds(m.lcpMs),
    `${Math.round(m.cpuTbtMs)} ms`,
    tbtRange(result.runs),
    `${Math.round(m.tbtMs)} ms`,
    m.cls.toFixed(3),
    seconds(m.fcpMs),
    `${(m.transferBytes / 1024).toFixed(1)} KB`,
    String(m.requests),
    String(result.runs.length),
    missed.length ? `not met (${missed.join(', ')})` : 'met',
    withinBudget(m) ? 'PASS' : 'FAIL  <<<<<<<<<<',
  ];
}

/**
 * The lowest and highest TBT (CPU time) of a page's runs: the spread says how far to trust the
 * median (Lighthouse's wall-time TBT moved by 100 ms and more between loads of the same code here).
 */
export function tbtRange(runs: readonly LighthouseFigures[]): string {
  const tbts = runs.map((r) => Math.round(r.cpuTbtMs));
  return `${Math.min(...tbts)}–${Math.max(...tbts)} ms`;
}

export const lighthouseHeaders = ['page', 'LCP', 'TBT (CPU)', 'its range', 'TBT (wall)', 'CLS', 'FCP', 'transfer', 'requests', 'runs', `goal (LCP ≤ ${seconds(lighthouseGoal.lcpMs)}, TBT < ${lighthouseGoal.tbtMs} ms, CLS < ${lighthouseGoal.cls})`, `budget (LCP ≤ ${seconds(lighthouseBudget.lcpMs)}, TBT < ${lighthouseBudget.tbtMs} ms)`];
export const lighthouseAlign = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'] as const;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * The eleven pages, with what each needs written into the stack first: a sign-in link, a session,
 * a pay link, an estimate link and a form link for Jordan's open invoice, estimate and form, a visit under way with a
 * position. Link tokens are made as the notification consumer makes them; none is used up by
 * opening its page (a sign-in link signs in only when "Sign in" is pressed), so one serves every run.
 */
export async function lighthousePages(stack: LocalStack): Promise<LighthousePage[]> {
  const acme = stack.demo.acme.business;
  const slug = acme.slug;
  const jordan = demo.jordan.id;
  const cookie = { cookie: `${sessionCookieName}=${await newSession(stack, acme.id, jordan)}` };

  // The technician is on the way, with a fix: the page shows the distance, the arrival and the map.
  const trackedJob = 'job_lighthouse_tracking';
  const { jobs, directory } = stack.stores;
  await upsertJob(acme.id, trackedJob, jobFields(jordan, 'TRACK-LH', new Date(Date.now() + 3_600_000)), { jobs, directory, clock: stack.source.clock });
  await startBenchVisit(stack, acme.id, trackedJob);
  const position = await fetch(`${stack.url}${businessApiPrefix}/jobs/${trackedJob}/tracking/position`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.demo.acme.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ lat: 39.7617, lng: -89.6701, accuracy: 8, at: new Date().toISOString() }),
  });
  if (position.status !== 200) throw new Error(`Lighthouse pages: the technician's position answered ${position.status}`);

  const at = (path: string) => `${stack.url}/${slug}${path}`;
  return [
    { name: 'sign-in page', url: at('/') },
    { name: 'link landing (sign-in link)', url: at(`/link#token=${await newLinkToken(stack, acme.id, jordan)}`) },
    // Where a sign-in lands (issue 18): its body is a lazy chunk fetched with its read at start.
    { name: 'home', url: at('/home'), headers: cookie },
    { name: 'work history', url: at('/jobs'), headers: cookie },
    { name: 'job page', url: at('/jobs/job_fn1077'), headers: cookie },
    { name: 'open invoices', url: at('/invoices'), headers: cookie },
    { name: 'estimate from its link', url: at(`/estimate#token=${await newObjectLinkToken(stack, 'estimate', acme.id, jordan, 'est_2001')}`) },
    // A form from its link (issue 19): the form's page and its answers' schema are a lazy chunk fetched after the link's lookup.
    { name: 'form from its link', url: at(`/form#token=${await newObjectLinkToken(stack, 'form', acme.id, jordan, demoForm.sentFormId)}`) },
    { name: 'pay link', url: at(`/pay#token=${await newObjectLinkToken(stack, 'invoice', acme.id, jordan, 'inv_1090')}`) },
    { name: 'tracking page', url: at(`/track#token=${await newTrackingLinkToken(stack, acme.id, jordan, trackedJob)}`) },
    // The request form on the business's website: no sign-in, the form in its own lazy chunk.
    { name: 'public request page', url: at('/request') },
  ];
}

/** Lighthouse's audit results as far as this file reads them. */
interface Audits {
  [id: string]: { numericValue?: number; details?: { items?: unknown[] } } | undefined;
}

function figuresOf(audits: Audits, trace: readonly TraceEvent[]): LighthouseFigures {
  const value = (id: string) => {
    const v = audits[id]?.numericValue;
    if (typeof v !== 'number') throw new Error(`Lighthouse gave no ${id}`);
    return v;
  };
  return {
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    cpuTbtMs: cpuBlockingMs(trace) ?? value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    fcpMs: value('first-contentful-paint'),
    transferBytes: value('total-byte-weight'),
    requests: audits['network-requests']?.details?.items?.length ?? 0,
  };
}

function lcpElementOf(audits: Audits): string | null {
  const items = audits['largest-contentful-paint-element']?.details?.items as { items?: { node?: { nodeLabel?: string; selector?: string } }[] }[] | undefined;
  const node = items?.[0]?.items?.[0]?.node;
  return node ? `${node.selector ?? ''} "${(node.nodeLabel ?? '').slice(0, 60)}"` : null;
}

export interface LighthouseOptions {
  runs: number;
  chromePath: string;
  /** Where each page's median run is written as Lighthouse's JSON report. */
  reportDir: string;
  onRun?: (page: string, run: number, figures: LighthouseFigures) => void;
}

/**
 * Loads each page `runs` times in one headless Chromium (a fresh tab and cleared storage each
 * load: Lighthouse's defaults), pages interleaved so a busy moment of the machine does not fall on
 * one page alone.
 */
export async function measureLighthouse(pages: LighthousePage[], options: LighthouseOptions): Promise<LighthousePageResult[]> {
  // Both are ES modules; this file is loaded as CommonJS.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: options.chromePath,
    // Root in a container has no sandbox to drop into.
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    logLevel: 'silent',
  });
  mkdirSync(options.reportDir, { recursive: true });
  const reports = new Map<string, { figures: LighthouseFigures; lhr: unknown; lcpElement: string | null; warnings: string[] }[]>(pages.map((p) => [p.name, []]));
  try {
    for (let run = 1; run <= options.runs; run++) {
      for (const page of pages) {
        const { lhr, artifacts } = await loadOnce(lighthouse, page, chrome.port);
        assertPhoneOnSlow4G(lhr.configSettings);
        const audits = lhr.audits as unknown as Audits;
        const figures = figuresOf(audits, (artifacts.Trace?.traceEvents ?? []) as unknown as TraceEvent[]);
        reports.get(page.name)!.push({ figures, lhr, lcpElement: lcpElementOf(audits), warnings: lhr.runWarnings });
        options.onRun?.(page.name, run, figures);
      }
    }
  } finally {
    chrome.kill();
  }
  return pages.map((page) => {
    const runs = reports.get(page.name)!;
    const figures = runs.map((r) => r.figures);
    const m = medianFigures(figures);
    // The run whose LCP is the median's: its report shows the waterfall behind that figure.
    const typical = runs.find((r) => r.figures.lcpMs === m.lcpMs) ?? runs[0]!;
    writeFileSync(join(options.reportDir, `${fileNameOf(page.name)}.json`), JSON.stringify(typical.lhr));
    return { page: page.name, url: page.url.replace(/#token=.*/, '#token=…'), runs: figures, median: m, lcpElement: typical.lcpElement, warnings: [...new Set(runs.flatMap((r) => r.warnings))] };
  });
}

type Lighthouse = typeof import('lighthouse').default;

/**
 * One load of the page. Lighthouse now and then fails to record a load's trace on a busy machine
 * (NO_NAVSTART, NO_FCP): that load is tried again, twice at most, rather than losing the run.
 */
async function loadOnce(lighthouse: Lighthouse, page: LighthousePage, port: number) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(page.url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      // Lighthouse's mobile preset: a phone's screen and CPU (4× slower), simulated slow 4G (checked after).
      formFactor: 'mobile',
      throttlingMethod: 'simulate',
      ...(page.headers ? { extraHeaders: page.headers } : {}),
    });
    const error = result ? result.lhr.runtimeError : { code: 'NO_RESULT', message: 'Lighthouse returned nothing' };
    if (result && !error) return result;
    if (attempt >= 3) throw new Error(`Lighthouse could not load ${page.name}: ${error?.code} ${error?.message}`);
  }
}

/** Lighthouse's defaults are the mobile preset with slow 4G; a later version that changed them would change every figure. */
function assertPhoneOnSlow4G(settings: { formFactor: string; throttlingMethod: string; throttling: { rttMs?: number; throughputKbps?: number; cpuSlowdownMultiplier?: number }; screenEmulation: { mobile: boolean } }): void {
  const { formFactor, throttlingMethod, throttling, screenEmulation } = settings;
  const slow4G = throttling.rttMs === 150 && throttling.throughputKbps === 1.6 * 1024 && throttling.cpuSlowdownMultiplier === 4;
  if (formFactor !== 'mobile' || !screenEmulation.mobile || throttlingMethod !== 'simulate' || !slow4G) {
    throw new Error(`Lighthouse did not run as a phone on slow 4G: ${JSON.stringify({ formFactor, throttlingMethod, throttling, screenEmulation })}`);
  }
}

const fileNameOf = (page: string) => page.replace(/\(.*\)/, '').trim().replace(/[^a-z0-9]+/gi, '-').toLowerCase();
