import { APP_KEY_PATTERN } from '../domain/identifier-rules';
import type { AppKey } from '../domain/identifiers';
import type { RowReader } from './observe-rows';
import { UPM } from './upm-selectors';

/** What the overlay needs of one app row, and nothing more of the host page. */
export interface AppRow {
  appKey: AppKey;
  name: string;
  /** The row element (`div.upm-plugin`). */
  element: Element;
  /** Where the badge goes: right after the app's name in the row header. */
  anchor: Element;
}

/** AppKeySchema's own rule, checked without a schema per row: a page may list thousands. */
const isAppKey = (candidate: string | undefined): candidate is AppKey =>
  candidate !== undefined && APP_KEY_PATTERN.test(candidate);

function keyOf(row: Element): AppKey | undefined {
  const candidate = row.getAttribute('data-key') || row.querySelector<HTMLInputElement>(UPM.legacyKeyInput)?.value;
  const key = candidate?.trim();
  return isAppKey(key) ? key : undefined;
}

/** The list of user-installed apps on this page, or undefined when the page has none we recognise. */
export function findUserInstalledList(root: ParentNode): Element | undefined {
  return root.querySelector(UPM.userInstalledList) ?? undefined;
}

function readRow(element: Element): AppRow | undefined {
  const appKey = keyOf(element);
  const nameElement = element.querySelector(UPM.name);
  const name = nameElement?.textContent?.trim();
  return appKey && nameElement && name ? { appKey, name, element, anchor: nameElement } : undefined;
}

/**
 * Reads the user-installed app rows. Rows whose key or name cannot be read with certainty are
 * left out: no badge is better than a badge on the wrong app.
 */
export function readAppRows(list: ParentNode): AppRow[] {
  const rows: AppRow[] = [];
  for (const element of list.querySelectorAll(UPM.row)) {
    const row = readRow(element);
    if (row) rows.push(row);
  }
  return rows;
}

/** The app rows at or below an element, and the row an element is part of: what observeRows needs to look only at what changed. */
export const APP_ROWS: RowReader<AppRow> = {
  rowsIn(root) {
    const own = root.matches(UPM.row) ? readRow(root) : undefined;
    return own ? [own] : readAppRows(root);
  },
  rowOf: (node) => node.closest(UPM.row),
};
