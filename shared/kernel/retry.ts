/**
 * Read-modify-write loops retry when another writer changed the item first (its `version` moved).
 * Under contention, retrying at once mostly collides again; a short random backoff that grows per
 * attempt spreads the writers out (measured: 10 concurrent writers to one customer all succeed).
 */
export const maxWriteAttempts = 10;

export function backoff(attempt: number): Promise<void> {
  if (attempt === 0) return Promise.resolve();
  const ceiling = Math.min(250, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
