import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/support/browser';
import { openReferencePage } from '../e2e/support/people';
import { OWNER } from '../e2e/support/service-process';
import type { LoadFloorSide } from './bench-browsers';
import {
  BADGE_COUNT_EXPRESSION,
  BADGE_STATE_EXPRESSION,
  LOAD_EXPRESSION,
  READY_EXPRESSION,
  SWITCH_RESULT_EXPRESSION,
  type SwitchArguments,
  switchExpression,
  TIMING_EXPRESSION,
} from './page-scripts';
import { appNameOf, PAGE_SIZES, siteOf } from './seed';
import { balancedOrder, median } from './stats';

const VIEWPORT = { width: 1100, height: 800 };
/** How long the overlay's work after its first paint takes at most (its idle-time questions wait a second at the latest). */
export const OVERLAY_SETTLES_MS = 1200;
/** A page of thousands of rows on a busy machine may take longer than Playwright's 30 s. */
const PAGE_TIMEOUT_MS = 180_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pageUrl = (serviceUrl: string, rows: number) => `${serviceUrl}/sites/${siteOf(rows)}/plugins/servlet/upm`;

/**
 * Polls an in-page expression until it is truthy. (Not `page.waitForFunction`: that compiles its
 * predicate inside the page, which the reference pages' Content-Security-Policy forbids.)
 */
async function waitForValue(
  page: Page,
  expression: string,
  what: string,
  timeoutMs = PAGE_TIMEOUT_MS,
): Promise<unknown> {
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
    const badge = await page.evaluate(BADGE_STATE_EXPRESSION).catch(() => 'unreadable');
    throw new Error(
      `expected ${rows} rows with painted badges, saw ${JSON.stringify(counts)}; a badge: ${String(badge)}`,
    );
  }
}

/** One warm load's milestones, in ms from navigation start (TIMING_EXPRESSION); null where not reached. */
export interface LoadTiming {
  responseEnd: number | null;
  domContentLoaded: number | null;
  loadStart: number | null;
  load: number | null;
  /** The overlay's marks: the snapshot handed over, the script injected, the overlay started, data in hand, badges rendered, the frame after. */
  handed: number | null;
  injected: number | null;
  start: number | null;
  /** When the overlay, waiting for the page's own load event (and what the page did right after), went on. */
  pageLoaded: number | null;
  data: number | null;
  painted: number | null;
  ready: number | null;
}

export interface ReadyFigure {
  rows: number;
  cold: number;
  warm: number[];
  /** Where each warm load's time went, in the same order as `warm`. */
  timings: LoadTiming[];
}

const readTiming = async (page: Page): Promise<LoadTiming> => {
  await waitForValue(page, LOAD_EXPRESSION, 'the end of the load event');
  return (await page.evaluate(TIMING_EXPRESSION)) as LoadTiming;
};

/** Figure 1: the overlay's ready time on warm reloads, per page size. */
export async function measureOverlayReady(
  browser: ExtensionBrowser,
  serviceUrl: string,
  reloads: number,
  sizes: readonly number[] = PAGE_SIZES,
): Promise<ReadyFigure[]> {
  const figures: ReadyFigure[] = [];
  for (const rows of sizes) {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    try {
      await openReferencePage(page, serviceUrl, siteOf(rows), OWNER);
      const cold = await readReady(page);
      await checkEveryBadgePainted(page, rows);
      await pause(300);
      const warm: number[] = [];
      const timings: LoadTiming[] = [];
      for (let run = 0; run < reloads; run++) {
        await page.reload({ waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
        warm.push(await readReady(page));
        timings.push(await readTiming(page));
        await pause(150);
      }
      await checkEveryBadgePainted(page, rows);
      figures.push({ rows, cold, warm, timings });
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
  /** Where each load's time went, in the same order as the figures above. */
  timingsWith: LoadTiming[];
  timingsWithout: LoadTiming[];
  /** The same loads in browsers with less and less of an extension: what each part costs (LoadFloorSide). */
  floors: { name: string; loads: number[] }[];
}

/**
 * Figure 2: the reference page's load event with and without the extension, and beside them the
 * same loads in each `floors` browser, interleaved: every round loads the page once on every side,
 * in an order that gives each side each position equally often (balancedOrder).
 */
export async function measureLoadOverhead(
  browser: ExtensionBrowser,
  /** launchLikeTheExtensionBrowser(): the same browser without the extension. */
  without: BrowserContext,
  serviceUrl: string,
  rows: number,
  rounds: number,
  floors: LoadFloorSide[] = [],
): Promise<LoadFigure> {
  const url = pageUrl(serviceUrl, rows);
  const extensionPage = await browser.context.newPage();
  const plainPage = await without.newPage();
  const floorPages = await Promise.all(floors.map((floor) => floor.context.newPage()));
  try {
    await openReferencePage(extensionPage, serviceUrl, siteOf(rows), OWNER);
    await readReady(extensionPage);
    for (const page of [plainPage, ...floorPages]) await openReferencePage(page, serviceUrl, siteOf(rows), OWNER);
    const figure: LoadFigure = {
      rows,
      withExtension: [],
      without: [],
      timingsWith: [],
      timingsWithout: [],
      floors: floors.map((floor) => ({ name: floor.name, loads: [] })),
    };
    const loadWith = async () => {
      await extensionPage.goto(url, { waitUntil: 'load' });
      figure.withExtension.push(await readLoad(extensionPage));
      await readReady(extensionPage);
      figure.timingsWith.push(await readTiming(extensionPage));
      // Left, so that its 2-second poll does not run under the other sides' loads (and, as every
      // side is, so that each load comes from a blank page).
      await extensionPage.goto('about:blank');
    };
    const loadWithout = async () => {
      await plainPage.goto(url, { waitUntil: 'load' });
      figure.without.push(await readLoad(plainPage));
      figure.timingsWithout.push(await readTiming(plainPage));
      await plainPage.goto('about:blank');
    };
    const loadFloors = floorPages.map((page, index) => async () => {
      await page.goto(url, { waitUntil: 'load' });
      figure.floors[index]?.loads.push(await readLoad(page));
      await page.goto('about:blank');
    });
    for (let round = 0; round < rounds; round++) {
      const sides = [loadWith, loadWithout, ...loadFloors];
      // Each side in each position, and after each other side, equally often (see balancedOrder).
      const order = balancedOrder(sides.length, round).map((index) => sides[index] as () => Promise<void>);
      for (const load of order) {
        await load();
        // Every side waits as long before the next load: long enough for what the overlay does
        // after its badges (the bar, the site's settings, the vendor's app list once the page is
        // idle, within a second) to be over.
        await pause(OVERLAY_SETTLES_MS);
      }
    }
    console.log(`  load event with extension: ${figure.withExtension.map((ms) => ms.toFixed(1)).join(' ')}`);
    console.log(`  load event without:        ${figure.without.map((ms) => ms.toFixed(1)).join(' ')}`);
    for (const floor of figure.floors)
      console.log(`  load event, ${floor.name}: ${floor.loads.map((ms) => ms.toFixed(1)).join(' ')}`);
    return figure;
  } finally {
    await Promise.all([extensionPage, plainPage, ...floorPages].map((page) => page.close()));
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

export interface ReferencePageFigure {
  rows: number;
  /** The page's HTML as served. */
  bytes: number;
  /** Elements in the page once loaded. */
  elements: number;
  /** `loadEventEnd` and `domContentLoadedEventEnd` of each load, in a browser with no extension. */
  loads: number[];
  domContentLoaded: number[];
}

/** The reference page itself, with no extension: its size per row and how long it takes to load. */
export async function measureReferencePage(
  plain: Browser,
  serviceUrl: string,
  sizes: readonly number[],
  loads: number,
): Promise<ReferencePageFigure[]> {
  const context = await plain.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const figures: ReferencePageFigure[] = [];
  try {
    for (const rows of sizes) {
      await openReferencePage(page, serviceUrl, siteOf(rows), OWNER);
      const response = await page.goto(pageUrl(serviceUrl, rows), { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
      const bytes = (await response?.body())?.length ?? 0;
      const elements = Number(await page.evaluate(`document.getElementsByTagName('*').length`));
      const figure: ReferencePageFigure = { rows, bytes, elements, loads: [], domContentLoaded: [] };
      for (let run = 0; run < loads; run++) {
        await page.reload({ waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
        figure.loads.push(await readLoad(page));
        figure.domContentLoaded.push(
          Number(await page.evaluate(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`)),
        );
        await pause(100);
      }
      figures.push(figure);
    }
    return figures;
  } finally {
    await context.close();
  }
}

/**
 * What the overlay's ready time cannot go below, each part timed alone: a message round trip to
 * the background (one it refuses at once), the background's answer to `site.view` (its
 * IndexedDB read and checks included) asked from an extension page, one IndexedDB read of the
 * site's record inside the worker, and attaching one shadow root per row (with the overlay's
 * stylesheet adopted and a badge-sized text in each) on a page with no extension, until the next
 * frame — with the style and layout that frame then needs timed apart.
 */
export interface FloorFigure {
  rows: number;
  /** Median ms of a refused message round trip (extension page → background → back). */
  roundTrip: number;
  /** Median ms of `site.view` from an extension page: round trip, IndexedDB read, checks. */
  siteView: number;
  /** Median ms of one IndexedDB `get` of the site's record in the worker, alone. */
  idbRead: number;
  /** Attaching one shadow root per row: the script's own time, until the next frame, and the style and layout after. */
  shadowScript: number;
  shadowToFrame: number;
  shadowLayout: number;
}

const SHADOW_FLOOR_FUNCTION = `async ({ css }) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const started = performance.now();
  for (const name of document.querySelectorAll('#upm-manage-plugins-user-installed h4.upm-plugin-name')) {
    const host = document.createElement('token-lens-floor');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [sheet];
    const badge = document.createElement('span');
    badge.className = 'tl-badge';
    badge.textContent = '••abcd active Active subscription';
    shadow.append(badge);
    name.after(host);
  }
  const script = performance.now() - started;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const toFrame = performance.now() - started;
  const layoutStarted = performance.now();
  void document.body.offsetHeight;
  return { script, toFrame, layout: performance.now() - layoutStarted };
}`;

export async function measureFloors(
  browser: ExtensionBrowser,
  plain: Browser,
  serviceUrl: string,
  sizes: readonly number[],
  repeats = 15,
): Promise<FloorFigure[]> {
  const css = readFileSync(new URL('../../components/overlay/overlay.css', import.meta.url), 'utf8');
  const extensionPage = await browser.context.newPage();
  const plainContext = await plain.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  const plainPage = await plainContext.newPage();
  plainPage.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const worker = browser.context.serviceWorkers()[0];
  if (!worker) throw new Error('the extension’s worker is not running');
  const figures: FloorFigure[] = [];
  try {
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await pause(500);
    const timeMessages = async (message: unknown): Promise<number> => {
      const samples = (await extensionPage.evaluate(
        `(async (message, repeats) => {
          const samples = [];
          for (let i = 0; i < repeats; i++) {
            const started = performance.now();
            await chrome.runtime.sendMessage(message);
            samples.push(performance.now() - started);
          }
          return samples;
        })(${JSON.stringify(message)}, ${repeats})`,
      )) as number[];
      return median(samples);
    };
    for (const rows of sizes) {
      const host = siteOf(rows);
      const roundTrip = await timeMessages({ type: 'token-lens.no-such-request' });
      const siteView = await timeMessages({ type: 'site.view', host });
      const idbSamples = (await worker.evaluate(
        `(async (host, repeats) => {
          const db = await new Promise((resolve, reject) => {
            const open = indexedDB.open('token-lens-cache');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const samples = [];
          for (let i = 0; i < repeats; i++) {
            const started = performance.now();
            await new Promise((resolve, reject) => {
              const get = db.transaction('sites').objectStore('sites').get(host);
              get.onsuccess = () => resolve(get.result);
              get.onerror = () => reject(get.error);
            });
            samples.push(performance.now() - started);
          }
          db.close();
          return samples;
        })(${JSON.stringify(host)}, ${repeats})`,
      )) as number[];
      const shadow: { script: number; toFrame: number; layout: number }[] = [];
      for (let run = 0; run < 5; run++) {
        await openReferencePage(plainPage, serviceUrl, host, OWNER);
        await plainPage.reload({ waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
        await pause(100);
        shadow.push(
          (await plainPage.evaluate(`(${SHADOW_FLOOR_FUNCTION})(${JSON.stringify({ css })})`)) as (typeof shadow)[0],
        );
      }
      figures.push({
        rows,
        roundTrip,
        siteView,
        idbRead: median(idbSamples),
        shadowScript: median(shadow.map((s) => s.script)),
        shadowToFrame: median(shadow.map((s) => s.toFrame)),
        shadowLayout: median(shadow.map((s) => s.layout)),
      });
    }
    return figures;
  } finally {
    await extensionPage.close();
    await plainContext.close();
  }
}
