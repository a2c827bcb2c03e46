import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureRefreshAlarm, onRefreshAlarm, REFRESH_ALARM, watchedSites } from '../../lib/background/refresh-alarm';
import { FRESHNESS } from '../../lib/domain/freshness';

const SITE_A = 'acme-dev.atlassian.net';
const SITE_B = 'acme-staging.atlassian.net';
const REFERENCE_PAGE_A = `http://127.0.0.1:4747/sites/${SITE_A}/plugins/servlet/upm`;
const SERVICE = 'http://127.0.0.1:4747';
const PRODUCT_PAGE_A = `https://${SITE_A}/plugins/servlet/upm`;
const PRODUCT_PAGE_B = `https://${SITE_B}/wiki/plugins/servlet/upm/manage/user-installed`;

async function openTabs(...urls: string[]): Promise<void> {
  for (const url of urls) await fakeBrowser.tabs.create({ url });
}

describe('ensureRefreshAlarm', () => {
  it('creates the refresh alarm with the period FRESHNESS names', async () => {
    await ensureRefreshAlarm();
    const alarm = await fakeBrowser.alarms.get(REFRESH_ALARM);
    expect(alarm).toMatchObject({ name: REFRESH_ALARM, periodInMinutes: FRESHNESS.refreshAlarmMinutes });
  });

  it('creates it only once: a running alarm keeps its schedule', async () => {
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    await ensureRefreshAlarm();
    await ensureRefreshAlarm();
    await ensureRefreshAlarm();
    expect(create).toHaveBeenCalledTimes(1);
    await expect(fakeBrowser.alarms.getAll()).resolves.toHaveLength(1);
    create.mockRestore();
  });
});

describe('watchedSites', () => {
  it('answers the distinct sites of open Manage apps tabs, reference and product pages alike', async () => {
    await openTabs(REFERENCE_PAGE_A, PRODUCT_PAGE_A, `${PRODUCT_PAGE_A}/manage`, PRODUCT_PAGE_B);
    const hosts = await watchedSites(SERVICE);
    expect([...hosts].sort()).toEqual([SITE_A, SITE_B]);
  });

  it('ignores a look-alike reference page on another local origin, as the overlay does', async () => {
    await openTabs(
      `http://127.0.0.1:9999/sites/${SITE_A}/plugins/servlet/upm`,
      `http://localhost:4747/sites/${SITE_B}/plugins/servlet/upm`,
    );
    await expect(watchedSites(SERVICE)).resolves.toEqual([]);
  });

  it('ignores tabs that are not Manage apps pages', async () => {
    await openTabs(
      'https://example.com/',
      `https://${SITE_A}/jira/your-work`,
      // A reference-style path served from a non-loopback host is not a reference page.
      `http://tokens.acme.example/sites/${SITE_B}/plugins/servlet/upm`,
      // Product pages are https only.
      `http://${SITE_B}/plugins/servlet/upm`,
      'about:blank',
    );
    await expect(watchedSites(SERVICE)).resolves.toEqual([]);
  });
});

describe('onRefreshAlarm', () => {
  it('revalidates each watched site once and keeps the alarm', async () => {
    await ensureRefreshAlarm();
    await openTabs(REFERENCE_PAGE_A, PRODUCT_PAGE_A, PRODUCT_PAGE_B, 'https://example.com/');
    const revalidate = vi.fn(async (_host: string) => undefined);

    await onRefreshAlarm(revalidate, SERVICE);

    expect(revalidate).toHaveBeenCalledTimes(2);
    expect(revalidate.mock.calls.map(([host]) => host).sort()).toEqual([SITE_A, SITE_B]);
    await expect(fakeBrowser.alarms.get(REFRESH_ALARM)).resolves.toBeDefined();
  });

  it('clears the alarm, revalidating nothing, when no Manage apps tab is open', async () => {
    await ensureRefreshAlarm();
    await openTabs('https://example.com/');
    const revalidate = vi.fn(async (_host: string) => undefined);

    await onRefreshAlarm(revalidate, SERVICE);

    expect(revalidate).not.toHaveBeenCalled();
    await expect(fakeBrowser.alarms.get(REFRESH_ALARM)).resolves.toBeUndefined();
  });
});
