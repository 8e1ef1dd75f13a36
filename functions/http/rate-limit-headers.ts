/**
 * The `RateLimit-Policy` and `RateLimit` headers (IETF draft-ietf-httpapi-ratelimit-headers): which
 * quota a call counted in, how big it is and over what window, and what remains of it until when.
 * Sent on every answer to a call that counted (so a client can pace itself before it is refused),
 * and on the 429 once it has run out (`remaining` 0, reset = Retry-After).
 */
import type { RateStanding } from '../../shared/kernel/errors';

export function rateLimitHeaders({ policy, remaining, resetSeconds }: RateStanding): Record<string, string> {
  return {
    'ratelimit-policy': `"${policy.name}";q=${policy.quota};w=${policy.windowSeconds}`,
    ratelimit: `"${policy.name}";r=${remaining};t=${resetSeconds}`,
  };
}
