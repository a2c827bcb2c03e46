import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LICENSE_STATE_LABELS } from '../../lib/domain/license-state';
import { DEMO_SITES } from '../../lib/service/demo-data';
import { openStore } from '../../lib/service/store/store';
import { type ExtensionBrowser, launchChromiumWithExtension, screenshot } from './support/browser';
import { openReferencePage, signInThroughOptions } from './support/people';
import { apiSession } from './support/service-api';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from './support/service-process';

const SITE = DEMO_SITES[0];

const badge = (page: Page, appName: string) => page.getByRole('group', { name: `Access token for ${appName}` });

describe('walking skeleton: page → content script → background → cache → service and back', () => {
  let service: ServiceProcess;
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    service = await startServiceProcess();
    browser = await launchChromiumWithExtension();
    const options = await signInThroughOptions(browser.context, browser.extensionId, service.url, OWNER);
    await options.close();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    if (service) removeTempDb(service.dbPath);
  });

  it('puts one badge on every user-installed row, showing the license state the service holds', async () => {
    const apps = await (await apiSession(service.url, OWNER)).siteApps(SITE);
    expect(apps.length).toBeGreaterThanOrEqual(3);

    await openReferencePage(page, service.url, SITE, OWNER);
    const rows = page.locator('#upm-manage-plugins-user-installed div.upm-plugin[data-key]');
    await expect.poll(() => rows.count()).toBe(apps.length);

    for (const app of apps) {
      const expected = app.paymentModel === 'free' ? 'Free app' : LICENSE_STATE_LABELS[app.license.state];
      await expect.poll(() => badge(page, app.name).textContent()).toContain(expected);
      if (app.token) await expect(badge(page, app.name).textContent()).resolves.toContain(app.token.last4);
      else await expect(badge(page, app.name).textContent()).resolves.toContain('no token');
    }
    // Exactly one badge per row, and none on the system apps.
    await expect(page.locator('token-lens-badge').count()).resolves.toBe(apps.length);
    await expect(page.locator('#upm-manage-plugins-system token-lens-badge').count()).resolves.toBe(0);
    await screenshot(page, 'skeleton-badges');
  });

  it('follows a change made in the service’s database between two page loads', async () => {
    const store = openStore(service.dbPath);
    try {
      const installation = store.installedApps.getInstallation(SITE, 'com.acme.timesheets');
      expect(installation?.licenseState).toBe('active-trial');
      store.write(() => {
        if (!installation) throw new Error('demo data is missing Acme Timesheets');
        store.installedApps.save({
          ...installation,
          licenseState: 'inactive-subscription',
          licenseChangedAt: new Date().toISOString(),
        });
      });
    } finally {
      store.close();
    }
    await page.reload();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive subscription');
  });

  it('keeps showing the cached state, marked stale, when the service is stopped', async () => {
    // Keep the page's own HTML so that the page can still be loaded once the service is gone.
    const pageUrl = page.url();
    const html = await (await page.request.get(pageUrl)).text();
    const css = await (await page.request.get(`${service.url}/assets/reference.css`)).text();
    await service.stop();
    await browser.context.route(pageUrl, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
    await browser.context.route(`${service.url}/assets/reference.css`, (route) =>
      route.fulfill({ body: css, contentType: 'text/css' }),
    );

    await page.reload();
    const timesheets = badge(page, 'Acme Timesheets');
    await expect.poll(() => timesheets.textContent()).toContain('stale');
    await expect(timesheets.textContent()).resolves.toContain('Inactive subscription');
    await expect(badge(page, 'Acme Reports').textContent()).resolves.toContain('Active subscription');
    await screenshot(page, 'skeleton-stale');
  });
});
