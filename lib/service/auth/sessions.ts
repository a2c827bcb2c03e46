import { randomUUID } from 'node:crypto';
import type { Role } from '../../domain/role';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../problem';
import type { UserRecord } from '../store/users-repository';
import { generateToken, hashToken } from './secret-tokens';

export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface IssuedSession {
  token: string;
  expiresAt: string;
}

/**
 * Whether `password` is the password of the account `email` names: throttled per email and per
 * client, the same refusal at the same cost for an unknown email, every failure in the audit log.
 */
export async function checkPassword(
  deps: ServiceDeps,
  email: string,
  password: string,
  client: string,
): Promise<{ user: UserRecord; needsRehash: boolean } | undefined> {
  deps.signInThrottle.assertAllowed(email, client);
  const user = deps.store.users.findByEmail(email);
  const check = await deps.passwords.verify(password, user?.passwordHash ?? (await deps.passwords.decoyHash()));
  if (user && check.matches) {
    deps.signInThrottle.recordSuccess(email);
    return { user, needsRehash: check.needsRehash };
  }
  deps.signInThrottle.recordFailure(email, client);
  auditFailedSignIn(deps, email, client, 'password');
  return undefined;
}

/** A failed sign-in, by password or by HTTP Basic, in the audit log: who tried, from where. */
export function auditFailedSignIn(deps: ServiceDeps, email: string, client: string, by: 'password' | 'basic'): void {
  try {
    deps.store.write(() =>
      deps.store.audit.record({
        at: deps.now().toISOString(),
        actor: email.trim().toLowerCase().slice(0, 320),
        action: 'session.signInFailed',
        site: null,
        app: null,
        detail: { client, by },
      }),
    );
  } catch (error) {
    // The refusal stands even when it cannot be written down.
    deps.logger.error('could not record a failed sign-in', error);
  }
}

/** Exchanges email and password for a `tls_` session; the same refusal, at the same cost, for any mismatch. */
export async function signIn(
  deps: ServiceDeps,
  email: string,
  password: string,
  client: string,
): Promise<IssuedSession> {
  const checked = await checkPassword(deps, email, password, client);
  if (!checked) throw new ServiceError(401, 'invalid_credentials', 'The email or password is not right.');
  const { user } = checked;
  if (checked.needsRehash) await upgradeHash(deps, user.id, password);
  const now = deps.now();
  const token = generateToken('session');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  deps.store.write(() => {
    deps.store.sessions.removeExpired(now.toISOString());
    deps.store.sessions.insert({
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt,
    });
  });
  return { token, expiresAt };
}

/** A hash made with an older, weaker cost is replaced while the password is at hand; it may wait for the next sign-in. */
async function upgradeHash(deps: ServiceDeps, userId: string, password: string): Promise<void> {
  try {
    const passwordHash = await deps.passwords.hash(password);
    deps.store.write(() => deps.store.users.updatePasswordHash(userId, passwordHash));
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    deps.logger.info(`password hash of user ${userId} not upgraded this time: ${error.code}`);
  }
}

export function signOut(deps: ServiceDeps, tokenHash: string): void {
  deps.store.write(() => deps.store.sessions.remove(tokenHash));
}

export async function createUser(
  deps: ServiceDeps,
  input: { email: string; password: string; role: Role },
): Promise<UserRecord> {
  const user: UserRecord = {
    id: randomUUID(),
    email: input.email,
    passwordHash: await deps.passwords.hash(input.password),
    role: input.role,
    createdAt: deps.now().toISOString(),
  };
  deps.store.write(() => {
    if (deps.store.users.findByEmail(input.email)) {
      throw new ServiceError(409, 'email_taken', `A user with the email ${input.email} already exists.`);
    }
    deps.store.users.insert(user);
  });
  return user;
}

/** The bootstrap owner from the environment: created when missing, an existing account left as it is. */
export async function ensureOwner(deps: ServiceDeps, email: string, password: string): Promise<boolean> {
  if (deps.store.users.findByEmail(email)) return false;
  try {
    await createUser(deps, { email, password, role: 'owner' });
    return true;
  } catch (error) {
    // Another process starting on the same file created it first: it exists, as asked.
    if (error instanceof ServiceError && error.code === 'email_taken') return false;
    throw error;
  }
}
