import { describe, expect, it } from 'vitest';
import { isAdminHubAppList } from '../../lib/page/admin-hub';

describe('isAdminHubAppList', () => {
  it.each([
    'https://admin.atlassian.com/s/0a1b2c3d-cloud/apps',
    'https://admin.atlassian.com/s/0a1b2c3d-cloud/apps/connected-apps',
    'https://admin.atlassian.com/o/org-123/connected-apps',
    'https://admin.atlassian.com/o/org-123/products/jira/apps?filter=all',
  ])('recognises the app list at %s', (href) => {
    expect(isAdminHubAppList(href)).toBe(true);
  });

  it.each([
    'https://admin.atlassian.com/',
    'https://admin.atlassian.com/o/org-123/users',
    'https://admin.atlassian.com/s/0a1b2c3d/appsettings',
    'http://admin.atlassian.com/s/x/apps',
    'https://admin.atlassian.com.evil.example/s/x/apps',
    'https://acme.atlassian.net/s/x/apps',
    'not a url',
  ])('does not take %s for it', (href) => {
    expect(isAdminHubAppList(href)).toBe(false);
  });
});
