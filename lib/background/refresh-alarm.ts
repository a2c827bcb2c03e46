import { browser } from 'wxt/browser';
import { FRESHNESS } from '../domain/freshness';
import { recognizeManageAppsUrl } from '../page/manage-apps-url';

/**
 * A slow safety net behind the 2-second revalidation that visible tabs ask for: every 30 s (the
 * shortest period browsers allow) while any Manage apps tab is open, and not at all otherwise.
 */
export const REFRESH_ALARM = 'token-lens-refresh';

export async function ensureRefreshAlarm(): Promise<void> {
  const existing = await browser.alarms.get(REFRESH_ALARM);
  if (!existing) await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: FRESHNESS.refreshAlarmMinutes });
}

/** The sites of the open Manage apps tabs. */
export async function watchedSites(): Promise<string[]> {
  const tabs = await browser.tabs.query({});
  const hosts = tabs.flatMap((tab) => {
    const site = tab.url ? recognizeManageAppsUrl(tab.url) : undefined;
    return site ? [site.host] : [];
  });
  return [...new Set(hosts)];
}

/** On the alarm: revalidate each watched site, or stop the alarm when no Manage apps tab is left. */
export async function onRefreshAlarm(revalidate: (host: string) => Promise<unknown>): Promise<void> {
  const hosts = await watchedSites();
  if (hosts.length === 0) {
    await browser.alarms.clear(REFRESH_ALARM);
    return;
  }
  await Promise.all(hosts.map((host) => revalidate(host)));
}
