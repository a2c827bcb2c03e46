import { createHash } from 'node:crypto';

/** SHA-256, hex: how the store keys secrets (session, personal and access tokens) it must find again. */
export function secretHash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
