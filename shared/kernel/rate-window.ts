/**
 * The fixed windows rate limits count in (sign-in requests, link lookups, API keys): the window
 * `now` falls in, and how long until the next one opens (the `Retry-After` of a refusal).
 */
export function fixedWindow(now: Date, windowSeconds: number): { windowStart: Date; retryAfterSeconds: number } {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return { windowStart, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)) };
}
