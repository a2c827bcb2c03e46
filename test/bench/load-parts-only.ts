import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromiumWithExtension } from '../e2e/support/browser';
import { signInThroughOptions } from '../e2e/support/people';
import { OWNER, startServiceProcess } from '../e2e/support/service-process';
import {
  closeWelcomeTab,
  type LoadFloorSide,
  launchEmptiedBuild,
  launchEmptyExtension,
  launchLikeTheExtensionBrowser,
  launchTabUpdatesOnly,
  workerOf,
} from './bench-browsers';
import { measureLoadOverhead } from './browser-figures';
import { seedBenchData } from './seed';
import { median, overheadPercent } from './stats';

/**
 * Which part of Token Lens costs the page's load: the page-load figure with, beside Token Lens
 * and the browser without it, lesser builds of it, each one part more than the last. Not part of
 * `npm run bench`; for finding where the page-load overhead comes from (`npm run build` first).
 * `npx tsx test/bench/load-parts-only.ts [--rounds 60]`.
 */
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(process.argv[roundsAt + 1]) : 60;

const editManifest = (dir: string, edit: (manifest: Record<string, unknown>) => void) => {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
};

async function signedIn(side: LoadFloorSide, serviceUrl: string): Promise<LoadFloorSide> {
  const extensionWorker = side.context.serviceWorkers()[0];
  if (!extensionWorker) throw new Error(`${side.name}: no worker`);
  await (await signInThroughOptions(side.context, new URL(extensionWorker.url()).host, serviceUrl, OWNER)).close();
  return side;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-load-parts-'));
  const dbPath = join(dir, 'service.sqlite');
  seedBenchData(dbPath);
  const service = await startServiceProcess({ dbPath, seedDemo: false, extraArgs: ['--rate-limit', '1000000000'] });
  const sides: LoadFloorSide[] = [];
  try {
    const extension = await launchChromiumWithExtension();
    sides.push({ name: 'Token Lens', context: extension.context, close: () => extension.close() });
    await closeWelcomeTab(extension.context);
    await (await signInThroughOptions(extension.context, extension.extensionId, service.url, OWNER)).close();
    sides.push(
      await signedIn(await launchEmptiedBuild('content scripts emptied, signed in'), service.url),
      await launchEmptiedBuild('content scripts emptied'),
      await launchTabUpdatesOnly(),
      await launchEmptiedBuild(
        'a worker that only listens to webNavigation.onCompleted, filtered (+ webNavigation)',
        (copy) => {
          workerOf(
            "chrome.webNavigation.onCompleted.addListener(() => {}, { url: [{ pathContains: '/plugins/servlet/upm' }] });",
          )(copy);
          editManifest(copy, (manifest) => (manifest.permissions as string[]).push('webNavigation'));
        },
        false,
      ),
      await launchEmptiedBuild('no worker at all (a lone ;)', workerOf(';'), false),
      await launchEmptyExtension(),
    );
    const without = await launchLikeTheExtensionBrowser();
    sides.push({ name: 'no extension', context: without, close: () => without.close() });
    const load = await measureLoadOverhead(extension, without, service.url, 100, rounds, sides.slice(1, -1));
    console.log(`\n${rounds} rounds, 100 rows; each side paired by round against no extension (90 % interval):`);
    for (const [name, loads] of [
      ['Token Lens', load.withExtension] as const,
      ...load.floors.map((floor) => [floor.name, floor.loads] as const),
    ]) {
      const over = overheadPercent(loads, load.without);
      console.log(
        `  ${name}: ${median(loads).toFixed(1)} ms, ${over.paired.toFixed(1)} % (${over.pairedLow.toFixed(1)} to ${over.pairedHigh.toFixed(1)} %)`,
      );
    }
    console.log(`  no extension: ${median(load.without).toFixed(1)} ms`);
  } finally {
    await Promise.all(sides.map((side) => side.close()));
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('load parts failed:', error);
  process.exit(1);
});
