import { describe, expect, it, vi } from 'vitest';
import type { RowActions } from '../../components/overlay/row-overlay';
import { ok } from '../../lib/domain/reply';
import type { SiteApp, SiteView } from '../../lib/domain/site-view';
import { paintBadge } from '../../lib/overlay/badge-dom';
import { BADGE_TAG, createRowMounts } from '../../lib/overlay/row-mounts';
import type { AppRow } from '../../lib/page/app-list-adapter';
import { appKey, siteHost } from '../support/identifiers';

// Every paint goes through, and is counted: a row not painted again had no work done for it.
vi.mock('../../lib/overlay/badge-dom', async (original) => {
  const actual = await original<typeof import('../../lib/overlay/badge-dom')>();
  return { ...actual, paintBadge: vi.fn(actual.paintBadge) };
});

const SITE = siteHost('acme-dev.atlassian.net');

const actions: RowActions = {
  setLicense: vi.fn(async () => ok(null)),
  applyToken: vi.fn(async () => ok(null)),
  createAndApply: vi.fn(async () => ok(null)),
  clearToken: vi.fn(async () => ok(null)),
  loadTokens: vi.fn(async () => ok({ appKey: 'x', tokens: [], active: 0, limit: 50, fetchedAt: '', problem: null })),
  tokenUrl: vi.fn(async () => ok({ url: 'https://x.example/' })),
  openApplyPage: vi.fn(async () => ok(null)),
};

function appRow(key: string, name: string): AppRow {
  const element = document.createElement('div');
  const anchor = document.createElement('h4');
  anchor.textContent = name;
  element.append(anchor);
  document.body.append(element);
  return { appKey: appKey(key), name, element, anchor };
}

describe('row mounts', () => {
  it('puts one badge on a row handed over twice', () => {
    document.body.innerHTML = '';
    const mounts = createRowMounts(document, SITE, actions);
    const row = appRow('com.acme.timesheets', 'Acme Timesheets');
    mounts.attach([row]);
    mounts.attach([row]);
    expect(row.element.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    mounts.detachAll();
  });

  it('adds no second badge to a row another Token Lens instance badged already', () => {
    document.body.innerHTML = '';
    const row = appRow('com.acme.timesheets', 'Acme Timesheets');
    // What an instance left behind by an extension reload has put there.
    row.anchor.after(document.createElement(BADGE_TAG));
    const mounts = createRowMounts(document, SITE, actions);
    mounts.attach([row]);
    expect(row.element.querySelectorAll(BADGE_TAG)).toHaveLength(1);
    mounts.detachAll();
  });

  it('removes its badge from a row it is told is gone, and everything on detachAll', () => {
    document.body.innerHTML = '';
    const mounts = createRowMounts(document, SITE, actions);
    const first = appRow('com.acme.timesheets', 'Acme Timesheets');
    const second = appRow('com.acme.reports', 'Acme Reports');
    mounts.attach([first, second]);
    mounts.detach([first.element]);
    expect(first.element.querySelector(BADGE_TAG)).toBeNull();
    expect(second.element.querySelector(BADGE_TAG)).not.toBeNull();
    mounts.detachAll();
    expect(document.querySelectorAll(BADGE_TAG)).toHaveLength(0);
  });
});

const T = '2026-11-01T09:00:00.000Z';
const siteApp = (key: string, name: string, state: SiteApp['license']['state'] = 'active-trial'): SiteApp => ({
  appKey: appKey(key),
  name,
  paymentModel: 'paid',
  installedAt: T,
  token: { id: `tok-${key}`, last4: 'AB12', appliedAt: T, status: 'active' },
  license: { state, changedAt: T },
  lic: state.startsWith('active') ? 'active' : 'none',
});
const viewOf = (apps: SiteApp[], problem: SiteView['problem'] = null): SiteView => ({
  host: SITE,
  apps,
  fetchedAt: T,
  problem,
});
const badgeOf = (row: AppRow) => row.element.querySelector(BADGE_TAG)?.shadowRoot?.querySelector('[role="group"]');

/** Records every change in each row's shadow root, by app key. */
function watchShadows(rows: AppRow[]) {
  const changed = new Map<string, number>();
  const observers = rows.map((row) => {
    const observer = new MutationObserver((records) =>
      changed.set(row.appKey, (changed.get(row.appKey) ?? 0) + records.length),
    );
    const shadow = row.element.querySelector(BADGE_TAG)?.shadowRoot;
    if (shadow) observer.observe(shadow, { subtree: true, childList: true, attributes: true, characterData: true });
    return observer;
  });
  return {
    /** The rows whose shadow root changed since the last call. */
    async changedRows(): Promise<string[]> {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const keys = [...changed.keys()].sort();
      changed.clear();
      return keys;
    },
    stop: () => {
      for (const observer of observers) observer.disconnect();
    },
  };
}

describe('row mounts, when views arrive', () => {
  const rowsOf = () => [
    appRow('com.acme.timesheets', 'Acme Timesheets'),
    appRow('com.acme.reports', 'Acme Reports'),
    appRow('com.acme.hello', 'Acme Hello'),
  ];
  const apps = () => [
    siteApp('com.acme.timesheets', 'Acme Timesheets'),
    siteApp('com.acme.reports', 'Acme Reports'),
    siteApp('com.acme.hello', 'Acme Hello'),
  ];

  it('paints every badge with its data at once, and gives the tooltips only once released', async () => {
    document.body.innerHTML = '';
    const mounts = createRowMounts(document, SITE, actions);
    mounts.show(viewOf(apps()));
    const rows = rowsOf();
    mounts.attach(rows);
    for (const row of rows) {
      const badge = badgeOf(row);
      expect(badge?.getAttribute('aria-label')).toBe(`Access token for ${row.name}`);
      expect(badge?.textContent).toBe('••AB12 activeActive trial');
      expect(badge?.hasAttribute('title')).toBe(false);
    }
    mounts.release();
    await vi.waitFor(() =>
      expect(badgeOf(rows[2] as AppRow)?.getAttribute('title')).toContain('Token tok-com.acme.hello'),
    );
    mounts.detachAll();
  });

  it('touches no row when a view brings nothing new, and only the row whose app changed when one does', async () => {
    document.body.innerHTML = '';
    const mounts = createRowMounts(document, SITE, actions);
    const rows = rowsOf();
    mounts.show(viewOf(apps()));
    mounts.attach(rows);
    const shadows = watchShadows(rows);
    const painted = vi.mocked(paintBadge);
    /** The rows painted since the last call, by the label of their badge. */
    const paintedRows = () => {
      const labels = painted.mock.calls.map(([badge]) => badge.element.getAttribute('aria-label'));
      painted.mockClear();
      return labels;
    };
    paintedRows();

    mounts.show(viewOf(apps()));
    expect(paintedRows()).toEqual([]);
    expect(await shadows.changedRows()).toEqual([]);

    const next = apps();
    next[1] = siteApp('com.acme.reports', 'Acme Reports', 'inactive-subscription');
    mounts.show(viewOf(next));
    expect(paintedRows()).toEqual(['Access token for Acme Reports']);
    expect(await shadows.changedRows()).toEqual(['com.acme.reports']);
    expect(badgeOf(rows[1] as AppRow)?.textContent).toContain('Inactive subscription');
    expect(badgeOf(rows[0] as AppRow)?.textContent).toContain('Active trial');
    shadows.stop();
    mounts.detachAll();
  });

  it('repaints every row when what every badge shows changes: the service could not be reached', async () => {
    document.body.innerHTML = '';
    const mounts = createRowMounts(document, SITE, actions);
    const rows = rowsOf();
    mounts.show(viewOf(apps()));
    mounts.attach(rows);
    const shadows = watchShadows(rows);
    mounts.show(viewOf(apps(), { code: 'service_unreachable', message: 'The service cannot be reached.' }));
    expect(await shadows.changedRows()).toEqual(['com.acme.hello', 'com.acme.reports', 'com.acme.timesheets']);
    for (const row of rows) expect(badgeOf(row)?.textContent).toContain('stale');
    shadows.stop();
    mounts.detachAll();
  });
});
