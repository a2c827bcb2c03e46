import { browser } from 'wxt/browser';
import type { Push } from '../messaging/protocol';
import { tabsOfSite } from './page-scope';

/**
 * Sends a push to every tab showing `host`'s Manage apps page — by the same rule a content script's
 * questions are answered, so a look-alike page on another local origin hears nothing — and to open
 * extension pages.
 */
export async function pushToSite(host: string, push: Push, serviceOrigin: string): Promise<void> {
  const deliveries = (await tabsOfSite(host, serviceOrigin)).map((id) =>
    browser.tabs.sendMessage(id, push).catch(() => undefined),
  );
  await Promise.all([...deliveries, pushToExtensionPages(push)]);
}

/** Open popups and options pages; when none is open the browser says so, which is fine. */
export async function pushToExtensionPages(push: Push): Promise<void> {
  await browser.runtime.sendMessage(push).catch(() => undefined);
}
