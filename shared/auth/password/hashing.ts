/**
 * Argon2id through hash-wasm (WebAssembly, bundled into the function: no native file to build for
 * Lambda's arm64; docs/performance.md, "Passwords", has the measurements and the native
 * alternative). Passwords are NFC-normalised first, so the same password typed on two keyboards
 * is the same password. Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`), which every
 * Argon2 library reads, so the library can change without anyone resetting a password.
 */
import { argon2id, argon2Verify } from 'hash-wasm';
import type { Random } from '../../kernel/types';
import { argon2Params } from './policy';

export const normalisePassword = (password: string): string => password.normalize('NFC');

export function hashPassword(password: string, random: Random): Promise<string> {
  const { memorySize, iterations, parallelism, hashLength, saltLength } = argon2Params;
  return argon2id({ password: normalisePassword(password), salt: random.bytes(saltLength), memorySize, iterations, parallelism, hashLength, outputType: 'encoded' });
}

/** Whether `password` is the one `phc` was made from; a malformed hash is simply "no". */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify({ password: normalisePassword(password), hash: phc });
  } catch {
    return false;
  }
}

/**
 * A hash of a secret nobody knows, at the same settings: checked against when there is no account
 * or no password, so every wrong answer costs the same time (rule 83).
 */
export const unguessableHash = '$argon2id$v=19$m=19456,t=2,p=1$2Ef7VDbxPql9mSZNlm2yzw$cjqYpYJMPr7x0Y/7kwzihLAHIiXDTuBOJoJg5J37+zY';
