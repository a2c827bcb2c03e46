import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPlainChromium, screenshot } from './support/browser';
import { apiSession } from './support/service-api';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from './support/service-process';

const QA = 'acme-qa.atlassian.net';
const LIVE_MS = 2_000;

type Api = Awaited<ReturnType<typeof apiSession>>;

const row = (page: Page, appKey: string): Locator => page.locator(`div.upm-plugin[data-key="${appKey}"]`);
const stateMenu = (page: Page, appKey: string) => row(page, appKey).locator('select.token-state');
const isExpanded = async (page: Page, appKey: string) =>
  (await row(page, appKey).getAttribute('class'))?.split(' ').includes('expanded') ?? false;
/** Opens a row's details as a person does (its toggle), unless they are open; they load when it opens. */
async function expand(page: Page, appKey: string): Promise<void> {
  if (!(await isExpanded(page, appKey))) await row(page, appKey).locator('.tl-toggle').click();
  await row(page, appKey).locator('.upm-details.loaded').waitFor();
}

async function newTokenUrl(api: Api, appKey: string): Promise<string> {
  const response = await api.call('POST', `/apps/${appKey}/tokens`, { note: 'reference page e2e' });
  expect(response.status).toBe(201);
  const token = (await response.json()) as { installUrls: { private?: string } };
  return token.installUrls.private ?? '';
}

describe('the reference Manage apps page in Chromium, with no extension', () => {
  let service: ServiceProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Api;
  let pageUrl: string;
  const policyViolations: string[] = [];

  beforeAll(async () => {
    service = await startServiceProcess();
    api = await apiSession(service.url, OWNER);
    expect((await api.call('POST', '/sites', { host: QA })).status).toBe(201);
    pageUrl = `${service.url}/sites/${QA}/plugins/servlet/upm`;
    browser = await launchPlainChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 800 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) policyViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    if (service) removeTempDb(service.dbPath);
  });

  it('signs in on the page, enables private listings in Settings, and installs an app from a token URL', async () => {
    await page.goto(pageUrl);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(pageUrl);
    await expect(page.locator('#upm-empty-message').textContent()).resolves.toContain('No apps installed');
    await screenshot(page, 'reference-page-empty');

    await page.locator('#link-bar-settings a').click();
    const settings = page.locator('#upm-settings-dialog');
    await settings.waitFor({ state: 'visible' });
    await settings.getByLabel('Enable private listings').check();
    await screenshot(page, 'reference-page-settings-dialog');
    await settings.locator('.aui-button.confirm').click();
    await page
      .getByRole('status')
      .filter({ hasText: `Private listings are now enabled on ${QA}.` })
      .waitFor();
    await expect(page.locator('#tl-private-listings-state').textContent()).resolves.toBe('Private listings enabled');

    const installUrl = await newTokenUrl(api, 'com.acme.timesheets');
    await page.locator('#upm-upload').click();
    const upload = page.locator('#upm-upload-dialog');
    await upload.waitFor({ state: 'visible' });
    await upload.getByLabel('App descriptor URL').fill(installUrl);
    await screenshot(page, 'reference-page-upload-dialog');
    await upload.locator('.aui-button-primary').click();
    const done = page.locator('#upm-plugin-status-dialog');
    await done.waitFor({ state: 'visible' });
    await expect(done.textContent()).resolves.toContain('Installed and ready to go!');
    await screenshot(page, 'reference-page-installed');
    await done.getByRole('link', { name: 'Close' }).click();
    await done.waitFor({ state: 'hidden' });

    await expect(row(page, 'com.acme.timesheets').locator('h4.upm-plugin-name').textContent()).resolves.toBe(
      'Acme Timesheets',
    );
    await expect(stateMenu(page, 'com.acme.timesheets').inputValue()).resolves.toBe('ACTIVE_SUBSCRIPTION');
    const [installed] = await api.siteApps(QA);
    expect(installed).toMatchObject({ appKey: 'com.acme.timesheets', license: { state: 'active-subscription' } });
  });

  it('switches the license state through the page’s own select, and shows it after the reload', async () => {
    await expand(page, 'com.acme.timesheets');
    await Promise.all([page.waitForNavigation(), stateMenu(page, 'com.acme.timesheets').selectOption('ACTIVE_TRIAL')]);
    await page.getByRole('status').filter({ hasText: 'Acme Timesheets is now Active trial.' }).waitFor();
    await expect(stateMenu(page, 'com.acme.timesheets').inputValue()).resolves.toBe('ACTIVE_TRIAL');
    await expect(row(page, 'com.acme.timesheets').locator('.upm-plugin-license-status').textContent()).resolves.toBe(
      'Active trial',
    );
    expect((await api.siteApps(QA))[0]?.license.state).toBe('active-trial');
  });

  it('follows changes made elsewhere in place, within 2 s, replacing only the rows that changed', async () => {
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    const stillSamePage = () => page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true);

    // A new row appears.
    const reportsUrl = await newTokenUrl(api, 'com.acme.reports');
    expect((await api.call('POST', `/sites/${QA}/apps`, { installUrl: reportsUrl })).status).toBe(201);
    await expect.poll(() => row(page, 'com.acme.reports').count(), { timeout: LIVE_MS, interval: 100 }).toBe(1);

    // What an extension puts in a row's header stays there, even when that very row changes.
    const probe = (appKey: string) =>
      page.evaluate((key) => {
        const header = document.querySelector(`div.upm-plugin[data-key="${key}"] .upm-plugin-row`);
        header?.append(document.createElement('token-lens-probe'));
      }, appKey);
    await probe('com.acme.timesheets');
    await probe('com.acme.reports');
    // A new row comes collapsed, with no details in it: a click on its name opens them, loaded then.
    await expect(isExpanded(page, 'com.acme.reports')).resolves.toBe(false);
    await expect(row(page, 'com.acme.reports').locator('.upm-details').count()).resolves.toBe(0);
    await row(page, 'com.acme.reports').locator('h4.upm-plugin-name').click();
    await row(page, 'com.acme.reports').locator('.upm-details.loaded').waitFor();
    await expect(row(page, 'com.acme.reports').locator('.tl-toggle').getAttribute('aria-expanded')).resolves.toBe(
      'true',
    );
    await expect(stateMenu(page, 'com.acme.reports').inputValue()).resolves.toBe('ACTIVE_SUBSCRIPTION');

    // An expanded row that changed gets its details again.
    await api.call('PUT', `/sites/${QA}/apps/com.acme.reports/license`, { state: 'inactive-subscription' });
    await expect
      .poll(() => stateMenu(page, 'com.acme.reports').inputValue(), { timeout: LIVE_MS, interval: 50 })
      .toBe('INACTIVE_SUBSCRIPTION');
    await expect(row(page, 'com.acme.reports').locator('.tl-row-status').textContent()).resolves.toBe(
      'Inactive subscription',
    );
    await expect(row(page, 'com.acme.reports').locator('token-lens-probe').count()).resolves.toBe(1);
    await expect(row(page, 'com.acme.timesheets').locator('token-lens-probe').count()).resolves.toBe(1);

    // A collapsed row that changed keeps the person's choice, and shows the change once opened.
    await row(page, 'com.acme.reports').locator('h4.upm-plugin-name').click();
    await expect(isExpanded(page, 'com.acme.reports')).resolves.toBe(false);
    await expect(row(page, 'com.acme.reports').locator('.upm-details').isVisible()).resolves.toBe(false);
    await api.call('PUT', `/sites/${QA}/apps/com.acme.reports/license`, { state: 'active-subscription' });
    await expect
      .poll(() => row(page, 'com.acme.reports').locator('.tl-row-status').textContent(), {
        timeout: LIVE_MS,
        interval: 50,
      })
      .toBe('Active subscription');
    await expect(isExpanded(page, 'com.acme.reports')).resolves.toBe(false);
    await row(page, 'com.acme.reports').locator('h4.upm-plugin-name').click();
    await expect.poll(() => stateMenu(page, 'com.acme.reports').inputValue()).toBe('ACTIVE_SUBSCRIPTION');
    await expect(row(page, 'com.acme.reports').locator('.upm-details').isVisible()).resolves.toBe(true);
    await screenshot(page, 'reference-page-live');

    // A select the person is using is left alone until they leave it.
    await expand(page, 'com.acme.timesheets');
    await stateMenu(page, 'com.acme.timesheets').focus();
    await api.call('PUT', `/sites/${QA}/apps/com.acme.timesheets/license`, { state: 'inactive-trial' });
    await page.waitForTimeout(LIVE_MS);
    await expect(stateMenu(page, 'com.acme.timesheets').inputValue()).resolves.toBe('ACTIVE_TRIAL');
    await page.locator('#upm-title').click();
    await expect
      .poll(() => stateMenu(page, 'com.acme.timesheets').inputValue(), { timeout: LIVE_MS, interval: 50 })
      .toBe('INACTIVE_TRIAL');

    // A removed app disappears; the site's setting follows too.
    await api.call('DELETE', `/sites/${QA}/apps/com.acme.reports`);
    await expect.poll(() => row(page, 'com.acme.reports').count(), { timeout: LIVE_MS, interval: 50 }).toBe(0);
    await api.call('PATCH', `/sites/${QA}`, { privateListingsEnabled: false });
    await expect
      .poll(() => page.locator('#tl-private-listings-state').textContent(), { timeout: LIVE_MS, interval: 50 })
      .toBe('Private listings disabled');
    await expect(page.locator('#upm-checkbox-privateListingsEnabled').isChecked()).resolves.toBe(false);

    expect(await stillSamePage()).toBe(true);
    expect(policyViolations).toEqual([]);
  });

  it('looks right in light and dark, with the dialogs closed', async () => {
    await api.call('PATCH', `/sites/${QA}`, { privateListingsEnabled: true });
    await expect(
      api.call('POST', `/sites/${QA}/apps`, { installUrl: await newTokenUrl(api, 'com.acme.reports') }),
    ).resolves.toHaveProperty('status', 201);
    await page.reload();
    await row(page, 'com.acme.reports').waitFor();
    await screenshot(page, 'reference-page-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'reference-page-dark');
    await page.locator('#upm-upload').click();
    await screenshot(page, 'reference-page-upload-dialog-dark');
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.goto(`${service.url}/docs`);
    // Swagger UI, served by the service: the operation is listed once it has read the document.
    await page.locator('.opblock-summary-path[data-path="/api/v1/sites/{host}/apps/{appKey}/license"]').waitFor();
    await screenshot(page, 'reference-docs');
    expect(policyViolations).toEqual([]);
  });

  it('works without scripting too: Settings by its link, the status menu by its Save button', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 800 } });
    try {
      await plain.addCookies(await context.cookies());
      const noScript = await plain.newPage();
      await noScript.goto(pageUrl);
      await noScript.locator('#link-bar-settings a').click();
      const settings = noScript.locator('#upm-settings-dialog');
      await settings.waitFor({ state: 'visible' });
      await settings.getByLabel('Enable private listings').uncheck();
      await settings.locator('.aui-button.confirm').click();
      await noScript
        .getByRole('status')
        .filter({ hasText: `Private listings are now disabled on ${QA}.` })
        .waitFor();
      await api.call('PATCH', `/sites/${QA}`, { privateListingsEnabled: true });

      // Without scripting, a row's Details link opens the page with that row's details.
      await row(noScript, 'com.acme.reports').getByRole('link', { name: 'Details' }).click();
      await row(noScript, 'com.acme.reports').locator('.upm-details.loaded').waitFor();
      const menu = row(noScript, 'com.acme.reports').locator('select.token-state');
      await menu.selectOption('ACTIVE_SUBSCRIPTION_CANCELLED');
      await row(noScript, 'com.acme.reports').getByRole('button', { name: 'Save' }).click();
      await noScript.getByRole('status').filter({ hasText: 'Acme Reports is now Cancelled subscription.' }).waitFor();
      await screenshot(noScript, 'reference-page-no-script');
    } finally {
      await plain.close();
    }
  });
});
