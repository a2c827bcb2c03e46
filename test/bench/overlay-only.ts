import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { CHROME_EXTENSION_DIR, type ExtensionBrowser, launchPlainChromium, QUIET_FLAGS } from '../e2e/support/browser';
import { signInThroughOptions } from '../e2e/support/people';
import { OWNER, type ServiceProcess, startServiceProcess } from '../e2e/support/service-process';
import {
  closeWelcomeTab,
  launchEmptyExtension,
  launchLikeTheExtensionBrowser,
  launchWithEmptyContentScripts,
} from './bench-browsers';
import {
  type LoadFigure,
  type LoadTiming,
  measureFloors,
  measureLoadOverhead,
  measureOverlayReady,
  measureReferencePage,
  type ReadyFigure,
} from './browser-figures';
import { LARGE_PAGE_ROWS, PAGE_SIZES, seedBenchData, seedLargeOverlaySite } from './seed';
import { median, overheadPercent } from './stats';

/**
 * The overlay-ready and page-load-overhead figures alone, without the rest of `npm run bench`
 * and without building: for iterating on the overlay's speed (`npm run build` first).
 * `npx tsx test/bench/overlay-only.ts [--reloads N] [--rounds N] [--sizes 10,100,1000,5000] [--parts page,floors,ready,load]`.
 * It copies the last build first, so that another build meanwhile does not change what it measures.
 */
function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

/** As launchChromiumWithExtension, from a copy of the build. */
async function launchWithExtension(dir: string): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    colorScheme: 'light',
    viewport: { width: 1100, height: 800 },
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...QUIET_FLAGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return { context, extensionId: new URL(worker.url()).host, close: () => context.close() };
}

const ms = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(1));
const med = (values: (number | null)[]) => median(values.filter((value): value is number => value !== null));

function printReady(figures: ReadyFigure[]): void {
  console.log(
    '\nrows | ready median (min–max) | waiting for the page | overlay: check data · render · to the frame | page: HTML · DOMContentLoaded · load | injected · start',
  );
  for (const figure of figures) {
    const t = figure.timings;
    const span = (from: keyof LoadTiming, to: keyof LoadTiming) =>
      med(t.map((x) => (x[from] !== null && x[to] !== null ? (x[to] as number) - (x[from] as number) : null)));
    console.log(
      `${figure.rows} | ${ms(median(figure.warm))} (${ms(Math.min(...figure.warm))}–${ms(Math.max(...figure.warm))}) | ` +
        `${ms(span('start', 'pageLoaded'))} | ${ms(span('pageLoaded', 'data'))} · ${ms(span('data', 'painted'))} · ${ms(span('painted', 'ready'))} | ` +
        `${ms(med(t.map((x) => x.responseEnd)))} · ${ms(med(t.map((x) => x.domContentLoaded)))} · ${ms(med(t.map((x) => x.load)))} | ` +
        `${ms(med(t.map((x) => x.injected)))} · ${ms(med(t.map((x) => x.start)))}${t.some((x) => x.handed !== null) ? ` (snapshot handed over at ${ms(med(t.map((x) => x.handed)))})` : ''}`,
    );
  }
}

function printLoad(load: LoadFigure): void {
  const without = median(load.without);
  const overhead = overheadPercent(load.withExtension, load.without);
  console.log(
    `\nload overhead at ${load.rows} rows: with ${ms(median(load.withExtension))} ms, without ${ms(without)} ms → ${overhead.medians.toFixed(1)} % (paired by round ${overhead.paired.toFixed(1)} %, 90 % interval ${overhead.pairedLow.toFixed(1)} to ${overhead.pairedHigh.toFixed(1)} %)`,
  );
  for (const floor of load.floors) {
    const over = overheadPercent(floor.loads, load.without);
    console.log(
      `  floor, ${floor.name}: ${ms(median(floor.loads))} ms → ${over.medians.toFixed(1)} % over without (paired ${over.paired.toFixed(1)} %, ${over.pairedLow.toFixed(1)} to ${over.pairedHigh.toFixed(1)} %)`,
    );
  }
  for (const [side, timings] of [
    ['with', load.timingsWith],
    ['without', load.timingsWithout],
  ] as const) {
    const of = (name: keyof LoadTiming) => ms(med(timings.map((timing) => timing[name])));
    console.log(
      `  ${side}: HTML ${of('responseEnd')} · DOMContentLoaded ${of('domContentLoaded')} · load event ${of('loadStart')}–${of('load')} · injected ${of('injected')} · overlay start ${of('start')} · data ${of('data')} · painted ${of('painted')} · ready ${of('ready')}`,
    );
  }
}

async function main(): Promise<void> {
  const reloads = Number(option('reloads', '10'));
  const rounds = Number(option('rounds', '20'));
  const sizes = option('sizes', [...PAGE_SIZES, LARGE_PAGE_ROWS].join(','))
    .split(',')
    .map(Number);
  const parts = new Set(option('parts', 'page,floors,ready,load').split(','));
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-overlay-bench-'));
  const build = join(dir, 'chrome-mv3');
  cpSync(CHROME_EXTENSION_DIR, build, { recursive: true });
  const dbPath = join(dir, 'service.sqlite');
  seedBenchData(dbPath);
  if (sizes.includes(LARGE_PAGE_ROWS)) seedLargeOverlaySite(dbPath);
  let service: ServiceProcess | undefined;
  let extension: ExtensionBrowser | undefined;
  let plain: Browser | undefined;
  try {
    service = await startServiceProcess({ dbPath, seedDemo: false, extraArgs: ['--rate-limit', '1000000000'] });
    console.log(`service on ${service.url}`);
    extension = await launchWithExtension(build);
    await closeWelcomeTab(extension.context);
    await (await signInThroughOptions(extension.context, extension.extensionId, service.url, OWNER)).close();
    plain = await launchPlainChromium();

    const pages = parts.has('page') ? await measureReferencePage(plain, service.url, sizes, 5) : [];
    for (const page of pages) {
      console.log(
        `  ${page.rows} rows: ${(page.bytes / 1024).toFixed(0)} KB (${(page.bytes / page.rows).toFixed(0)} B/row), ${page.elements} elements, load ${ms(median(page.loads))} ms, DOMContentLoaded ${ms(median(page.domContentLoaded))} ms`,
      );
    }
    if (parts.has('floors')) {
      console.log('floors (ms; shadow roots on a page with no extension):');
      for (const floor of await measureFloors(extension, plain, service.url, sizes)) {
        console.log(
          `  ${floor.rows} rows: refused message round trip ${ms(floor.roundTrip)} · site.view from an extension page ${ms(floor.siteView)} · IndexedDB get in the worker ${ms(floor.idbRead)} · ` +
            `${floor.rows} shadow roots: script ${ms(floor.shadowScript)}, to the next frame ${ms(floor.shadowToFrame)}, then style and layout ${ms(floor.shadowLayout)}`,
        );
      }
    }
    if (parts.has('ready')) printReady(await measureOverlayReady(extension, service.url, reloads, sizes));
    if (parts.has('load')) {
      // With its floors beside it: the same loads with less and less of an extension.
      const floors = [await launchWithEmptyContentScripts(), await launchEmptyExtension()];
      const withoutExtension = await launchLikeTheExtensionBrowser();
      try {
        printLoad(await measureLoadOverhead(extension, withoutExtension, service.url, 100, rounds, floors));
      } finally {
        await Promise.all([...floors.map((floor) => floor.close()), withoutExtension.close()]);
      }
    }
  } finally {
    await plain?.close();
    await extension?.close();
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('overlay bench failed:', error);
  process.exit(1);
});
