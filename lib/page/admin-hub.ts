/**
 * The admin hub's app list (admin.atlassian.com, "Connected apps"; PAGES.md §3). What is known:
 * app management moved there from September 2024; its markup is a React application, not public,
 * and its URLs name a cloud id (`/s/<cloudId>/…`), not the site's host.
 *
 * So Token Lens recognises the app list by URL only, and stays quiet there: with no certain way to
 * read the site, a badge could show another site's tokens. The background also answers a page
 * only about the site its URL names, which this page's URL does not.
 */
export const ADMIN_HUB_MATCHES = ['https://admin.atlassian.com/*'];

/** `/s/<cloudId>/apps…` and `/o/<orgId>/…/apps…` (the list and its sub-pages). */
const APP_LIST_PATH = /^\/(?:s|o)\/[^/]+\/(?:[^/]+\/)*(?:apps|connected-apps)(?:\/|$)/;

export function isAdminHubAppList(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' && url.hostname === 'admin.atlassian.com' && APP_LIST_PATH.test(url.pathname);
  } catch {
    return false;
  }
}

export const ADMIN_HUB_NOTE =
  'Token Lens: this is the admin hub’s app list. Its site cannot be read with certainty from this page, so no badges are drawn here. Open the site’s own Manage apps page (https://<site>.atlassian.net/plugins/servlet/upm) to see and switch tokens.';
