import { api, asLink, fieldErrors, newIdempotencyKey, openSlotsOf, request } from './api';
import { showCatalogs } from '../test/i18n-support';

// The words come from the English catalog, as a browser set to English gets them.
beforeAll(() => showCatalogs('en'));

function mockFetch(response: Response | Error) {
  const fn = jest.fn(async (_url: string, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  global.fetch = fn as unknown as typeof fetch;
  return fn;
}

const json = (body: unknown, status: number, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('request', () => {
  it('sends same-origin JSON POSTs with credentials', async () => {
    const fetchMock = mockFetch(new Response(null, { status: 202 }));
    const result = await api.requestLink({ portal: 'acme', email: 'jordan@example.com' });
    expect(result).toEqual({ ok: true, status: 202, data: undefined });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/magic-link');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"portal":"acme","email":"jordan@example.com"}' });
    expect((init!.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it("asks for answers in the page's language, and writes its own problems in it", async () => {
    await showCatalogs('es');
    try {
      const fetchMock = mockFetch(new TypeError('Failed to fetch'));
      const result = await api.session();
      expect((fetchMock.mock.calls[0]![1]!.headers as Record<string, string>)['accept-language']).toBe('es');
      expect(result.ok ? null : result.problem.detail).toBe('No pudimos comunicarnos con el servidor. Revise su conexión e intente de nuevo.');
      mockFetch(new Response(null, { status: 204 }));
      await api.saveLanguage({ language: 'es' });
      const [url, init] = (global.fetch as jest.Mock).mock.calls[0]!;
      expect([url, init.method, init.body]).toEqual(['/api/me/language', 'PUT', '{"language":"es"}']);
    } finally {
      await showCatalogs('en');
    }
  });

  it('returns typed data on success', async () => {
    mockFetch(json({ items: [], nextCursor: null }, 200));
    expect(await api.jobs({ when: 'past', cursor: 'abc_1' })).toEqual({ ok: true, status: 200, data: { items: [], nextCursor: null } });
    expect((global.fetch as jest.Mock).mock.calls[0][0]).toBe('/api/jobs?when=past&cursor=abc_1');
  });

  it('returns the problem+json body of an error', async () => {
    const problem = { type: 'about:blank', title: 'Too many requests', status: 429, detail: 'Too many requests, try again in 5 minutes.' };
    mockFetch(json(problem, 429, 'application/problem+json'));
    expect(await request('GET', '/api/me')).toEqual({ ok: false, status: 429, problem });
  });

  it('turns a non-JSON error (a gateway page) into a problem', async () => {
    mockFetch(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const result = await request('GET', '/api/me');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ status: 502, detail: expect.stringContaining('502') });
  });

  it('turns a network failure into a problem with status 0', async () => {
    mockFetch(new TypeError('Failed to fetch'));
    const result = await request('GET', '/api/me');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ status: 0, detail: expect.stringContaining('connection') });
  });

  it('encodes path parameters', async () => {
    mockFetch(json({}, 200));
    await api.job('a/b');
    expect((global.fetch as jest.Mock).mock.calls[0][0]).toBe('/api/jobs/a%2Fb');
  });
});

describe('api', () => {
  it('sends the Idempotency-Key with a reply, and the same body each time', async () => {
    const message = { id: 'msg_1', at: '2025-01-01T00:00:00Z', from: 'customer', author: 'Jordan', text: 'Hi' };
    const fetchMock = mockFetch(json(message, 201));
    expect(await api.postMessage('job_1', 'Hi', 'key-1')).toEqual({ ok: true, status: 201, data: message });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/jobs/job_1/messages');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"text":"Hi"}' });
    expect(init!.headers).toMatchObject({ 'idempotency-key': 'key-1', 'content-type': 'application/json', accept: 'application/json' });
  });

  it('sends a link token as Authorization: Link, never in the URL', async () => {
    const fetchMock = mockFetch(json({ kind: 'sign-in', portal: {} }, 200));
    await api.link('T'.repeat(43));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/link');
    expect(init).toMatchObject({ method: 'GET', body: undefined });
    expect(init!.headers).toMatchObject({ authorization: `Link ${'T'.repeat(43)}` });
  });

  it('sends a pay link on the invoice, its checkout and the checkout\'s status; without one, the session alone', async () => {
    const link = 'P'.repeat(43);
    const fetchMock = mockFetch(json({}, 200));
    await api.invoice('inv_1', undefined, link);
    fetchMock.mockResolvedValueOnce(json({ checkoutId: 'chk_1', url: 'https://checkout.example/' }, 201));
    await api.startCheckout({ invoiceIds: ['inv_1'], amount: 2000 }, link);
    fetchMock.mockResolvedValueOnce(json({}, 200));
    await api.checkout('chk_1', undefined, link);
    fetchMock.mockResolvedValueOnce(json({}, 200));
    await api.invoice('inv_1');
    const calls = fetchMock.mock.calls.map(([url, init]) => [url, init!.method, (init!.headers as Record<string, string>).authorization]);
    expect(calls).toEqual([
      ['/api/invoices/inv_1', 'GET', `Link ${link}`],
      ['/api/payments/checkout', 'POST', `Link ${link}`],
      ['/api/payments/checkout/chk_1', 'GET', `Link ${link}`],
      ['/api/invoices/inv_1', 'GET', undefined],
    ]);
    expect(fetchMock.mock.calls[1]![1]).toMatchObject({ credentials: 'same-origin', body: '{"invoiceIds":["inv_1"],"amount":2000}' });
  });

  it('sends an estimate link on every estimate call, and the Idempotency-Key on each decision and booking', async () => {
    const link = 'E'.repeat(43);
    const fetchMock = mockFetch(json({}, 200));
    await api.estimate('est_1', undefined, link);
    fetchMock.mockResolvedValueOnce(json({ url: 'https://files.example/e.pdf', expiresAt: '2026-01-01T00:00:00Z' }, 200));
    await api.estimatePdf('est_1', link);
    fetchMock.mockResolvedValueOnce(json({ status: 'approved', next: 'deposit', depositInvoiceId: 'deposit_est_1' }, 200));
    await api.approveEstimate('est_1', { version: 2, optionId: 'better', signature: { name: 'Jordan Lee' }, acceptTerms: true }, 'key-a', link);
    fetchMock.mockResolvedValueOnce(json({ status: 'declined' }, 200));
    await api.declineEstimate('est_1', { reason: 'Too dear' }, 'key-d', link);
    fetchMock.mockResolvedValueOnce(json({ items: [] }, 200));
    await api.estimateSlots('est_1', undefined, link);
    fetchMock.mockResolvedValueOnce(json({ status: 'scheduled', jobId: 'job_1', start: 'a', end: 'b' }, 200));
    await api.scheduleEstimate('est_1', 'slot_1', 'key-s', link);
    fetchMock.mockResolvedValueOnce(json({ items: [], nextCursor: null }, 200));
    await api.estimates({ status: 'decided', cursor: 'c_1' });
    const calls = fetchMock.mock.calls.map(([url, init]) => {
      const headers = init!.headers as Record<string, string>;
      return [url, init!.method, headers.authorization, headers['idempotency-key'], init!.body];
    });
    expect(calls).toEqual([
      ['/api/estimates/est_1', 'GET', `Link ${link}`, undefined, undefined],
      ['/api/estimates/est_1/pdf', 'GET', `Link ${link}`, undefined, undefined],
      ['/api/estimates/est_1/approve', 'POST', `Link ${link}`, 'key-a', '{"version":2,"optionId":"better","signature":{"name":"Jordan Lee"},"acceptTerms":true}'],
      ['/api/estimates/est_1/decline', 'POST', `Link ${link}`, 'key-d', '{"reason":"Too dear"}'],
      ['/api/estimates/est_1/slots', 'GET', `Link ${link}`, undefined, undefined],
      ['/api/estimates/est_1/schedule', 'POST', `Link ${link}`, 'key-s', '{"slotId":"slot_1"}'],
      ['/api/estimates?status=decided&cursor=c_1', 'GET', undefined, undefined, undefined],
    ]);
  });

  it('relies on the session alone for an estimate without a link', async () => {
    const fetchMock = mockFetch(json({ status: 'approved', next: 'done' }, 200));
    await api.approveEstimate('est_1', { version: 1, optionId: 'good', acceptTerms: true }, 'key-1');
    const headers = fetchMock.mock.calls[0]![1]!.headers as Record<string, string>;
    expect(headers.authorization).toBeUndefined();
    expect(headers['idempotency-key']).toBe('key-1');
  });

  it('reads a section page by cursor', async () => {
    mockFetch(json({ items: [], nextCursor: null }, 200));
    await api.section('job_1', 'attachments', 'c_1', 20);
    expect((global.fetch as jest.Mock).mock.calls[0][0]).toBe('/api/jobs/job_1/attachments?cursor=c_1&limit=20');
    mockFetch(json({ items: [], nextCursor: null }, 200));
    await api.section('job_1', 'notes', null);
    expect((global.fetch as jest.Mock).mock.calls[0][0]).toBe('/api/jobs/job_1/notes');
  });

  it('mints a different idempotency key each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[\x21-\x7e]{1,255}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});

describe('asLink', () => {
  it('is the Authorization header for a link token, and nothing without one', () => {
    expect(asLink('T'.repeat(43))).toEqual({ authorization: `Link ${'T'.repeat(43)}` });
    expect(asLink(null)).toBeUndefined();
    expect(asLink(undefined)).toBeUndefined();
    expect(asLink('')).toBeUndefined();
  });
});

describe('openSlotsOf', () => {
  const problem = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'That time was just taken.' };

  it('reads the slots still open from a 409 answer, skipping malformed ones', () => {
    const slot = { id: 'slot_2', start: '2026-11-25T15:00:00Z', end: '2026-11-25T17:00:00Z' };
    expect(openSlotsOf({ ...problem, slots: [slot, { id: 3 }, null] } as never)).toEqual([slot]);
    expect(openSlotsOf({ ...problem, slots: [] } as never)).toEqual([]);
  });

  it('is null when the answer names no slots', () => {
    expect(openSlotsOf(problem)).toBeNull();
    expect(openSlotsOf({ ...problem, slots: 'none' } as never)).toBeNull();
  });
});

describe('fieldErrors', () => {
  it('keys errors by the last segment of the field path', () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad request',
      status: 400,
      detail: 'Check the highlighted fields.',
      errors: [
        { field: 'body.email', message: 'must be an email address' },
        { field: '/portal', message: 'must be a portal slug' },
        { field: 'email', message: 'second message for the same field is ignored' },
      ],
    };
    expect(fieldErrors(problem)).toEqual({ email: 'must be an email address', portal: 'must be a portal slug' });
  });
});
