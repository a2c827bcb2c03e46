import type { ServiceClient } from '../api/service-client';
import type { AppTokenCache } from '../cache/app-token-cache';
import { describesApp, hasPrivateListing, tokenlessReason } from '../domain/app';
import { SENTENCES } from '../domain/error-sentences';
import type { AppKey, SiteHost } from '../domain/identifiers';
import type { LicenseState } from '../domain/license-state';
import { fail, failWith, ok, type Reply } from '../domain/reply';
import type { SiteApp, SiteView } from '../domain/site-view';
import { canGoOnSite, placementOf } from '../domain/token-placement';
import { parseTokenUrl, pastedAccessToken } from '../domain/token-url';
import type { ResponseData } from '../messaging/protocol';
import { forSite, installUrlOf, loadAppTokens } from './app-tokens';
import type { SiteApiCaller } from './site-api';
import { siteApiDriver } from './site-api-driver';
import { type SiteDriver, serviceSiteDriver } from './site-driver';
import type { SiteSync } from './site-sync';

export interface SiteCommandDeps {
  sync: SiteSync;
  tokens: AppTokenCache;
  client: () => Promise<Reply<ServiceClient>>;
  /** The site driver over a signed-in client (the service's site API unless a test gives its own). */
  siteDriver?: (client: ServiceClient) => SiteDriver;
  /** The site's own REST API through one of its open Manage apps pages, or null when none is open. */
  siteApi?: (host: SiteHost) => Promise<SiteApiCaller | null>;
  now: () => Date;
}

const PRIVATE_LISTINGS_OFF = failWith('private_listings_disabled', SENTENCES.private_listings_disabled);
const NOT_FOR_THIS_SITE = failWith('token_not_for_this_site', SENTENCES.token_not_for_this_site);
const NOT_A_TOKEN = failWith(
  'not_a_token',
  'This is not an access token: paste the token’s value (mat_…), or its whole token URL.',
);
const NOT_A_TOKEN_URL = failWith(
  'not_a_token_url',
  'This is not a token URL: it is the app’s descriptor URL with ?access-token=mat_… added.',
);

/**
 * Commands on one site's apps. Each goes to the service first; the cache and the views change
 * only from the service's answer.
 */
export function createSiteCommands(deps: SiteCommandDeps) {
  async function withClient<T>(work: (client: ServiceClient) => Promise<Reply<T>>): Promise<Reply<T>> {
    const client = await deps.client();
    return client.ok ? work(client.data) : client;
  }

  /**
   * Site operations go through the site driver: the site's own API when one of its Manage apps
   * pages is open (the person's own session there), else the service's site API. Tokens and
   * settings are the service's own.
   */
  const withSite = <T>(host: SiteHost, work: (site: SiteDriver, client: ServiceClient) => Promise<Reply<T>>) =>
    withClient(async (client) => {
      const service = (deps.siteDriver ?? serviceSiteDriver)(client);
      const call = await deps.siteApi?.(host);
      return work(call ? siteApiDriver(call, service, () => client.listApps()) : service, client);
    });

  /**
   * Sends `command`; its answer becomes the site's new snapshot. The cache's stamp is taken before
   * the command is sent, so that an answer for an account signed out meanwhile is not kept.
   */
  async function accepted(host: SiteHost, command: () => Promise<Reply<SiteApp>>): Promise<Reply<SiteView>> {
    const stamp = deps.sync.stamp();
    const result = await command();
    if (!result.ok) return fail(result.error);
    return ok(await deps.sync.accept(host, result.data, stamp));
  }

  /** A token's full value, fetched at the moment it is used and never stored; only if it can go on `host`. */
  async function usableToken(client: ServiceClient, host: SiteHost, appKey: AppKey, tokenId: string) {
    const token = await client.getToken(appKey, tokenId);
    if (!token.ok) return token;
    return canGoOnSite(placementOf(token.data, host)) ? token : NOT_FOR_THIS_SITE;
  }

  const siteSettings = (site: Reply<{ privateListingsEnabled: boolean }>, host: SiteHost) =>
    site.ok ? ok({ host, privateListingsEnabled: site.data.privateListingsEnabled }) : fail(site.error);

  return {
    setLicense: async (host: SiteHost, appKey: AppKey, state: LicenseState) =>
      accepted(host, () => withSite(host, (site) => site.setLicense(host, appKey, state))),

    clearToken: async (host: SiteHost, appKey: AppKey) =>
      accepted(host, () => withSite(host, (site) => site.clearToken(host, appKey))),

    applyToken: async (host: SiteHost, appKey: AppKey, tokenId: string) =>
      accepted(host, () =>
        withSite(host, async (site, client) => {
          const token = await usableToken(client, host, appKey, tokenId);
          return token.ok ? site.applyToken(host, appKey, token.data.value) : token;
        }),
      ),

    /**
     * The product's pencil flow: a token's value pasted by the person (one the service may not
     * know: a site it has no record of, another vendor account's token), applied as is. The
     * site, or the service for a site it knows, judges it.
     */
    applyTokenValue: async (host: SiteHost, appKey: AppKey, pasted: string) => {
      const value = pastedAccessToken(pasted);
      if (!value) return NOT_A_TOKEN;
      return accepted(host, () => withSite(host, (site) => site.applyToken(host, appKey, value)));
    },

    /** *Create and apply*: one new token, applied at once (its binding happens on applying). */
    createAndApplyToken: async (host: SiteHost, appKey: AppKey) =>
      accepted(host, () =>
        withSite(host, async (site, client) => {
          // A token that cannot be applied would only use up one of the app's 50: look first.
          const settings = await client.site(host);
          if (!settings.ok) return settings;
          if (!settings.data.privateListingsEnabled) return PRIVATE_LISTINGS_OFF;
          const token = await client.createToken(appKey, 'Created and applied by Token Lens');
          if (!token.ok) return token;
          const applied = await site.applyToken(host, appKey, token.data.value);
          // Applying failed after all: remove the new token again (removed tokens do not count).
          if (!applied.ok) await client.removeToken(appKey, token.data.id);
          return applied;
        }),
      ),

    /** Which of the vendor's apps a pasted token URL names (by its descriptor), before installing. */
    async describeTokenUrl(host: SiteHost, installUrl: string): Promise<Reply<ResponseData<'site.describeTokenUrl'>>> {
      const parsed = parseTokenUrl(installUrl);
      if (!parsed) return NOT_A_TOKEN_URL;
      const [apps, view] = await Promise.all([withClient((client) => client.listApps()), deps.sync.view(host)]);
      if (!apps.ok) return fail(apps.error);
      const app = apps.data.items.find((candidate) => describesApp(candidate, parsed.descriptorUrl));
      return ok({
        app: app
          ? {
              appKey: app.key,
              name: app.name,
              installedHere: view.apps.some((installed) => installed.appKey === app.key),
            }
          : null,
        last4: parsed.token.slice(-4),
      });
    },

    /** Install and license in one step from a pasted token URL; answers which app it installed. */
    async installFromUrl(host: SiteHost, installUrl: string): Promise<Reply<ResponseData<'site.installFromUrl'>>> {
      const stamp = deps.sync.stamp();
      const installed = await withSite(host, (site) => site.installFromUrl(host, installUrl));
      if (!installed.ok) return fail(installed.error);
      return ok({ view: await deps.sync.accept(host, installed.data, stamp), installed: installed.data });
    },

    /** Install and license in one step from a picked token (its private URL, else its public one). */
    installWithToken: async (host: SiteHost, appKey: AppKey, tokenId: string) =>
      accepted(host, () =>
        withSite(host, async (site, client) => {
          const token = await usableToken(client, host, appKey, tokenId);
          if (!token.ok) return token;
          const url = installUrlOf(token.data);
          return url.ok ? site.installFromUrl(host, url.data.url) : url;
        }),
      ),

    async tokenUrl(host: SiteHost, appKey: AppKey, tokenId: string): Promise<Reply<ResponseData<'site.tokenUrl'>>> {
      const result = await withClient(async (client) => {
        const token = await usableToken(client, host, appKey, tokenId);
        return token.ok ? installUrlOf(token.data) : token;
      });
      return result.ok ? result : fail(result.error);
    },

    async siteAppTokens(host: SiteHost, appKey: AppKey): Promise<Reply<ResponseData<'site.appTokens'>>> {
      const list = await loadAppTokens(deps, appKey);
      return list.ok ? ok(forSite(list.data, host)) : fail(list.error);
    },

    /** Apps of the vendor that could be installed here from a token: a private listing, not installed yet. */
    async installable(host: SiteHost): Promise<Reply<ResponseData<'site.installable'>>> {
      const [apps, view] = await Promise.all([withClient((client) => client.listApps()), deps.sync.view(host)]);
      if (!apps.ok) return fail(apps.error);
      const installed = new Set(view.apps.map((app) => app.appKey));
      const candidates = apps.data.items.filter((app) => !installed.has(app.key) && hasPrivateListing(app));
      return ok({ apps: candidates.map((app) => ({ appKey: app.key, name: app.name })) });
    },

    /** The installed apps that can never have a token (rule 2), so the overlay says why instead of offering one. */
    async tokenless(host: SiteHost): Promise<Reply<ResponseData<'site.tokenless'>>> {
      const [apps, view] = await Promise.all([withClient((client) => client.listApps()), deps.sync.view(host)]);
      if (!apps.ok) return fail(apps.error);
      const listings = new Map(apps.data.items.map((app) => [app.key, app]));
      return ok({
        apps: view.apps.flatMap((app) => {
          const reason = tokenlessReason(app.name, listings.get(app.appKey));
          return reason ? [{ appKey: app.appKey, reason }] : [];
        }),
      });
    },

    async settings(host: SiteHost): Promise<Reply<ResponseData<'site.settings'>>> {
      return siteSettings(await withClient((client) => client.site(host)), host);
    },

    async enablePrivateListings(host: SiteHost): Promise<Reply<ResponseData<'site.enablePrivateListings'>>> {
      return siteSettings(await withClient((client) => client.enablePrivateListings(host)), host);
    },
  };
}
export type SiteCommands = ReturnType<typeof createSiteCommands>;
