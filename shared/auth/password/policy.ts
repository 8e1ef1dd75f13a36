/**
 * The password rules (NIST SP 800-63B, 3.1.1.2): at least 8 characters, up to 128 (at least 64
 * must be allowed), any characters (spaces and emoji included), no rules of composition, never a
 * forced change; refused only when it is one of the commonest passwords or the customer's own email.
 * Lengths count Unicode code points after NFC normalisation, as the standard says.
 */
export const minPasswordLength = 8;
export const maxPasswordLength = 128;

/** How the password is hashed: Argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane). */
export const argon2Params = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32, saltLength: 16 } as const;

/**
 * Signing in with a password, throttled per account and per client address with growing delays:
 * never a lockout an attacker can cause for good, since each counter forgets after its window.
 */
export const passwordThrottle = {
  /** Wrong tries on one account before each further try waits. */
  freeFailuresPerAccount: 5,
  /** The wait after the free tries: doubles with each further failure, up to `maxDelaySeconds`. */
  firstDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
  /** An account's failures are forgotten this long after the last one. */
  accountWindowSeconds: 60 * 60,
  /** Tries from one client address per window, on any accounts (spraying one password at many). */
  triesPerAddress: 30,
  addressWindowSeconds: 15 * 60,
} as const;

/** Changing or removing the password without the current one: only from a session a link started this recently. */
export const recentLinkSignInMs = 10 * 60_000;
