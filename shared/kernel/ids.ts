/** Ids the portal mints: opaque, URL-safe, and time-ordered where a list sorts by them. */
import { createHash } from 'node:crypto';
import type { Clock, Random } from './types';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of a number or bytes, left-padded (or cut) to `length` characters. */
export function base62(input: Buffer | number, length: number): string {
  let n = typeof input === 'number' ? BigInt(Math.floor(input)) : BigInt(`0x${input.toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(length, '0').slice(-length);
}

/**
 * `<prefix>_<time><random>`: sorts by creation time (10 base62 digits of milliseconds), then 12
 * random characters so two ids made in the same millisecond never collide.
 */
export function newId(prefix: string, deps: { clock: Clock; random: Random }): string {
  return `${prefix}_${base62(deps.clock.now().getTime(), 10)}${base62(deps.random.bytes(9), 12)}`;
}

/**
 * `<prefix><22 base62 of sha256(seed)>`: the id of a record that derives from another (an
 * estimate's deposit invoice, the job its booking makes), the same on every retry.
 */
export const derivedId = (prefix: string, seed: string): string => `${prefix}${base62(createHash('sha256').update(seed).digest().subarray(0, 16), 22)}`;

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Where a use case gets the time and ids of what it creates. For an idempotent request both come
 * from the attempt (the same on every retry), so a retry re-creates the same records, which
 * conditional writes then find already there; otherwise from the clock and the CSPRNG.
 */
export interface Mint {
  now: Date;
  id(prefix: string): string;
}

export function mintFor(attempt: { seed: string; startedAt: string } | null, deps: { clock: Clock; random: Random }): Mint {
  if (!attempt) return { now: deps.clock.now(), id: (prefix) => newId(prefix, deps) };
  const now = new Date(attempt.startedAt);
  let n = 0;
  return {
    now,
    id: (prefix) => `${prefix}_${base62(now.getTime(), 10)}${base62(createHash('sha256').update(`${attempt.seed}\n${prefix}\n${n++}`).digest().subarray(0, 9), 12)}`,
  };
}
