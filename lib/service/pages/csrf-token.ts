import { createHash, timingSafeEqual } from 'node:crypto';

/** A form token bound to the session: only a page that was served to this session knows it. */
export function csrfTokenFor(sessionTokenHash: string): string {
  return createHash('sha256').update(`csrf:${sessionTokenHash}`).digest('base64url');
}

export function isValidCsrfToken(sessionTokenHash: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionTokenHash));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
