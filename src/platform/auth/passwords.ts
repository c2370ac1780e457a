import argon2 from 'argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes) keeps sign-in quick on a small server.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let decoyHash: Promise<string> | undefined;

/**
 * Checks a password. With no stored hash (unknown email, invitation not yet accepted) it still does
 * the same work against a decoy, so response time does not reveal which emails have accounts.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    decoyHash ??= hashPassword('decoy password that never matches');
    await argon2.verify(await decoyHash, password);
    return false;
  }
  try {
    return await argon2.verify(storedHash, password);
  } catch {
    return false;
  }
}
