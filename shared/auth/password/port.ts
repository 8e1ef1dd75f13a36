import type { Customer } from '../../directory/model';
import type { OwedSteps } from '../../followups/owed';
import type { PasswordFailures, StoredPassword } from './entity';

export interface PasswordStore {
  getPassword(businessId: string, customerId: string): Promise<StoredPassword | null>;
  /** The customer and their password in one round trip; with no customer id, the same read of nobody (equal time). */
  getCustomerWithPassword(businessId: string, customerId: string | null): Promise<{ customer: Customer | null; password: StoredPassword | null }>;
  /** Writes the password on the version read (null: only if there is none), owing `owed` in the same UpdateItem. */
  putPassword(password: StoredPassword, expectedVersion: number | null, owed: OwedSteps, now: string): Promise<boolean>;
  failures(accountHash: string): Promise<PasswordFailures | null>;
  /** One more wrong try (`restart`: the earlier ones are past their window). */
  recordFailure(accountHash: string, restart: boolean, now: string, windowSeconds: number): Promise<void>;
  clearFailures(accountHash: string): Promise<void>;
}
