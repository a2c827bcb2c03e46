import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { presentedCredential } from './auth/credentials';
import type { ServiceDeps } from './deps';
import { type HostPolicy, misdirected } from './host-policy';
import { SESSION_COOKIE } from './pages/page-session';
import type { ServiceError } from './problem';
import { rateLimit } from './rate-limit';
import { isSiteApiPath } from './site-api/site-api-http';

/**
 * Lets a request in, setting the headers every answer of its path carries — on `c`, or into
 * `headers` when given — or returns the refusal of the first check it fails (to answer with
 * those headers too).
 */
export type FrontDoor = (c: Context, headers?: Record<string, string>) => ServiceError | undefined;

/**
 * The checks every request passes before any route, in this order (the body limit, for a request
 * that has a body, is app.ts's):
 * 1. Answers of /api/v1 and of a site's own APIs carry access-token values and session data: no
 *    cache, shared or private, may keep them — refusals of the checks below included. Set before
 *    the answer exists: a header added to a finished answer makes Hono rebuild it.
 * 2. Only our own host names (DNS rebinding): 421 `misdirected_request`.
 * 3. One budget per token across /api/v1 and the sites' own APIs (there, the site's session
 *    cookie counts as a token): 429 `rate_limited`, and the RateLimit headers on every answer.
 * One function rather than a middleware per check: each hop through Hono's chain costs, and
 * the API is polled.
 */
export function frontDoor(deps: ServiceDeps, hosts: () => HostPolicy): FrontDoor {
  const limiter = rateLimit({
    limit: deps.rateLimit,
    now: deps.now,
    tokenOf: (c) =>
      presentedCredential(c)?.token || (isSiteApiPath(c.req.path) ? getCookie(c, SESSION_COOKIE) : undefined),
  });
  return (c, headers) => {
    const path = c.req.path;
    const guarded = path === '/api/v1' || path.startsWith('/api/v1/') || isSiteApiPath(path);
    if (guarded) {
      if (headers) headers['Cache-Control'] = 'no-store';
      else c.header('Cache-Control', 'no-store');
    }
    const wrongHost = misdirected(c, hosts());
    if (wrongHost) return wrongHost;
    return guarded ? limiter.admit(c, headers) : undefined;
  };
}
