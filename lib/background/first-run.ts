import { browser } from 'wxt/browser';

/** The options page as a first install opens it: on its sign-in, saying what to do next. */
export const WELCOME_PATH = '/options.html?welcome=1';

/**
 * On a first install (not an update, not a browser update), opens the options page on its
 * welcome: nothing works until the person signs in to a Token Lens service.
 */
export function openWelcomeOnFirstInstall(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH as '/options.html') });
  });
}
