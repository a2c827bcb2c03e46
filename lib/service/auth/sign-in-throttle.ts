import { ServiceError } from '../problem';

/** Failures allowed before a lock-out, within `WINDOW_MS`: for one email, and for one client address. */
const FREE_FAILURES = { email: 5, client: 20 } as const;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;

interface Failures {
  count: number;
  firstAt: number;
  lockedUntil: number;
}

/**
 * Throttles sign-in attempts — the API's sessions, the pages' form, HTTP Basic and password
 * confirmations alike — per email and per client address. After a few failures every attempt
 * waits out a lock that doubles with each further failure, a right password included, and the
 * answer is the same whether or not the email exists. Kept in this process's memory, like the
 * rate limits (README).
 */
export function createSignInThrottle(now: () => Date) {
  const byKey = new Map<string, Failures>();
  const keysOf = (email: string, client: string) => [
    { key: `email:${email.trim().toLowerCase()}`, free: FREE_FAILURES.email },
    { key: `client:${client}`, free: FREE_FAILURES.client },
  ];
  const current = (key: string, at: number): Failures | undefined => {
    const entry = byKey.get(key);
    if (entry && at - entry.firstAt > WINDOW_MS && at >= entry.lockedUntil) {
      byKey.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    /** Refuses (429, with when to try again) while the email or the client is locked out. */
    assertAllowed(email: string, client: string): void {
      const at = now().getTime();
      const waitMs = Math.max(0, ...keysOf(email, client).map(({ key }) => (current(key, at)?.lockedUntil ?? 0) - at));
      if (waitMs > 0) {
        throw new ServiceError(
          429,
          'rate_limited',
          'Too many failed sign-ins. Wait a moment before trying again.',
          undefined,
          { 'Retry-After': String(Math.ceil(waitMs / 1000)) },
        );
      }
    },
    recordFailure(email: string, client: string): void {
      const at = now().getTime();
      for (const { key, free } of keysOf(email, client)) {
        const entry = current(key, at) ?? { count: 0, firstAt: at, lockedUntil: 0 };
        entry.count += 1;
        if (entry.count >= free) entry.lockedUntil = at + Math.min(1000 * 2 ** (entry.count - free), MAX_LOCK_MS);
        byKey.set(key, entry);
      }
    },
    /** A right password clears the email's failures (the client's stay: it may be trying many). */
    recordSuccess(email: string): void {
      byKey.delete(`email:${email.trim().toLowerCase()}`);
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
