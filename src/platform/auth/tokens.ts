import { createHash, randomBytes } from 'node:crypto';

/** An unguessable token for a cookie or a private link (256 bits). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes of tokens are stored, so a copy of the database opens no sessions or links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
