import type { Context, MiddlewareHandler } from 'hono';
import { isWellFormedToken } from '../../domain/token-format';
import type { AppEnv, Principal, ServiceDeps } from '../deps';
import { ServiceError } from '../problem';
import { type ApiMethod, ROLE_METHODS } from './api-methods';
import { clientAddress } from './client-address';
import { type Credential, presentedCredential } from './credentials';
import { personalTokenEnd, personalTokenExpired } from './personal-token-expiry';
import { hashToken } from './secret-tokens';
import { auditFailedSignIn } from './sessions';

const unauthorized = (detail: string) =>
  new ServiceError(401, 'unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer' });

/** A personal token's "last used" is written at most this often: not a write per request. */
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWrites = new WeakMap<ServiceDeps, Map<string, number>>();

function noteUse(deps: ServiceDeps, tokenId: string): void {
  const at = deps.now();
  const written = lastUsedWrites.get(deps) ?? new Map<string, number>();
  lastUsedWrites.set(deps, written);
  if (at.getTime() - (written.get(tokenId) ?? 0) < LAST_USED_EVERY_MS) return;
  written.set(tokenId, at.getTime());
  try {
    deps.store.write(() => deps.store.personalTokens.markUsed(tokenId, at.toISOString()));
  } catch (error) {
    // Best effort: a read must not fail because "last used" could not be saved.
    deps.logger.error(`could not note the use of personal token ${tokenId}`, error);
  }
}

function sessionPrincipal(deps: ServiceDeps, tokenHash: string): Principal {
  const session = deps.store.sessions.findByHash(tokenHash);
  if (!session || Date.parse(session.expiresAt) <= deps.now().getTime()) {
    throw unauthorized('This session has expired or was signed out. Sign in again.');
  }
  const user = deps.store.users.findById(session.userId);
  if (!user) throw unauthorized('The account behind this session no longer exists.');
  return { user, via: 'session', tokenHash, methods: ROLE_METHODS[user.role], expiresAt: session.expiresAt };
}

function personalTokenPrincipal(deps: ServiceDeps, tokenHash: string): Principal {
  const token = deps.store.personalTokens.findByHash(tokenHash);
  if (!token) throw unauthorized('This personal access token is unknown or was removed or regenerated.');
  if (personalTokenExpired(token.expiresAt, deps.now())) {
    throw unauthorized(`This personal access token expired at the end of ${token.expiresAt}.`);
  }
  const user = deps.store.users.findById(token.userId);
  if (!user) throw unauthorized('The account behind this token no longer exists.');
  // A token never does more than its owner's role allows: its scopes only narrow the role.
  const role = ROLE_METHODS[user.role];
  const methods = new Set(token.scopes.filter((method) => role.has(method)));
  noteUse(deps, token.id);
  const expiresAt = personalTokenEnd(token.expiresAt).toISOString();
  return { user, via: 'personal-token', tokenHash, personalTokenId: token.id, methods, expiresAt };
}

/** Resolves a presented token to its principal, or refuses with 401. Sessions and personal tokens alike. */
export function authenticate(deps: ServiceDeps, token: string | undefined): Principal {
  if (!token)
    throw unauthorized('Sign in first: send a session or personal access token as "Authorization: Bearer <token>".');
  if (isWellFormedToken('session', token)) return sessionPrincipal(deps, hashToken(token));
  if (isWellFormedToken('personal', token)) return personalTokenPrincipal(deps, hashToken(token));
  throw unauthorized('That is not a Token Lens session or personal access token (wrong prefix, length or checksum).');
}

/**
 * HTTP Basic: the email and a token in the password's place (seed 004). A password itself is
 * refused here, and every failure counts against the email's and the client's sign-in budget.
 */
function authenticateBasic(deps: ServiceDeps, credential: Credential & { basicEmail: string }, client: string) {
  deps.signInThrottle.assertAllowed(credential.basicEmail, client);
  try {
    if (!isWellFormedToken('personal', credential.token) && !isWellFormedToken('session', credential.token)) {
      throw unauthorized(
        'HTTP Basic takes your email and a personal access token as the password, never the account password.',
      );
    }
    const principal = authenticate(deps, credential.token);
    if (principal.user.email.toLowerCase() !== credential.basicEmail.trim().toLowerCase()) {
      throw unauthorized('That token does not belong to that email.');
    }
    return principal;
  } catch (error) {
    if (error instanceof ServiceError) {
      deps.signInThrottle.recordFailure(credential.basicEmail, client);
      auditFailedSignIn(deps, credential.basicEmail, client, 'basic');
    }
    throw error;
  }
}

/** The caller of `c`, or a 401 refusal. */
export function principalOf(c: Context, deps: ServiceDeps): Principal {
  const credential = presentedCredential(c);
  if (credential?.basicEmail !== undefined) {
    return authenticateBasic(deps, { ...credential, basicEmail: credential.basicEmail }, clientAddress(c));
  }
  return authenticate(deps, credential?.token);
}

/** 403 `insufficient_scope` unless the caller's role and token scopes allow every one of `methods`. */
export function assertAllowed(principal: Principal, ...methods: ApiMethod[]): void {
  for (const method of methods) {
    if (principal.methods.has(method)) continue;
    throw new ServiceError(
      403,
      'insufficient_scope',
      principal.via === 'session'
        ? `This account (role ${principal.user.role}) may not use ${method}.`
        : `This token may not use ${method}: its scopes, or its owner's role (${principal.user.role}), do not include it.`,
    );
  }
}

/** Route middleware: the caller must be signed in and allowed `method` by role and token scopes. */
export function authorize(deps: ServiceDeps, method: ApiMethod | null): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = principalOf(c, deps);
    if (method) assertAllowed(principal, method);
    c.set('principal', principal);
    await next();
  };
}
