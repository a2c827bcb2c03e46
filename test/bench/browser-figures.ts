import type { Browser, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/support/browser';
import { openReferencePage } from '../e2e/support/people';
import { OWNER } from '../e2e/support/service-process';
import {
  BADGE_COUNT_EXPRESSION,
  BADGE_STATE_EXPRESSION,
  LOAD_EXPRESSION,
  READY_EXPRESSION,
  SWITCH_RESULT_EXPRESSION,
  type SwitchArguments,
  switchExpression,
} from './page-scripts';
import { appNameOf, PAGE_SIZES, siteOf } from './seed';

const VIEWPORT = { width: 1100, height: 800 };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pageUrl = (serviceUrl: string, rows: number) => `${serviceUrl}/sites/${siteOf(rows)}/plugins/servlet/upm`;

/**
 * Polls an in-page expression until it is truthy. (Not `page.waitForFunction`: that compiles its
 * predicate inside the page, which the reference pages' Content-Security-Policy forbids.)
 */
async function waitForValue(page: Page, expression: string, what: string, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value: unknown = await page.evaluate(expression);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} on ${page.url()}`);
    await pause(20);
  }
}

/** Waits for the overlay's ready mark of the page now loaded and returns it in milliseconds. */
const readReady = async (page: Page): Promise<number> =>
  Number(await waitForValue(page, READY_EXPRESSION, 'the overlay’s ready mark'));

const readLoad = async (page: Page): Promise<number> =>
  Number(await waitForValue(page, LOAD_EXPRESSION, 'the end of the load event'));

/** Refuses to report a figure for a page whose badges did not all get painted with data. */
async function checkEveryBadgePainted(page: Page, rows: number): Promise<void> {
  const counts = (await page.evaluate(BADGE_COUNT_EXPRESSION)) as { rows: number; badges: number; painted: number };
  if (counts.rows !== rows || counts.badges !== rows || counts.painted !== rows) {
    throw new Error(`expected ${rows} rows with painted badges, saw ${JSON.stringify(counts)}`);
  }
}

export interface ReadyFigure {
  rows: number;
  cold: number;
  warm: number[];
}

/** Figure 1: the overlay's ready time on warm reloads, per page size. */
export async function measureOverlayReady(
  browser: ExtensionBrowser,
  serviceUrl: string,
  reloads: number,
): Promise<ReadyFigure[]> {
  const figures: ReadyFigure[] = [];
  for (const rows of PAGE_SIZES) {
    const page = await browser.context.newPage();
    try {
      await openReferencePage(page, serviceUrl, siteOf(rows), OWNER);
      const cold = await readReady(page);
      await checkEveryBadgePainted(page, rows);
      await pause(300);
      const warm: number[] = [];
      for (let run = 0; run < reloads; run++) {
        await page.reload({ waitUntil: 'load' });
        warm.push(await readReady(page));
        await pause(150);
      }
      await checkEveryBadgePainted(page, rows);
      figures.push({ rows, cold, warm });
      console.log(`  overlay ready, ${rows} rows: cold ${cold} ms, warm ${warm.join(' ')}`);
    } finally {
      await page.close();
    }
  }
  return figures;
}

export interface LoadFigure {
  rows: number;
  withExtension: number[];
  without: number[];
}

/**
 * Figure 2: the reference page's load event with and without the extension, interleaved
 * (the order alternates every round so neither side always goes first).
 */
export async function measureLoadOverhead(
  browser: ExtensionBrowser,
  plain: Browser,
  serviceUrl: string,
  rows: number,
  rounds: number,
): Promise<LoadFigure> {
  const url = pageUrl(serviceUrl, rows);
  const extensionPage = await browser.context.newPage();
  const plainContext = await plain.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  const plainPage = await plainContext.newPage();
  try {
    await openReferencePage(extensionPage, serviceUrl, siteOf(rows), OWNER);
    await readReady(extensionPage);
    await openReferencePage(plainPage, serviceUrl, siteOf(rows), OWNER);
    const figure: LoadFigure = { rows, withExtension: [], without: [] };
    const loadWith = async () => {
      await extensionPage.goto(url, { waitUntil: 'load' });
      figure.withExtension.push(await readLoad(extensionPage));
      await readReady(extensionPage); // let the overlay finish before the other side loads
    };
    const loadWithout = async () => {
      await plainPage.goto(url, { waitUntil: 'load' });
      figure.without.push(await readLoad(plainPage));
    };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [loadWith, loadWithout] : [loadWithout, loadWith];
      for (const load of order) {
        await load();
        await pause(150);
      }
    }
    console.log(`  load event with extension: ${figure.withExtension.map((ms) => ms.toFixed(1)).join(' ')}`);
    console.log(`  load event without:        ${figure.without.map((ms) => ms.toFixed(1)).join(' ')}`);
    return figure;
  } finally {
    await extensionPage.close();
    await plainContext.close();
  }
}

export interface SwitchFigure {
  appName: string;
  states: [string, string];
  samples: number[];
}

/** Figure 3: license switch click → badge shows the new state, timed inside the page. */
export async function measureLicenseSwitch(
  browser: ExtensionBrowser,
  serviceUrl: string,
  rows: number,
  switches: number,
  warmup: number,
): Promise<SwitchFigure> {
  const states: [string, string] = ['Active trial', 'Inactive trial'];
  const appName = appNameOf(1);
  const page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`  [page] ${message.text()}`);
  });
  try {
    await openReferencePage(page, serviceUrl, siteOf(rows), OWNER);
    await readReady(page);
    const samples: number[] = [];
    for (let index = 0; index < warmup + switches; index++) {
      const args: SwitchArguments = { appName, label: states[index % 2] ?? states[0], timeoutMs: 15_000 };
      const elapsed = Number(
        await (async () => {
          await page.evaluate(switchExpression(args));
          await page
            .getByRole('radiogroup', { name: `License state for ${appName}` })
            .getByRole('radio', { name: args.label, exact: true })
            .click();
          return page.evaluate(SWITCH_RESULT_EXPRESSION);
        })().catch(async (error: unknown) => {
          const badge = await page.evaluate(BADGE_STATE_EXPRESSION).catch(() => 'unreadable');
          throw new Error(`switch ${index} to ${args.label} failed; badge now: ${String(badge)}`, { cause: error });
        }),
      );
      if (index >= warmup) samples.push(elapsed);
      await pause(100);
    }
    console.log(`  license switch: ${samples.map((ms) => ms.toFixed(1)).join(' ')}`);
    return { appName, states, samples };
  } finally {
    await page.close();
  }
}
