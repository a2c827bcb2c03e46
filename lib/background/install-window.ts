import { browser } from 'wxt/browser';

/** The path of the install page, with the site it installs on. */
export const installPagePath = (host: string) => `/install.html?site=${encodeURIComponent(host)}`;

/**
 * Opens *Install from token URL* as a small window of the extension's own, so that the token URL
 * (a secret) is typed where no page script can read it. An install window already open for the
 * same site is brought forward instead of opening a second.
 */
export async function openInstallWindow(host: string): Promise<void> {
  const url = browser.runtime.getURL(installPagePath(host) as '/install.html');
  const [open] = await browser.tabs.query({ url });
  if (open?.id !== undefined && open.windowId !== undefined) {
    await browser.windows.update(open.windowId, { focused: true });
    return;
  }
  await browser.windows.create({ url, type: 'popup', width: 560, height: 460, focused: true });
}
