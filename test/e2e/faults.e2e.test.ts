import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension, screenshot } from './support/browser';
import { signInThroughOptions } from './support/people';
import { apiSession } from './support/service-api';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from './support/service-process';
import { badge, licenseSwitch } from './support/signed-in-browser';
import { openFreshSite as openSite } from './support/test-site';

type Api = Awaited<ReturnType<typeof apiSession>>;
type TargetInfo = { type: string; url: string; targetId: string };

/**
 * Faults a person meets without doing anything wrong: a cache record gone bad on disk, the
 * browser stopping the extension's worker (MV3 does, whenever it likes), and the service
 * restarting while a command is on its way.
 */
describe('faults: a corrupted cache, a stopped worker, a service restarted mid-command', () => {
  let service: ServiceProcess;
  let browser: ExtensionBrowser;
  let api: Api;
  let options: Page;

  beforeAll(async () => {
    service = await startServiceProcess();
    api = await apiSession(service.url, OWNER);
    browser = await launchChromiumWithExtension();
    options = await signInThroughOptions(browser.context, browser.extensionId, service.url, OWNER);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    if (service) removeTempDb(service.dbPath);
  });

  const openFreshSite = (name: string) => openSite(browser.context, service.url, api, name);

  const stateOf = async (host: string, appKey: string) =>
    (await api.siteApps(host)).find((app) => app.appKey === appKey)?.license.state;

  it('drops a cache record that no longer parses and paints from the service again, rewriting it', async () => {
    const { page, host } = await openFreshSite('corrupt');
    // The extension's own IndexedDB, as a disk fault or an old release might leave it.
    const written = await options.evaluate(async (site) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('token-lens-cache');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const put = db
          .transaction('sites', 'readwrite')
          .objectStore('sites')
          .put(
            // Apps of the wrong shape, and an app no service ever answered.
            { host: site, apps: [{ appKey: 'com.acme.timesheets', name: 42 }], etag: 7, fetchedAt: 'yesterday' },
            site,
          );
        put.onsuccess = () => resolve();
        put.onerror = () => reject(put.error);
      });
      db.close();
      return true;
    }, host);
    expect(written).toBe(true);

    await page.reload();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');
    await expect(badge(page, 'Acme Reports').textContent()).resolves.toContain('Active subscription');
    // The bad record was replaced by the service's answer, which parses as a site's snapshot.
    // The worker writes the service's answer back after painting from it: wait for that write.
    const readRecord = () =>
      options.evaluate(async (site) => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const open = indexedDB.open('token-lens-cache');
          open.onsuccess = () => resolve(open.result);
        });
        const value = await new Promise<unknown>((resolve) => {
          const get = db.transaction('sites').objectStore('sites').get(site);
          get.onsuccess = () => resolve(get.result);
        });
        db.close();
        return value as { host: string; apps: { name: unknown }[]; fetchedAt: string } | undefined;
      }, host);
    await expect
      .poll(async () => (await readRecord())?.apps.map((app) => typeof app.name), { timeout: 10_000 })
      .toEqual(['string', 'string', 'string']);
    const record = await readRecord();
    expect(record?.host).toBe(host);
    expect(Number.isNaN(Date.parse(record?.fetchedAt ?? ''))).toBe(false);
  });

  it('keeps badges and commands working after the browser stops the extension’s worker', async () => {
    const { page, host } = await openFreshSite('worker');
    const cdp: CDPSession = await browser.context.newCDPSession(page);
    const workerTarget = async () =>
      ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos.find(
        (target) =>
          target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${browser.extensionId}/`),
      );
    // Each instance of the worker is marked as it is seen: one that answers without the mark is a new one.
    const running = () =>
      browser.context.serviceWorkers().filter((worker) => worker.url().includes(browser.extensionId));
    const markAll = () =>
      Promise.all(running().map((worker) => worker.evaluate(() => Object.assign(globalThis, { seenByTest: true }))));
    const aFreshInstanceRuns = async () =>
      (
        await Promise.all(
          running().map((worker) => worker.evaluate(() => 'seenByTest' in globalThis).catch(() => true)),
        )
      ).includes(false);
    const stopWorker = async () => {
      await markAll();
      const target = await workerTarget();
      expect(target).toBeDefined();
      await cdp.send('Target.closeTarget', { targetId: target?.targetId ?? '' });
    };

    await stopWorker();
    // A click wakes it: the switch goes through, the badge and the service agree, and a new instance did it.
    await licenseSwitch(page, 'Acme Timesheets').getByRole('radio', { name: 'Inactive trial' }).click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive trial');
    await expect(stateOf(host, 'com.acme.timesheets')).resolves.toBe('inactive-trial');
    await expect.poll(aFreshInstanceRuns).toBe(true);

    // Stopped again: the page's live poll wakes it and follows a change made elsewhere.
    await stopWorker();
    const changed = await api.call('PUT', `/sites/${host}/apps/com.acme.reports/license`, {
      state: 'active-subscription-cancelled',
    });
    expect(changed.status).toBe(200);
    await expect
      .poll(() => badge(page, 'Acme Reports').textContent(), { timeout: 10_000 })
      .toContain('Cancelled subscription');
    await expect.poll(aFreshInstanceRuns).toBe(true);
    await cdp.detach();
  });

  it('says why when the service restarts in the middle of a switch, and never shows a state it does not hold', async () => {
    const { page, host } = await openFreshSite('restart');
    // The switch's request to the site's API is held on its way, the service restarts under it,
    // and then the request goes on to where the old process was.
    let arrived: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (arrived = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/rest\/plugins\/1\.0\/license-tokens$/, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      arrived();
      await released;
      await route.continue().catch(() => undefined);
    });
    const timesheets = licenseSwitch(page, 'Acme Timesheets');
    await timesheets.getByRole('radio', { name: 'Inactive trial' }).click();
    await held;
    await service.kill();
    release();

    const alert = page.locator('token-lens-badge').getByRole('alert');
    await expect.poll(() => alert.first().textContent(), { timeout: 10_000 }).toMatch(/cannot be reached|try again/i);
    await screenshot(page, 'faults-restart-mid-switch');
    await page.unroute(/\/rest\/plugins\/1\.0\/license-tokens$/);

    service = await startServiceProcess({ dbPath: service.dbPath, port: service.port, seedDemo: false });
    api = await apiSession(service.url, OWNER);
    // The lost request changed nothing: the service still holds Active trial, and so does the overlay.
    await expect(stateOf(host, 'com.acme.timesheets')).resolves.toBe('active-trial');
    await expect
      .poll(() => badge(page, 'Acme Timesheets').textContent(), { timeout: 10_000 })
      .toContain('Active trial');
    await expect(badge(page, 'Acme Timesheets').textContent()).resolves.not.toContain('stale');
    await expect(timesheets.getByRole('radio', { name: 'Active trial', exact: true }).isChecked()).resolves.toBe(true);

    // And the same click, now that the service is back, goes through.
    await timesheets.getByRole('radio', { name: 'Inactive trial' }).click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive trial');
    await expect(stateOf(host, 'com.acme.timesheets')).resolves.toBe('inactive-trial');
  });
});
