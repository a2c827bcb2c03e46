import { createServiceClient, type ServiceClient } from '../api/service-client';
import { type ErrorValue, failWith, ok, type Reply } from '../domain/reply';
import { clearSession, readSession } from './session-store';
import { readSettings } from './settings';

export const NOT_SIGNED_IN: ErrorValue = {
  code: 'not_signed_in',
  message: 'Sign in to the Token Lens service: open Token Lens’s options page.',
};

/**
 * A client for the configured service with the current session, or why there is none. When the
 * service refuses the token, `onUnauthorized` hears it (the background signs out, saying why).
 */
export async function signedInClient(onUnauthorized?: () => void): Promise<Reply<ServiceClient>> {
  const [settings, session] = await Promise.all([readSettings(), readSession()]);
  if (!session) return failWith(NOT_SIGNED_IN.code, NOT_SIGNED_IN.message);
  if (session.serviceUrl !== settings.serviceUrl) {
    // A session belongs to the service that issued it; another service URL means signing in again.
    await clearSession();
    return failWith(NOT_SIGNED_IN.code, NOT_SIGNED_IN.message);
  }
  return ok(
    createServiceClient({
      baseUrl: settings.serviceUrl,
      token: session.token,
      ...(onUnauthorized ? { onUnauthorized } : {}),
    }),
  );
}
