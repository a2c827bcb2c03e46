// First: zod must be jitless before any schema exists.
import '../lib/domain/zod-jitless';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createAccountCaches } from '../lib/background/account-caches';
import { createDispatcher } from '../lib/background/dispatcher';
import { openWelcomeOnFirstInstall } from '../lib/background/first-run';
import { createHandlers } from '../lib/background/handlers';
import { openApplyWindow, openInstallWindow } from '../lib/background/install-window';
import { injectOverlayOnLoad } from '../lib/background/overlay-injection';
import { ensureRefreshAlarm, onRefreshAlarm, REFRESH_ALARM } from '../lib/background/refresh-alarm';
import { signedInClient } from '../lib/background/service-access';
import { sessionEnded, sessionStatus } from '../lib/background/session-commands';
import { readSettings } from '../lib/background/settings';
import { siteApiOf } from '../lib/background/site-api';
import { siteApiDriver } from '../lib/background/site-api-driver';
import { createSiteCommands } from '../lib/background/site-commands';
import { serviceSiteDriver } from '../lib/background/site-driver';
import { createSiteSync } from '../lib/background/site-sync';
import { pushToExtensionPages, pushToSite } from '../lib/background/tab-push';
import { showSignInState, showSiteFreshness } from '../lib/background/toolbar-badge';
import { createAppTokenCache } from '../lib/cache/app-token-cache';
import { openCacheDb } from '../lib/cache/cache-db';
import { createCacheOwnerStore } from '../lib/cache/cache-owner';
import { createSiteCache } from '../lib/cache/site-cache';
import type { SiteHost } from '../lib/domain/identifiers';
import { ok } from '../lib/domain/reply';

export default defineBackground(() => {
  // Registered first and synchronously: onInstalled fires once, right as the worker starts.
  openWelcomeOnFirstInstall();
  const db = openCacheDb();
  const now = () => new Date();
  const sites = createSiteCache(db, now);
  const tokens = createAppTokenCache(db);
  const sessionChanged = async () => {
    await showSignInState((await sessionStatus()).signedIn);
    await pushToExtensionPages({ type: 'session.changed' });
  };
  void sessionStatus().then((status) => showSignInState(status.signedIn));
  // The service refused the token: signed out, with the reason kept for the options page.
  const endSession = async () => {
    await sessionEnded();
    await sessionChanged();
  };
  const client = () => signedInClient(() => void endSession());
  // Reading a site: through its own API while a page of it is open (the person's session there),
  // else through the service's site API.
  const siteDriver = async (host: SiteHost) => {
    const client = await signedInClient(() => void endSession());
    if (!client.ok) return client;
    const service = serviceSiteDriver(client.data);
    const call = await siteApiOf(host, (await readSettings()).serviceUrl);
    return ok(call ? siteApiDriver(call, service, () => client.data.listApps()) : service);
  };
  const sync = createSiteSync({
    cache: sites,
    driver: siteDriver,
    onChange: async (view) => {
      const { serviceUrl } = await readSettings();
      await Promise.all([
        pushToSite(view.host, { type: 'site.changed', view }, serviceUrl),
        showSiteFreshness(view, serviceUrl),
      ]);
    },
    onSessionEnded: endSession,
    now,
  });
  const commands = createSiteCommands({
    sync,
    tokens,
    client,
    now,
    // A page of the site open: its own API, through that page, with the person's session there.
    siteApi: async (host) => siteApiOf(host, (await readSettings()).serviceUrl),
  });
  const handlers = createHandlers({
    sync,
    commands,
    sites,
    tokens,
    client,
    now,
    onSessionChanged: sessionChanged,
    accountCaches: createAccountCaches({
      owner: createCacheOwnerStore(db),
      caches: [sites, tokens],
      status: sessionStatus,
    }),
    onSiteWatched: ensureRefreshAlarm,
    openInstallPage: openInstallWindow,
    openApplyPage: openApplyWindow,
  });
  const dispatch = createDispatcher(
    handlers,
    { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') },
    async () => (await readSettings()).serviceUrl,
  );

  // Registered synchronously, like the listeners below: a page load that wakes the worker is heard.
  injectOverlayOnLoad({
    cachedAnswer: async (host) => ok(await sync.cached(host)),
    serviceOrigin: async () => (await readSettings()).serviceUrl,
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    dispatch(message, sender).then(sendResponse);
    return true;
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM)
      void readSettings().then((settings) => onRefreshAlarm(sync.revalidate, settings.serviceUrl));
  });
});
