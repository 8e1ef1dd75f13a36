import { contentSecurityPolicyFor } from '../http/security-headers';
import { mapTilesFrom, tileOrigin } from './map-tiles';

test('no tile URL: no tiles (the page draws a plain background)', () => {
  expect(mapTilesFrom(undefined, undefined)).toBeNull();
});

test('a tile source needs https, {z}/{x}/{y} and its attribution', () => {
  expect(mapTilesFrom('https://tiles.example.com/{z}/{x}/{y}.png', '© Example')).toEqual({ urlTemplate: 'https://tiles.example.com/{z}/{x}/{y}.png', attribution: '© Example', maxZoom: 18 });
  expect(() => mapTilesFrom('http://tiles.example.com/{z}/{x}/{y}.png', '© Example')).toThrow(/https/);
  expect(() => mapTilesFrom('https://tiles.example.com/{z}/{x}.png', '© Example')).toThrow(/\{y\}/);
  expect(() => mapTilesFrom('https://tiles.example.com/{z}/{x}/{y}.png', undefined)).toThrow(/attribution/);
});

test('the CSP widens img-src for exactly the tile origin, and only when there is one', () => {
  expect(contentSecurityPolicyFor({ mapTileOrigin: null })).toContain("img-src 'self' data:;");
  const origin = tileOrigin('https://{s}.tiles.example.com/{z}/{x}/{y}.png');
  expect(origin).toBe('https://*.tiles.example.com');
  expect(contentSecurityPolicyFor({ mapTileOrigin: tileOrigin('https://tiles.example.com/v1/{z}/{x}/{y}.png') })).toContain("img-src 'self' data: https://tiles.example.com;");
  // Nothing else widens.
  expect(contentSecurityPolicyFor({ mapTileOrigin: 'https://tiles.example.com' }).replace(' https://tiles.example.com', '')).toBe(contentSecurityPolicyFor({ mapTileOrigin: null }));
});
