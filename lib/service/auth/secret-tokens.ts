import { randomBytes } from 'node:crypto';
import { formatToken, type TokenKind } from '../../domain/token-format';
import { secretHash } from '../store/secret-hash';

export function generateToken(kind: TokenKind): string {
  // 64 bytes leave ample room for the rejection sampling in formatToken.
  return formatToken(kind, randomBytes(64));
}

/** Session and personal tokens are 190-bit random values: a fast hash is the right one to store. */
export function hashToken(value: string): string {
  return secretHash(value);
}
