/**
 * Where the overlay runs (match patterns): the reference pages of a service on loopback (any port),
 * and the product's own Manage apps pages (PAGES.md §2).
 */
export const MANAGE_APPS_MATCHES = [
  'http://127.0.0.1/sites/*/plugins/servlet/upm*',
  'http://localhost/sites/*/plugins/servlet/upm*',
  'https://*.atlassian.net/plugins/servlet/upm*',
  'https://*.atlassian.net/wiki/plugins/servlet/upm*',
];
