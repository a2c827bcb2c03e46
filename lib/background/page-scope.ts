import { browser } from 'wxt/browser';
import { recognizeManageAppsUrl } from '../page/manage-apps-url';

/**
 * Whether a tab showing `tabUrl` may hear about `host`: it must be that site's Manage apps page,
 * and a reference page only counts on the configured service's origin, since any local process
 * could serve a page at `/sites/{host}/plugins/servlet/upm`. One rule for what a content script
 * may ask and for where the background pushes.
 */
export function tabMayHearAbout(tabUrl: string | undefined, host: string, serviceOrigin: string): boolean {
  const site = tabUrl ? recognizeManageAppsUrl(tabUrl) : undefined;
  if (!site || site.host !== host) return false;
  if (site.kind !== 'reference') return true;
  try {
    return new URL(tabUrl ?? '').origin === new URL(serviceOrigin).origin;
  } catch {
    return false;
  }
}

/**
 * The ids of the open tabs that may hear about `host` (the rule above); with `loadedOnly`, not
 * those still loading a page: the overlay goes into a page only once it has loaded.
 */
export async function tabsOfSite(
  host: string,
  serviceOrigin: string,
  { loadedOnly = false }: { loadedOnly?: boolean } = {},
): Promise<number[]> {
  const tabs = await browser.tabs.query({});
  return tabs.flatMap(({ id, url, status }) =>
    id !== undefined && tabMayHearAbout(url, host, serviceOrigin) && !(loadedOnly && status === 'loading') ? [id] : [],
  );
}
