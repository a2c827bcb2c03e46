import { browser } from 'wxt/browser';
import type { SiteHost } from '../domain/identifiers';
import { failWith, ok, type Reply } from '../domain/reply';
import { type SiteApiAnswer, SiteApiAnswerSchema, type SiteApiCall } from '../messaging/site-api-protocol';
import { tabsOfSite } from './page-scope';

/** One call to a site's own REST API, made by its Manage apps page's content script. */
export type SiteApiCaller = (call: Omit<SiteApiCall, 'type' | 'host'>) => Promise<Reply<SiteApiAnswer>>;

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
  const tabIds = await tabsOfSite(host, serviceOrigin);
  if (tabIds.length === 0) return null;
  return async (call) => {
    for (const tabId of tabIds) {
      try {
        const answer = SiteApiAnswerSchema.safeParse(
          await browser.tabs.sendMessage(tabId, { type: 'siteApi.call', host, ...call } satisfies SiteApiCall),
        );
        if (answer.success) return ok(answer.data);
      } catch {
        // This tab has no overlay listening (any more): try the next.
      }
    }
    return UNREACHABLE;
  };
}
