import { api } from './api';
import { loadMe, loadPortal } from './session';
import { startReads } from './startReads';

const token = 'T'.repeat(43);
let sent: { path: string; authorization?: string }[];
let answers: Record<string, { status: number; body: unknown }>;

/** This browser's storage (node has none): the "signed in last time" hint lives there. */
let stored: Map<string, string>;

beforeEach(() => {
  sent = [];
  answers = {};
  stored = new Map([['portal.signedIn', '1']]);
  Object.assign(globalThis, {
    localStorage: {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
      removeItem: (key: string) => void stored.delete(key),
    },
  });
  global.fetch = jest.fn(async (path: string, init?: RequestInit) => {
    const authorization = (init?.headers as Record<string, string>).authorization;
    sent.push({ path, ...(authorization ? { authorization } : {}) });
    const answer = answers[path] ?? { status: 200, body: { path } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
});

const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('startReads', () => {
  it('asks a signed-out browser (no hint) only "am I signed in?", never the page\'s data it would be refused (rule 68)', async () => {
    stored.clear();
    startReads(at('/brightclean/jobs'));
    expect(sent.map((s) => s.path)).toEqual(['/api/portals/brightclean', '/api/session']);
  });

  it("asks for a signed-in page's own read beside the customer, and the page gets it without asking again", async () => {
    answers['/api/session'] = { status: 200, body: { signedIn: true, business: { slug: 'acme' }, customer: { name: 'Jordan' } } };
    startReads(at('/acme/jobs'));
    expect(sent.map((s) => s.path)).toEqual(['/api/portals/acme', '/api/session', '/api/jobs?when=upcoming']);
    await loadMe();
    await loadPortal('acme');
    expect(await api.jobs({ when: 'upcoming' })).toEqual({ ok: true, status: 200, data: { path: '/api/jobs?when=upcoming' } });
    expect(sent).toHaveLength(3);
    // Given once: the next read of the list is a new request.
    await api.jobs({ when: 'upcoming' });
    expect(sent).toHaveLength(4);
  });

  it('asks for the tab and the job the address names', () => {
    startReads(at('/bright/jobs', '?when=past'));
    startReads(at('/bright/jobs/job_bl1102'));
    startReads(at('/bright/invoices', '?status=paid'));
    expect(sent.map((s) => s.path).filter((p) => !/me|portals/.test(p))).toEqual(['/api/jobs?when=past', '/api/jobs/job_bl1102', '/api/invoices?status=paid']);
  });

  it("reads a pay link's invoice as soon as the link says which, with the link's token", async () => {
    answers['/api/link'] = { status: 200, body: { kind: 'invoice', id: 'inv_1090', portal: { slug: 'paid-up' } } };
    startReads(at('/paid-up/pay', '', `#token=${token}`));
    await settle();
    expect(sent).toEqual([{ path: '/api/portals/paid-up' }, { path: '/api/link', authorization: `Link ${token}` }, { path: '/api/invoices/inv_1090', authorization: `Link ${token}` }]);
    await api.link(token);
    await api.invoice('inv_1090', undefined, token);
    expect(sent).toHaveLength(3);
    // The same path without the token (a signed-in read) is not given the link's answer.
    await api.invoice('inv_1090');
    expect(sent).toHaveLength(4);
  });

  it('does not read what the link does not open', async () => {
    answers['/api/link'] = { status: 200, body: { kind: 'sign-in', portal: { slug: 'other' } } };
    startReads(at('/other/estimate', '', `#token=${token}`));
    await settle();
    expect(sent.map((s) => s.path)).toEqual(['/api/portals/other', '/api/link']);
  });

  it("starts the estimate page's code with its data, from its link and signed in, and on no other page", () => {
    // The chunk itself is a browser module: only whether it is asked for early matters here.
    const load = jest.fn(async () => ({ ok: true, status: 200, data: {} }));
    jest.isolateModules(() => {
      jest.doMock('./lazy', () => ({ loadEstimateBody: load }));
      const isolated = require('./startReads') as typeof import('./startReads');
      isolated.startReads(at('/acme/jobs'));
      isolated.startReads(at('/acme/pay', '', `#token=${token}`));
      expect(load).not.toHaveBeenCalled();
      isolated.startReads(at('/acme/estimate', '', `#token=${token}`));
      expect(load).toHaveBeenCalledTimes(1);
      isolated.startReads(at('/acme/estimates/est_2001'));
      expect(load).toHaveBeenCalledTimes(2);
    });
    jest.dontMock('./lazy');
  });

  it('asks again when the early answer was a refusal, so a sign-in in between is not answered with the 401 from before it', async () => {
    answers['/api/invoices?status=open'] = { status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in.' } };
    startReads(at('/later/invoices'));
    await settle();
    answers['/api/invoices?status=open'] = { status: 200, body: { items: [] } };
    expect(await api.invoices({ status: 'open' })).toEqual({ ok: true, status: 200, data: { items: [] } });
    expect(sent.filter((s) => s.path === '/api/invoices?status=open')).toHaveLength(2);
  });

  it('lets an early answer go after 10 s: the page asks afresh', async () => {
    const now = jest.spyOn(Date, 'now');
    now.mockReturnValue(1_000_000);
    startReads(at('/slow/jobs/job_fn1077'));
    now.mockReturnValue(1_010_001);
    await api.job('job_fn1077');
    now.mockRestore();
    expect(sent.filter((s) => s.path === '/api/jobs/job_fn1077')).toHaveLength(2);
  });

  it('reads nothing on pages of no portal', () => {
    startReads(at('/'));
    startReads(at('/acme/nowhere'));
    expect(sent).toEqual([]);
  });
});
