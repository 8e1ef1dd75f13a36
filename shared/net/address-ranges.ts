/**
 * Which IP addresses are public: everything in IANA's special-purpose registries (RFC 6890 and
 * its updates) is not. Used on a webhook URL's host when it is an IP literal (rule 59), and meant
 * for a connect-time check of the address a name resolves to as well (DNS rebinding).
 *
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`, which the URL parser writes `::ffff:7f00:1`) is judged
 * by its IPv4 address. Prefixes that embed or translate to
 * an IPv4 address another way (NAT64, 6to4, Teredo) are refused whole: the embedded address
 * could be anything, and no legitimate webhook receiver needs one.
 */
import { BlockList, isIP } from 'node:net';

export type AddressRange = 'public' | 'unspecified' | 'loopback' | 'private' | 'shared' | 'link-local' | 'documentation' | 'benchmarking' | 'multicast' | 'reserved' | 'translation';

const ranges: readonly [range: Exclude<AddressRange, 'public'>, family: 'ipv4' | 'ipv6', network: string, prefix: number][] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8], // "this network"
  ['private', 'ipv4', '10.0.0.0', 8],
  ['shared', 'ipv4', '100.64.0.0', 10], // carrier-grade NAT
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['link-local', 'ipv4', '169.254.0.0', 16], // cloud metadata services live here
  ['private', 'ipv4', '172.16.0.0', 12],
  ['reserved', 'ipv4', '192.0.0.0', 24], // IETF protocol assignments
  ['documentation', 'ipv4', '192.0.2.0', 24],
  ['translation', 'ipv4', '192.88.99.0', 24], // 6to4 relay anycast
  ['private', 'ipv4', '192.168.0.0', 16],
  ['benchmarking', 'ipv4', '198.18.0.0', 15],
  ['documentation', 'ipv4', '198.51.100.0', 24],
  ['documentation', 'ipv4', '203.0.113.0', 24],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '240.0.0.0', 4], // includes 255.255.255.255, broadcast
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv6', '::1', 128],
  ['translation', 'ipv6', '64:ff9b::', 96], // NAT64
  ['translation', 'ipv6', '64:ff9b:1::', 48], // local-use NAT64
  ['reserved', 'ipv6', '100::', 64], // discard-only
  ['reserved', 'ipv6', '2001::', 23], // IETF protocol assignments, Teredo (2001::/32) included
  ['documentation', 'ipv6', '2001:db8::', 32],
  ['translation', 'ipv6', '2002::', 16], // 6to4
  ['documentation', 'ipv6', '3fff::', 20],
  ['private', 'ipv6', 'fc00::', 7], // unique local
  ['link-local', 'ipv6', 'fe80::', 10],
  ['private', 'ipv6', 'fec0::', 10], // deprecated site-local
  ['multicast', 'ipv6', 'ff00::', 8],
  // IPv4-compatible (deprecated, ::a.b.c.d) and the rest of ::/8 but the two above.
  ['reserved', 'ipv6', '::', 8],
];

/**
 * One BlockList per range, in the order above (the first match names the range). Only a range of
 * the address's own family is asked: BlockList would match an IPv4 address against IPv6 rules
 * through its mapped form.
 */
const lists = ranges.map(([range, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { range, family, list };
});

/** The 8 groups of an IPv6 literal (`::` expanded, a trailing dotted quad turned into two groups). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:a.b.c.d`), else null. */
function mappedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (g.length !== 8 || g.slice(0, 5).some((x) => x !== 0) || g[5] !== 0xffff) return null;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
}

/** The range `address` (an IPv4 or IPv6 literal, no brackets) falls in; null when it is not an IP address. */
export function addressRange(address: string): AddressRange | null {
  const family = isIP(address);
  if (family === 0) return null;
  const mapped = family === 6 ? mappedIpv4(address) : null;
  if (mapped) return addressRange(mapped);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { range, family: listFamily, list } of lists) if (listFamily === type && list.check(address, type)) return range;
  return 'public';
}

export const isPublicAddress = (address: string): boolean => addressRange(address) === 'public';
