/** The numbers behind sign-in: link lifetime, session timeouts, rate limits. One place to tune. */
const minutes = (n: number) => n * 60_000;

export const signInPolicy = {
  /** A sign-in link works once, for 15 minutes. */
  linkLifetimeMs: minutes(15),
  /** A session ends after 30 idle minutes, and after 12 hours whatever happens. */
  sessionIdleMs: minutes(30),
  sessionAbsoluteMs: minutes(12 * 60),
  /** Renew the idle timer at most once a minute: one write per minute of use, not per request. */
  sessionTouchEveryMs: minutes(1),
  /** Link requests allowed per window, per contact address and per client IP. */
  rateWindowSeconds: 15 * 60,
  maxLinksPerContact: 5,
  maxLinksPerIp: 30,
} as const;
