import { hash } from 'node:crypto';

/** SHA-256, hex: how the store keys secrets (session, personal and access tokens) it must find again. */
export function secretHash(value: string): string {
  // The one-shot form: no Hash object per call (this runs on every authenticated request).
  return hash('sha256', value, 'hex');
}
