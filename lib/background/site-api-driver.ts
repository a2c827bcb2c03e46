import { z } from 'zod';
import { SENTENCES } from '../domain/error-sentences';
import type { InstalledApp } from '../domain/installed-app';
import { LICENSE_STATE_WIRE_VALUES, type LicenseState } from '../domain/license-state';
import { failWith, ok, type Reply } from '../domain/reply';
import type { SiteApiAnswer } from '../messaging/site-api-protocol';
import type { SiteApiCaller } from './site-api';
import type { SiteDriver } from './site-driver';

/** UPM's access-token resource (`license-tokens`): the full value, as the product shows it. */
const LicenseTokenSchema = z.object({
  pluginKey: z.string(),
  token: z.string(),
  state: z.string(),
  valid: z.boolean(),
});
/** How the product's REST API refuses: `{subCode, message}`. */
const RefusalSchema = z.object({ subCode: z.string(), message: z.string() });

const tokenPath = (appKey: string) => `rest/plugins/1.0/license-tokens/${encodeURIComponent(appKey)}-key`;
const JSON_TYPE = 'application/vnd.atl.plugins+json' as const;

function parsed<T>(schema: z.ZodType<T>, body: string): T | undefined {
  try {
    const value = schema.safeParse(JSON.parse(body));
    return value.success ? value.data : undefined;
  } catch {
    return undefined;
  }
}

/** A refusal in the site's words, by its code; a session the site no longer has says so. */
function refused(answer: SiteApiAnswer): Reply<never> {
  const refusal = parsed(RefusalSchema, answer.body);
  if (refusal) return failWith(refusal.subCode, refusal.message);
  if (answer.status === 401)
    return failWith('site_signed_out', 'You are signed out of this site: sign in on the page, then try again.');
  return failWith('site_refused', `The site answered ${answer.status || 'nothing'} to Token Lens’s request.`);
}

/**
 * The site's own REST API (UPM's `license-tokens`) as the site driver for what a page's
 * controls change: the license state, applying and clearing a token — with the person's session
 * on that site, through the page's content script. What the site then holds is read back through
 * `readBack` (the token service's site API, for now: it knows the Marketplace side too).
 * Full token values pass through here on their way to the site, and are never stored.
 */
export function siteApiDriver(call: SiteApiCaller, readBack: SiteDriver): SiteDriver {
  async function after(
    host: string,
    appKey: string,
    change: Promise<Reply<SiteApiAnswer>>,
  ): Promise<Reply<InstalledApp>> {
    const answer = await change;
    if (!answer.ok) return answer;
    if (answer.data.status < 200 || answer.data.status >= 300) return refused(answer.data);
    const apps = await readBack.siteApps(host);
    if (!apps.ok) return apps;
    const app = apps.data.modified ? apps.data.apps.items.find((item) => item.appKey === appKey) : undefined;
    return app ? ok(app) : failWith('app_not_installed', 'The app is no longer installed on this site.');
  }

  const post = (appKey: string, token: string, state: LicenseState) =>
    call({
      method: 'POST',
      path: 'rest/plugins/1.0/license-tokens',
      contentType: JSON_TYPE,
      body: JSON.stringify({ pluginKey: appKey, token, state: LICENSE_STATE_WIRE_VALUES[state] }),
    });

  return {
    siteApps: (host, etag) => readBack.siteApps(host, etag),
    installFromUrl: (host, installUrl) => readBack.installFromUrl(host, installUrl),

    async setLicense(host, appKey, state) {
      const current = await call({ method: 'GET', path: tokenPath(appKey) });
      if (!current.ok) return current;
      if (current.data.status === 404) return failWith('license_requires_token', SENTENCES.license_requires_token);
      const token = current.data.status === 200 ? parsed(LicenseTokenSchema, current.data.body) : undefined;
      if (!token) return refused(current.data);
      return after(host, appKey, post(appKey, token.token, state));
    },

    async applyToken(host, appKey, token, licenseState) {
      // The site's API always names a state: a paid app starts as the service's rule 9 says, a free one has none.
      const apps = licenseState ? null : await readBack.siteApps(host);
      const app =
        apps?.ok && apps.data.modified ? apps.data.apps.items.find((item) => item.appKey === appKey) : undefined;
      const state = licenseState ?? (app?.paymentModel === 'free' ? 'unlicensed' : 'active-subscription');
      return after(host, appKey, post(appKey, token, state));
    },

    clearToken: (host, appKey) => after(host, appKey, call({ method: 'DELETE', path: tokenPath(appKey) })),
  };
}
