import { checkoutFromSearch, matchRoute, movedPath, paths, returnToFromSearch, returnToOf } from './router';

const checkoutId = 'chk_0123456789abcdefghijKL';

describe('matchRoute', () => {
  it('matches the front page', () => {
    expect(matchRoute('/')).toEqual({ name: 'root' });
    expect(matchRoute('')).toEqual({ name: 'root' });
  });

  it("matches Home and the customer's account pages", () => {
    expect(matchRoute('/acme/home')).toEqual({ name: 'home', slug: 'acme' });
    expect(matchRoute('/acme/profile')).toEqual({ name: 'account', slug: 'acme', page: 'profile' });
    expect(matchRoute('/acme/profile/devices/')).toEqual({ name: 'account', slug: 'acme', page: 'devices' });
    expect(matchRoute('/acme/profile/links')).toEqual({ name: 'account', slug: 'acme', page: 'links' });
    expect(matchRoute('/acme/profile/password')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(paths.account('acme', 'devices')).toBe('/acme/profile/devices');
  });

  it('lands a sign-in on Home, or on the first section the business shows when it hides Home', () => {
    expect(paths.landing('acme', ['home', 'jobs'])).toBe('/acme/home');
    expect(paths.landing('acme', ['messages', 'invoices', 'jobs'])).toBe('/acme/invoices');
    expect(paths.landing('acme', ['jobs'])).toBe('/acme/jobs');
    expect(paths.landing('acme', ['messages'])).toBe('/acme/profile');
  });

  it('matches each portal page, with or without a trailing slash', () => {
    expect(matchRoute('/acme/')).toEqual({ name: 'signIn', slug: 'acme' });
    expect(matchRoute('/acme')).toEqual({ name: 'signIn', slug: 'acme' });
    expect(matchRoute('/acme/check')).toEqual({ name: 'check', slug: 'acme' });
    expect(matchRoute('/acme/link')).toEqual({ name: 'link', slug: 'acme' });
    expect(matchRoute('/acme/pay')).toEqual({ name: 'pay', slug: 'acme' });
    expect(matchRoute('/acme/pay/')).toEqual({ name: 'pay', slug: 'acme' });
    expect(matchRoute('/acme/jobs')).toEqual({ name: 'jobs', slug: 'acme' });
    expect(matchRoute('/acme/jobs/')).toEqual({ name: 'jobs', slug: 'acme' });
    expect(matchRoute('/acme-plumbing-2/jobs/J_12-ab')).toEqual({ name: 'job', slug: 'acme-plumbing-2', jobId: 'J_12-ab' });
    expect(matchRoute('/acme/invoices')).toEqual({ name: 'invoices', slug: 'acme' });
    expect(matchRoute('/acme/invoices/')).toEqual({ name: 'invoices', slug: 'acme' });
    expect(matchRoute('/acme/invoices/inv_1063')).toEqual({ name: 'invoice', slug: 'acme', invoiceId: 'inv_1063' });
    expect(matchRoute(`/acme/payments/${checkoutId}`)).toEqual({ name: 'payment', slug: 'acme', checkoutId });
    expect(matchRoute(`/acme/payments/${checkoutId}/`)).toEqual({ name: 'payment', slug: 'acme', checkoutId });
    expect(matchRoute('/acme/estimates')).toEqual({ name: 'estimates', slug: 'acme' });
    expect(matchRoute('/acme/estimates/')).toEqual({ name: 'estimates', slug: 'acme' });
    expect(matchRoute('/acme/estimates/est_1001')).toEqual({ name: 'estimate', slug: 'acme', estimateId: 'est_1001' });
    expect(matchRoute('/acme/estimates/est_1001/')).toEqual({ name: 'estimate', slug: 'acme', estimateId: 'est_1001' });
    expect(matchRoute('/acme/estimate')).toEqual({ name: 'estimateLink', slug: 'acme' });
    expect(matchRoute('/acme/estimate/')).toEqual({ name: 'estimateLink', slug: 'acme' });
  });

  it('rejects slugs the API would reject', () => {
    expect(matchRoute('/Acme/')).toEqual({ name: 'notFound', slug: null });
    expect(matchRoute('/-acme/')).toEqual({ name: 'notFound', slug: null });
    expect(matchRoute('/acme_co/')).toEqual({ name: 'notFound', slug: null });
    expect(matchRoute(`/${'a'.repeat(41)}/`)).toEqual({ name: 'notFound', slug: null });
  });

  it('keeps the slug for unknown pages inside a portal, so "back to the portal" can work', () => {
    expect(matchRoute('/acme/quotes')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute('/acme/invoices/inv_1/extra')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute('/acme/jobs/1/extra')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute('/acme//jobs')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute('/acme/check/x')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute('/acme/pay/inv_1063')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute('/acme/estimate/est_1001')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute('/acme/estimates/est_1001/extra')).toEqual({ name: 'notFound', slug: 'acme' });
  });

  it('rejects estimate ids the API would reject', () => {
    expect(matchRoute('/acme/estimates/a%20b')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute(`/acme/estimates/${'x'.repeat(65)}`)).toEqual({ name: 'notFound', slug: 'acme' });
  });

  it('rejects job ids that are not job ids', () => {
    expect(matchRoute('/acme/jobs/a%20b')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute(`/acme/jobs/${'x'.repeat(65)}`)).toEqual({ name: 'notFound', slug: 'acme' });
  });

  it('rejects invoice ids the API would reject', () => {
    expect(matchRoute('/acme/invoices/a%20b')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute(`/acme/invoices/${'x'.repeat(65)}`)).toEqual({ name: 'notFound', slug: 'acme' });
  });

  it('rejects checkout ids the API would reject', () => {
    expect(matchRoute('/acme/payments')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute('/acme/payments/inv_1063')).toEqual({ name: 'notFound', slug: 'acme' });
    expect(matchRoute(`/acme/payments/${checkoutId}x`)).toEqual({ name: 'notFound', slug: 'acme' });
  });

  it('round-trips every URL the app builds', () => {
    expect(matchRoute(paths.signIn('acme'))).toEqual({ name: 'signIn', slug: 'acme' });
    expect(matchRoute(paths.check('acme'))).toEqual({ name: 'check', slug: 'acme' });
    expect(matchRoute(paths.link('acme'))).toEqual({ name: 'link', slug: 'acme' });
    expect(matchRoute(paths.pay('acme'))).toEqual({ name: 'pay', slug: 'acme' });
    expect(matchRoute(new URL(paths.jobs('acme', 'past'), 'https://x').pathname)).toEqual({ name: 'jobs', slug: 'acme' });
    expect(matchRoute(paths.job('acme', 'job-1'))).toEqual({ name: 'job', slug: 'acme', jobId: 'job-1' });
    expect(matchRoute(new URL(paths.invoices('acme', 'paid'), 'https://x').pathname)).toEqual({ name: 'invoices', slug: 'acme' });
    expect(matchRoute(paths.invoice('acme', 'inv_1063'))).toEqual({ name: 'invoice', slug: 'acme', invoiceId: 'inv_1063' });
    expect(matchRoute(paths.payment('acme', checkoutId))).toEqual({ name: 'payment', slug: 'acme', checkoutId });
    expect(matchRoute(new URL(paths.estimates('acme', 'decided'), 'https://x').pathname)).toEqual({ name: 'estimates', slug: 'acme' });
    expect(matchRoute(paths.estimate('acme', 'est_1'))).toEqual({ name: 'estimate', slug: 'acme', estimateId: 'est_1' });
    expect(matchRoute(new URL(paths.estimate('acme', 'est_1', checkoutId), 'https://x').pathname)).toEqual({ name: 'estimate', slug: 'acme', estimateId: 'est_1' });
    expect(matchRoute(paths.estimateLink('acme'))).toEqual({ name: 'estimateLink', slug: 'acme' });
    expect(matchRoute(new URL(paths.estimateLink('acme', checkoutId), 'https://x').pathname)).toEqual({ name: 'estimateLink', slug: 'acme' });
  });

  it('puts the Decided and Expired estimates tabs and the deposit checkout in the query string', () => {
    expect(paths.estimates('acme')).toBe('/acme/estimates');
    expect(paths.estimates('acme', 'open')).toBe('/acme/estimates');
    expect(paths.estimates('acme', 'decided')).toBe('/acme/estimates?status=decided');
    expect(paths.estimates('acme', 'expired')).toBe('/acme/estimates?status=expired');
    expect(paths.estimate('acme', 'est_1')).toBe('/acme/estimates/est_1');
    expect(paths.estimate('acme', 'est_1', checkoutId)).toBe(`/acme/estimates/est_1?checkout=${checkoutId}`);
    expect(paths.estimateLink('acme')).toBe('/acme/estimate');
    expect(paths.estimateLink('acme', checkoutId)).toBe(`/acme/estimate?checkout=${checkoutId}`);
  });

  it('puts the Paid invoices tab in the query string and leaves Open as the default', () => {
    expect(paths.invoices('acme')).toBe('/acme/invoices');
    expect(paths.invoices('acme', 'open')).toBe('/acme/invoices');
    expect(paths.invoices('acme', 'paid')).toBe('/acme/invoices?status=paid');
  });

  it('puts the Past tab in the query string and leaves Upcoming as the default', () => {
    expect(paths.jobs('acme')).toBe('/acme/jobs');
    expect(paths.jobs('acme', 'upcoming')).toBe('/acme/jobs');
    expect(paths.jobs('acme', 'past')).toBe('/acme/jobs?when=past');
  });
});

describe('checkoutFromSearch', () => {
  it('reads a well-formed checkout id from the query string', () => {
    expect(checkoutFromSearch(`?checkout=${checkoutId}`)).toBe(checkoutId);
    expect(checkoutFromSearch(`?a=1&checkout=${checkoutId}`)).toBe(checkoutId);
  });

  it('ignores a missing or malformed one', () => {
    expect(checkoutFromSearch('')).toBeNull();
    expect(checkoutFromSearch('?checkout=')).toBeNull();
    expect(checkoutFromSearch('?checkout=inv_1063')).toBeNull();
    expect(checkoutFromSearch(`?checkout=${checkoutId}x`)).toBeNull();
  });
});

test('a moved portal keeps the rest of the address: path, query and fragment (rule 58)', () => {
  const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });
  expect(movedPath(at('/acme/jobs/job_1', '?when=past', '#x'), 'acme', 'acme-new')).toBe('/acme-new/jobs/job_1?when=past#x');
  expect(movedPath(at('/acme'), 'acme', 'acme-new')).toBe('/acme-new/');
  expect(movedPath(at('/acme/'), 'acme', 'acme-new')).toBe('/acme-new/');
});

describe('returnToOf (rule 67)', () => {
  it('keeps a signed-in page of the same portal', () => {
    expect(returnToOf('acme', '/acme/jobs/job_bl1102')).toBe('/acme/jobs/job_bl1102');
    expect(returnToOf('acme', '/acme/invoices/inv_1')).toBe('/acme/invoices/inv_1');
    expect(returnToOf('acme', '/acme/estimates')).toBe('/acme/estimates');
  });

  it('keeps the job list, and drops Home (where a sign-in lands anyway) and anything that is not a page of this portal', () => {
    expect(returnToOf('acme', '/acme/jobs')).toBe('/acme/jobs');
    expect(returnToOf('acme', '/acme/profile/devices')).toBe('/acme/profile/devices');
    for (const path of [
      '/acme/home',
      '/other/jobs/job_1',
      '//evil.example/acme/jobs',
      'https://evil.example/acme/jobs',
      '/acme/jobs/../../other/jobs',
      '/acme\\jobs',
      '/acme/jobs/%2F%2Fevil.example',
      '/acme/jobs?when=past',
      '/acme/link',
      '/acme/pay',
      '',
      null,
      undefined,
    ]) {
      expect({ path, kept: returnToOf('acme', path) }).toEqual({ path, kept: null });
    }
  });

  it('rides on the sign-in page\'s address and comes back from it only when it is safe', () => {
    expect(paths.signIn('acme', '/acme/jobs/job_1')).toBe('/acme/?returnTo=%2Facme%2Fjobs%2Fjob_1');
    expect(paths.signIn('acme', '//evil.example')).toBe('/acme/');
    expect(paths.signIn('acme')).toBe('/acme/');
    expect(returnToFromSearch('acme', '?returnTo=%2Facme%2Fjobs%2Fjob_1')).toBe('/acme/jobs/job_1');
    expect(returnToFromSearch('acme', '?returnTo=%2F%2Fevil.example')).toBeNull();
    expect(returnToFromSearch('acme', '?returnTo=%2Fother%2Fjobs%2Fjob_1')).toBeNull();
  });
});
