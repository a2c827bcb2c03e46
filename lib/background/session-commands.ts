import { createServiceClient, type Result, ServiceClientError } from '../api/service-client';
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
export async function signIn(email: string, password: string, staySignedIn: boolean): Promise<Result<SessionStatus>> {
  const { serviceUrl } = await readSettings();
  const anonymous = createServiceClient({ baseUrl: serviceUrl });
  const session = await anonymous.signIn(email, password);
  if (!session.ok) return session;
  const me = await createServiceClient({ baseUrl: serviceUrl, token: session.value.token }).me();
  if (!me.ok) return me;
  await saveSession({
    token: session.value.token,
    expiresAt: session.value.expiresAt,
    email: me.value.email,
    role: me.value.role,
    serviceUrl,
    persistent: staySignedIn,
  });
  return { ok: true, value: await sessionStatus() };
}

/** Ends the session at the service (best effort) and forgets it here in any case. */
export async function signOut(): Promise<SessionStatus> {
  const session = await readSession();
  if (session) await createServiceClient({ baseUrl: session.serviceUrl, token: session.token }).signOut();
  await clearSession();
  return sessionStatus();
}

export async function setServiceUrl(input: string): Promise<Result<SessionStatus>> {
  const url = normalizeServiceUrl(input);
  if (!url.ok) return { ok: false, error: new ServiceClientError('invalid_service_url', url.message) };
  const settings = await readSettings();
  if (settings.serviceUrl !== url.url) {
    await writeSettings({ ...settings, serviceUrl: url.url });
    await clearSession();
  }
  return { ok: true, value: await sessionStatus() };
}

export async function testConnection(input: string): Promise<Result<{ ok: true; version: string }>> {
  const url = normalizeServiceUrl(input);
  if (!url.ok) return { ok: false, error: new ServiceClientError('invalid_service_url', url.message) };
  const health = await createServiceClient({ baseUrl: url.url }).health();
  return health.ok ? { ok: true, value: { ok: true, version: 'v1' } } : health;
}
