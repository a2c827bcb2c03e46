import { browser } from 'wxt/browser';
import { FRESHNESS } from '../domain/freshness';
import type { SiteHost } from '../domain/identifiers';
import { recognizeManageAppsUrl } from '../page/manage-apps-url';
import { tabMayHearAbout } from './page-scope';

/**
 * A slow safety net behind the 2-second revalidation that visible tabs ask for: every 30 s (the
 * shortest period browsers allow) while any Manage apps tab is open, and not at all otherwise.
 */
export const REFRESH_ALARM = 'token-lens-refresh';

export async function ensureRefreshAlarm(): Promise<void> {
  const existing = await browser.alarms.get(REFRESH_ALARM);
  if (!existing) await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: FRESHNESS.refreshAlarmMinutes });
}

/** The sites of the open Manage apps tabs that the overlay runs on (the same rule as for its questions). */
export async function watchedSites(serviceOrigin: string): Promise<SiteHost[]> {
  const tabs = await browser.tabs.query({});
  const hosts = tabs.flatMap((tab) => {
    const site = tab.url ? recognizeManageAppsUrl(tab.url) : undefined;
    return site && tabMayHearAbout(tab.url, site.host, serviceOrigin) ? [site.host] : [];
  });
  return [...new Set(hosts)];
}

/** On the alarm: revalidate each watched site, or stop the alarm when no Manage apps tab is left. */
export async function onRefreshAlarm(
  revalidate: (host: SiteHost) => Promise<unknown>,
  serviceOrigin: string,
): Promise<void> {
  const hosts = await watchedSites(serviceOrigin);
  if (hosts.length === 0) {
    await browser.alarms.clear(REFRESH_ALARM);
    return;
  }
  await Promise.all(hosts.map((host) => revalidate(host)));
}
