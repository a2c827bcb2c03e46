import { browser } from 'wxt/browser';

/** The popup, opened on *Install from token URL* for a site. */
export const installPagePath = (host: string) => `/popup.html?site=${encodeURIComponent(host)}&view=install`;

/** The popup, opened on *Paste a token* for one app of a site (the product's pencil flow). */
export const applyPagePath = (host: string, appKey: string) =>
  `/popup.html?site=${encodeURIComponent(host)}&app=${encodeURIComponent(appKey)}&view=apply`;

/**
 * Opens the popup on a path as a small window of the extension's own (a content script cannot
 * open the toolbar popup itself), so that a secret — a token URL, a token's value — is typed
 * where no page script can read it. One already open on the same path is brought forward
 * instead of opening a second.
 */
async function openPopupWindow(path: string): Promise<void> {
  const url = browser.runtime.getURL(path as '/popup.html');
  const [open] = await browser.tabs.query({ url });
  if (open?.id !== undefined && open.windowId !== undefined) {
    await browser.windows.update(open.windowId, { focused: true });
    return;
  }
  await browser.windows.create({ url, type: 'popup', width: 460, height: 600, focused: true });
}

/** *Install from token URL* for a site, in a window of its own. */
export const openInstallWindow = (host: string) => openPopupWindow(installPagePath(host));

/** *Paste a token* for one app of a site, in a window of its own. */
export const openApplyWindow = (host: string, appKey: string) => openPopupWindow(applyPagePath(host, appKey));
