import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { clientAddress } from './auth/client-address';
import { presentedCredential } from './auth/credentials';
import { problemResponse, ServiceError } from './problem';

const WINDOW_MS = 60_000;
/** Beyond this many callers in one minute, unknown tokens are counted by client address instead. */
const MAX_BUCKETS = 100_000;

/**
 * A fixed budget of requests per minute for each token (personal or session), and for each
 * client address when no token is presented. Every /api/v1 answer says where the caller stands
 * (`RateLimit-Limit`, `-Remaining`, `-Reset`); over the budget, 429 `rate_limited` with
 * `Retry-After`. One token's use never counts against another's. Counters live in this
 * process's memory (README): several processes each keep their own.
 */
export function rateLimit(options: {
  limit: number;
  now: () => Date;
  /** The token a request is counted by; by default the one it presents (Bearer, Basic, `session`). */
  tokenOf?: (c: Context) => string | undefined;
  /** How a refusal is answered; problem+json by default. */
  respond?: (c: Context, error: ServiceError) => Response;
}): MiddlewareHandler {
  const tokenOf = options.tokenOf ?? ((c: Context) => presentedCredential(c)?.token);
  const respond = options.respond ?? problemResponse;
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (c, next) => {
    const at = options.now().getTime();
    if (at - windowStart >= WINDOW_MS) {
      windowStart = at - (at % WINDOW_MS);
      counts = new Map();
    }
    const token = tokenOf(c);
    // The token itself is never kept as a key: its hash is (a fast one: tokens are random).
    let key = token ? `token:${createHash('sha256').update(token).digest('base64url')}` : `client:${clientAddress(c)}`;
    if (!counts.has(key) && counts.size >= MAX_BUCKETS) key = `client:${clientAddress(c)}`;
    const used = (counts.get(key) ?? 0) + 1;
    counts.set(key, used);
    const resetSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - at) / 1000));
    const headers = {
      'RateLimit-Limit': String(options.limit),
      'RateLimit-Remaining': String(Math.max(0, options.limit - used)),
      'RateLimit-Reset': String(resetSeconds),
    };
    if (used > options.limit) {
      return respond(
        c,
        new ServiceError(
          429,
          'rate_limited',
          `This token made more than ${options.limit} requests this minute. Try again in ${resetSeconds} s.`,
          undefined,
          { ...headers, 'Retry-After': String(resetSeconds) },
        ),
      );
    }
    // Before the answer exists, so that it carries them without being rebuilt (see app.ts).
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  };
}
