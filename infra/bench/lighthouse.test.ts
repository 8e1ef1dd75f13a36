import { cpuBlockingMs, lighthouseRow, medianFigures, meetsGoal, withinBudget, type LighthouseFigures, type TraceEvent } from './lighthouse';

const figures = (overrides: Partial<LighthouseFigures> = {}): LighthouseFigures => ({ lcpMs: 1200, tbtMs: 40, cpuTbtMs: 30, cls: 0.01, fcpMs: 900, transferBytes: 40 * 1024, requests: 8, ...overrides });

describe('medianFigures', () => {
  it("takes each figure's median on its own, so one slow run moves none of them", () => {
    const runs = [figures({ lcpMs: 1400, tbtMs: 900 }), figures({ lcpMs: 4000, tbtMs: 60 }), figures({ lcpMs: 1300, tbtMs: 80, cls: 0.2 })];
    expect(medianFigures(runs)).toEqual(figures({ lcpMs: 1400, tbtMs: 80, cls: 0.01 }));
  });

  it('refuses to make figures out of no run', () => {
    expect(() => medianFigures([])).toThrow('No Lighthouse runs');
  });
});

describe('the goal and the budget', () => {
  it('holds LCP to at most, TBT and CLS to below their marks', () => {
    expect(meetsGoal(figures({ lcpMs: 1500, cpuTbtMs: 99, cls: 0.049 }))).toBe(true);
    expect(meetsGoal(figures({ lcpMs: 1501 }))).toBe(false);
    expect(meetsGoal(figures({ cpuTbtMs: 100 }))).toBe(false);
    expect(meetsGoal(figures({ cls: 0.05 }))).toBe(false);
    expect(withinBudget(figures({ lcpMs: 2500, cpuTbtMs: 199 }))).toBe(true);
    expect(withinBudget(figures({ lcpMs: 2501 }))).toBe(false);
    expect(withinBudget(figures({ cpuTbtMs: 200 }))).toBe(false);
    // The judged TBT is the CPU-time one; Lighthouse's wall-time TBT is shown beside it.
    expect(withinBudget(figures({ tbtMs: 400, cpuTbtMs: 150 }))).toBe(true);
  });
});

describe('lighthouseRow', () => {
  it("shows a page's medians and where they stand", () => {
    const median = figures({ lcpMs: 1834.4, tbtMs: 320.4, cpuTbtMs: 120.6, cls: 0.0123, fcpMs: 1200, transferBytes: 41_000, requests: 9 });
    const runs = [median, figures({ cpuTbtMs: 80.2 }), figures({ cpuTbtMs: 260 })];
    expect(lighthouseRow({ page: 'work history', runs, median })).toEqual([
      'work history', '1.83 s', '121 ms', '80–260 ms', '320 ms', '0.012', '1.20 s', '40.0 KB', '9', '3', 'not met (LCP, TBT)', 'PASS',
    ]);
  });

  it('says the goal is met, and fails the budget loudly', () => {
    expect(lighthouseRow({ page: 'sign-in page', runs: [figures()], median: figures() }).slice(-2)).toEqual(['met', 'PASS']);
    const slow = figures({ lcpMs: 2600, cls: 0.3 });
    expect(lighthouseRow({ page: 'tracking page', runs: [slow], median: slow }).slice(-2)).toEqual(['not met (LCP, CLS)', 'FAIL  <<<<<<<<<<']);
  });
});

describe('cpuBlockingMs', () => {
  const main = { pid: 1, tid: 7 };
  const task = (atMs: number, wallMs: number, cpuMs: number, thread = main): TraceEvent => ({ name: 'RunTask', ph: 'X', ts: atMs * 1000, dur: wallMs * 1000, tdur: cpuMs * 1000, ...thread });
  const paint = (atMs: number, thread = main): TraceEvent => ({ name: 'firstContentfulPaint', ph: 'I', ts: atMs * 1000, ...thread });

  it("counts each main-thread task after the first paint by its CPU time, 4× slower, beyond 50 ms", () => {
    const events = [
      task(100, 90, 60), // before the first paint: not counted
      paint(500),
      task(600, 90, 20), // 80 ms on the phone: 30 blocking, whatever its wall time
      task(700, 15, 10), // 40 ms: not blocking
      task(800, 200, 40), // 160 ms: 110 blocking
      task(900, 300, 100, { pid: 2, tid: 7 }), // another process (a frame): not the page's main thread
    ];
    expect(cpuBlockingMs(events)).toBeCloseTo(140, 6);
  });

  it("takes the page's own first paint, the earliest, for the main thread", () => {
    const events = [paint(400), paint(900, { pid: 2, tid: 3 }), task(950, 50, 30, { pid: 2, tid: 3 }), task(1000, 50, 30)];
    expect(cpuBlockingMs(events)).toBeCloseTo(70, 6);
  });

  it('has nothing to say of a load with no paint', () => {
    expect(cpuBlockingMs([task(100, 100, 100)])).toBeNull();
  });
});
