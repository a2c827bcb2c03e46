import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createDispatcher, type Sender } from '../lib/background/dispatcher';
import { createHandlers } from '../lib/background/handlers';
import { signedInClient } from '../lib/background/service-access';
import { clearSession } from '../lib/background/session-store';
import { createSiteSync } from '../lib/background/site-sync';
import { pushToExtensionPages, pushToSite } from '../lib/background/tab-push';
import { openCacheDb } from '../lib/cache/cache-db';
import { createSiteCache } from '../lib/cache/site-cache';

export default defineBackground(() => {
  const cache = createSiteCache(openCacheDb());
  const sessionChanged = () => pushToExtensionPages({ type: 'session.changed' });
  const sync = createSiteSync({
    cache,
    client: signedInClient,
    onChange: (view) => pushToSite(view.host, { type: 'site.changed', view }),
    onSessionEnded: async () => {
      await clearSession();
      await sessionChanged();
    },
    now: () => new Date(),
  });
  const dispatch = createDispatcher(createHandlers({ sync, onSessionChanged: sessionChanged }), {
    id: browser.runtime.id,
    origin: browser.runtime.getURL('/').replace(/\/$/, ''),
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    dispatch(message, sender as Sender).then(sendResponse);
    return true;
  });
});
