/**
 * The one place where domain errors become HTTP answers (RFC 9457 problem+json). The customer
 * API answers in the request's language (`Accept-Language`): the title from the problems catalog,
 * and the detail too where the error names its catalog message (`DomainError.saying`); the type
 * URI and status never change with the language. The business API passes no language: English,
 * as written.
 */
import type { Problem } from '../../shared/contract/problem';
import type { Language } from '../../shared/contract/i18n/languages';
import { problemWordsFor } from '../../shared/i18n/problem-words';
import {
  Conflict,
  DomainError,
  Gone,
  IdempotencyKeyReused,
  Forbidden,
  InvalidInput,
  NotFound,
  PayloadTooLarge,
  RateLimited,
  Unauthenticated,
  UnsupportedMediaType,
  type FieldSaying,
  type ProblemKey,
} from '../../shared/kernel/errors';
import type { Format } from '../../shared/contract/i18n/format';
import type { MessageValues } from '../../shared/contract/i18n/translate';
import { rateLimitHeaders } from './rate-limit-headers';

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
}

const problemType = (slug: string) => `urn:field-service-portal:problem:${slug}`;

/** Each problem's title in the catalog, by its type's slug. */
const titleKeys: Record<string, ProblemKey> = {
  'invalid-input': 'problems.title.invalid-input',
  unauthenticated: 'problems.title.unauthenticated',
  forbidden: 'problems.title.forbidden',
  'not-found': 'problems.title.not-found',
  conflict: 'problems.title.conflict',
  gone: 'problems.title.gone',
  'idempotency-key-reused': 'problems.title.idempotency-key-reused',
  'payload-too-large': 'problems.title.payload-too-large',
  'unsupported-media-type': 'problems.title.unsupported-media-type',
  'rate-limited': 'problems.title.rate-limited',
  internal: 'problems.title.internal',
};

const internalDetail = 'Something went wrong on our side. Please try again in a moment.';

/**
 * The answer to an error. `language`: the customer API's request language; English is the
 * language the details are written in, so only another language reads the catalog.
 */
export function toProblem(error: unknown, language?: Language): ProblemResponse {
  const { problem, headers } = englishProblem(error);
  if (!language || language === 'en') return { problem, headers };
  const { t, f } = problemWordsFor(language);
  const slug = problem.type.slice(problemType('').length);
  const said = error instanceof DomainError && problem.status < 500 ? error.said : { key: 'problems.internal' as const };
  const errors = error instanceof InvalidInput ? error.errors.map((e) => ({ field: e.field, message: e.said ? t(e.said.key, writtenIn(f, e.said.values)) : e.message })) : undefined;
  return {
    problem: { ...problem, title: t(titleKeys[slug] ?? 'problems.title.internal'), detail: said ? t(said.key, said.values) : problem.detail, ...(errors ? { errors } : {}) },
    headers: { ...headers, 'content-language': language },
  };
}

/** A field message's values as text and counts: money written the language's way. */
function writtenIn(f: Format, values: FieldSaying['values']): MessageValues | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === 'object' ? f.money(value) : value]));
}

const problem = (status: number, slug: string, title: string, detail: string, extra: Partial<Problem> = {}): Problem => ({
  type: problemType(slug),
  title,
  status,
  detail,
  ...extra,
});

function englishProblem(error: unknown): ProblemResponse {
  if (!(error instanceof DomainError)) {
    return { problem: problem(500, 'internal', 'Something went wrong', internalDetail), headers: {} };
  }
  if (error instanceof InvalidInput) {
    // Only what the API documents: `said` is how the customer API translates a message, not part of the answer.
    const errors = error.errors.map(({ field, message }) => ({ field, message }));
    return { problem: problem(400, 'invalid-input', 'Invalid request', error.message, { errors }), headers: {} };
  }
  if (error instanceof Unauthenticated) return { problem: problem(401, 'unauthenticated', 'Not signed in', error.message), headers: {} };
  if (error instanceof Forbidden) return { problem: problem(403, 'forbidden', 'Forbidden', error.message), headers: {} };
  if (error instanceof NotFound) return { problem: problem(404, 'not-found', 'Not found', error.message), headers: {} };
  if (error instanceof Conflict) return { problem: problem(409, 'conflict', 'Conflict', error.message, error.openSlots ? { slots: error.openSlots } : {}), headers: {} };
  if (error instanceof Gone) return { problem: problem(410, 'gone', 'Gone', error.message), headers: {} };
  if (error instanceof IdempotencyKeyReused) return { problem: problem(422, 'idempotency-key-reused', 'Idempotency key reused', error.message), headers: {} };
  if (error instanceof PayloadTooLarge) return { problem: problem(413, 'payload-too-large', 'Request too large', error.message), headers: {} };
  if (error instanceof UnsupportedMediaType) return { problem: problem(415, 'unsupported-media-type', 'Unsupported media type', error.message), headers: {} };
  if (error instanceof RateLimited) {
    const retryAfter = String(error.retryAfterSeconds);
    // Which quota ran out, by name, with none of it remaining until the window ends.
    const policy = error.policy ? rateLimitHeaders({ policy: error.policy, remaining: 0, resetSeconds: error.retryAfterSeconds }) : {};
    return { problem: problem(429, 'rate-limited', 'Too many requests', error.message), headers: { 'retry-after': retryAfter, ...policy } };
  }
  return { problem: problem(500, 'internal', 'Something went wrong', internalDetail), headers: {} };
}
