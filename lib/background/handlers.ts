import type { ServiceClient } from '../api/service-client';
import type { AppTokenCache } from '../cache/app-token-cache';
import type { SiteCache } from '../cache/site-cache';
import type { AppKey } from '../domain/identifiers';
import { ok, type Reply } from '../domain/reply';
import type { AccountCaches } from './account-caches';
import { cachedAppTokens, installUrlOf, loadAppTokens } from './app-tokens';
import type { Handlers } from './dispatcher';
import { popupContext, rememberSite } from './popup-context';
import { sessionStatus, setServiceUrl, signIn, signInWithToken, signOut, testConnection } from './session-commands';
import { readSettings } from './settings';
import type { SiteCommands } from './site-commands';
import type { SiteSync } from './site-sync';

export interface HandlerDeps {
  sync: SiteSync;
  commands: SiteCommands;
  sites: SiteCache;
  tokens: AppTokenCache;
  client: () => Promise<Reply<ServiceClient>>;
  now: () => Date;
  onSessionChanged: () => Promise<void>;
  /** Empties the caches when the account signed in is no longer the one that filled them. */
  accountCaches: AccountCaches;
  /** A Manage apps tab asked about a site: keep the periodic refresh running. */
  onSiteWatched: () => Promise<void>;
  /** Opens the extension's install window for a site. */
  openInstallPage: (host: string) => Promise<void>;
  /** Opens the extension's paste-a-token window for one app of a site. */
  openApplyPage: (host: string, appKey: AppKey) => Promise<void>;
}

/** History is shown this many entries at a time. */
const AUDIT_PAGE = 25;

/** Every request's handler: thin, each calling the command, sync or session function that does the work. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const appTokens = (appKey: AppKey) => loadAppTokens(deps, appKey);
  const cachedSites = async () => ok({ sites: await deps.sites.list() });
  // The person signed in (or tried to), signed out, or changed the service: the caches follow
  // the account first, so that no view asking again gets another account's data.
  const sessionChanged = async (caches: () => Promise<void> = deps.accountCaches.follow) => {
    await caches();
    await deps.onSessionChanged();
  };
  const withClient = async <T>(work: (client: ServiceClient) => Promise<Reply<T>>): Promise<Reply<T>> => {
    const client = await deps.client();
    return client.ok ? work(client.data) : client;
  };

  return {
    'site.view': async ({ host }) => {
      await deps.onSiteWatched();
      return ok(await deps.sync.view(host));
    },
    'site.cachedView': async ({ host }) => ok(await deps.sync.cached(host)),
    'site.revalidate': async ({ host }) => ok(await deps.sync.revalidate(host)),
    'site.settings': ({ host }) => deps.commands.settings(host),
    'site.enablePrivateListings': ({ host }) => deps.commands.enablePrivateListings(host),
    'site.setLicense': ({ host, appKey, state }) => deps.commands.setLicense(host, appKey, state),
    'site.applyToken': ({ host, appKey, tokenId }) => deps.commands.applyToken(host, appKey, tokenId),
    'site.createAndApplyToken': ({ host, appKey }) => deps.commands.createAndApplyToken(host, appKey),
    'site.clearToken': ({ host, appKey }) => deps.commands.clearToken(host, appKey),
    'site.installFromUrl': ({ host, installUrl }) => deps.commands.installFromUrl(host, installUrl),
    'site.installWithToken': ({ host, appKey, tokenId }) => deps.commands.installWithToken(host, appKey, tokenId),
    'site.describeTokenUrl': ({ host, installUrl }) => deps.commands.describeTokenUrl(host, installUrl),
    'site.openInstallPage': async ({ host }) => {
      await deps.openInstallPage(host);
      return ok({ opened: true as const });
    },
    'site.openApplyPage': async ({ host, appKey }) => {
      await deps.openApplyPage(host, appKey);
      return ok({ opened: true as const });
    },
    'site.applyTokenValue': ({ host, appKey, token }) => deps.commands.applyTokenValue(host, appKey, token),
    'site.appTokens': ({ host, appKey }) => deps.commands.siteAppTokens(host, appKey),
    'site.installable': ({ host }) => deps.commands.installable(host),
    'site.tokenless': ({ host }) => deps.commands.tokenless(host),
    'site.tokenUrl': ({ host, appKey, tokenId }) => deps.commands.tokenUrl(host, appKey, tokenId),
    'app.tokens': ({ appKey }) => appTokens(appKey),
    'app.cachedTokens': async ({ appKey }) => {
      // The popup benchmark's breakdown (test/bench/popup-only.ts) reads these marks.
      performance.mark('token-lens:worker:cachedTokens-asked');
      const cached = await cachedAppTokens(deps, appKey);
      performance.mark('token-lens:worker:cachedTokens-answered');
      return ok(cached);
    },
    'app.tokenUrl': ({ appKey, tokenId }) =>
      withClient(async (client) => {
        const token = await client.getToken(appKey, tokenId);
        return token.ok ? installUrlOf(token.data) : token;
      }),
    'app.createToken': async ({ appKey, note }) => {
      const created = await withClient((client) => client.createToken(appKey, note));
      return created.ok ? appTokens(appKey) : created;
    },
    'app.removeToken': async ({ appKey, tokenId }) => {
      const removed = await withClient((client) => client.removeToken(appKey, tokenId));
      return removed.ok ? appTokens(appKey) : removed;
    },
    'popup.context': async () => ok(await popupContext((await readSettings()).serviceUrl)),
    'popup.rememberSite': async ({ host }) => {
      await rememberSite(host);
      return ok({ remembered: true as const });
    },
    'sites.list': () => withClient((client) => client.listSites()),
    'audit.list': ({ host, appKey, before }) =>
      withClient((client) =>
        client.audit({
          site: host,
          limit: AUDIT_PAGE,
          ...(appKey ? { app: appKey } : {}),
          ...(before === undefined ? {} : { before }),
        }),
      ),
    'cache.sites': cachedSites,
    'cache.clear': async () => {
      await Promise.all([deps.sites.clear(), deps.tokens.clear()]);
      return cachedSites();
    },
    'session.status': async () => {
      performance.mark('token-lens:worker:session-asked');
      const status = await sessionStatus();
      performance.mark('token-lens:worker:session-answered');
      return ok(status);
    },
    'session.signIn': async ({ email, password, staySignedIn, serviceUrl }) => {
      const result = await signIn(email, password, staySignedIn, serviceUrl);
      await sessionChanged();
      return result;
    },
    'session.signInWithToken': async ({ token, staySignedIn, serviceUrl }) => {
      const result = await signInWithToken(token, staySignedIn, serviceUrl);
      await sessionChanged();
      return result;
    },
    'apiMethods.list': () => withClient((client) => client.apiMethods()),
    'personalTokens.list': () => withClient((client) => client.listPersonalTokens()),
    'personalTokens.create': ({ type: _type, ...body }) => withClient((client) => client.createPersonalToken(body)),
    'personalTokens.update': ({ type: _type, id, ...changes }) =>
      withClient((client) => client.updatePersonalToken(id, changes)),
    'personalTokens.regenerate': ({ id, password }) =>
      withClient((client) => client.regeneratePersonalToken(id, password)),
    'personalTokens.copy': ({ id, password, description }) =>
      withClient((client) => client.copyPersonalToken(id, description ? { password, description } : { password })),
    'personalTokens.remove': ({ ids, password }) => withClient((client) => client.removePersonalTokens(ids, password)),
    'session.signOut': async () => {
      const status = await signOut();
      await sessionChanged(deps.accountCaches.signedOut);
      return ok(status);
    },
    'settings.setServiceUrl': async ({ serviceUrl }) => {
      const result = await setServiceUrl(serviceUrl);
      if (result.ok) await sessionChanged();
      return result;
    },
    'settings.testConnection': ({ serviceUrl }) => testConnection(serviceUrl),
  };
}
