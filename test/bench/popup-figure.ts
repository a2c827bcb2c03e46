import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROME_EXTENSION_DIR, type ExtensionBrowser } from '../e2e/support/browser';
import { launchLikeTheExtensionBrowser } from './bench-browsers';
import { TOKENS_APP, TOKENS_SITE } from './seed';

/** `PAINTED_ATTRIBUTE` of components/popup/app-tokens-view.tsx (not imported: it pulls in Preact's JSX runtime). */
const PAINTED_ATTRIBUTE = 'data-token-lens-tokens-painted-ms';
export const PAINTED_EXPRESSION = `document.documentElement.getAttribute(${JSON.stringify(PAINTED_ATTRIBUTE)})`;
/** True once the service's answer has replaced the cached list (the view stops saying it checks). */
const SETTLED_EXPRESSION = `(() => {
  const checking = document.querySelectorAll('[aria-busy="true"]').length > 0;
  const listed = document.querySelectorAll('ul.tl-token-list > li').length;
  const of = /Showing (\\d+) of (\\d+) tokens/.exec(document.body.textContent || '');
  if (checking || listed === 0) return 0;
  return of ? (Number(of[1]) === listed ? Number(of[2]) : 0) : listed;
})()`;

export /** The floors' pages, added to each copy of a build: what any extension page costs before the popup's own work. */
const FLOOR_FILES: Record<string, string> = {
  // Nothing but a tiny script marking the frame after the first one, as the popup marks its list's.
  'floor-empty.html':
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/floor-empty.js"></script></head><body><main id="app"></main></body></html>',
  'floor-empty.js': `performance.mark('token-lens:popup-evaluated');
requestAnimationFrame(() => setTimeout(() => document.documentElement.setAttribute(${JSON.stringify(PAINTED_ATTRIBUTE)}, performance.now().toFixed(1))));`,
  // One message to the worker (one it refuses at once), its answer shown, then the same mark.
  'floor-ask.html':
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/floor-ask.js"></script></head><body><main id="app"></main></body></html>',
  'floor-ask.js': `performance.mark('token-lens:popup-evaluated');
chrome.runtime.sendMessage({ type: 'token-lens.no-such-request' }).then((reply) => {
  performance.mark('token-lens:answered');
  document.getElementById('app').textContent = JSON.stringify(reply);
  requestAnimationFrame(() => setTimeout(() => document.documentElement.setAttribute(${JSON.stringify(PAINTED_ATTRIBUTE)}, performance.now().toFixed(1))));
});`,
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The pause before each open: long enough for the last open's work to be over (the service's
 * answer checked, drawn and cached, the page's heap collected), as a person does not reopen the
 * popup the moment it has settled. With 150 ms, an open of 1,000 tokens began its own start about
 * 15 ms later than one of 4 tokens, under what the one before it left.
 */
export const BETWEEN_OPENS_MS = 1000;

/** Polls `expression` in `page` until it gives a truthy value, which it returns. */
export async function waitForValue(page: Page, expression: string, what: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value: unknown = await page.evaluate(expression);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} on ${page.url()}`);
    await pause(10);
  }
}

export interface PopupFigure {
  tokens: number;
  /** First open: nothing cached, the list comes from the service. */
  cold: number;
  /** Later opens: the cached list paints while the service is asked again. */
  warm: number[];
}

/**
 * The popup opened on an app with 1,000 tokens (`popup.html?site=…&app=…`, in a tab of its own):
 * navigation start → the frame after the token list first showed, as the popup marks it. The first
 * open fills the cache; each later one paints from it.
 */
export async function measurePopupOpen(
  browser: ExtensionBrowser,
  opens: number,
  app: { site: string; key: string; tokens: number } = {
    site: TOKENS_SITE,
    key: TOKENS_APP.key,
    tokens: TOKENS_APP.tokens,
  },
): Promise<PopupFigure> {
  const url = `chrome-extension://${browser.extensionId}/popup.html?site=${app.site}&app=${app.key}`;
  const page = await browser.context.newPage();
  try {
    const open = async (): Promise<number> => {
      await page.goto(url, { waitUntil: 'load' });
      const painted = Number(await waitForValue(page, PAINTED_EXPRESSION, 'the token list’s painted mark'));
      const shown = Number(await waitForValue(page, SETTLED_EXPRESSION, 'the service’s answer'));
      if (shown !== app.tokens) throw new Error(`expected ${app.tokens} tokens listed, saw ${shown}`);
      return painted;
    };
    const cold = await open();
    const warm: number[] = [];
    for (let run = 0; run < opens; run++) {
      await pause(BETWEEN_OPENS_MS);
      warm.push(await open());
    }
    console.log(`  popup open, ${app.tokens} tokens: cold ${cold} ms, warm ${warm.join(' ')}`);
    return { tokens: app.tokens, cold, warm };
  } finally {
    await page.close();
  }
}

/**
 * The floor under the popup's open: `floor-empty.html`, an extension page with nothing but a tiny
 * script that marks the frame after its first as the popup marks its list's, added to a copy of
 * the build and opened the same way, `opens` times after a first.
 */
export async function measureEmptyExtensionPage(opens: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-popup-floor-'));
  cpSync(CHROME_EXTENSION_DIR, dir, { recursive: true });
  for (const [file, text] of Object.entries(FLOOR_FILES)) writeFileSync(join(dir, file), text);
  const context = await launchLikeTheExtensionBrowser([
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
  ]);
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const page = await context.newPage();
    const url = `chrome-extension://${new URL(worker.url()).host}/floor-empty.html`;
    const open = async () => {
      await page.goto(url, { waitUntil: 'load' });
      return Number(await waitForValue(page, PAINTED_EXPRESSION, 'the empty page’s painted mark'));
    };
    await open();
    const painted: number[] = [];
    for (let run = 0; run < opens; run++) {
      await pause(BETWEEN_OPENS_MS);
      painted.push(await open());
    }
    console.log(`  empty extension page: ${painted.join(' ')}`);
    return painted;
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
