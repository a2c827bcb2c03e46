import { createHash, timingSafeEqual } from 'node:crypto';

/** A `upm-token` is good for the window it was issued in and the next one: 10 to 20 minutes. */
export const UPM_TOKEN_WINDOW_MS = 10 * 60 * 1000;

const tokenAt = (credentialHash: string, window: number) =>
  createHash('sha256').update(`upm-token:${credentialHash}:${window}`).digest('base64url');

/**
 * The opaque `upm-token` the plugin list's HEAD or GET answers with, which an install sends back as
 * `?token=`. It is derived from the hash of the caller's own credential (session or personal
 * token), which only the service holds: only a caller who read it with that credential knows it,
 * and it needs no state, so any process sharing the database accepts it.
 */
export function upmTokenFor(credentialHash: string, now: Date): string {
  return tokenAt(credentialHash, Math.floor(now.getTime() / UPM_TOKEN_WINDOW_MS));
}

/** Whether `presented` is this credential's token of the current or the previous window. */
export function isValidUpmToken(credentialHash: string, presented: string | undefined, now: Date): boolean {
  if (!presented) return false;
  const window = Math.floor(now.getTime() / UPM_TOKEN_WINDOW_MS);
  const given = Buffer.from(presented);
  return [window, window - 1].some((candidate) => {
    const expected = Buffer.from(tokenAt(credentialHash, candidate));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
