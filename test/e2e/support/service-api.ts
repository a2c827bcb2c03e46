import type { InstalledApp } from '../../../lib/domain/installed-app';
import { SiteAppsSchema } from '../../../lib/domain/installed-app';
import type { Credentials } from './people';

/** Talks to the service's HTTP API the way a script would: sign in, then bearer requests. */
export async function apiSession(serviceUrl: string, who: Credentials) {
  const response = await fetch(`${serviceUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (response.status !== 201) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${serviceUrl}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    token,
    call,
    async siteApps(host: string): Promise<InstalledApp[]> {
      const answer = await call('GET', `/sites/${host}/apps`);
      return SiteAppsSchema.parse(await answer.json()).items;
    },
  };
}
