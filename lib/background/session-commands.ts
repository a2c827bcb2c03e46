import { createServiceClient } from '../api/service-client';
import { failWith, ok, type Reply } from '../domain/reply';
import type { SessionStatus } from '../messaging/protocol';
import { clearSession, readSession, saveSession } from './session-store';
import { normalizeServiceUrl, readSettings, writeSettings } from './settings';

export async function sessionStatus(): Promise<SessionStatus> {
  const [settings, session] = await Promise.all([readSettings(), readSession()]);
  const current = session && session.serviceUrl === settings.serviceUrl ? session : undefined;
  return {
    serviceUrl: settings.serviceUrl,
    signedIn: current !== undefined,
    email: current?.email ?? null,
    role: current?.role ?? null,
    expiresAt: current?.expiresAt ?? null,
    persistent: current?.persistent ?? false,
  };
}

/** Exchanges email and password for a session at the configured service; the password is not kept. */
export async function signIn(email: string, password: string, staySignedIn: boolean): Promise<Reply<SessionStatus>> {
  const { serviceUrl } = await readSettings();
  const anonymous = createServiceClient({ baseUrl: serviceUrl });
  const session = await anonymous.signIn(email, password);
  if (!session.ok) return session;
  const signedIn = createServiceClient({ baseUrl: serviceUrl, token: session.data.token });
  const me = await signedIn.me();
  if (!me.ok) {
    // A session Token Lens cannot use is ended at the service too, not left valid for 12 hours.
    await signedIn.signOut();
    return me;
  }
  await saveSession({
    token: session.data.token,
    expiresAt: session.data.expiresAt,
    email: me.data.email,
    role: me.data.role,
    serviceUrl,
    persistent: staySignedIn,
  });
  return ok(await sessionStatus());
}

/** Ends the session at the service (best effort) and forgets it here in any case. */
export async function signOut(): Promise<SessionStatus> {
  const session = await readSession();
  if (session) await createServiceClient({ baseUrl: session.serviceUrl, token: session.token }).signOut();
  await clearSession();
  return sessionStatus();
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
