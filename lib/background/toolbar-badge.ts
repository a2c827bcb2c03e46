import { browser } from 'wxt/browser';
import type { SiteView } from '../domain/site-view';
import { tabsOfSite } from './page-scope';

/** Chrome MV3 has `action`, Firefox MV2 `browserAction`: the same calls. */
const button = () => browser.action ?? browser.browserAction;

/** The toolbar button says at a glance when Token Lens cannot work: signed out. */
export async function showSignInState(signedIn: boolean): Promise<void> {
  await button().setBadgeText({ text: signedIn ? '' : '!' });
  await button().setBadgeBackgroundColor({ color: '#c9372c' });
  await button().setTitle({ title: signedIn ? 'Token Lens' : 'Token Lens: signed out. Open the options to sign in.' });
}

/**
 * On each tab of a site: whether its data are stale (the service could not be reached or
 * refused), with the reason in the button's title.
 */
export async function showSiteFreshness(view: SiteView, serviceOrigin: string): Promise<void> {
  const title = view.problem ? `Token Lens: ${view.host}'s data are stale — ${view.problem.message}` : 'Token Lens';
  await Promise.all(
    (await tabsOfSite(view.host, serviceOrigin)).flatMap((tabId) => [
      button().setBadgeText({ tabId, text: view.problem ? 'old' : '' }),
      button().setTitle({ tabId, title }),
    ]),
  );
}
