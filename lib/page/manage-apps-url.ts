import type { SiteHost } from '../domain/identifiers';
import { SiteHostSchema } from '../domain/mini-schemas';

export type ManageAppsPageKind = 'reference' | 'product';

export interface ManageAppsLocation {
  kind: ManageAppsPageKind;
  /** The site the page shows, e.g. acme-dev.atlassian.net. */
  host: SiteHost;
  /**
   * Where the site's own REST API lives, ending in `/`: `https://{host}/` (`…/wiki/` under
   * Confluence's path) on the product, `<service>/sites/{host}/` on the reference site, which
   * plays the site's origin there.
   */
  restBase: string;
}

/** `<service>/sites/{host}/plugins/servlet/upm…` — the reference page mirrors the product's path under /sites/{host}. */
const REFERENCE_PATH = /^\/sites\/([^/]+)\/plugins\/servlet\/upm(?:\/.*)?$/;
/** `https://<site>.atlassian.net/plugins/servlet/upm…`, and Confluence's `/wiki/plugins/servlet/upm…` (PAGES.md §2). */
const PRODUCT_PATH = /^(?:\/wiki)?\/plugins\/servlet\/upm(?:\/.*)?$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Which site a Manage apps page belongs to, from its URL alone; undefined for any other page. */
export function recognizeManageAppsUrl(href: string): ManageAppsLocation | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const reference = url.pathname.match(REFERENCE_PATH);
  if (reference && LOOPBACK_HOSTS.has(url.hostname) && url.protocol === 'http:') {
    const host = SiteHostSchema.safeParse(safeDecode(reference[1] ?? ''));
    return host.success
      ? { kind: 'reference', host: host.data, restBase: `${url.origin}/sites/${encodeURIComponent(host.data)}/` }
      : undefined;
  }
  if (url.protocol === 'https:' && url.hostname.endsWith('.atlassian.net') && PRODUCT_PATH.test(url.pathname)) {
    const host = SiteHostSchema.safeParse(url.hostname);
    const wiki = url.pathname.startsWith('/wiki/');
    return host.success
      ? { kind: 'product', host: host.data, restBase: `${url.origin}/${wiki ? 'wiki/' : ''}` }
      : undefined;
  }
  return undefined;
}

/** A malformed %-escape makes a URL unrecognised, never an exception. */
function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
