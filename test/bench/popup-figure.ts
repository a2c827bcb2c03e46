import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/support/browser';
import { TOKENS_APP, TOKENS_SITE } from './seed';

/** `PAINTED_ATTRIBUTE` of components/popup/app-tokens-view.tsx (not imported: it pulls in Preact's JSX runtime). */
const PAINTED_ATTRIBUTE = 'data-token-lens-tokens-painted-ms';
const PAINTED_EXPRESSION = `document.documentElement.getAttribute(${JSON.stringify(PAINTED_ATTRIBUTE)})`;
/** True once the service's answer has replaced the cached list (the view stops saying it checks). */
const SETTLED_EXPRESSION = `(() => {
  const checking = document.querySelectorAll('[aria-busy="true"]').length > 0;
  const listed = document.querySelectorAll('ul.tl-token-list > li').length;
  const of = /Showing (\\d+) of (\\d+) tokens/.exec(document.body.textContent || '');
  if (checking || listed === 0) return 0;
  return of ? (Number(of[1]) === listed ? Number(of[2]) : 0) : listed;
})()`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForValue(page: Page, expression: string, what: string, timeoutMs = 30_000): Promise<unknown> {
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
      await pause(150);
      warm.push(await open());
    }
    console.log(`  popup open, ${app.tokens} tokens: cold ${cold} ms, warm ${warm.join(' ')}`);
    return { tokens: app.tokens, cold, warm };
  } finally {
    await page.close();
  }
}
