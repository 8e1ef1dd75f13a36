/**
 * An adapter a step may find missing. A request has only the adapters its route grants (a queue,
 * Stripe); a step that needs one its request was not granted throws `NotHere`, and stays owed for
 * the re-driver, which has them all (./run.ts does not count it as a failure).
 */
export class NotHere extends Error {
  override readonly name = 'NotHere';
}

export function need<T>(adapter: T | undefined, name: string): T {
  if (adapter === undefined) throw new NotHere(`This function has no ${name}: the re-driver runs this step`);
  return adapter;
}
