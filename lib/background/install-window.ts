import { browser } from 'wxt/browser';

/** The popup, opened on *Install from token URL* for a site. */
export const installPagePath = (host: string) => `/popup.html?site=${encodeURIComponent(host)}&view=install`;

/**
 * Opens the popup on *Install from token URL* as a small window of the extension's own (a
 * content script cannot open the toolbar popup itself), so that the token URL (a secret) is typed
 * where no page script can read it. One already open for the same site is brought forward
 * instead of opening a second.
 */
export async function openInstallWindow(host: string): Promise<void> {
  const url = browser.runtime.getURL(installPagePath(host) as '/popup.html');
  const [open] = await browser.tabs.query({ url });
  if (open?.id !== undefined && open.windowId !== undefined) {
    await browser.windows.update(open.windowId, { focused: true });
    return;
  }
  await browser.windows.create({ url, type: 'popup', width: 460, height: 600, focused: true });
}
