import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findUserInstalledList, readAppRows } from '../../lib/page/app-list-adapter';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8');

function load(name: string): void {
  document.body.innerHTML = fixture(name);
}

/** The rows as plain data, in page order. */
function rowsOf(root: ParentNode) {
  const list = findUserInstalledList(root);
  if (!list) throw new Error('the fixture has no user-installed list');
  return readAppRows(list);
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('the reference Manage apps page (as lib/service/pages/manage-apps-page.ts renders it)', () => {
  beforeEach(() => load('reference-manage-apps.html'));

  it('finds the user-installed list', () => {
    const list = findUserInstalledList(document);
    expect(list).toBeDefined();
    expect(list?.id).toBe('upm-manage-plugins-user-installed');
  });

  it('reads every user-installed row with its key and name, in page order', () => {
    expect(rowsOf(document).map(({ appKey, name }) => ({ appKey, name }))).toEqual([
      { appKey: 'com.acme.timesheets', name: 'Acme Timesheets' },
      { appKey: 'com.acme.reports', name: 'Acme Reports' },
      { appKey: 'com.acme.hello', name: 'Acme Hello' },
    ]);
  });

  it('leaves the system apps out', () => {
    const keys = rowsOf(document).map((row) => row.appKey);
    expect(document.querySelectorAll('#upm-manage-plugins-system div.upm-plugin')).toHaveLength(2);
    expect(keys).not.toContain('com.atlassian.upm.atlassian-universal-plugin-manager-plugin');
    expect(keys).not.toContain('com.atlassian.jira.jira-issue-nav-plugin');
  });

  it('gives the row element and the name heading as the badge anchor', () => {
    for (const row of rowsOf(document)) {
      expect(row.element.matches('div.upm-plugin')).toBe(true);
      expect(row.element.getAttribute('data-key')).toBe(row.appKey);
      expect(row.anchor.matches('h4.upm-plugin-name')).toBe(true);
      expect(row.element.contains(row.anchor)).toBe(true);
      expect(row.anchor.textContent).toBe(row.name);
    }
  });

  it('reads the list when given the page root as an element, not the document', () => {
    expect(rowsOf(document.body)).toHaveLength(3);
  });

  it('reads the same rows every time (nothing on the page is changed by reading)', () => {
    const before = document.body.innerHTML;
    const first = rowsOf(document);
    const second = rowsOf(document);
    expect(second.map((row) => row.element)).toEqual(first.map((row) => row.element));
    expect(document.body.innerHTML).toBe(before);
  });

  it('finds a row added later', () => {
    const list = findUserInstalledList(document);
    list?.insertAdjacentHTML(
      'beforeend',
      '<div class="upm-plugin" data-key="com.acme.late"><div class="upm-plugin-row"><h4 class="upm-plugin-name">Late App</h4></div></div>',
    );
    expect(rowsOf(document).map((row) => row.appKey)).toEqual([
      'com.acme.timesheets',
      'com.acme.reports',
      'com.acme.hello',
      'com.acme.late',
    ]);
  });
});

describe('an older UPM page that keeps the key in a hidden input', () => {
  beforeEach(() => load('upm-legacy-key-input.html'));

  it('reads the key from input.upm-plugin-key, trimmed, and the name trimmed', () => {
    expect(rowsOf(document).map(({ appKey, name }) => ({ appKey, name }))).toEqual([
      { appKey: 'com.example.legacy-timer', name: 'Legacy Timer' },
      { appKey: 'com.example.padded-key', name: 'Padded Key App' },
      { appKey: 'com.example.data-key-wins', name: 'Both Forms' },
    ]);
  });

  it('prefers data-key over the hidden input when a row has both', () => {
    const keys = rowsOf(document).map((row) => row.appKey);
    expect(keys).toContain('com.example.data-key-wins');
    expect(keys).not.toContain('com.example.hidden-input-loses');
  });

  it('skips rows whose key is invalid or missing, or whose name is missing or blank', () => {
    const unreadable = document.querySelectorAll('#upm-manage-plugins-user-installed [data-invalid-reason]');
    expect(unreadable).toHaveLength(5);
    const elements = rowsOf(document).map((row) => row.element);
    for (const element of unreadable) expect(elements).not.toContain(element);
    const names = rowsOf(document).map((row) => row.name);
    expect(names).not.toContain('Bad Key App');
    expect(names).not.toContain('Keyless App');
    expect(names).not.toContain('Short Key App');
  });

  it('leaves the system apps out', () => {
    expect(rowsOf(document).map((row) => row.appKey)).not.toContain(
      'com.atlassian.upm.atlassian-universal-plugin-manager-plugin',
    );
  });
});

describe('pages the adapter does not recognise', () => {
  it('answers undefined for a page with no user-installed list', () => {
    load('page-without-app-list.html');
    expect(findUserInstalledList(document)).toBeUndefined();
  });

  it('answers undefined for an empty page', () => {
    expect(findUserInstalledList(document)).toBeUndefined();
  });

  it('reads no rows from an empty list', () => {
    document.body.innerHTML =
      '<div id="upm-manage-plugins-user-installed"><p class="upm-empty">No apps installed on this site yet.</p></div>';
    expect(rowsOf(document)).toEqual([]);
  });

  it('does not throw on broken markup and keeps only what it can read with certainty', () => {
    expect(() => load('upm-broken-markup.html')).not.toThrow();
    const list = findUserInstalledList(document);
    expect(list).toBeDefined();
    let rows: ReturnType<typeof readAppRows> = [];
    expect(() => {
      rows = list ? readAppRows(list) : [];
    }).not.toThrow();
    const keys = rows.map((row) => row.appKey);
    expect(keys).toContain('com.example.survivor');
    // The row with an empty data-key and the row with an empty hidden input give no badge.
    for (const row of rows) {
      expect(row.appKey).toMatch(/^[a-z0-9][a-z0-9.-]{1,63}$/);
      expect(row.name.length).toBeGreaterThan(0);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });
});
