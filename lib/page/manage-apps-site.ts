import { hasSiteHostLabels, SITE_HOST_MAX_LENGTH } from '../domain/identifier-rules';

/** `<service>/sites/{host}/plugins/servlet/upm…` — the reference page mirrors the product's path under /sites/{host}. */
const REFERENCE_PATH = /^\/sites\/([^/]+)\/plugins\/servlet\/upm(?:\/.*)?$/;
/** `https://<site>.atlassian.net/plugins/servlet/upm…`, and Confluence's `/wiki/plugins/servlet/upm…` (PAGES.md §2). */
const PRODUCT_PATH = /^(?:\/wiki)?\/plugins\/servlet\/upm(?:\/.*)?$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const isSiteHost = (host: string | undefined): host is string =>
  host !== undefined && host.length <= SITE_HOST_MAX_LENGTH && hasSiteHostLabels(host);

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/**
 * The site a Manage apps page's URL names, by the same rules as `recognizeManageAppsUrl` but
 * without a schema library: for the script that runs while the page is still loading, which must
 * stay tiny. (test/unit/manage-apps-url.test.ts holds the two to the same answers.)
 */
export function manageAppsSiteOf(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const reference = url.pathname.match(REFERENCE_PATH);
  if (reference && LOOPBACK_HOSTS.has(url.hostname) && url.protocol === 'http:') {
    const host = safeDecode(reference[1] ?? '');
    return isSiteHost(host) ? host : undefined;
  }
  if (url.protocol === 'https:' && url.hostname.endsWith('.atlassian.net') && PRODUCT_PATH.test(url.pathname)) {
    return isSiteHost(url.hostname) ? url.hostname : undefined;
  }
  return undefined;
}
