import { createServiceClient, type Result, type ServiceClient, ServiceClientError } from '../api/service-client';
import { clearSession, readSession } from './session-store';
import { readSettings } from './settings';

export const NOT_SIGNED_IN = new ServiceClientError(
  'not_signed_in',
  'Sign in to the Token Lens service: open Token Lens’s options page.',
);

/** A client for the configured service with the current session, or why there is none. */
export async function signedInClient(): Promise<Result<ServiceClient>> {
  const [settings, session] = await Promise.all([readSettings(), readSession()]);
  if (!session) return { ok: false, error: NOT_SIGNED_IN };
  if (session.serviceUrl !== settings.serviceUrl) {
    // A session belongs to the service that issued it; another service URL means signing in again.
    await clearSession();
    return { ok: false, error: NOT_SIGNED_IN };
  }
  return { ok: true, value: createServiceClient({ baseUrl: settings.serviceUrl, token: session.token }) };
}
