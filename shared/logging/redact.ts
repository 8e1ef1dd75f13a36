/**
 * What a log line may carry. Two rules, applied to every line the logger writes:
 *
 * 1. Fields are an allow-list. Only the names in `allowedFields` are logged as given, at any
 *    depth (nested objects and arrays are walked); any other name keeps its key but its whole
 *    value becomes "[redacted]". A new field shows up redacted until it is added here, on
 *    purpose, in review.
 * 2. Free text is scrubbed. The message, every string under an allowed name, error messages
 *    and stacks, and the names of non-allowed keys have secret- and person-shaped text replaced:
 *    e-mail addresses, business API keys, webhook secrets, Authorization/Cookie values,
 *    phone numbers, and long hex or base64 runs (sign-in tokens and session ids are 32 random
 *    bytes, 43 base64url characters).
 *
 * Opaque ids (businessId, customerId, jobId) are allowed: they are random identifiers, not
 * personal data, and without them a log cannot be followed to a record. What a customer typed
 * or received (addresses, phone numbers, names, tokens, links) never is.
 */

/** Field names logged as given. Keep it to ids, counts, outcomes and timings. */
export const allowedFields: ReadonlySet<string> = new Set([
  // Request and invocation
  'route', 'status', 'ms', 'requestId', 'messageId', 'attempt', 'count', 'problem', 'limit', 'queue',
  // Outcome of a use case
  'kind', 'outcome', 'channel', 'eventType', 'reason',
  // Opaque record ids (random, not personal data)
  'businessId', 'customerId', 'jobId', 'endpointId', 'invoiceId', 'checkoutId', 'stripeEventId',
  // A business API key's public id: the part before the secret, not a secret itself
  'keyId',
  // Follow-up steps (shared/followups): which record owes what, and how the re-driver did
  'ownerKind', 'stepKind', 'stepId', 'attempts', 'items', 'stepsRun', 'stepsFailed',
  // describeError()
  'errorName', 'errorMessage', 'stack',
]);

export const redacted = '[redacted]';

type Rule = [RegExp, string | ((match: string, ...groups: string[]) => string)];

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/**
 * A piece of a long run that reads as words, not randomness: lowercase words, camel/Pascal
 * words (each capital followed by at least two lowercase letters) or a short number. A random
 * 43-character base64url string is made only of such pieces with probability about 6e-10.
 */
const wordPiece = /^(?:[a-z]+|[a-z]*(?:[A-Z][a-z]{2,})+|\d{1,4})$/;

/** Paths, kebab-case names and UUIDs are kept; anything that looks random is a secret. */
function longRun(run: string): string {
  const pieces = run.replace(uuid, 'uuid').split(/[-_/+=]+/);
  return pieces.every((piece) => piece === '' || wordPiece.test(piece)) ? run : '[secret]';
}

/** Order matters: the prefixed shapes go first, so they are named rather than caught as runs. */
const rules: Rule[] = [
  // Business API keys (fsp_live_<keyid>_<secret><checksum>) and Standard Webhooks secrets.
  [/fsp_(?:live|test)_[A-Za-z0-9_-]*/g, '[api-key]'],
  [/whsec_[A-Za-z0-9+/=_-]*/g, '[webhook-secret]'],
  // Header-shaped text: "Authorization: <scheme> <credentials>", "Cookie: a=b; c=d" (to the line's end).
  [/\b(authorization)(["']?\s*[:=]\s*["']?)(?:[A-Za-z]+\s+)?[^\s"',;]+/gi, `$1$2${redacted}`],
  [/\b((?:set-)?cookie)(["']?\s*[:=]\s*["']?)[^\n"']*/gi, `$1$2${redacted}`],
  // Authorization schemes wherever they appear. "Link" is also an English word: only with a token.
  [/\b(Bearer|Basic)\s+[^\s,;"'<>]+/gi, `$1 ${redacted}`],
  [/\b(Link)\s+[A-Za-z0-9._~+/=-]{16,}/gi, `$1 ${redacted}`],
  // E-mail addresses, also URL-encoded (%40).
  [/[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  // Phone numbers: + (or %2B) and 8 or more digits, single spaces, dots or dashes allowed between.
  [/(?:\+|%2B)\d(?:[ .-]?\d){7,}/gi, '[phone]'],
  // Long hex runs (hashes, keys), then long base64/base64url runs that do not read as words.
  [/[0-9a-fA-F]{32,}/g, '[secret]'],
  [/[A-Za-z0-9+/_-]{32,}={0,2}/g, longRun],
];

/** Free text with secrets and personal data replaced. Idempotent. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement as string);
  return out;
}

const maxDepth = 8;

/** One value under an allowed name: strings scrubbed, objects walked, errors described. */
function allowedValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return scrubText(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      // functions, symbols
      return redacted;
  }
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (depth >= maxDepth) return '[truncated]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => allowedValue(item, depth + 1, seen));
    if (value instanceof Error) return walk(describeErrorText(value), depth + 1, seen);
    return walk(value as Record<string, unknown>, depth + 1, seen);
  } finally {
    seen.delete(value);
  }
}

function walk(fields: Record<string, unknown>, depth: number, seen: WeakSet<object>, skip?: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (skip?.has(name)) continue;
    if (allowedFields.has(name)) out[name] = allowedValue(value, depth, seen);
    // The name stays (it says what was there); a key built from data is scrubbed like text.
    else if (value !== undefined) out[scrubText(name)] = redacted;
  }
  return out;
}

/**
 * Fields as they may be logged: allowed names kept (strings scrubbed, nested values walked),
 * every other name's value replaced by "[redacted]". Names in `skip` are dropped.
 */
export function redactFields(fields: Record<string, unknown>, skip?: ReadonlySet<string>): Record<string, unknown> {
  return walk(fields, 0, new WeakSet(), skip);
}

export type ErrorFields = { errorName: string; errorMessage: string; stack?: string };

function describeErrorText(error: Error): ErrorFields {
  return {
    errorName: scrubText(String(error.name)),
    errorMessage: scrubText(String(error.message)),
    ...(typeof error.stack === 'string' ? { stack: scrubText(error.stack) } : {}),
  };
}

/** An error's name, message and stack, scrubbed; never its payload or other properties. */
export function describeError(error: unknown): ErrorFields {
  if (error instanceof Error) return describeErrorText(error);
  let text: string;
  try {
    text = String(error);
  } catch {
    text = 'unprintable';
  }
  return { errorName: error === null ? 'null' : typeof error, errorMessage: scrubText(text) };
}
