/**
 * Business API keys: `fsp_<live|test>_<key id>_<secret><checksum>`.
 * - The prefix says what it is and where it works, so secret scanners (and people) can tell.
 * - The key id is public: it addresses the stored record (one UpdateItem per request, which
 *   sets `lastUsedAt` and returns the record; beside it, one counts the call in its business's
 *   budget: shared/business-api/limits.ts).
 * - The secret is 190 bits from the CSPRNG; only SHA-256 of the whole key is stored.
 * - The checksum (CRC-32 of the rest, base62) lets a scanner tell a real key from noise
 *   without asking us, and lets us refuse a mistyped key without a read.
 */
import { timingSafeEqual } from 'node:crypto';
import { Forbidden, RateLimited, Unauthenticated, type RateStanding } from '../kernel/errors';
import type { ApiKeyMode, ApiKeyRecord, ApiKeyScope } from './model';
import type { ApiBudgetStore, ApiKeyStore, BudgetUse } from './port';
import type { Clock, Random } from '../kernel/types';
import { fixedWindow } from '../kernel/rate-window';
import { apiLimitCeiling, apiLimitDefault, apiLimitWindowSeconds, type ApiBudget } from './limits';
import { sha256 } from '../kernel/secrets';
import { base62, crc32 } from '../kernel/ids';

export const apiKeyPattern = /^fsp_(live|test)_([A-Za-z0-9]{12})_([A-Za-z0-9]{32})([A-Za-z0-9]{6})$/;

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
  /** The budget this call counted in, and what is left of it this window: told on the answer. */
  standing: RateStanding;
}

const refused = () => new Unauthenticated('Send a valid API key as `Authorization: Bearer <key>`.');

/**
 * Which business each key id belongs to, learned from requests whose key checked out. A key
 * never moves to another business, so what is learned stays true for the life of the function
 * instance; bounded, oldest forgotten first.
 */
export class KeyBusinesses {
  private readonly known = new Map<string, string>();
  constructor(private readonly max = 1000) {}
  get(keyId: string): string | undefined {
    return this.known.get(keyId);
  }
  learn(keyId: string, businessId: string): void {
    if (this.known.get(keyId) === businessId) return;
    this.known.delete(keyId);
    if (this.known.size >= this.max) this.known.delete(this.known.keys().next().value!);
    this.known.set(keyId, businessId);
  }
}

const budgetWords: Record<ApiBudget, string> = { requests: 'requests', positions: 'position reports (PUT jobs/{jobId}/tracking/position)' };

/**
 * Proves the caller and counts the call in its business's `budget` (docs/business-api.md,
 * "Limits"). The key's write (its secret hash is the condition; it returns the key) and the
 * budget's counting write go side by side when this instance already knows the key's business,
 * so a warm request waits on DynamoDB once, as with the per-key counter before; otherwise the
 * count follows the key check. Only a call whose key checks out (right secret, not revoked or
 * expired, the scope it needs) keeps its count: one counted beside a key that is then refused is
 * taken back before the 401 or 403 answers.
 */
export async function authenticateApiKey(
  authorization: string | undefined,
  needs: ApiKeyScope,
  budget: ApiBudget,
  deps: { apiKeys: ApiKeyStore; budgets: ApiBudgetStore; clock: Clock; keyBusinesses: KeyBusinesses },
): Promise<BusinessCaller> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!key || !looksLikeApiKey(key)) throw refused();
  const keyId = apiKeyPattern.exec(key)![2]!;
  const now = deps.clock.now();
  const { windowStart, retryAfterSeconds } = fixedWindow(now, apiLimitWindowSeconds);
  const count = (businessId: string) =>
    deps.budgets.countCall(businessId, budget, { windowStart: windowStart.toISOString(), defaultLimit: apiLimitDefault[budget], ceiling: apiLimitCeiling[budget] });
  const known = deps.keyBusinesses.get(keyId);
  const countedBeside = known ? settle(count(known)) : null;
  const checked = await settle(deps.apiKeys.recordKeyUse(keyId, sha256(key), now.toISOString()).then((record) => checkKey(record, key, needs, now)));
  const beside = countedBeside ? await countedBeside : null;
  if (!checked.ok || (known && checked.value.businessId !== known)) {
    // Counted for a call whose key failed (or, were a key id ever reused, for another business): take it back.
    if (known && beside?.ok && beside.value.counted) await deps.budgets.uncountCall(known, budget, beside.value.window).catch(() => undefined);
    if (!checked.ok) throw checked.error;
  }
  const record = checked.value;
  deps.keyBusinesses.learn(keyId, record.businessId);
  let use: BudgetUse;
  if (beside && known === record.businessId) {
    if (!beside.ok) throw beside.error;
    use = beside.value;
  } else {
    use = await count(record.businessId);
  }
  const policy = { name: budget, quota: use.limit, windowSeconds: apiLimitWindowSeconds };
  // The seconds left in the window the call met (a later one, when another instance's clock is ahead).
  const windowLeftSeconds = Math.ceil((Date.parse(use.window) + apiLimitWindowSeconds * 1000 - now.getTime()) / 1000);
  if (!use.counted) {
    const retryAfter = Math.max(retryAfterSeconds, windowLeftSeconds);
    throw new RateLimited(
      retryAfter,
      `This business made more than ${use.limit} ${budgetWords[budget]} in ${apiLimitWindowSeconds} seconds (its "${budget}" budget, shared by all its keys). Retry after ${retryAfter} s.`,
      policy,
    );
  }
  return { businessId: record.businessId, keyId, scopes: record.scopes, standing: { policy, remaining: Math.max(0, use.limit - use.count), resetSeconds: Math.max(1, windowLeftSeconds) } };
}

/** The key's own checks, in the order a caller is told of them. */
function checkKey(record: ApiKeyRecord | null, key: string, needs: ApiKeyScope, now: Date): ApiKeyRecord {
  if (!record || !sameHash(record.secretHash, sha256(key))) throw refused();
  if (record.revokedAt) throw new Unauthenticated('This API key has been revoked.');
  if (record.expiresAt && new Date(record.expiresAt).getTime() <= now.getTime()) throw new Unauthenticated('This API key has expired.');
  if (!record.scopes.includes(needs)) throw new Forbidden(`This API key lacks the "${needs}" scope.`);
  return record;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> => promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
