import type { MiddlewareHandler } from 'hono';
import { isWellFormedToken } from '../../domain/token-format';
import type { AppEnv, Principal, ServiceDeps } from '../deps';
import { ServiceError } from '../problem';
import { type ApiMethod, ROLE_METHODS } from './api-methods';
import { hashToken } from './secret-tokens';

const unauthorized = (detail: string) =>
  new ServiceError(401, 'unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer' });

/** The caller's token: the Authorization header, or the `session` query parameter (seed 002 clients). */
export function presentedToken(
  authorization: string | undefined,
  sessionParam: string | undefined,
): string | undefined {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? sessionParam ?? undefined;
}

/** Resolves a presented token to its principal, or refuses with 401. */
export function authenticate(deps: ServiceDeps, token: string | undefined): Principal {
  if (!token)
    throw unauthorized('Sign in first: send a session or personal access token as "Authorization: Bearer <token>".');
  if (!isWellFormedToken('session', token)) {
    throw unauthorized(
      'That token is not a Token Lens session or personal access token (wrong prefix, length or checksum).',
    );
  }
  const tokenHash = hashToken(token);
  const session = deps.store.sessions.findByHash(tokenHash);
  if (!session || Date.parse(session.expiresAt) <= deps.now().getTime()) {
    throw unauthorized('This session has expired or was signed out. Sign in again.');
  }
  const user = deps.store.users.findById(session.userId);
  if (!user) throw unauthorized('The account behind this session no longer exists.');
  return { user, via: 'session', tokenHash, methods: ROLE_METHODS[user.role] };
}

/** Route middleware: the caller must be signed in and allowed `method` by role and token scopes. */
export function authorize(deps: ServiceDeps, method: ApiMethod | null): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = authenticate(deps, presentedToken(c.req.header('Authorization'), c.req.query('session')));
    if (method && !principal.methods.has(method)) {
      throw new ServiceError(
        403,
        'insufficient_scope',
        `This account (role ${principal.user.role}) may not use ${method}.`,
      );
    }
    c.set('principal', principal);
    await next();
  };
}
