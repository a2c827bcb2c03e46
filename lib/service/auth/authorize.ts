import type { Context, MiddlewareHandler } from 'hono';
import { isWellFormedToken } from '../../domain/token-format';
import type { AppEnv, Principal, ServiceDeps } from '../deps';
import { ServiceError } from '../problem';
import { type ApiMethod, ROLE_METHODS } from './api-methods';
import { clientAddress } from './client-address';
import { type Credential, presentedCredential } from './credentials';
import { personalTokenEnd } from './personal-token-expiry';
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

/**
 * What a token hash resolved to, less what the clock decides: expiry is checked on every
 * request, against `endsAt`, so a cached principal never outlives its token.
 */
interface KnownToken {
  principal: Principal;
  /** When the token stops working, ms since the epoch. */
  endsAt: number;
  expired: () => ServiceError;
}

/** Beyond this many tokens resolved since the last write, the cache starts again. */
const MAX_KNOWN_TOKENS = 10_000;

/**
 * Per service (per deps), the tokens resolved since the data version last moved, by hash. Any
 * write, in any process on the same file (sign-out, a removed, regenerated or changed personal
 * token, a new user), raises the version and so empties the cache: a revoked token is refused by
 * the very next request, as without it — the same rule as the site-apps answers.
 */
const knownTokensOf = new WeakMap<ServiceDeps, { version: number; byHash: Map<string, KnownToken> }>();

function knownTokens(deps: ServiceDeps, version: number): Map<string, KnownToken> {
  const known = knownTokensOf.get(deps);
  if (known && known.version === version && known.byHash.size < MAX_KNOWN_TOKENS) return known.byHash;
  const fresh = { version, byHash: new Map<string, KnownToken>() };
  knownTokensOf.set(deps, fresh);
  return fresh.byHash;
}

function resolveSession(deps: ServiceDeps, tokenHash: string): KnownToken {
  const session = deps.store.sessions.findByHash(tokenHash);
  if (!session) throw unauthorized('This session has expired or was signed out. Sign in again.');
  const user = deps.store.users.findById(session.userId);
  if (!user) throw unauthorized('The account behind this session no longer exists.');
  return {
    principal: { user, via: 'session', tokenHash, methods: ROLE_METHODS[user.role], expiresAt: session.expiresAt },
    endsAt: Date.parse(session.expiresAt),
    expired: () => unauthorized('This session has expired or was signed out. Sign in again.'),
  };
}

function resolvePersonalToken(deps: ServiceDeps, tokenHash: string): KnownToken {
  const token = deps.store.personalTokens.findByHash(tokenHash);
  if (!token) throw unauthorized('This personal access token is unknown or was removed or regenerated.');
  const user = deps.store.users.findById(token.userId);
  if (!user) throw unauthorized('The account behind this token no longer exists.');
  // A token never does more than its owner's role allows: its scopes only narrow the role.
  const role = ROLE_METHODS[user.role];
  const methods = new Set(token.scopes.filter((method) => role.has(method)));
  const end = personalTokenEnd(token.expiresAt);
  return {
    principal: {
      user,
      via: 'personal-token',
      tokenHash,
      personalTokenId: token.id,
      methods,
      expiresAt: end.toISOString(),
    },
    endsAt: end.getTime(),
    expired: () => unauthorized(`This personal access token expired at the end of ${token.expiresAt}.`),
  };
}

/**
 * Resolves a presented token to its principal, or refuses with 401. Sessions and personal tokens
 * alike. `version` is the data version read before (by default, now): read before the records, so
 * that a record newer than its version is read again next time, never kept stale.
 */
export function authenticate(
  deps: ServiceDeps,
  token: string | undefined,
  version: number = deps.store.dataVersion(),
): Principal {
  if (!token)
    throw unauthorized('Sign in first: send a session or personal access token as "Authorization: Bearer <token>".');
  const resolve = isWellFormedToken('session', token)
    ? resolveSession
    : isWellFormedToken('personal', token)
      ? resolvePersonalToken
      : undefined;
  if (!resolve) {
    throw unauthorized('That is not a Token Lens session or personal access token (wrong prefix, length or checksum).');
  }
  const tokenHash = hashToken(token);
  const known = knownTokens(deps, version);
  let found = known.get(tokenHash);
  if (!found) {
    found = resolve(deps, tokenHash);
    known.set(tokenHash, found);
  }
  if (deps.now().getTime() >= found.endsAt) throw found.expired();
  const { principal } = found;
  if (principal.personalTokenId) noteUse(deps, principal.personalTokenId);
  return principal;
}

/**
 * HTTP Basic: the email and a token in the password's place (seed 004). A password itself is
 * refused here, and every failure counts against the email's and the client's sign-in budget.
 */
function authenticateBasic(
  deps: ServiceDeps,
  credential: Credential & { basicEmail: string },
  client: string,
  version: number,
) {
  deps.signInThrottle.assertAllowed(credential.basicEmail, client);
  try {
    if (!isWellFormedToken('personal', credential.token) && !isWellFormedToken('session', credential.token)) {
      throw unauthorized(
        'HTTP Basic takes your email and a personal access token as the password, never the account password.',
      );
    }
    const principal = authenticate(deps, credential.token, version);
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
export function principalOf(c: Context, deps: ServiceDeps, version: number = deps.store.dataVersion()): Principal {
  const credential = presentedCredential(c);
  if (credential?.basicEmail !== undefined) {
    return authenticateBasic(deps, { ...credential, basicEmail: credential.basicEmail }, clientAddress(c), version);
  }
  return authenticate(deps, credential?.token, version);
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

/**
 * The caller of `c` must be signed in and allowed `method` by role and token scopes (else it
 * throws the 401 or 403); who it is, and the data version it was checked at, go on `c`.
 */
export function authorizeRequest(c: Context<AppEnv>, deps: ServiceDeps, method: ApiMethod | null): void {
  const version = deps.store.dataVersion();
  const principal = principalOf(c, deps, version);
  if (method) assertAllowed(principal, method);
  c.set('principal', principal);
  c.set('dataVersion', version);
}

/** Route middleware: authorizeRequest, then the route. */
export function authorize(deps: ServiceDeps, method: ApiMethod | null): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    authorizeRequest(c, deps, method);
    return next();
  };
}
