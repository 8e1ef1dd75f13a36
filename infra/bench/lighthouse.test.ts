import { lighthouseRow, medianFigures, meetsGoal, withinBudget, type LighthouseFigures } from './lighthouse';

const figures = (overrides: Partial<LighthouseFigures> = {}): LighthouseFigures => ({ lcpMs: 1200, tbtMs: 40, cls: 0.01, fcpMs: 900, transferBytes: 40 * 1024, requests: 8, ...overrides });

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
    expect(meetsGoal(figures({ lcpMs: 1500, tbtMs: 99, cls: 0.049 }))).toBe(true);
    expect(meetsGoal(figures({ lcpMs: 1501 }))).toBe(false);
    expect(meetsGoal(figures({ tbtMs: 100 }))).toBe(false);
    expect(meetsGoal(figures({ cls: 0.05 }))).toBe(false);
    expect(withinBudget(figures({ lcpMs: 2500, tbtMs: 199 }))).toBe(true);
    expect(withinBudget(figures({ lcpMs: 2501 }))).toBe(false);
    expect(withinBudget(figures({ tbtMs: 200 }))).toBe(false);
  });
});

describe('lighthouseRow', () => {
  it("shows a page's medians and where they stand", () => {
    const median = figures({ lcpMs: 1834.4, tbtMs: 120.6, cls: 0.0123, fcpMs: 1200, transferBytes: 41_000, requests: 9 });
    const runs = [median, figures({ tbtMs: 80.2 }), figures({ tbtMs: 260 })];
    expect(lighthouseRow({ page: 'work history', runs, median })).toEqual([
      'work history', '1.83 s', '121 ms', '80–260 ms', '0.012', '1.20 s', '40.0 KB', '9', '3', 'not met (LCP, TBT)', 'PASS',
    ]);
  });

  it('says the goal is met, and fails the budget loudly', () => {
    expect(lighthouseRow({ page: 'sign-in page', runs: [figures()], median: figures() }).slice(-2)).toEqual(['met', 'PASS']);
    const slow = figures({ lcpMs: 2600, cls: 0.3 });
    expect(lighthouseRow({ page: 'tracking page', runs: [slow], median: slow }).slice(-2)).toEqual(['not met (LCP, CLS)', 'FAIL  <<<<<<<<<<']);
  });
});
