import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or a link. Only its hash is stored, so a database leak grants nothing. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
