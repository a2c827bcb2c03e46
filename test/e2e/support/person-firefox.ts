import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { ACCESSIBLE_QUERY_SOURCE, type QueryStep } from './accessible-query';
import { SCREENSHOT_DIR } from './browser';
import type { Find, Found, Person, Tab } from './person';

export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv2');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The manifest's gecko id, and the fixed UUID that gives its pages a known moz-extension:// origin. */
const GECKO_ID = 'token-lens@token-lens.dev';
const EXTENSION_UUID = '5f0c6d2e-7a41-4c3b-9e8d-1b2a3c4d5e6f';
const ORIGIN = `moz-extension://${EXTENSION_UUID}`;
const WAIT_MS = 8_000;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Firefox's own lines that are not the extension's (its remote agent, services it starts). */
const FIREFOX_NOISE =
  /chrome:\/\/|resource:\/\/|JSWindowActor|LoginRecipes|BackupService|RSLoader|Marionette|addons\.|normandy|RemoteSettings/;

/** Retries `work` until it answers something truthy or the time is up; a thrown error counts as "not yet". */
async function until<T>(what: string, work: () => Promise<T>, timeoutMs = WAIT_MS): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await work();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: last });
    await pause(50);
  }
}

const describeStep = (query: QueryStep): string =>
  query.kind === 'role'
    ? `role=${query.role}${query.name === undefined ? '' : `[name=${JSON.stringify(query.name)}]`}`
    : `${query.kind}=${JSON.stringify(query.text)}`;

/** Playwright's key names, in the names WebDriver BiDi's keyboard knows. */
const KEYS = { Space: ' ', Enter: 'Enter', Escape: 'Escape', Tab: 'Tab' } as const;

/** A query's answer over WebDriver BiDi: the same role and name rules as Playwright, through shadow roots. */
function found(page: Page, steps: QueryStep[]): Found {
  const what = steps.map(describeStep).join(' >> ');
  const all = async (): Promise<ElementHandle<Element>[]> => {
    const list = await page.evaluateHandle(`(${ACCESSIBLE_QUERY_SOURCE})(${JSON.stringify(steps)})`);
    const handles = [...(await list.getProperties()).values()].flatMap((handle) => {
      const element = handle.asElement();
      return element ? [element as ElementHandle<Element>] : [];
    });
    await list.dispose();
    return handles;
  };
  // Like Playwright's locators: wait for exactly one element, and refuse an ambiguous query.
  const one = async (): Promise<ElementHandle<Element>> =>
    until(what, async () => {
      const handles = await all();
      if (handles.length > 1) throw new Error(`${what} matches ${handles.length} elements`);
      return handles[0];
    });
  const add = (next: QueryStep) => found(page, [...steps, next]);
  return {
    ...finder((next) => add(next)),
    filter: ({ hasText }) => add({ kind: 'hasText', text: hasText }),
    async click() {
      await (await one()).click();
    },
    async fill(value) {
      const element = await one();
      await element.evaluate((input) => {
        (input as HTMLInputElement).select();
      });
      await page.keyboard.press('Backspace');
      await element.type(value);
    },
    async check() {
      const element = await one();
      if (!(await element.evaluate((input) => (input as HTMLInputElement).checked))) await element.click();
    },
    async focus() {
      await (await one()).focus();
    },
    async press(key) {
      await (await one()).focus();
      await page.keyboard.press(KEYS[key]);
    },
    async selectOption(value) {
      return (await one()).select(value);
    },
    async textContent() {
      return (await one()).evaluate((element) => element.textContent);
    },
    async inputValue() {
      return (await one()).evaluate((element) => (element as HTMLInputElement).value);
    },
    async count() {
      return (await all()).length;
    },
    async waitFor(options) {
      await until(what, async () => (await all()).length > 0, options?.timeout ?? WAIT_MS);
    },
  };
}

function finder(start: (step: QueryStep) => Found): Find {
  return {
    getByRole: (role, options) =>
      start({
        kind: 'role',
        role,
        ...(options?.name instanceof RegExp
          ? { name: { source: options.name.source, flags: options.name.flags } }
          : options?.name === undefined
            ? {}
            : { name: options.name }),
        ...(options?.exact ? { exact: true } : {}),
      }),
    getByLabel: (text, options) => start({ kind: 'label', text, ...(options?.exact ? { exact: true } : {}) }),
    getByText: (text, options) => start({ kind: 'text', text, ...(options?.exact ? { exact: true } : {}) }),
  };
}

function tabOf(page: Page): Tab {
  const requests: string[] = [];
  page.on('request', (request) => {
    requests.push(`${request.method()} ${request.url()}`);
  });
  return {
    ...finder((step) => found(page, [step])),
    async paste() {
      await page.keyboard.down('Control');
      await page.keyboard.press('v');
      await page.keyboard.up('Control');
    },
    keyboard: (key) => page.keyboard.press(KEYS[key]),
    evaluate: (expression) => page.evaluate(expression),
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/firefox-${name}.png`, fullPage: true });
    },
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
    requestsMade: () => [...requests],
  };
}

/** Waits until the page shows the extension's page drawn by its script (`#app` has content). */
const drawn = (page: Page) =>
  until('the extension page to draw', () =>
    page.evaluate(`location.href.startsWith(${JSON.stringify(ORIGIN)}) && !!document.querySelector('#app > *')`),
  );

/**
 * Debian's Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi, with the built
 * Firefox extension installed as a temporary add-on (Manifest V2: its host permissions come
 * granted). Quirks (shared/design/TOOLCHAIN.md): a `goto` to a moz-extension page loads it but
 * never settles, so it is started and the page is watched instead; BiDi reports no console
 * events for extension pages, so Firefox prints them and they are read from its output.
 */
export async function firefoxPerson(): Promise<Person> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // A first start on a busy shared machine can take a while (new profile, remote agent).
    timeout: 60_000,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'devtools.console.stdout.content': true,
      'devtools.console.stdout.chrome': true,
    },
  });
  const errors: string[] = [];
  const firefox = browser.process();
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (/^(console\.error|JavaScript error)/.test(line) && !FIREFOX_NOISE.test(line)) errors.push(line);
    }
  };
  firefox?.stdout?.on('data', collect);
  firefox?.stderr?.on('data', collect);
  const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (installed !== GECKO_ID) throw new Error(`Firefox installed ${installed}, not ${GECKO_ID}`);

  return {
    browserName: 'firefox',
    async openExtensionPage(path) {
      const page = await browser.newPage();
      page.goto(`${ORIGIN}/${path}`, { timeout: 2_000 }).catch(() => undefined);
      await drawn(page);
      return tabOf(page);
    },
    async openReferencePage(serviceUrl, host, who) {
      const page = await browser.newPage();
      await page.goto(`${serviceUrl}/sites/${host}/plugins/servlet/upm`);
      if (new URL(page.url()).pathname === '/sign-in') {
        const tab = tabOf(page);
        await tab.getByLabel('Email').fill(who.email);
        await tab.getByLabel('Password').fill(who.password);
        await Promise.all([page.waitForNavigation(), tab.getByRole('button', { name: 'Sign in' }).click()]);
      }
      await page.waitForSelector('#upm-manage-plugins-user-installed');
      return tabOf(page);
    },
    async openPlayedSite(url, answer) {
      const page = await browser.newPage();
      const origin = new URL(url).origin;
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        if (!request.url().startsWith(`${origin}/`)) {
          void request.continue();
          return;
        }
        // BiDi gives a request's body only on asking (postData() is CDP's).
        void (async () => {
          const body = request.hasPostData() ? await request.fetchPostData() : undefined;
          const played = await answer({
            method: request.method(),
            url: request.url(),
            headers: request.headers(),
            body,
          });
          await request.respond({ status: played.status, contentType: played.contentType, body: played.body });
        })().catch((error: unknown) => errors.push(`playing ${request.url()}: ${String(error)}`));
      });
      await page.goto(url);
      return tabOf(page);
    },
    async tabOpenedBy(action) {
      // A window the extension opens is announced as about:blank: it is the page that was not there before.
      const before = new Set(await browser.pages());
      await action();
      const page = await until('the extension to open a tab', async () =>
        (await browser.pages()).find((candidate) => !before.has(candidate)),
      );
      await drawn(page);
      return tabOf(page);
    },
    errorsLogged: () => [...errors],
    async close() {
      await browser.close();
      if (firefox && firefox.exitCode === null && firefox.signalCode === null) firefox.kill('SIGKILL');
    },
  };
}
