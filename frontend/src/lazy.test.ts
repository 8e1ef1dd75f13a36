import { lazyModule } from './lazy';
import { showCatalogs } from '../test/i18n-support';

// The words come from the English catalog, as a browser set to English gets them.
beforeAll(() => showCatalogs('en'));

describe('lazyModule', () => {
  it('loads once and shares the load', async () => {
    const load = jest.fn(async () => ({ answer: 42 }));
    const get = lazyModule(load);
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toEqual({ ok: true, status: 200, data: { answer: 42 } });
    expect(b).toBe(a);
    await get();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('answers a failed load as a network problem, and tries again next time', async () => {
    const load = jest.fn().mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module')).mockResolvedValueOnce('module');
    const get = lazyModule(load as () => Promise<string>);
    const failed = await get();
    expect(failed).toMatchObject({ ok: false, status: 0, problem: { status: 0, title: 'Network error' } });
    await expect(get()).resolves.toEqual({ ok: true, status: 200, data: 'module' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
