import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITES } from '../../lib/service/demo-data';
import { launchChromiumWithExtension, launchPlainChromium, screenshot } from './support/browser';
import { openReferencePage, signInThroughOptions } from './support/people';
import { OWNER, removeTempDb, startServiceProcess } from './support/service-process';
import { badge, licenseSwitch, type SignedInBrowser, useSignedInBrowser } from './support/signed-in-browser';
import { openFreshSite as openSite } from './support/test-site';

const SITE = DEMO_SITES[0];
const rowOf = (page: Page, appKey: string) => page.locator(`div.upm-plugin[data-key="${appKey}"]`);

describe('the overlay on Manage apps pages', () => {
  const setup = useSignedInBrowser();
  let service: SignedInBrowser['service'];
  let browser: SignedInBrowser['browser'];
  let api: SignedInBrowser['api'];
  beforeAll(() => {
    ({ service, browser, api } = setup());
  });

  const openFreshSite = (name: string) => openSite(browser.context, service.url, api, name);

  it('paints a badge on every row from what the service holds', async () => {
    const { page, host } = await openFreshSite('badges');
    const apps = await api.siteApps(host);
    for (const app of apps)
      await expect.poll(() => badge(page, app.name).textContent()).toContain(app.token ? app.token.last4 : 'no token');
    await expect(page.locator('token-lens-badge').count()).resolves.toBe(apps.length);
  });

  it('switches a license state with one click: the service, the badge and the page’s own select follow', async () => {
    const { page, host } = await openFreshSite('switch');
    // The page's own details of the row, opened as a person opens them (they load when opened).
    await page.getByRole('button', { name: 'Details of Acme Timesheets' }).click();
    await rowOf(page, 'com.acme.timesheets').locator('.upm-details.loaded').waitFor();
    await licenseSwitch(page, 'Acme Timesheets').getByRole('radio', { name: 'Inactive trial' }).click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive trial');
    const held = (await api.siteApps(host)).find((app) => app.appKey === 'com.acme.timesheets');
    expect(held?.license.state).toBe('inactive-trial');
    await expect
      .poll(() => rowOf(page, 'com.acme.timesheets').locator('select.token-state').inputValue(), { timeout: 5000 })
      .toBe('INACTIVE_TRIAL');
    await expect(
      licenseSwitch(page, 'Acme Timesheets').getByRole('radio', { name: 'Inactive trial' }).isChecked(),
    ).resolves.toBe(true);
    await screenshot(page, 'overlay-light');
  });

  it('says why a switch is refused, in words', async () => {
    const { page } = await openFreshSite('refused');
    const hello = licenseSwitch(page, 'Acme Hello');
    await expect(hello.getByRole('radio', { name: 'Active trial', exact: true }).isDisabled()).resolves.toBe(true);
    const describedBy = await hello.getAttribute('aria-describedby');
    await expect(rowOf(page, 'com.acme.hello').locator(`[id="${describedBy}"]`).textContent()).resolves.toContain(
      'is free',
    );
  });

  it('applies a token picked from the quick-apply menu, showing n / 50', async () => {
    const { page, host } = await openFreshSite('apply');
    const created = await api.call('POST', '/apps/com.acme.timesheets/tokens', { note: 'picked in e2e' });
    const token = (await created.json()) as { id: string; value: string };
    await page.getByRole('button', { name: 'Apply token to Acme Timesheets' }).click();
    const menu = page.getByRole('menu', { name: 'Tokens for Acme Timesheets' });
    await expect(menu.textContent()).resolves.toMatch(/\d+ \/ 50 used/);
    await menu.getByRole('menuitem', { name: new RegExp(token.value.slice(-4)) }).click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain(token.value.slice(-4));
    const held = (await api.siteApps(host)).find((app) => app.appKey === 'com.acme.timesheets');
    expect(held?.token?.id).toBe(token.id);
  });

  it('installs and licenses an app from a token URL pasted into Token Lens’s own window, never into the page', async () => {
    const { page } = await openFreshSite('install');
    await api.call('POST', '/apps', {
      key: 'com.acme.beta',
      name: 'Acme Beta',
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: 'https://apps.acme.example/beta/atlassian-connect.json',
    });
    const token = (await (await api.call('POST', '/apps/com.acme.beta/tokens', {})).json()) as {
      installUrls: { private: string };
    };
    const opened = browser.context.waitForEvent('page');
    await page.getByRole('button', { name: 'Install from token URL' }).click();
    const window = await opened;
    expect(new URL(window.url()).protocol).toBe('chrome-extension:');
    await expect(page.locator('token-lens-bar input').count()).resolves.toBe(0);
    await window.getByLabel('Token URL').fill(token.installUrls.private);
    await window.getByRole('button', { name: 'Install', exact: true }).click();
    await expect(window.getByRole('status').textContent()).resolves.toContain('Installed Acme Beta on');
    await expect(window.getByLabel('Token URL').inputValue()).resolves.toBe('');
    await screenshot(window, 'install-window');
    await window.close();
    await expect.poll(() => badge(page, 'Acme Beta').textContent(), { timeout: 5000 }).toContain('Active subscription');
    const rows = await page.locator('#upm-manage-plugins-user-installed div.upm-plugin[data-key]').count();
    await expect(page.locator('token-lens-badge').count()).resolves.toBe(rows);
  });

  it('clears a token after a confirmation that says the site becomes unlicensed', async () => {
    const { page } = await openFreshSite('clear');
    const row = rowOf(page, 'com.acme.reports');
    await row.getByRole('button', { name: 'Clear token' }).click();
    const dialog = row.getByRole('alertdialog');
    await expect(dialog.textContent()).resolves.toContain('becomes unlicensed');
    await dialog.getByRole('button', { name: 'Clear token' }).click();
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('no token');
    await expect(badge(page, 'Acme Reports').textContent()).resolves.toContain('Unlicensed');
  });

  it('follows a change made by another person on the page’s own select within 2 s', async () => {
    const { page, host } = await openFreshSite('follow');
    const other: Browser = await launchPlainChromium();
    try {
      const tester = await (await other.newContext()).newPage();
      await openReferencePage(tester, service.url, host, OWNER);
      await tester.getByRole('button', { name: 'Details of Acme Timesheets' }).click();
      await rowOf(tester, 'com.acme.timesheets')
        .locator('select.token-state')
        .selectOption('ACTIVE_SUBSCRIPTION_CANCELLED');
      await expect
        .poll(() => badge(page, 'Acme Timesheets').textContent(), { timeout: 4000 })
        .toContain('Cancelled subscription');
    } finally {
      await other.close();
    }
  });

  it('keeps every control reachable by keyboard in row order', async () => {
    const { page } = await openFreshSite('keyboard');
    await page.bringToFront();
    await page.locator('#upm-title').click();
    const reached: string[] = [];
    for (let press = 0; press < 120; press++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          let active: Element | null = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          const group = active?.closest('[role="radiogroup"]');
          return (
            group?.getAttribute('aria-label') ?? active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? ''
          );
        }),
      );
    }
    // Acme Hello is free and public: it can have neither a license state nor a token, so its
    // switch and its Apply token are disabled (each saying why), and rightly no tab stops.
    expect(reached).not.toContain('License state for Acme Hello');
    expect(reached).not.toContain('Apply token to Acme Hello');
    const order = ['Acme Reports', 'Acme Timesheets'].map((name) => ({
      name,
      apply: reached.indexOf(`Apply token to ${name}`),
      license: reached.indexOf(`License state for ${name}`),
    }));
    for (const row of order) {
      expect(row.apply, `${row.name}'s quick apply is reached`).toBeGreaterThanOrEqual(0);
      expect(row.license, `${row.name}'s switch comes after its token controls`).toBeGreaterThan(row.apply);
    }
    expect(order[1]?.apply, 'rows are reached in their order').toBeGreaterThan(order[0]?.license ?? Infinity);
  });

  it('renders in the page’s dark scheme too', async () => {
    const { page } = await openFreshSite('dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'overlay-dark');
    const colour = await badge(page, 'Acme Timesheets').evaluate(
      (element) => getComputedStyle(element).backgroundColor,
    );
    expect(colour).toBe('rgb(34, 39, 43)');
  });

  /**
   * The product's page at its real address, played on this machine: the saved page, and its REST
   * API answered by the reference site's own routes with the person's credential there (a
   * personal access token, as Basic — on a real site the page's own session cookie does this).
   * Answers the calls the page's content script made to the site's API.
   */
  async function openProductPage(): Promise<{ product: Page; siteCalls: string[] }> {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await api.call('POST', '/personal-tokens', {
      description: 'the cloud site',
      expiresAt,
      scopes: 'full-access',
      password: OWNER.password,
    });
    const value = ((await created.json()) as { value: string }).value;
    const siteCredential = `Basic ${Buffer.from(`${OWNER.email}:${value}`).toString('base64')}`;
    const product = await browser.context.newPage();
    const html = readFileSync('test/fixtures/upm-product-page.html', 'utf8');
    const siteCalls: string[] = [];
    await product.route(`https://${SITE}/plugins/servlet/upm**`, (route) =>
      route.fulfill({ body: html, contentType: 'text/html' }),
    );
    await product.route(`https://${SITE}/rest/**`, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      siteCalls.push(`${request.method()} ${url.pathname}`);
      const { host: _host, cookie: _cookie, origin: _origin, ...headers } = request.headers();
      const answer = await route.fetch({
        url: `${service.url}/sites/${SITE}${url.pathname}${url.search}`,
        headers: { ...headers, authorization: siteCredential },
      });
      await route.fulfill({ response: answer });
    });
    await product.goto(`https://${SITE}/plugins/servlet/upm/manage/user-installed`);
    return { product, siteCalls };
  }

  it('paints badges on the product’s own page at its real address, from that site’s own REST API', async () => {
    const { product, siteCalls } = await openProductPage();
    await expect.poll(() => badge(product, 'Acme Timesheets').textContent()).toContain('Active trial');
    await expect.poll(() => badge(product, 'Acme Reports').textContent()).toContain('Active subscription');
    await expect.poll(() => badge(product, 'Acme Hello').textContent()).toContain('Free app');
    await expect(product.locator('#upm-manage-plugins-system token-lens-badge').count()).resolves.toBe(0);
    expect(siteCalls).toEqual(
      expect.arrayContaining(['GET /rest/plugins/1.0/', 'GET /rest/plugins/1.0/license-tokens']),
    );
    await screenshot(product, 'overlay-product-page');
    await product.close();
  });

  it('on the product’s page at its real address, switches through that site’s own REST API, from the page', async () => {
    const { product, siteCalls } = await openProductPage();
    await expect.poll(() => badge(product, 'Acme Timesheets').textContent()).toContain('Active trial');
    try {
      await licenseSwitch(product, 'Acme Timesheets')
        .getByRole('radio', { name: 'Inactive trial', exact: true })
        .click();
      await expect.poll(() => badge(product, 'Acme Timesheets').textContent()).toContain('Inactive trial');
      const reads = /^GET \/rest\/plugins\/1\.0\/(license-tokens)?$/;
      expect(siteCalls.filter((call) => !reads.test(call))).toEqual([
        'GET /rest/plugins/1.0/license-tokens/com.acme.timesheets-key',
        'POST /rest/plugins/1.0/license-tokens',
      ]);
      const held = (await api.siteApps(SITE)).find((app) => app.appKey === 'com.acme.timesheets');
      expect(held?.license.state).toBe('inactive-trial');
    } finally {
      // The demo site as the other tests expect it.
      await api.call('PUT', `/sites/${SITE}/apps/com.acme.timesheets/license`, { state: 'active-trial' });
      await product.close();
    }
  });

  it('shows stale badges and disabled controls that say why when the service stops', async () => {
    // A service and browser of its own: stopping the service must not touch the other tests.
    const own = await startServiceProcess();
    const ownBrowser = await launchChromiumWithExtension();
    try {
      await (await signInThroughOptions(ownBrowser.context, ownBrowser.extensionId, own.url, OWNER)).close();
      const page = await ownBrowser.context.newPage();
      await openReferencePage(page, own.url, SITE, OWNER);
      await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');
      const pageUrl = page.url();
      const html = await (await page.request.get(pageUrl)).text();
      await own.stop();
      await ownBrowser.context.route(pageUrl, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
      await ownBrowser.context.route(`${own.url}/assets/**`, (route) =>
        route.fulfill({ body: '', contentType: 'text/plain' }),
      );
      await page.reload();
      await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('stale');
      const radio = licenseSwitch(page, 'Acme Timesheets').getByRole('radio', { name: 'Active trial', exact: true });
      await expect(radio.isDisabled()).resolves.toBe(true);
      const describedBy = await licenseSwitch(page, 'Acme Timesheets').getAttribute('aria-describedby');
      await expect(
        rowOf(page, 'com.acme.timesheets').locator(`[id="${describedBy}"]`).textContent(),
      ).resolves.toContain('cannot be reached');
      await screenshot(page, 'overlay-stale');
    } finally {
      await ownBrowser.close();
      await own.stop();
      removeTempDb(own.dbPath);
    }
  });
});
