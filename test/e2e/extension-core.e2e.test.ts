import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITES } from '../../lib/service/demo-data';
import { type ExtensionBrowser, launchChromiumWithExtension, screenshot } from './support/browser';
import { openReferencePage, signInThroughOptions } from './support/people';
import { apiSession } from './support/service-api';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from './support/service-process';

const SITE = DEMO_SITES[0];
const badge = (page: Page, appName: string) => page.getByRole('group', { name: `Access token for ${appName}` });

describe('extension core: sign-in, cache, stale data and recovery', () => {
  let service: ServiceProcess;
  let browser: ExtensionBrowser;
  let page: Page;
  let options: Page;

  beforeAll(async () => {
    service = await startServiceProcess();
    browser = await launchChromiumWithExtension();
    options = await signInThroughOptions(browser.context, browser.extensionId, service.url, OWNER, {
      staySignedIn: true,
    });
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    if (service) removeTempDb(service.dbPath);
  });

  it('shows the signed-in account and the session’s reach in the options page', async () => {
    await expect(
      options
        .getByRole('status')
        .filter({ hasText: `Signed in as ${OWNER.email}` })
        .textContent(),
    ).resolves.toContain('kept across browser restarts');
    await expect(options.getByLabel('Password').count()).resolves.toBe(0);
  });

  it('badges come from the service, then from the cache, marked stale with their age, while the service is down', async () => {
    await openReferencePage(page, service.url, SITE, OWNER);
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');
    await expect(badge(page, 'Acme Timesheets').textContent()).resolves.not.toContain('stale');

    const pageUrl = page.url();
    const html = await (await page.request.get(pageUrl)).text();
    await service.stop();
    await browser.context.route(pageUrl, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
    await browser.context.route(`${service.url}/assets/**`, (route) =>
      route.fulfill({ body: '', contentType: 'text/css' }),
    );
    await page.reload();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toMatch(/stale · (just now|\d+ min ago)/);
    await expect(badge(page, 'Acme Timesheets').textContent()).resolves.toContain('Active trial');
    await screenshot(page, 'core-stale');
  });

  it('lists the cached site with its size and age in the options page', async () => {
    await options.reload();
    const row = options.getByRole('row').filter({ hasText: SITE });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/\d+(\.\d)? (B|KiB)/);
  });

  it('recovers without a reload when the service is back, and follows what changed meanwhile', async () => {
    service = await startServiceProcess({ dbPath: service.dbPath, port: service.port, seedDemo: false });
    const api = await apiSession(service.url, OWNER);
    const changed = await api.call('PUT', `/sites/${SITE}/apps/com.acme.timesheets/license`, {
      state: 'active-subscription-cancelled',
    });
    expect(changed.status).toBe(200);

    const timesheets = badge(page, 'Acme Timesheets');
    await expect.poll(() => timesheets.textContent(), { timeout: 10_000 }).toContain('Cancelled subscription');
    await expect(timesheets.textContent()).resolves.not.toContain('stale');
    await screenshot(page, 'core-recovered');
  });

  it('signing out leaves nothing of the account behind: the page says to sign in, and no site stays cached', async () => {
    await options.getByRole('button', { name: 'Sign out' }).click();
    await options.getByRole('button', { name: 'Sign in' }).waitFor();
    const timesheets = badge(page, 'Acme Timesheets');
    // Not the signed-out account's cached state, marked stale: nothing of it, and the reason.
    await expect.poll(() => timesheets.textContent(), { timeout: 10_000 }).toBe('unavailable');
    await expect(timesheets.getAttribute('title')).resolves.toContain('Sign in');
    await page.reload();
    await expect.poll(() => timesheets.textContent()).toBe('unavailable');
    await options.reload();
    await options.getByRole('button', { name: 'Sign in' }).waitFor();
    // The cache section has answered (its list is drawn) before its rows are counted.
    await options.getByText('No site data cached yet.').waitFor();
    await expect(options.getByRole('row').filter({ hasText: SITE }).count()).resolves.toBe(0);
    await screenshot(options, 'core-signed-out');
  });
});
