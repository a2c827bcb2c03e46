import { describe, expect, it, vi } from 'vitest';
import type { RowActions } from '../../components/overlay/row-overlay';
import { ok } from '../../lib/domain/reply';
import { BADGE_TAG, createRowMounts } from '../../lib/overlay/row-mounts';
import type { AppRow } from '../../lib/page/app-list-adapter';
import { appKey, siteHost } from '../support/identifiers';

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
