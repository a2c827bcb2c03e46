import type { Page } from 'playwright-core';
import { launchChromiumWithExtension, screenshot } from './browser';
import { openReferencePage } from './people';
import type { Person, Tab } from './person';

/** A page as a scenario drives it: Playwright's own locators (they go through open shadow roots). */
function tabOf(page: Page, errors: string[]): Tab {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  return {
    getByRole: (role, options) => page.getByRole(role, options),
    getByLabel: (text, options) => page.getByLabel(text, options),
    getByText: (text, options) => page.getByText(text, options),
    paste: () => page.keyboard.press('ControlOrMeta+V'),
    keyboard: (key) => page.keyboard.press(key),
    evaluate: (expression) => page.evaluate(expression),
    screenshot: (name) => screenshot(page, `chromium-${name}`),
    requestsMade: () => [...requests],
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

/** Debian's Chromium, headless, with the built extension (playwright-core over the DevTools protocol). */
export async function chromiumPerson(): Promise<Person> {
  const browser = await launchChromiumWithExtension();
  const errors: string[] = [];
  const origin = `chrome-extension://${browser.extensionId}`;
  return {
    browserName: 'chromium',
    async openExtensionPage(path) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1100, height: 800 });
      const tab = tabOf(page, errors);
      await page.goto(`${origin}/${path}`);
      await page.locator('#app > *').first().waitFor();
      return tab;
    },
    async openReferencePage(serviceUrl, host, who) {
      const page = await browser.context.newPage();
      const tab = tabOf(page, errors);
      await openReferencePage(page, serviceUrl, host, who);
      return tab;
    },
    async openPlayedSite(url, answer) {
      const page = await browser.context.newPage();
      const tab = tabOf(page, errors);
      await page.route(`${new URL(url).origin}/**`, async (route) => {
        const request = route.request();
        const played = await answer({
          method: request.method(),
          url: request.url(),
          headers: request.headers(),
          body: request.postData() ?? undefined,
        });
        await route.fulfill({ status: played.status, contentType: played.contentType, body: played.body });
      });
      await page.goto(url);
      return tab;
    },
    async tabOpenedBy(action) {
      const opened = browser.context.waitForEvent('page');
      await action();
      const page = await opened;
      await page.locator('#app > *').first().waitFor();
      return tabOf(page, errors);
    },
    errorsLogged: () => [...errors],
    close: () => browser.close(),
  };
}
