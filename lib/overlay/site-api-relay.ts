import { browser } from 'wxt/browser';
import { type SiteApiAnswer, type SiteApiCall, SiteApiCallSchema } from '../messaging/site-api-protocol';
import type { ManageAppsLocation } from '../page/manage-apps-url';

/** Firefox gives content scripts a `content.fetch` that asks as the page does (its origin, its cookies). */
function pageFetch(): typeof fetch {
  const content = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  return content?.fetch ? content.fetch.bind(content) : fetch.bind(globalThis);
}

async function callSite(call: SiteApiCall, url: string, doFetch: typeof fetch): Promise<SiteApiAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Atlassian-Token': 'no-check' };
  if (call.contentType) headers['Content-Type'] = call.contentType;
  try {
    const answer = await doFetch(url, {
      method: call.method,
      headers,
      credentials: 'same-origin',
      redirect: 'follow',
      ...(call.body === undefined ? {} : { body: call.body }),
    });
    return {
      status: answer.status,
      body: call.method === 'HEAD' ? '' : await answer.text(),
      upmToken: answer.headers.get('upm-token'),
      // A finished install task answers 303 to the app: followed, it is where the answer came from.
      location: answer.redirected ? answer.url : null,
    };
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error), upmToken: null, location: null };
  }
}

/**
 * Answers the background's `siteApi.call` for this page's own site: the call goes to the site's
 * REST API from the page's origin, with the session the person already has there — no
 * credential of Token Lens's own. Only this extension's background is answered, only about this
 * page's site, only on the two API paths the protocol allows, and never off the site's REST base.
 */
export function relaySiteApiCalls(location: ManageAppsLocation, signal: AbortSignal, doFetch = pageFetch()): void {
  const listener = (
    message: unknown,
    sender: { id?: string; tab?: unknown },
    sendResponse: (answer: SiteApiAnswer) => void,
  ) => {
    // Pages and other extensions cannot reach this listener; tabs of this extension could.
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    const call = SiteApiCallSchema.safeParse(message);
    if (!call.success || call.data.host !== location.host) return undefined;
    const url = new URL(call.data.path, location.restBase);
    if (!url.href.startsWith(`${location.restBase}rest/`)) return undefined;
    void callSite(call.data, url.href, doFetch).then(sendResponse);
    // The answer comes later: keep the channel open (as every browser understands).
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener as never), { once: true });
}
