import { browser } from 'wxt/browser';
import type { SiteHost } from '../domain/identifiers';
import { failWith, ok, type Reply } from '../domain/reply';
import { type SiteApiAnswer, SiteApiAnswerSchema, type SiteApiCall } from '../messaging/site-api-protocol';
import { tabsOfSite } from './page-scope';

/** One call to a site's own REST API, made by its Manage apps page's content script. */
export type SiteApiCaller = (call: Omit<SiteApiCall, 'type' | 'host'>) => Promise<Reply<SiteApiAnswer>>;

/** How long a call waits, once, for the overlay of a page that has just loaded to be injected. */
export const OVERLAY_INJECTION_GRACE_MS = 250;

const UNREACHABLE = failWith(
  'site_unreachable',
  'The site’s Manage apps page did not answer. Reload the page and try again.',
);

/**
 * The site's own API through its open Manage apps tabs (the context that carries the person's
 * session there and the site's own origin), or null when none is open. A tab that does not
 * answer (reloading, navigating away) hands the call to the next.
 */
export async function siteApiOf(host: SiteHost, serviceOrigin: string): Promise<SiteApiCaller | null> {
  // A tab still loading has no overlay yet (it goes in once the page has loaded): as if not open.
  const tabIds = await tabsOfSite(host, serviceOrigin, { loadedOnly: true });
  if (tabIds.length === 0) return null;
  return async (call) => {
    for (let attempt = 0; ; attempt++) {
      let listening = false;
      for (const tabId of tabIds) {
        try {
          const answer = SiteApiAnswerSchema.safeParse(
            await browser.tabs.sendMessage(tabId, { type: 'siteApi.call', host, ...call } satisfies SiteApiCall),
          );
          listening = true;
          if (answer.success) return ok(answer.data);
        } catch {
          // This tab has no overlay listening (any more, or not yet): try the next.
        }
      }
      // A page that has just loaded gets its overlay a moment later: wait for it once.
      if (listening || attempt > 0) return UNREACHABLE;
      await new Promise((resolve) => setTimeout(resolve, OVERLAY_INJECTION_GRACE_MS));
    }
  };
}
