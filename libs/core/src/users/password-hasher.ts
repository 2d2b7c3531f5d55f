import { randomBytes } from 'node:crypto';
import { argon2id, hash, verify } from 'argon2';

// Verified against when the user does not exist, so a login for an unknown email costs the same
// time as one for a known email (no user enumeration by timing).
let dummyHash: Promise<string> | undefined;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id });
}

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  try {
    return await verify(passwordHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}
