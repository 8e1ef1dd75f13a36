import { forgetPayLink, keepPayLink, readPayLink } from './session';

const token = 'P'.repeat(43);

function fakeSessionStorage(): Map<string, string> {
  const items = new Map<string, string>();
  Object.assign(globalThis, {
    sessionStorage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    },
  });
  return items;
}

afterEach(() => {
  forgetPayLink();
  delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
});

describe('the kept pay link', () => {
  it('is kept in sessionStorage for its portal only, and forgotten', () => {
    const items = fakeSessionStorage();
    expect(readPayLink('acme')).toBeNull();
    keepPayLink('acme', token);
    expect(JSON.parse(items.get('portal.payLink')!)).toEqual({ portal: 'acme', token });
    expect(readPayLink('acme')).toBe(token);
    expect(readPayLink('brightclean')).toBeNull();
    // Corrected to the portal the link belongs to: the old one no longer has it.
    keepPayLink('brightclean', token);
    expect(readPayLink('acme')).toBeNull();
    expect(readPayLink('brightclean')).toBe(token);
    forgetPayLink();
    expect(items.size).toBe(0);
    expect(readPayLink('brightclean')).toBeNull();
  });

  it('is read from what the tab kept, as after Stripe sends the customer back (a new page)', () => {
    const items = fakeSessionStorage();
    items.set('portal.payLink', JSON.stringify({ portal: 'acme', token }));
    expect(readPayLink('acme')).toBe(token);
    items.set('portal.payLink', '{not json');
    expect(readPayLink('acme')).toBeNull();
  });

  it('falls back to memory where sessionStorage is unavailable', () => {
    expect(typeof (globalThis as { sessionStorage?: unknown }).sessionStorage).toBe('undefined');
    keepPayLink('acme', token);
    expect(readPayLink('acme')).toBe(token);
    forgetPayLink();
    expect(readPayLink('acme')).toBeNull();
  });
});
