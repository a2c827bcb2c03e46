import { browser } from 'wxt/browser';
import type { Push } from '../messaging/protocol';
import { recognizeManageAppsUrl } from '../page/manage-apps-url';

/** Sends a push to every tab showing `host`'s Manage apps page, and to open extension pages. */
export async function pushToSite(host: string, push: Push): Promise<void> {
  const tabs = await browser.tabs.query({});
  const deliveries = tabs
    .filter((tab) => tab.id !== undefined && tab.url && recognizeManageAppsUrl(tab.url)?.host === host)
    .map((tab) => browser.tabs.sendMessage(tab.id as number, push).catch(() => undefined));
  await Promise.all([...deliveries, pushToExtensionPages(push)]);
}

/** Open popups and options pages; when none is open the browser says so, which is fine. */
export async function pushToExtensionPages(push: Push): Promise<void> {
  await browser.runtime.sendMessage(push).catch(() => undefined);
}
