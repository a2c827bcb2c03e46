import type { Result } from '../api/service-client';
import type { ErrorValue } from '../domain/site-view';
import type { Handlers } from './dispatcher';
import { sessionStatus, setServiceUrl, signIn, signOut, testConnection } from './session-commands';
import type { SiteSync } from './site-sync';

const reply = <T>(result: Result<T>): { ok: true; data: T } | { ok: false; error: ErrorValue } =>
  result.ok
    ? { ok: true, data: result.value }
    : { ok: false, error: { code: result.error.code, message: result.error.message } };

export function createHandlers(deps: { sync: SiteSync; onSessionChanged: () => Promise<void> }): Handlers {
  return {
    'site.view': async ({ host }) => ({ ok: true, data: await deps.sync.view(host) }),
    'site.revalidate': async ({ host }) => ({ ok: true, data: await deps.sync.revalidate(host) }),
    'session.status': async () => ({ ok: true, data: await sessionStatus() }),
    'session.signIn': async ({ email, password, staySignedIn }) => {
      const result = await signIn(email, password, staySignedIn);
      if (result.ok) await deps.onSessionChanged();
      return reply(result);
    },
    'session.signOut': async () => {
      const status = await signOut();
      await deps.onSessionChanged();
      return { ok: true, data: status };
    },
    'settings.setServiceUrl': async ({ serviceUrl }) => {
      const result = await setServiceUrl(serviceUrl);
      if (result.ok) await deps.onSessionChanged();
      return reply(result);
    },
    'settings.testConnection': async ({ serviceUrl }) => reply(await testConnection(serviceUrl)),
  };
}
