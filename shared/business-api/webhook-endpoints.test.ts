/** Rule 59: a webhook URL's text names a public host, on deployed stages. */
import { checkEndpointUrl } from './webhook-endpoints';

test.each([
  'https://localhost/hook',
  'https://localhost./hook',
  'https://localhost.localdomain/',
  'https://LOCALHOST.LOCALDOMAIN./',
  'https://app.localhost/hook',
  'https://printer.local/',
  'https://db.internal/',
  'https://router.home.arpa/',
  'https://example.com./hook',
  'https://intranet/',
  'https://127.0.0.1/',
  'https://2130706433/',
  'https://0x7f.0.0.1/',
  'https://[::1]/',
  'https://[::ffff:127.0.0.1]/',
  'https://[::ffff:169.254.169.254]/latest',
  'https://169.254.169.254/latest',
  'https://10.0.0.5/',
  'https://100.64.0.1/',
  'https://198.18.0.1/',
  'https://198.19.255.1/',
  'https://224.0.0.251/',
  'https://255.255.255.255/',
  'https://0.0.0.0/',
  'https://[fd00::1]/',
  'https://[fe80::1]/',
  'https://[ff02::1]/',
  'https://[64:ff9b::a00:1]/',
  'http://example.com/hook',
  'https://user:pass@example.com/hook',
])('rule 59: %s is refused on a deployed stage', (url) => {
  expect(checkEndpointUrl(url, 'prod')).toEqual(expect.any(String));
});

test.each(['https://hooks.example.com/in', 'https://8.8.8.8/hook', 'https://[2606:4700:4700::1111]/hook', 'https://localhost-tools.example.com/'])('rule 59: %s is accepted', (url) => {
  expect(checkEndpointUrl(url, 'prod')).toBeNull();
});

test('the local stack also takes a loopback listener, over http; nothing else private', () => {
  expect(checkEndpointUrl('http://127.0.0.1:8080/hook', 'local')).toBeNull();
  expect(checkEndpointUrl('http://localhost:8080/hook', 'local')).toBeNull();
  expect(checkEndpointUrl('https://localhost.localdomain/', 'local')).toEqual(expect.any(String));
  expect(checkEndpointUrl('http://10.0.0.5/', 'local')).toEqual(expect.any(String));
});
