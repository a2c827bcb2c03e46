import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { SiteHost } from '../domain/identifiers';
import { handoffArgs, leaveSnapshot } from '../messaging/overlay-handoff';
import { MANAGE_APPS_MATCHES } from '../page/manage-apps-matches';
import { recognizeManageAppsUrl } from '../page/manage-apps-url';
import { tabMayHearAbout } from './page-scope';

/** The overlay's content script as built (entrypoints/manage-apps.content, registered at runtime). */
export const OVERLAY_FILE = '/content-scripts/manage-apps.js';
const PATTERNS = MANAGE_APPS_MATCHES.map((pattern) => new MatchPattern(pattern));

/** The site whose Manage apps page `url` is, when the overlay runs there (its match patterns); else null. */
export function overlaySiteOf(url: string | undefined): SiteHost | null {
  if (!url || !PATTERNS.some((pattern) => pattern.includes(url))) return null;
  return recognizeManageAppsUrl(url)?.host ?? null;
}

export interface OverlayInjectionDeps {
  /** The site's cached snapshot as `site.cachedView` answers it (no revalidation, no service). */
  cachedAnswer: (host: SiteHost) => Promise<unknown>;
  serviceOrigin: () => Promise<string>;
}

/**
 * Injects the overlay into a Manage apps page once the page has loaded, rather than declaring it
 * as a content script: a declared script costs the page's own load about a third here (Chrome
 * sets up the extension's world and runs the script before the load event; docs/benchmarks.md),
 * injected after it costs that load nothing. The site's cached snapshot goes just before it, so
 * the first badges need no round trip — only to a page that may hear about that site (the rule
 * every answer to a content script follows, page-scope.ts); any other page's overlay asks, and is
 * answered or refused as always.
 */
export async function injectOverlay(tabId: number, url: string, deps: OverlayInjectionDeps): Promise<void> {
  const host = overlaySiteOf(url);
  if (!host) return;
  try {
    if (tabMayHearAbout(url, host, await deps.serviceOrigin())) {
      const answer = await deps.cachedAnswer(host);
      await browser.scripting.executeScript({
        target: { tabId },
        func: leaveSnapshot,
        args: handoffArgs(host, answer),
      });
    }
    await browser.scripting.executeScript({ target: { tabId }, files: [OVERLAY_FILE] });
  } catch {
    // The tab closed or went elsewhere meanwhile: nothing to decorate.
  }
}

/**
 * Every page load that completes in a tab: the overlay goes in when it is a Manage apps page.
 * Firefox can filter the event to those pages' status changes, so other tabs never wake the
 * background; Chrome cannot (its tabs.onUpdated takes no filter), so there any tab's update does,
 * and the listener looks at the status first.
 */
export function injectOverlayOnLoad(deps: OverlayInjectionDeps): void {
  const listener = (tabId: number, change: { status?: string }, tab: { url?: string }) => {
    if (change.status === 'complete') void injectOverlay(tabId, tab.url ?? '', deps);
  };
  if (import.meta.env.FIREFOX)
    (browser.tabs.onUpdated.addListener as (l: typeof listener, filter: object) => void)(listener, {
      urls: MANAGE_APPS_MATCHES,
      properties: ['status'],
    });
  else browser.tabs.onUpdated.addListener(listener);
}
