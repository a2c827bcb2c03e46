import { createServiceClient } from '../api/service-client';
import { failWith, ok, type Reply } from '../domain/reply';
import { isWellFormedToken } from '../domain/token-format';
import type { SessionStatus } from '../messaging/protocol';
import {
  clearSession,
  clearSignOutNotice,
  readSession,
  readSignOutNotice,
  saveSession,
  saveSignOutNotice,
} from './session-store';
import { normalizeServiceUrl, readSettings, writeSettings } from './settings';

export async function sessionStatus(): Promise<SessionStatus> {
  const [settings, session, notice] = await Promise.all([readSettings(), readSession(), readSignOutNotice()]);
  const current = session && session.serviceUrl === settings.serviceUrl ? session : undefined;
  return {
    serviceUrl: settings.serviceUrl,
    signedIn: current !== undefined,
    via: current?.kind ?? null,
    email: current?.email ?? null,
    role: current?.role ?? null,
    expiresAt: current?.expiresAt ?? null,
    persistent: current?.persistent ?? false,
    notice: current ? null : notice,
  };
}

/**
 * Signs in with `token` (a session just issued, or a pasted personal access token) once the
 * service says whose it is; a token it cannot read is not kept. The service URL is the one
 * the person typed.
 */
async function keepToken(
  serviceUrl: string,
  token: string,
  kind: 'session' | 'personal-token',
  staySignedIn: boolean,
): Promise<Reply<SessionStatus>> {
  const signedIn = createServiceClient({ baseUrl: serviceUrl, token });
  const me = await signedIn.me();
  if (!me.ok) {
    // A session Token Lens cannot use is ended at the service too, not left valid for 12 hours.
    if (kind === 'session') await signedIn.signOut();
    return me;
  }
  await saveSession({
    token,
    kind,
    expiresAt: me.data.expiresAt,
    email: me.data.email,
    role: me.data.role,
    serviceUrl,
    persistent: staySignedIn,
  });
  await clearSignOutNotice();
  return ok(await sessionStatus());
}

/** The service the person typed becomes the configured one (a change signs the old session out). */
async function useServiceUrl(input: string | undefined): Promise<Reply<string>> {
  if (input === undefined) return ok((await readSettings()).serviceUrl);
  const set = await setServiceUrl(input);
  return set.ok ? ok(set.data.serviceUrl) : set;
}

/** Exchanges email and password for a session at the typed service; the password is not kept. */
export async function signIn(
  email: string,
  password: string,
  staySignedIn: boolean,
  serviceUrlInput?: string,
): Promise<Reply<SessionStatus>> {
  const serviceUrl = await useServiceUrl(serviceUrlInput);
  if (!serviceUrl.ok) return serviceUrl;
  const session = await createServiceClient({ baseUrl: serviceUrl.data }).signIn(email, password);
  if (!session.ok) return session;
  return keepToken(serviceUrl.data, session.data.token, 'session', staySignedIn);
}

/** Signs in with a personal access token pasted in: the extension then works as with a session. */
export async function signInWithToken(
  token: string,
  staySignedIn: boolean,
  serviceUrlInput?: string,
): Promise<Reply<SessionStatus>> {
  const value = token.trim();
  if (!isWellFormedToken('personal', value)) {
    return failWith(
      'invalid_personal_token',
      'That is not a personal access token: it starts with tlp_, and is 42 characters long. Copy it again.',
    );
  }
  const serviceUrl = await useServiceUrl(serviceUrlInput);
  if (!serviceUrl.ok) return serviceUrl;
  return keepToken(serviceUrl.data, value, 'personal-token', staySignedIn);
}

/** Ends the session at the service (best effort) and forgets it here in any case. */
export async function signOut(): Promise<SessionStatus> {
  const session = await readSession();
  // A personal access token is the person's to keep: signing out only forgets it here.
  if (session?.kind === 'session') {
    await createServiceClient({ baseUrl: session.serviceUrl, token: session.token }).signOut();
  }
  await clearSession();
  await clearSignOutNotice();
  return sessionStatus();
}

/** The service refused the token: forget it, and say why the next time the person looks. */
export async function sessionEnded(): Promise<void> {
  const session = await readSession();
  if (!session) return;
  await clearSession();
  await saveSignOutNotice(
    session.kind === 'personal-token'
      ? 'Signed out: the service no longer accepts the personal access token Token Lens used (it expired, or was regenerated or removed). Sign in again.'
      : 'Signed out: your session with the Token Lens service ended. Sign in again.',
  );
}

export async function setServiceUrl(input: string): Promise<Reply<SessionStatus>> {
  const url = normalizeServiceUrl(input);
  if (!url.ok) return failWith(url.error.code, url.error.message);
  const settings = await readSettings();
  if (settings.serviceUrl !== url.data) {
    await writeSettings({ ...settings, serviceUrl: url.data });
    await clearSession();
  }
  return ok(await sessionStatus());
}

export async function testConnection(input: string): Promise<Reply<{ ok: true; version: string }>> {
  const url = normalizeServiceUrl(input);
  if (!url.ok) return url;
  const health = await createServiceClient({ baseUrl: url.data }).health();
  return health.ok ? ok({ ok: true as const, version: 'v1' }) : health;
}
