import type { Customer } from '../../directory/model';
import type { OwedSteps } from '../../followups/owed';
import type { PasswordTries, StoredPassword } from './entity';

export interface PasswordStore {
  getPassword(businessId: string, customerId: string): Promise<StoredPassword | null>;
  /** The customer and their password in one round trip; with no customer id, the same read of nobody (equal time). */
  getCustomerWithPassword(businessId: string, customerId: string | null): Promise<{ customer: Customer | null; password: StoredPassword | null }>;
  /** Writes the password on the version read (null: only if there is none), owing `owed` in the same UpdateItem. */
  putPassword(password: StoredPassword, expectedVersion: number | null, owed: OwedSteps, now: string): Promise<boolean>;
  /** The tries on the account since its last success (read consistently); null: none. */
  readTries(businessId: string, accountHash: string): Promise<PasswordTries | null>;
  /**
   * Counts one try, if the tries are still exactly as `seen` (a new window starts when `seen` is
   * past it): false when another try moved them first, so tries made at once cannot all slip
   * through on one read.
   */
  reserveTry(businessId: string, accountHash: string, seen: PasswordTries | null, now: string, windowSeconds: number): Promise<boolean>;
  /** A success: the account's tries are forgotten. */
  clearTries(businessId: string, accountHash: string): Promise<void>;
}
