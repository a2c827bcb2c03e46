import type { Result, ServiceClient } from '../api/service-client';
import { ServiceClientError } from '../api/service-client';
import type { AppTokenCache } from '../cache/app-token-cache';
import type { InstalledApp } from '../domain/installed-app';
import type { LicenseState } from '../domain/license-state';
import type { ErrorValue, SiteView } from '../domain/site-view';
import type { SiteAppTokens } from '../messaging/protocol';
import { forSite, installUrlOf, loadAppTokens, placementOf } from './app-tokens';
import { type SiteDriver, serviceSiteDriver } from './site-driver';
import type { SiteSync } from './site-sync';

type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorValue };

export interface SiteCommandDeps {
  sync: SiteSync;
  tokens: AppTokenCache;
  client: () => Promise<Result<ServiceClient>>;
  /** The site driver over a signed-in client (the service's site API unless a test gives its own). */
  siteDriver?: (client: ServiceClient) => SiteDriver;
  now: () => Date;
}

const fail = (error: ErrorValue): { ok: false; error: ErrorValue } => ({
  ok: false,
  error: { code: error.code, message: error.message },
});

const PRIVATE_LISTINGS_OFF = new ServiceClientError(
  'private_listings_disabled',
  'Private listings are not enabled on this site. Enable them first.',
);

const NOT_FOR_THIS_SITE = new ServiceClientError(
  'token_not_for_this_site',
  'That token cannot go on this site: it is bound to another site or was removed.',
);

/**
 * Commands on one site's apps. Each goes to the service first; the cache and the views change
 * only from the service's answer.
 */
export function createSiteCommands(deps: SiteCommandDeps) {
  async function withClient<T>(work: (client: ServiceClient) => Promise<Result<T>>): Promise<Result<T>> {
    const client = await deps.client();
    return client.ok ? work(client.value) : client;
  }

  /** Site operations go through the site driver; tokens and settings are the service's own. */
  const withSite = <T>(work: (site: SiteDriver, client: ServiceClient) => Promise<Result<T>>) =>
    withClient((client) => work((deps.siteDriver ?? serviceSiteDriver)(client), client));

  /** The service's answer to a command becomes the site's new snapshot. */
  async function accepted(host: string, result: Result<InstalledApp>): Promise<Reply<SiteView>> {
    if (!result.ok) return fail(result.error);
    return { ok: true, data: await deps.sync.accept(host, result.value) };
  }

  /** A token's full value, fetched at the moment it is used and never stored; only if it can go on `host`. */
  async function usableToken(client: ServiceClient, host: string, appKey: string, tokenId: string) {
    const token = await client.getToken(appKey, tokenId);
    if (!token.ok) return token;
    const placement = placementOf(token.value, host);
    return placement === 'unbound' || placement === 'here' ? token : { ok: false as const, error: NOT_FOR_THIS_SITE };
  }

  return {
    setLicense: async (host: string, appKey: string, state: LicenseState) =>
      accepted(host, await withSite((site) => site.setLicense(host, appKey, state))),

    clearToken: async (host: string, appKey: string) =>
      accepted(host, await withSite((site) => site.clearToken(host, appKey))),

    applyToken: async (host: string, appKey: string, tokenId: string) =>
      accepted(
        host,
        await withSite(async (site, client) => {
          const token = await usableToken(client, host, appKey, tokenId);
          return token.ok ? site.applyToken(host, appKey, token.value.value) : token;
        }),
      ),

    /** *Create and apply*: one new token, applied at once (its binding happens on applying). */
    createAndApplyToken: async (host: string, appKey: string) =>
      accepted(
        host,
        await withSite(async (site, client) => {
          // A token that cannot be applied would only use up one of the app's 50: look first.
          const settings = await client.site(host);
          if (!settings.ok) return settings;
          if (!settings.value.privateListingsEnabled) return { ok: false, error: PRIVATE_LISTINGS_OFF };
          const token = await client.createToken(appKey, 'Created and applied by Token Lens');
          if (!token.ok) return token;
          const applied = await site.applyToken(host, appKey, token.value.value);
          // Applying failed after all: remove the new token again (removed tokens do not count).
          if (!applied.ok) await client.removeToken(appKey, token.value.id);
          return applied;
        }),
      ),

    installFromUrl: async (host: string, installUrl: string) =>
      accepted(host, await withSite((site) => site.installFromUrl(host, installUrl))),

    /** Install and license in one step from a picked token (its private URL, else its public one). */
    installWithToken: async (host: string, appKey: string, tokenId: string) =>
      accepted(
        host,
        await withSite(async (site, client) => {
          const token = await usableToken(client, host, appKey, tokenId);
          if (!token.ok) return token;
          const url = installUrlOf(token.value);
          return url.ok ? site.installFromUrl(host, url.value.url) : url;
        }),
      ),

    async tokenUrl(host: string, appKey: string, tokenId: string): Promise<Reply<{ url: string }>> {
      const result = await withClient(async (client) => {
        const token = await usableToken(client, host, appKey, tokenId);
        if (!token.ok) return token;
        return installUrlOf(token.value);
      });
      return result.ok ? { ok: true, data: result.value } : fail(result.error);
    },

    async siteAppTokens(host: string, appKey: string): Promise<Reply<SiteAppTokens>> {
      const list = await loadAppTokens(deps, appKey);
      return 'error' in list ? fail(list.error) : { ok: true, data: forSite(list, host) };
    },

    /** Apps of the vendor that could be installed here from a token: a private listing, not installed yet. */
    async installable(host: string): Promise<Reply<{ apps: { appKey: string; name: string }[] }>> {
      const [apps, view] = await Promise.all([withClient((client) => client.listApps()), deps.sync.view(host)]);
      if (!apps.ok) return fail(apps.error);
      const installed = new Set(view.apps.map((app) => app.appKey));
      const candidates = apps.value.items.filter(
        (app) =>
          !installed.has(app.key) &&
          (app.visibility === 'private' || app.versions.some((version) => version.visibility === 'private')),
      );
      return { ok: true, data: { apps: candidates.map((app) => ({ appKey: app.key, name: app.name })) } };
    },

    async settings(host: string): Promise<Reply<{ host: string; privateListingsEnabled: boolean }>> {
      const site = await withClient((client) => client.site(host));
      return site.ok
        ? { ok: true, data: { host, privateListingsEnabled: site.value.privateListingsEnabled } }
        : fail(site.error);
    },

    async enablePrivateListings(host: string): Promise<Reply<{ host: string; privateListingsEnabled: boolean }>> {
      const site = await withClient((client) => client.enablePrivateListings(host));
      return site.ok
        ? { ok: true, data: { host, privateListingsEnabled: site.value.privateListingsEnabled } }
        : fail(site.error);
    },
  };
}
export type SiteCommands = ReturnType<typeof createSiteCommands>;
