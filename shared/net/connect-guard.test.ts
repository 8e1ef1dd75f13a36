/** Rule 61: the address a webhook connects to is checked, after DNS, against every non-public range. */
import type { LookupAddress } from 'node:dns';
import { classifyAddress, ForbiddenAddress, guardedLookup, refusalOf, type Resolver } from './connect-guard';

describe('classifyAddress (rule 61)', () => {
  const cases: [string, ReturnType<typeof classifyAddress>][] = [
    // public
    ['8.8.8.8', 'public'], ['1.1.1.1', 'public'], ['93.184.216.34', 'public'], ['100.63.255.255', 'public'], ['100.128.0.0', 'public'],
    ['172.15.255.255', 'public'], ['172.32.0.0', 'public'], ['192.169.0.1', 'public'], ['198.17.255.255', 'public'], ['198.20.0.0', 'public'],
    ['223.255.255.255', 'public'], ['11.0.0.1', 'public'], ['169.253.255.255', 'public'], ['192.0.3.1', 'public'],
    ['2606:4700:4700::1111', 'public'], ['2001:4860:4860::8888', 'public'], ['2a00:1450:4001:82b::200e', 'public'],
    ['::ffff:8.8.8.8', 'public'], ['64:ff9b::808:808', 'public'], ['2002:808:808::1', 'public'],
    // loopback
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['127.1.2.3', 'loopback'], ['::1', 'loopback'], ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
    // private, CGNAT
    ['10.0.0.1', 'private'], ['10.255.255.255', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'], ['192.168.255.255', 'private'], ['100.64.0.1', 'private'], ['100.127.255.255', 'private'],
    ['::ffff:10.0.0.5', 'private'], ['::ffff:192.168.1.1', 'private'], ['::ffff:a00:5', 'private'], ['fec0::1', 'private'],
    // link-local (the metadata endpoint)
    ['169.254.169.254', 'link-local'], ['169.254.0.1', 'link-local'], ['::ffff:169.254.169.254', 'link-local'], ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'], ['febf::1', 'link-local'],
    // unique-local
    ['fc00::1', 'unique-local'], ['fd00::1', 'unique-local'], ['fd12:3456:789a::1', 'unique-local'], ['fdff:ffff::1', 'unique-local'],
    // multicast
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['ff02::1', 'multicast'], ['ff05::1:3', 'multicast'], ['::ffff:224.0.0.251', 'multicast'],
    // reserved
    ['0.0.0.0', 'reserved'], ['0.1.2.3', 'reserved'], ['240.0.0.1', 'reserved'], ['255.255.255.255', 'reserved'], ['250.1.1.1', 'reserved'],
    ['198.18.0.1', 'reserved'], ['198.19.255.255', 'reserved'], ['192.0.0.8', 'reserved'], ['192.0.2.1', 'reserved'], ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'], ['192.88.99.1', 'reserved'], ['::', 'reserved'], ['::ffff:0.0.0.0', 'reserved'], ['::ffff:255.255.255.255', 'reserved'],
    ['::10.0.0.1', 'reserved'], ['::8.8.8.8', 'reserved'], ['64:ff9b::a00:1', 'reserved'], ['64:ff9b::7f00:1', 'reserved'], ['64:ff9b:1::1', 'reserved'],
    ['2002:a00:1::1', 'reserved'], ['2002:7f00:1::', 'reserved'], ['2001:db8::1', 'reserved'], ['2001::1', 'reserved'], ['2001:0:4136:e378::1', 'reserved'],
    ['3fff::1', 'reserved'], ['100::1', 'reserved'], ['4000::1', 'reserved'], ['::ffff:198.18.0.1', 'reserved'], ['::ffff:100.64.0.1', 'private'],
    // not an address at all
    ['localhost', 'invalid'], ['example.com', 'invalid'], ['10.0.0', 'invalid'], ['', 'invalid'], ['0x7f.1', 'invalid'], ['2130706433', 'invalid'],
  ];

  test.each(cases)('%s → %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  test('loopback passes only where the policy allows it; nothing else ever does', () => {
    expect(refusalOf('127.0.0.1', { allowLoopback: true })).toBeNull();
    expect(refusalOf('::1', { allowLoopback: true })).toBeNull();
    expect(refusalOf('::ffff:127.0.0.1', { allowLoopback: true })).toBeNull();
    expect(refusalOf('127.0.0.1', { allowLoopback: false })).toBe('loopback address');
    for (const address of ['10.0.0.1', '169.254.169.254', 'fd00::1', '0.0.0.0', 'ff02::1']) {
      expect(refusalOf(address, { allowLoopback: true })).not.toBeNull();
    }
    expect(refusalOf('8.8.8.8', { allowLoopback: false })).toBeNull();
  });
});

describe('guardedLookup (rule 61)', () => {
  const resolver = (table: Record<string, string[]>): Resolver => async (name) => {
    const found = table[name];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return found.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  const lookupOf = (table: Record<string, string[]>, allowLoopback = false) => {
    const lookup = guardedLookup({ allowLoopback }, resolver(table));
    return (name: string, options: { all?: boolean; family?: number } = {}) =>
      new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) => lookup(name, options, (error, address, family) => resolve({ error, address, family })));
  };
  const table = {
    'hooks.example.com': ['93.184.216.34'],
    'rebind.example.com': ['10.0.0.5'],
    'loop.example.com': ['127.0.0.1'],
    'mixed.example.com': ['93.184.216.34', '169.254.169.254'],
    'v6.example.com': ['2606:4700::1', '93.184.216.34'],
    'mapped.example.com': ['::ffff:127.0.0.1'],
  };

  test('a public name resolves as usual, one address or all of them', async () => {
    const lookup = lookupOf(table);
    expect(await lookup('hooks.example.com')).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect((await lookup('v6.example.com', { all: true })).address).toEqual([{ address: '2606:4700::1', family: 6 }, { address: '93.184.216.34', family: 4 }]);
    expect(await lookup('v6.example.com', { family: 4 })).toEqual({ error: null, address: '93.184.216.34', family: 4 });
  });

  test('names resolving to private, loopback, link-local or mapped addresses are refused; a mixed answer is refused whole', async () => {
    const lookup = lookupOf(table);
    for (const name of ['rebind.example.com', 'loop.example.com', 'mixed.example.com', 'mapped.example.com']) {
      const { error } = await lookup(name, { all: true });
      expect(error).toBeInstanceOf(ForbiddenAddress);
      expect((error as ForbiddenAddress).code).toBe('EFORBIDDENADDRESS');
    }
    expect(((await lookup('rebind.example.com')).error as ForbiddenAddress).reason).toBe('private address');
  });

  test('loopback names pass only with allowLoopback; private ones never', async () => {
    const lookup = lookupOf(table, true);
    expect((await lookup('loop.example.com')).error).toBeNull();
    expect((await lookup('rebind.example.com')).error).toBeInstanceOf(ForbiddenAddress);
  });

  test('resolver errors pass through', async () => {
    expect(((await lookupOf(table)('nowhere.example.com')).error as NodeJS.ErrnoException).code).toBe('ENOTFOUND');
  });
});
