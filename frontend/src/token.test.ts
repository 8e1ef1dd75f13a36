import { readToken, withToken } from './token';

const token = 'A'.repeat(20) + '-_' + 'z9'.repeat(10) + 'x'; // 43 base64url characters

describe('readToken', () => {
  it('reads the token from the fragment', () => {
    expect(token).toHaveLength(43);
    expect(readToken(`#token=${token}`)).toBe(token);
    expect(readToken(`token=${token}`)).toBe(token);
    expect(readToken(`#foo=1&token=${token}`)).toBe(token);
  });

  it('refuses missing, truncated or tampered tokens', () => {
    expect(readToken('')).toBeNull();
    expect(readToken('#')).toBeNull();
    expect(readToken('#token=')).toBeNull();
    expect(readToken(`#token=${token.slice(0, 30)}`)).toBeNull();
    expect(readToken(`#token=${token}x`)).toBeNull();
    expect(readToken(`#token=${token.slice(0, 42)}+`)).toBeNull();
  });
});

describe('withToken', () => {
  it('puts the token in the fragment, where readToken finds it', () => {
    expect(withToken('/acme/pay', token)).toBe(`/acme/pay#token=${token}`);
    expect(readToken(new URL(withToken('/acme/link', token), 'https://portal.example').hash)).toBe(token);
  });
});
