import { browser } from 'wxt/browser';
import { type SiteHost, SiteHostSchema } from '../domain/identifiers';
import { recognizeManageAppsUrl } from '../page/manage-apps-url';
import { tabMayHearAbout } from './page-scope';

/** The site the popup last showed; no secret, so storage.local is fine. */
const LAST_SITE_KEY = 'popupLastSite';

/** The popup opens on the active tab's site when that is a Manage apps page Token Lens serves, else the last site used. */
export async function popupContext(
  serviceOrigin: string,
): Promise<{ activeSite: SiteHost | null; lastSite: SiteHost | null }> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const site = tab?.url ? recognizeManageAppsUrl(tab.url) : undefined;
  const activeSite = site && tabMayHearAbout(tab?.url, site.host, serviceOrigin) ? site.host : null;
  const stored = SiteHostSchema.safeParse((await browser.storage.local.get(LAST_SITE_KEY))[LAST_SITE_KEY]);
  return { activeSite, lastSite: stored.success ? stored.data : null };
}

export async function rememberSite(host: SiteHost): Promise<void> {
  await browser.storage.local.set({ [LAST_SITE_KEY]: host });
}
