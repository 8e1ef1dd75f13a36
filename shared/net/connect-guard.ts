/**
 * Which addresses an outgoing webhook may connect to, checked on the address actually connected
 * to (after DNS), not on the URL's text: a public name that resolves to 10.0.0.5, or one whose
 * answer changes between the check and the connect (DNS rebinding), is refused at connect time.
 *
 * Only public unicast addresses pass. Refused: loopback, private (RFC 1918), carrier-grade NAT,
 * link-local, unique-local, site-local, multicast, documentation, benchmarking, broadcast and
 * every other reserved range, "this network" (0.0.0.0/8, ::), and IPv6 forms that carry an IPv4
 * address (IPv4-mapped, -compatible, NAT64, 6to4), which are judged by the IPv4 address inside.
 * Loopback passes only when the caller says so (the local stack, never a deployed stage).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'reserved'
  | 'invalid';

type Range = readonly [prefix: string, bits: number, kind: Exclude<AddressClass, 'public' | 'invalid'>];

const ipv4Ranges: readonly Range[] = [
  ['0.0.0.0', 8, 'reserved'], // "this network"
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'], // carrier-grade NAT
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // the cloud metadata endpoint lives here
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // documentation
  ['203.0.113.0', 24, 'reserved'], // documentation
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // future use, and 255.255.255.255 (broadcast)
];

/** Outside 2000::/3 (global unicast) everything is refused; these are the holes inside it, and the named ranges outside it. */
const ipv6Ranges: readonly Range[] = [
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // site-local (deprecated)
  ['ff00::', 8, 'multicast'],
  ['2001::', 23, 'reserved'], // IETF protocol assignments, Teredo among them
  ['2001:db8::', 32, 'reserved'], // documentation
  ['3fff::', 20, 'reserved'], // documentation
];

/** The 16 bytes of an IPv6 address, or the 4 of an IPv4 one; null when it is neither. */
function addressBytes(address: string): number[] | null {
  const family = isIP(address);
  if (family === 4) return address.split('.').map(Number);
  if (family !== 6) return null;
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // A trailing dotted IPv4 (::ffff:10.0.0.1) becomes two hex groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = groups(head);
  const back = groups(tail);
  const all = tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function inRange(bytes: number[], range: Range): boolean {
  const prefix = addressBytes(range[0])!;
  let bits = range[1];
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== (prefix[i]! & mask)) return false;
  }
  return true;
}

function classifyIpv4(bytes: number[]): AddressClass {
  return ipv4Ranges.find((range) => inRange(bytes, range))?.[2] ?? 'public';
}

/** What kind of address this is; anything that is not a plain public unicast address is refused. */
export function classifyAddress(address: string): AddressClass {
  const bytes = addressBytes(address);
  if (!bytes) return 'invalid';
  if (bytes.length === 4) return classifyIpv4(bytes);
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 16)) return 'reserved'; // ::
  // IPv4-mapped (::ffff:a.b.c.d): the socket reaches the IPv4 address itself.
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return classifyIpv4(bytes.slice(12));
  // IPv4-compatible (::a.b.c.d, deprecated) and ::1.
  if (zeros(0, 12)) return bytes[15] === 1 && zeros(12, 15) ? 'loopback' : 'reserved';
  // NAT64 (64:ff9b::/96) reaches the IPv4 address inside; judge that.
  if (inRange(bytes, ['64:ff9b::', 96, 'reserved'])) return classifyIpv4(bytes.slice(12)) === 'public' ? 'public' : 'reserved';
  // 6to4 (2002::/16) carries an IPv4 address in bits 16–47.
  if (inRange(bytes, ['2002::', 16, 'reserved'])) return classifyIpv4(bytes.slice(2, 6)) === 'public' ? 'public' : 'reserved';
  const named = ipv6Ranges.find((range) => inRange(bytes, range));
  if (named) return named[2];
  return (bytes[0]! & 0xe0) === 0x20 ? 'public' : 'reserved'; // only 2000::/3 is global unicast
}

export interface ConnectPolicy {
  /** The local stack delivers to a listener on this machine; deployed stages never set this. */
  allowLoopback: boolean;
}

/** Null when the address may be connected to, else why not (for the delivery record and the error). */
export function refusalOf(address: string, policy: ConnectPolicy): string | null {
  const kind = classifyAddress(address);
  if (kind === 'public' || (kind === 'loopback' && policy.allowLoopback)) return null;
  return `${kind} address`;
}

/** Thrown (through the socket) when the address a webhook would connect to is refused. */
export class ForbiddenAddress extends Error {
  override readonly name = 'ForbiddenAddress';
  readonly code = 'EFORBIDDENADDRESS';
  constructor(readonly host: string, readonly reason: string) {
    super(`Refused to connect to ${host}: it resolves to a ${reason}`);
  }
}

/** How names are resolved: dns.lookup (the OS resolver) on a deployment; tests pass their own. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node's http/https/net `connect`: resolves the name and refuses the connection
 * unless every address it resolved to passes (a mixed answer is refused whole, so no retry or
 * address fallback can land on the private one). The socket then connects to exactly the address
 * checked here: nothing resolves the name a second time.
 */
export function guardedLookup(policy: ConnectPolicy, resolver: Resolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolver(hostname).then(
      (resolved) => {
        const want = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const addresses = resolved.filter((a) => !want || want === a.family);
        if (!addresses.length) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), []);
        for (const a of addresses) {
          const reason = refusalOf(a.address, policy);
          if (reason) return callback(new ForbiddenAddress(hostname, reason), []);
        }
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
