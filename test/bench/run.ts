import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  CHROME_EXTENSION_DIR,
  type ExtensionBrowser,
  launchChromiumWithExtension,
  launchPlainChromium,
} from '../e2e/support/browser';
import { signInThroughOptions } from '../e2e/support/people';
import { OWNER, type ServiceProcess, startServiceProcess } from '../e2e/support/service-process';
import {
  closeWelcomeTab,
  launchEmptyExtension,
  launchLikeTheExtensionBrowser,
  launchSecondWithout,
  launchWithEmptyContentScripts,
} from './bench-browsers';
import {
  measureFloors,
  measureLicenseSwitch,
  measureLoadOverhead,
  measureOverlayReady,
  measureReferencePage,
} from './browser-figures';
import { measureBundles } from './bundle-size';
import { measureLoadWork } from './load-work';
import { describeMachine } from './machine';
import { measureEmptyExtensionPage, measurePopupOpen, type PopupFigure } from './popup-figure';
import { type BenchResults, renderReport } from './report';
import { measureRobustness } from './robustness';
import {
  appKeyOf,
  LARGE_PAGE_ROWS,
  PAGE_SIZES,
  POPUP_GROWTH_APPS,
  seedBenchData,
  seedLargeOverlaySite,
  siteOf,
  TOKENS_SITE,
} from './seed';
import { measureThroughput, type ThroughputFigure } from './throughput';
import { measureTokenCheck } from './token-check';

/** One after another (the figures must not overlap), in order. */
async function mapInOrder<T, R>(items: readonly T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await each(item));
  return results;
}

/**
 * `npm run bench`: builds the extension, measures the figures of shared/design/QUALITY.md in one
 * run and writes them to docs/benchmarks.md. It never fails on a timing, only on a broken setup.
 * BENCH_SKIP_BUILD=1 reuses the last build.
 */
const REPORT = resolve('docs/benchmarks.md');
const RELOADS = 10;
const LOAD_ROUNDS = 60;
/** Traced loads a side: the extension's own work varies by a tenth of a millisecond, not by the clock's spread. */
const LOAD_WORK_ROUNDS = 20;
const SWITCHES = 40;
const POPUP_OPENS = 20;
const POPUP_GROWTH_OPENS = 10;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const started = performance.now();
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    console.log('building the extension (npm run build)…');
    execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const machine = describeMachine(CHROMIUM);
  const bundles = measureBundles(CHROME_EXTENSION_DIR);

  const dir = mkdtempSync(join(tmpdir(), 'token-lens-bench-'));
  const dbPath = join(dir, 'service.sqlite');
  seedBenchData(dbPath);
  let service: ServiceProcess | undefined;
  let extension: ExtensionBrowser | undefined;
  let plain: Browser | undefined;
  try {
    // Throughput sends thousands of requests a second with one token: the per-token budget is
    // lifted so that the figure measures answers, not 429s.
    service = await startServiceProcess({ dbPath, seedDemo: false, extraArgs: ['--rate-limit', '1000000000'] });
    console.log(`service on ${service.url}`);
    extension = await launchChromiumWithExtension();
    await closeWelcomeTab(extension.context);
    await (await signInThroughOptions(extension.context, extension.extensionId, service.url, OWNER)).close();

    console.log('overlay ready…');
    const ready = await measureOverlayReady(extension, service.url, RELOADS);
    console.log('page-load overhead…');
    plain = await launchPlainChromium();
    // Its floors beside it: the same loads with less and less of an extension, down to none.
    const loadFloors = [
      await launchWithEmptyContentScripts(),
      await launchEmptyExtension(),
      await launchSecondWithout(),
    ];
    const withoutExtension = await launchLikeTheExtensionBrowser();
    const load = await measureLoadOverhead(
      extension,
      withoutExtension,
      service.url,
      100,
      LOAD_ROUNDS,
      loadFloors,
    ).finally(() => Promise.all([...loadFloors.map((floor) => floor.close()), withoutExtension.close()]));
    console.log('the work done during the load…');
    const loadWork = await measureLoadWork(service.url, 100, LOAD_WORK_ROUNDS);
    console.log('the reference page alone, and the overlay’s floors…');
    const referencePage = await measureReferencePage(plain, service.url, PAGE_SIZES, 5);
    const floors = await measureFloors(extension, plain, service.url, PAGE_SIZES);
    await plain.close();
    plain = undefined;
    console.log('license switch…');
    const licenseSwitch = await measureLicenseSwitch(extension, service.url, 10, SWITCHES, 2);
    console.log('popup open…');
    const signedIn = extension;
    const popup: PopupFigure[] = [
      await measurePopupOpen(signedIn, POPUP_OPENS),
      // The same open on an app with one token per bench site: what 1,000 tokens add.
      await measurePopupOpen(extension, POPUP_OPENS, {
        site: siteOf(10),
        key: appKeyOf(1),
        tokens: PAGE_SIZES.length + 1,
      }),
      // Growth: 100 and 10,000 tokens of an app.
      ...(await mapInOrder(POPUP_GROWTH_APPS, (app) =>
        measurePopupOpen(signedIn, POPUP_GROWTH_OPENS, {
          site: TOKENS_SITE,
          key: app.key,
          tokens: app.tokens,
        }),
      )),
    ];
    const popupFloor = await measureEmptyExtensionPage(POPUP_OPENS);
    // The overlay at 5,000 rows: its site is added only now, after the figures that read the
    // vendor's apps (the popup's among them), as the growth table's are after throughput.
    console.log(`overlay ready at ${LARGE_PAGE_ROWS.toLocaleString('en')} rows…`);
    seedLargeOverlaySite(dbPath);
    ready.push(...(await measureOverlayReady(extension, service.url, RELOADS, [LARGE_PAGE_ROWS])));
    plain = await launchPlainChromium();
    referencePage.push(...(await measureReferencePage(plain, service.url, [LARGE_PAGE_ROWS], 3)));
    floors.push(...(await measureFloors(extension, plain, service.url, [LARGE_PAGE_ROWS])));
    await plain.close();
    plain = undefined;
    await extension.close();
    extension = undefined;

    console.log('service throughput…');
    let throughput: ThroughputFigure | { skipped: string };
    try {
      // Last of the figures that read the vendor's apps: with dbPath it adds the growth table's sites.
      throughput = await measureThroughput(service.url, { connections: 64, seconds: 5, rounds: 2, dbPath });
    } catch (error) {
      console.error('throughput not measured:', error);
      throughput = { skipped: error instanceof Error ? error.message : String(error) };
    }

    // Loads both cores for minutes: after every timing figure.
    console.log('robustness…');
    const robustness = await measureRobustness();

    console.log('token check…');
    const tokenCheck = await measureTokenCheck({ checks: 20_000, rounds: 5 });

    const results: BenchResults = {
      machine,
      reloads: RELOADS,
      ready,
      referencePage,
      floors,
      load,
      loadWork,
      licenseSwitch,
      popup,
      popupFloor,
      bundles,
      throughput,
      tokenCheck,
      robustness,
      seconds: (performance.now() - started) / 1000,
    };
    mkdirSync(resolve('docs'), { recursive: true });
    writeFileSync(REPORT, renderReport(results));
    console.log(`wrote ${REPORT}`);
  } finally {
    await plain?.close();
    await extension?.close();
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('benchmark run failed:', error);
  process.exit(1);
});
