import fc from 'fast-check';
import { is } from 'valibot';
import { SignInToken } from '../../../shared/contract/customer/auth';
import { Slug } from '../../../shared/contract/slugs';
import { forgetTrackingToken, jobFromSearch, SLUG, slugFromPath, takeTrackingToken, TOKEN, tokenFromHash } from './link';

const token = 'a'.repeat(21) + '_-' + 'Z9'.repeat(10);

describe('the patterns written out for the page agree with the contract', () => {
  const slugLike = fc.stringMatching(/^[a-z0-9-]{0,45}$/);
  const tokenLike = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{40,46}$/), fc.string({ minLength: 43, maxLength: 43 }));

  it('slugs', () => {
    fc.assert(fc.property(fc.oneof(slugLike, fc.string()), (s) => SLUG.test(s) === is(Slug, s)), { numRuns: 2000 });
    for (const s of ['acme', 'a', 'brightclean', 'a-b', '-a', 'a-', 'A', 'a'.repeat(40), 'a'.repeat(41)]) expect(SLUG.test(s)).toBe(is(Slug, s));
  });

  it('tokens', () => {
    fc.assert(fc.property(tokenLike, (t) => TOKEN.test(t) === is(SignInToken, t)), { numRuns: 2000 });
  });
});

describe('slugFromPath', () => {
  it.each([
    ['/acme/track', 'acme'],
    ['/acme/track/', 'acme'],
    ['/bright-clean/track', 'bright-clean'],
    ['/acme/tracking', null],
    ['/acme/jobs/track', null],
    ['/track', null],
    ['//track', null],
    ['/ACME/track', null],
    ['/acme/track.html', null],
  ])('%s → %s', (path, slug) => {
    expect(slugFromPath(path)).toBe(slug);
  });
});

describe('tokenFromHash', () => {
  it('reads a well-formed token and nothing else', () => {
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash(`#token=${token.slice(1)}`)).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash(`#other=${token}`)).toBeNull();
  });
});

describe('takeTrackingToken', () => {
  const g = globalThis as Record<string, unknown>;
  let store: Map<string, string>;
  let url: { pathname: string; search: string; hash: string };

  beforeEach(() => {
    store = new Map();
    url = { pathname: '/acme/track', search: '', hash: '' };
    g.location = url;
    g.history = {
      state: null,
      replaceState: (_state: unknown, _title: string, to: string) => {
        const [path, ...hash] = to.split('#');
        url.pathname = path!;
        url.hash = hash.length ? `#${hash.join('#')}` : '';
      },
    };
    g.sessionStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
  });
  afterEach(() => {
    delete g.location;
    delete g.history;
    delete g.sessionStorage;
  });

  it('takes the token out of the address bar and keeps it for a reload of this portal only', () => {
    url.hash = `#token=${token}`;
    expect(takeTrackingToken('acme')).toBe(token);
    expect(url.hash).toBe('');
    expect(url.pathname).toBe('/acme/track');
    expect(takeTrackingToken('acme')).toBe(token);
    expect(takeTrackingToken('brightclean')).toBeNull();
  });

  it('a cut-off token is no token, and is not kept', () => {
    url.hash = `#token=${token.slice(0, 20)}`;
    expect(takeTrackingToken('acme')).toBeNull();
    expect(url.hash).toBe('');
    expect(store.size).toBe(0);
  });

  it('forgets a dead link', () => {
    url.hash = `#token=${token}`;
    takeTrackingToken('acme');
    forgetTrackingToken();
    expect(takeTrackingToken('acme')).toBeNull();
  });

  it('works on without storage (private mode): only a reload loses the link', () => {
    g.sessionStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    url.hash = `#token=${token}`;
    expect(takeTrackingToken('acme')).toBe(token);
    expect(takeTrackingToken('acme')).toBeNull();
    expect(() => forgetTrackingToken()).not.toThrow();
  });
});

describe('jobFromSearch (the tracking page opened from Home, signed in)', () => {
  it('takes a well-formed job id from ?job=, and nothing else', () => {
    expect(jobFromSearch('?job=job_fc1090')).toBe('job_fc1090');
    expect(jobFromSearch('?job=job_fc1090&x=1')).toBe('job_fc1090');
    for (const search of ['', '?job=', '?job=../../api/me', '?job=a%2Fb', `?job=${'j'.repeat(65)}`, '?jobs=job_1']) expect(jobFromSearch(search)).toBeNull();
  });
});
