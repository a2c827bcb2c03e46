import { type AppKey, AppKeySchema } from '../domain/identifiers';
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

function keyOf(row: Element): AppKey | undefined {
  const candidate = row.getAttribute('data-key') || row.querySelector<HTMLInputElement>(UPM.legacyKeyInput)?.value;
  const key = AppKeySchema.safeParse(candidate?.trim());
  return key.success ? key.data : undefined;
}

/** The list of user-installed apps on this page, or undefined when the page has none we recognise. */
export function findUserInstalledList(root: ParentNode): Element | undefined {
  return root.querySelector(UPM.userInstalledList) ?? undefined;
}

/**
 * Reads the user-installed app rows. Rows whose key or name cannot be read with certainty are
 * left out: no badge is better than a badge on the wrong app.
 */
export function readAppRows(list: ParentNode): AppRow[] {
  const rows: AppRow[] = [];
  for (const element of list.querySelectorAll(UPM.row)) {
    const appKey = keyOf(element);
    const nameElement = element.querySelector(UPM.name);
    const name = nameElement?.textContent?.trim();
    if (!appKey || !nameElement || !name) continue;
    rows.push({ appKey, name, element, anchor: nameElement });
  }
  return rows;
}
