import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROME_EXTENSION_DIR, QUIET_FLAGS } from '../e2e/support/browser';

// The browsers the benchmarks set beside the extension's: the same launch, with less of an extension or none.

const VIEWPORT = { width: 1100, height: 800 };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A browser that loads the page in each round beside the extension's, for a floor under the
 * overhead: the same launch with some lesser extension, or none.
 */
export interface LoadFloorSide {
  /** What the browser has, in words for the report ("an empty extension"). */
  name: string;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A browser launched as the extension's is (a persistent context, the same viewport, scheme and
 * flags), with `extra` arguments: with none, it is the page-load figure's side without the
 * extension, so that the two sides differ by the extension alone.
 */
export function launchLikeTheExtensionBrowser(extra: string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    colorScheme: 'light',
    viewport: VIEWPORT,
    args: [...extra, ...QUIET_FLAGS],
  });
}

/** The browser above with the unpacked extension in `dir` (removed again on close), and `extra` arguments. */
async function launchWithExtensionDir(name: string, dir: string, extra: string[] = []): Promise<LoadFloorSide> {
  const context = await launchLikeTheExtensionBrowser([
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    ...extra,
  ]);
  return {
    name,
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Closes the welcome tab a first install opens (options.html?welcome=1), as a person does once
 * signed in: left open, it would be one more page in this browser than in the one without the
 * extension.
 */
export async function closeWelcomeTab(context: BrowserContext): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const welcome = context.pages().find((page) => page.url().includes('options.html?welcome=1'));
    if (welcome) return welcome.close();
    await pause(50);
  }
  throw new Error('the welcome tab of a first install never opened');
}

/**
 * The built extension with its content scripts emptied (each file a lone `;`), then changed by
 * `change` (given the copy's folder): a lesser Token Lens, to find what each part costs a load.
 * `workerOpensWelcome` says whether its worker still opens the welcome tab, to be closed; `extra`
 * are more arguments for the browser.
 */
export async function launchEmptiedBuild(
  name: string,
  change: (dir: string) => void = () => undefined,
  workerOpensWelcome = true,
  extra: string[] = [],
): Promise<LoadFloorSide> {
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-empty-scripts-'));
  cpSync(CHROME_EXTENSION_DIR, dir, { recursive: true });
  for (const file of readdirSync(join(dir, 'content-scripts'))) {
    if (file.endsWith('.js')) writeFileSync(join(dir, 'content-scripts', file), ';');
  }
  change(dir);
  const side = await launchWithExtensionDir(name, dir, extra);
  if (workerOpensWelcome) {
    await (side.context.serviceWorkers()[0] ?? side.context.waitForEvent('serviceworker', { timeout: 15_000 }));
    await closeWelcomeTab(side.context);
  }
  return side;
}

/** A change for launchEmptiedBuild: the copy's worker replaced by `source`. */
export const workerOf = (source: string) => (dir: string) => writeFileSync(join(dir, 'background.js'), source);

/**
 * The least an extension can be that injects its overlay once a Manage apps page has loaded,
 * without a permission that warns at install: Token Lens's build with its content scripts emptied
 * and a worker that only listens to the tabs' updates, as Token Lens's does to hear a load end
 * (Chrome's `tabs.onUpdated` takes no filter, so it hears them all; overlay-injection.ts).
 */
export const launchTabUpdatesOnly = (extra: string[] = []): Promise<LoadFloorSide> =>
  launchEmptiedBuild(
    'a worker that only listens to tab updates',
    workerOf('chrome.tabs.onUpdated.addListener(() => {});'),
    false,
    extra,
  );

/** A second browser with no extension: the figure's own noise, as two sides that differ by nothing measure. */
export async function launchSecondWithout(): Promise<LoadFloorSide> {
  const context = await launchLikeTheExtensionBrowser();
  return { name: 'no extension, a second browser', context, close: () => context.close() };
}

/**
 * The built extension with its content scripts emptied (the manifest and the worker as built):
 * what the extension costs a load without any of the overlay's work.
 */
export const launchWithEmptyContentScripts = (): Promise<LoadFloorSide> =>
  launchEmptiedBuild('the extension with its content scripts emptied');

/**
 * An extension with nothing in it but its manifest (no worker, no script, no permission): what
 * being an extension at all costs a page's load in this browser, which no extension goes below.
 */
export async function launchEmptyExtension(): Promise<LoadFloorSide> {
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-empty-extension-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'An empty extension', version: '1.0.0' }),
  );
  return launchWithExtensionDir('an empty extension (a manifest alone)', dir);
}
