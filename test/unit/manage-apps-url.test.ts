import { describe, expect, it } from 'vitest';
import { recognizeManageAppsUrl } from '../../lib/page/manage-apps-url';

const REFERENCE_PAGES: [string, string][] = [
  ['http://127.0.0.1:4747/sites/acme-dev.atlassian.net/plugins/servlet/upm', 'acme-dev.atlassian.net'],
  ['http://127.0.0.1:51234/sites/acme-dev.atlassian.net/plugins/servlet/upm', 'acme-dev.atlassian.net'],
  ['http://127.0.0.1/sites/acme-dev.atlassian.net/plugins/servlet/upm', 'acme-dev.atlassian.net'],
  ['http://localhost:4747/sites/acme-staging.atlassian.net/plugins/servlet/upm', 'acme-staging.atlassian.net'],
  [
    'http://localhost:3000/sites/acme-dev.atlassian.net/plugins/servlet/upm/manage/user-installed',
    'acme-dev.atlassian.net',
  ],
  ['http://[::1]:4747/sites/acme-dev.atlassian.net/plugins/servlet/upm', 'acme-dev.atlassian.net'],
  [
    'http://127.0.0.1:4747/sites/acme-dev.atlassian.net/plugins/servlet/upm?source=side_nav#row',
    'acme-dev.atlassian.net',
  ],
  ['http://127.0.0.1:4747/sites/test.example/plugins/servlet/upm', 'test.example'],
];

const PRODUCT_PAGES: [string, string][] = [
  ['https://acme.atlassian.net/plugins/servlet/upm', 'acme.atlassian.net'],
  ['https://acme.atlassian.net/wiki/plugins/servlet/upm', 'acme.atlassian.net'],
  ['https://acme.atlassian.net/plugins/servlet/upm/manage/user-installed', 'acme.atlassian.net'],
  ['https://acme.atlassian.net/wiki/plugins/servlet/upm/manage/all', 'acme.atlassian.net'],
  ['https://acme-dev.atlassian.net/plugins/servlet/upm?source=side_nav_manage_addons', 'acme-dev.atlassian.net'],
  ['https://ACME.atlassian.net/plugins/servlet/upm', 'acme.atlassian.net'],
];

const OTHER_PAGES: [string, string][] = [
  ['another product page', 'https://acme.atlassian.net/jira/your-work'],
  ['a path that only starts like UPM', 'https://acme.atlassian.net/plugins/servlet/upmx'],
  ['UPM under another prefix', 'https://acme.atlassian.net/foo/plugins/servlet/upm'],
  ['the reference site list', 'http://127.0.0.1:4747/'],
  ['a reference page of another kind', 'http://127.0.0.1:4747/sites/acme-dev.atlassian.net'],
  ['http on atlassian.net', 'http://acme.atlassian.net/plugins/servlet/upm'],
  ['a look-alike host', 'https://acme.atlassian.net.evil.example/plugins/servlet/upm'],
  ['a host ending in atlassian.net without the dot', 'https://evilatlassian.net/plugins/servlet/upm'],
  ['atlassian.net itself', 'https://atlassian.net/plugins/servlet/upm'],
  ['the reference path on a non-loopback host', 'http://example.com/sites/acme-dev.atlassian.net/plugins/servlet/upm'],
  [
    'the reference path over https on a non-loopback host',
    'https://example.com/sites/acme.atlassian.net/plugins/servlet/upm',
  ],
  ['the reference path over https on loopback', 'https://127.0.0.1:4747/sites/acme.atlassian.net/plugins/servlet/upm'],
  [
    'the reference path on another loopback address',
    'http://127.0.0.2:4747/sites/acme.atlassian.net/plugins/servlet/upm',
  ],
  ['a reference page whose site is one label', 'http://127.0.0.1:4747/sites/localhost/plugins/servlet/upm'],
  ['a reference page whose site has upper case', 'http://127.0.0.1:4747/sites/ACME.atlassian.net/plugins/servlet/upm'],
  [
    'a reference page whose site has a bad label',
    'http://127.0.0.1:4747/sites/-acme.atlassian.net/plugins/servlet/upm',
  ],
  [
    'a reference page whose site has a slash encoded',
    'http://127.0.0.1:4747/sites/acme%2Fevil.example/plugins/servlet/upm',
  ],
  ['a reference page with an empty site', 'http://127.0.0.1:4747/sites//plugins/servlet/upm'],
  ['a file URL', 'file:///sites/acme.atlassian.net/plugins/servlet/upm'],
  ['an extension page', 'chrome-extension://abcdefghijklmnop/options.html'],
  ['not a URL', 'not a url'],
  ['an empty string', ''],
];

describe('recognizeManageAppsUrl', () => {
  it.each(REFERENCE_PAGES)('%s is the reference page of %s', (href, host) => {
    expect(recognizeManageAppsUrl(href)).toMatchObject({ kind: 'reference', host });
  });

  it.each([
    [
      'the reference site: under /sites/{host} on the service’s origin',
      'http://127.0.0.1:4747/sites/acme-dev.atlassian.net/plugins/servlet/upm#row',
      'http://127.0.0.1:4747/sites/acme-dev.atlassian.net/',
    ],
    ['a Jira site', 'https://acme.atlassian.net/plugins/servlet/upm?x=1', 'https://acme.atlassian.net/'],
    [
      'Confluence’s path',
      'https://acme.atlassian.net/wiki/plugins/servlet/upm/manage/all',
      'https://acme.atlassian.net/wiki/',
    ],
  ])('finds the site’s own REST API for %s', (_case, href, restBase) => {
    expect(recognizeManageAppsUrl(href)?.restBase).toBe(restBase);
  });

  it.each(PRODUCT_PAGES)('%s is the product page of %s', (href, host) => {
    expect(recognizeManageAppsUrl(href)).toMatchObject({ kind: 'product', host });
  });

  it.each(OTHER_PAGES)('%s is not a Manage apps page', (_case, href) => {
    expect(recognizeManageAppsUrl(href)).toBeUndefined();
  });

  it('does not throw on a malformed percent-escape in the site', () => {
    expect(() => recognizeManageAppsUrl('http://127.0.0.1:4747/sites/%E0%A4%A/plugins/servlet/upm')).not.toThrow();
    expect(recognizeManageAppsUrl('http://127.0.0.1:4747/sites/%E0%A4%A/plugins/servlet/upm')).toBeUndefined();
  });
});
