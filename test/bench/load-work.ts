import { createServer } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { launchChromiumWithExtension } from '../e2e/support/browser';
import { openReferencePage, signInThroughOptions } from '../e2e/support/people';
import { OWNER } from '../e2e/support/service-process';
import { closeWelcomeTab, launchLikeTheExtensionBrowser, launchTabUpdatesOnly } from './bench-browsers';
import { OVERLAY_SETTLES_MS } from './browser-figures';
import { type LoadWork, parseTrace, workDuringLoad } from './load-trace';
import { siteOf } from './seed';
import { balancedOrder } from './stats';

// The page-load figure by the work done rather than the clock: every process's CPU time while the
// page loads, from a trace of the whole browser, with Token Lens, with the least extension that
// could do its job, and with none.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Only what the figure reads: each thread's tasks, the page's navigation marks, the processes' names. */
const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata'];

/** A browser to trace: its pages' context and the same browser over CDP, whose browser target sees every process. */
interface TracedSide {
  name: string;
  context: BrowserContext;
  browser: Browser;
  close(): Promise<void>;
}

export interface LoadWorkFigure {
  rows: number;
  /** Each side's loads, in the order of the rounds (side names: TRACED_SIDES). */
  sides: { name: string; loads: LoadWork[] }[];
}

export const TRACED_SIDES = {
  tokenLens: 'Token Lens',
  tabUpdatesOnly: 'a worker that only listens to tab updates',
  without: 'no extension',
} as const;

/** A free loopback port for a browser's DevTools endpoint. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/**
 * Launches a browser with a DevTools port beside Playwright's pipe and connects to it: a page's
 * own session traces only that page's processes, the browser target's traces them all, the
 * extension's among them.
 */
async function traced(
  name: string,
  launch: (extra: string[]) => Promise<{ context: BrowserContext; close(): Promise<void> }>,
): Promise<TracedSide> {
  const port = await freePort();
  const side = await launch([`--remote-debugging-port=${port}`]);
  for (let attempt = 0; ; attempt++) {
    try {
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      return {
        name,
        context: side.context,
        browser,
        // Closing the CDP connection leaves the browser running; the side's own close ends it.
        close: () => side.close(),
      };
    } catch (error) {
      if (attempt >= 50) {
        await side.close();
        throw error;
      }
      await pause(100);
    }
  }
}

async function traceOneLoad(side: TracedSide, page: Page, url: string): Promise<LoadWork> {
  const cdp = await side.browser.newBrowserCDPSession();
  try {
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: { includedCategories: TRACE_CATEGORIES, excludedCategories: ['*'] },
    });
    await page.goto(url, { waitUntil: 'load' });
    const complete = new Promise<string>((resolve, reject) =>
      cdp.once('Tracing.tracingComplete', (event) =>
        event.stream ? resolve(event.stream) : reject(new Error('the trace came without a stream')),
      ),
    );
    await cdp.send('Tracing.end');
    const stream = await complete;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const work = workDuringLoad(parseTrace(text), new URL(url).pathname);
    if (!work) throw new Error(`${side.name}: the trace holds no complete load of ${url}`);
    return work;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Traces `rounds` loads of the reference page with `rows` rows on each side, in the balanced order
 * of the clock's figure and with its pauses, and returns where each load's CPU time went.
 */
export async function measureLoadWork(serviceUrl: string, rows: number, rounds: number): Promise<LoadWorkFigure> {
  const sides: TracedSide[] = [];
  try {
    sides.push(
      await traced(TRACED_SIDES.tokenLens, async (extra) => {
        const extension = await launchChromiumWithExtension({ extraArgs: extra });
        await closeWelcomeTab(extension.context);
        await (await signInThroughOptions(extension.context, extension.extensionId, serviceUrl, OWNER)).close();
        return extension;
      }),
      await traced(TRACED_SIDES.tabUpdatesOnly, launchTabUpdatesOnly),
      await traced(TRACED_SIDES.without, async (extra) => {
        const context = await launchLikeTheExtensionBrowser(extra);
        return { context, close: () => context.close() };
      }),
    );
    const url = `${serviceUrl}/sites/${siteOf(rows)}/plugins/servlet/upm`;
    const pages = await Promise.all(sides.map((side) => side.context.newPage()));
    for (const page of pages) await openReferencePage(page, serviceUrl, siteOf(rows), OWNER);
    const figure: LoadWorkFigure = { rows, sides: sides.map((side) => ({ name: side.name, loads: [] })) };
    for (const page of pages) await page.goto('about:blank');
    for (let round = 0; round < rounds; round++) {
      for (const index of balancedOrder(sides.length, round)) {
        const page = pages[index] as Page;
        figure.sides[index]?.loads.push(await traceOneLoad(sides[index] as TracedSide, page, url));
        // As the clock's figure does: the overlay's after-work is over, and the page left, before
        // the next side loads.
        await pause(OVERLAY_SETTLES_MS);
        await page.goto('about:blank');
      }
    }
    for (const side of figure.sides)
      console.log(
        `  work during the load, ${side.name}: extension ${side.loads.map((load) => load.extension.toFixed(2)).join(' ')} ms`,
      );
    return figure;
  } finally {
    await Promise.all(sides.map((side) => side.close()));
  }
}
