import { hash } from 'node:crypto';
import type { Context } from 'hono';
import { clientAddress } from './auth/client-address';
import { presentedCredential } from './auth/credentials';
import { ServiceError } from './problem';

const WINDOW_MS = 60_000;
/** Beyond this many callers in one minute, unknown tokens are counted by client address instead. */
const MAX_BUCKETS = 100_000;

/**
 * A fixed budget of requests per minute for each token (personal or session), and for each
 * client address when no token is presented. Every /api/v1 answer says where the caller stands
 * (`RateLimit-Limit`, `-Remaining`, `-Reset`); over the budget, 429 `rate_limited` with
 * `Retry-After`. One token's use never counts against another's. Counters live in this
 * process's memory (README): several processes each keep their own.
 *
 * `admit(c, headers)` counts the request and either sets the RateLimit headers — on `c`, or into
 * `headers` when given — or returns the refusal to answer with, which carries them.
 */
export function rateLimit(options: {
  limit: number;
  now: () => Date;
  /** The token a request is counted by; by default the one it presents (Bearer, Basic, `session`). */
  tokenOf?: (c: Context) => string | undefined;
}): { admit(c: Context, headers?: Record<string, string>): ServiceError | undefined } {
  const tokenOf = options.tokenOf ?? ((c: Context) => presentedCredential(c)?.token);
  const limit = String(options.limit);
  let windowStart = 0;
  let counts = new Map<string, number>();
  const admit = (c: Context, headers?: Record<string, string>): ServiceError | undefined => {
    const at = options.now().getTime();
    if (at - windowStart >= WINDOW_MS) {
      windowStart = at - (at % WINDOW_MS);
      counts = new Map();
    }
    const token = tokenOf(c);
    // The token itself is never kept as a key: its hash is (a fast one: tokens are random).
    let key = token ? `token:${hash('sha256', token, 'base64url')}` : `client:${clientAddress(c)}`;
    if (!counts.has(key) && counts.size >= MAX_BUCKETS) key = `client:${clientAddress(c)}`;
    const used = (counts.get(key) ?? 0) + 1;
    counts.set(key, used);
    const resetSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - at) / 1000));
    const remaining = String(Math.max(0, options.limit - used));
    const reset = String(resetSeconds);
    if (used > options.limit) {
      return new ServiceError(
        429,
        'rate_limited',
        `This token made more than ${options.limit} requests this minute. Try again in ${resetSeconds} s.`,
        undefined,
        { 'RateLimit-Limit': limit, 'RateLimit-Remaining': remaining, 'RateLimit-Reset': reset, 'Retry-After': reset },
      );
    }
    // Before the answer exists, so that it carries them without being rebuilt (see front-door.ts).
    if (headers) {
      headers['RateLimit-Limit'] = limit;
      headers['RateLimit-Remaining'] = remaining;
      headers['RateLimit-Reset'] = reset;
    } else {
      c.header('RateLimit-Limit', limit);
      c.header('RateLimit-Remaining', remaining);
      c.header('RateLimit-Reset', reset);
    }
    return undefined;
  };
  return { admit };
}
