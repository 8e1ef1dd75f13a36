/**
 * Business API keys: `fsp_<live|test>_<key id>_<secret><checksum>`.
 * - The prefix says what it is and where it works, so secret scanners (and people) can tell.
 * - The key id is public: it addresses the stored record (one UpdateItem per request, which
 *   counts it for the rate limit and returns the record).
 * - The secret is 190 bits from the CSPRNG; only SHA-256 of the whole key is stored.
 * - The checksum (CRC-32 of the rest, base62) lets a scanner tell a real key from noise
 *   without asking us, and lets us refuse a mistyped key without a read.
 */
import { timingSafeEqual } from 'node:crypto';
import { Forbidden, RateLimited, Unauthenticated } from '../kernel/errors';
import type { ApiKeyMode, ApiKeyRecord, ApiKeyScope } from './model';
import type { ApiKeyStore } from './port';
import type { Clock, Random } from '../kernel/types';
import { fixedWindow } from '../kernel/rate-window';
import { sha256 } from '../kernel/secrets';
import { base62, crc32 } from '../kernel/ids';

export const apiKeyPattern = /^fsp_(live|test)_([A-Za-z0-9]{12})_([A-Za-z0-9]{32})([A-Za-z0-9]{6})$/;

export const apiKeyPolicy = {
  /** Requests per key per window: a runaway sync loop gets 429s, not the table's whole capacity. */
  requestsPerWindow: 600,
  windowSeconds: 60,
} as const;

const checksumOf = (body: string) => base62(crc32(Buffer.from(body, 'utf8')), 6);

export interface MintedKey {
  /** Shown once, to the person who created it; never stored. */
  key: string;
  record: ApiKeyRecord;
}

export function mintApiKey(
  input: { businessId: string; name: string; mode: ApiKeyMode; scopes: ApiKeyScope[]; expiresAt: string | null },
  deps: { clock: Clock; random: Random },
): MintedKey {
  const id = base62(deps.random.bytes(9), 12);
  const secret = base62(deps.random.bytes(24), 32);
  const body = `fsp_${input.mode}_${id}_${secret}`;
  const key = `${body}${checksumOf(body)}`;
  return {
    key,
    record: {
      id,
      businessId: input.businessId,
      mode: input.mode,
      name: input.name,
      scopes: input.scopes,
      secretHash: sha256(key),
      createdAt: deps.clock.now().toISOString(),
      lastUsedAt: null,
      expiresAt: input.expiresAt,
      revokedAt: null,
    },
  };
}

/** Whether a string is shaped like one of our keys with a valid checksum (what a secret scanner checks). */
export function looksLikeApiKey(value: string): boolean {
  const match = apiKeyPattern.exec(value);
  return !!match && checksumOf(value.slice(0, -6)) === match[4];
}

export interface BusinessCaller {
  businessId: string;
  keyId: string;
  scopes: ApiKeyScope[];
}

const refused = () => new Unauthenticated('Send a valid API key as `Authorization: Bearer <key>`.');

export async function authenticateApiKey(
  authorization: string | undefined,
  needs: ApiKeyScope,
  deps: { apiKeys: ApiKeyStore; clock: Clock },
): Promise<BusinessCaller> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!key || !looksLikeApiKey(key)) throw refused();
  const keyId = apiKeyPattern.exec(key)![2]!;
  const now = deps.clock.now();
  const { windowStart, retryAfterSeconds: retryAfter } = fixedWindow(now, apiKeyPolicy.windowSeconds);
  // One write counts the request, sets lastUsedAt and returns the key (docs/data-model.md). A
  // wrong secret writes nothing: its hash is part of the write's condition.
  const use = await deps.apiKeys.recordKeyUse(keyId, sha256(key), { at: now.toISOString(), windowStart: windowStart.toISOString(), limit: apiKeyPolicy.requestsPerWindow });
  const record = use.key;
  if (!record || !sameHash(record.secretHash, sha256(key))) throw refused();
  if (record.revokedAt) throw new Unauthenticated('This API key has been revoked.');
  if (record.expiresAt && new Date(record.expiresAt).getTime() <= now.getTime()) throw new Unauthenticated('This API key has expired.');
  if (!record.scopes.includes(needs)) throw new Forbidden(`This API key lacks the "${needs}" scope.`);
  if (!use.counted) {
    throw new RateLimited(retryAfter, `This API key made more than ${apiKeyPolicy.requestsPerWindow} requests in ${apiKeyPolicy.windowSeconds} seconds. Retry after ${retryAfter} s.`);
  }
  return { businessId: record.businessId, keyId, scopes: record.scopes };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
