import type { Result, ServiceClient } from '../api/service-client';
import type { AppTokenCache } from '../cache/app-token-cache';
import type { SiteCache } from '../cache/site-cache';
import type { ErrorValue } from '../domain/site-view';
import { installUrlOf, loadAppTokens } from './app-tokens';
import type { Handlers } from './dispatcher';
import { sessionStatus, setServiceUrl, signIn, signOut, testConnection } from './session-commands';
import type { SiteCommands } from './site-commands';
import type { SiteSync } from './site-sync';

type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorValue };

const reply = <T>(result: Result<T>): Reply<T> =>
  result.ok
    ? { ok: true, data: result.value }
    : { ok: false, error: { code: result.error.code, message: result.error.message } };

export interface HandlerDeps {
  sync: SiteSync;
  commands: SiteCommands;
  sites: SiteCache;
  tokens: AppTokenCache;
  client: () => Promise<Result<ServiceClient>>;
  now: () => Date;
  onSessionChanged: () => Promise<void>;
  /** A Manage apps tab asked about a site: keep the periodic refresh running. */
  onSiteWatched: () => Promise<void>;
  /** Opens the extension's install window for a site. */
  openInstallPage: (host: string) => Promise<void>;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const appTokens = async (appKey: string) => {
    const list = await loadAppTokens(deps, appKey);
    return 'error' in list ? ({ ok: false, error: list.error } as const) : ({ ok: true, data: list } as const);
  };
  const cachedSites = async () => ({ ok: true as const, data: { sites: await deps.sites.list() } });

  return {
    'site.view': async ({ host }) => {
      await deps.onSiteWatched();
      return { ok: true, data: await deps.sync.view(host) };
    },
    'site.revalidate': async ({ host }) => ({ ok: true, data: await deps.sync.revalidate(host) }),
    'site.settings': ({ host }) => deps.commands.settings(host),
    'site.enablePrivateListings': ({ host }) => deps.commands.enablePrivateListings(host),
    'site.setLicense': ({ host, appKey, state }) => deps.commands.setLicense(host, appKey, state),
    'site.applyToken': ({ host, appKey, tokenId }) => deps.commands.applyToken(host, appKey, tokenId),
    'site.createAndApplyToken': ({ host, appKey }) => deps.commands.createAndApplyToken(host, appKey),
    'site.clearToken': ({ host, appKey }) => deps.commands.clearToken(host, appKey),
    'site.installFromUrl': ({ host, installUrl }) => deps.commands.installFromUrl(host, installUrl),
    'site.installWithToken': ({ host, appKey, tokenId }) => deps.commands.installWithToken(host, appKey, tokenId),
    'site.openInstallPage': async ({ host }) => {
      await deps.openInstallPage(host);
      return { ok: true, data: { opened: true as const } };
    },
    'site.appTokens': ({ host, appKey }) => deps.commands.siteAppTokens(host, appKey),
    'site.installable': ({ host }) => deps.commands.installable(host),
    'site.tokenUrl': ({ host, appKey, tokenId }) => deps.commands.tokenUrl(host, appKey, tokenId),
    'app.tokens': ({ appKey }) => appTokens(appKey),
    'app.tokenUrl': async ({ appKey, tokenId }) => {
      const client = await deps.client();
      const token = client.ok ? await client.value.getToken(appKey, tokenId) : client;
      return reply(token.ok ? installUrlOf(token.value) : token);
    },
    'app.createToken': async ({ appKey, note }) => {
      const client = await deps.client();
      const created = client.ok ? await client.value.createToken(appKey, note) : client;
      return created.ok ? appTokens(appKey) : reply(created);
    },
    'app.removeToken': async ({ appKey, tokenId }) => {
      const client = await deps.client();
      const removed = client.ok ? await client.value.removeToken(appKey, tokenId) : client;
      return removed.ok ? appTokens(appKey) : reply(removed);
    },
    'cache.sites': cachedSites,
    'cache.clear': async () => {
      await Promise.all([deps.sites.clear(), deps.tokens.clear()]);
      return cachedSites();
    },
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
