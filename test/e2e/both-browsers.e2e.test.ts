import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, PlayedRequest, Tab } from './support/person';
import { chromiumPerson } from './support/person-chromium';
import { firefoxPerson } from './support/person-firefox';
import { apiSession } from './support/service-api';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from './support/service-process';
import { freshSite } from './support/test-site';

/**
 * The scenarios a person goes through, run the same in Chromium (playwright-core) and Firefox
 * ESR (puppeteer-core over WebDriver BiDi): sign-in, the overlay, the popup, installing from a
 * pasted token URL, personal access tokens. Controls are found by role and name (EXTENSION.md).
 */
const BROWSERS = [
  ['Chromium', chromiumPerson],
  ['Firefox ESR', firefoxPerson],
] as const;

const badge = (tab: Tab, app: string) => tab.getByRole('group', { name: `Access token for ${app}` });
const licenseRadio = (tab: Tab, app: string, state: string) =>
  tab.getByRole('radiogroup', { name: `License state for ${app}` }).getByRole('radio', { name: state, exact: true });
/** The text of the element that has the focus, looking into shadow roots (the overlay's controls live in them). */
const FOCUSED_TEXT = `(() => {
  let focused = document.activeElement;
  while (focused && focused.shadowRoot && focused.shadowRoot.activeElement) focused = focused.shadowRoot.activeElement;
  return focused ? focused.textContent.trim() : null;
})()`;
const used = async (tab: Tab) => Number((await tab.getByText(' / 50 used').textContent())?.trim().split(' ')[0]);

describe.each(BROWSERS)('in %s', (_name, launch) => {
  let service: ServiceProcess;
  let api: Awaited<ReturnType<typeof apiSession>>;
  let person: Person;
  let readLicenses: string;

  /** UPM's access-token resource on the reference site, read as a script with a personal access token would. */
  const siteGet = async (path: string) => {
    const answer = await fetch(`${service.url}${path}`, {
      headers: { Authorization: `Basic ${Buffer.from(`${OWNER.email}:${readLicenses}`).toString('base64')}` },
    });
    expect(answer.status, `${path}: ${answer.status}`).toBe(200);
    return (await answer.json()) as Record<string, unknown>;
  };
  /**
   * A played cloud site's REST call, answered by reference site `host`'s own routes, with the
   * person's credential there (Basic with a personal access token; on a real site the page's
   * own session cookie).
   */
  const askReferenceSite = (host: string, request: PlayedRequest) => {
    const url = new URL(request.url);
    return fetch(`${service.url}/sites/${host}${url.pathname}${url.search}`, {
      method: request.method,
      headers: {
        authorization: `Basic ${Buffer.from(`${OWNER.email}:${readLicenses}`).toString('base64')}`,
        ...(request.headers['content-type'] ? { 'content-type': request.headers['content-type'] } : {}),
      },
      ...(request.body === undefined ? {} : { body: request.body }),
    });
  };
  const licenseToken = (host: string, appKey: string) =>
    siteGet(`/sites/${host}/rest/plugins/1.0/license-tokens/${appKey}-key`);
  const connectLicense = (host: string, appKey: string) =>
    siteGet(`/sites/${host}/rest/atlassian-connect/1/addons/${appKey}`);

  beforeAll(async () => {
    service = await startServiceProcess();
    api = await apiSession(service.url, OWNER);
    person = await launch();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await api.call('POST', '/personal-tokens', {
      description: 'license reads',
      expiresAt,
      scopes: 'full-access',
      password: OWNER.password,
    });
    readLicenses = ((await created.json()) as { value: string }).value;
  });
  afterAll(async () => {
    await person?.close();
    await service?.stop();
    if (service) removeTempDb(service.dbPath);
  });

  it('signs in through the options page, with the Token Lens account (never an Atlassian one)', async () => {
    const options = await person.openExtensionPage('options.html');
    await options.getByLabel('Service URL').fill(service.url);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await options.getByLabel('Email').fill(OWNER.email);
    await options.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await options.getByRole('button', { name: 'Sign in', exact: true }).click();
    await options.getByText(`Signed in as ${OWNER.email}`).waitFor();
    await options.screenshot('options-signed-in');
    await options.close();
  });

  it('paints a badge on every app row and switches the license state by click and by Space; a script cannot', async () => {
    const host = await freshSite(api, `both-${person.browserName}`);
    const page = await person.openReferencePage(service.url, host, OWNER);
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('Active subscription');
    await expect(badge(page, 'Acme Hello').textContent()).resolves.toContain('no token');
    // A free public app can never have a token: the row says why instead of offering one.
    await page
      .getByText('Acme Hello has no private listing or private version, so it cannot have access tokens.')
      .waitFor();

    // The page's own details of the row, opened as a person opens them (they load when opened).
    await page.getByRole('button', { name: 'Details of Acme Timesheets' }).click();
    await expect
      .poll(() =>
        page.evaluate(
          `document.querySelector('div.upm-plugin[data-key="com.acme.timesheets"] .upm-details.loaded select.token-state')?.value ?? null`,
        ),
      )
      .toBe('ACTIVE_TRIAL');

    await licenseRadio(page, 'Acme Timesheets', 'Inactive trial').click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive trial');
    // It went through the site's own REST API, from the page, with the person's session there.
    expect(page.requestsMade()).toContain(`POST ${service.url}/sites/${host}/rest/plugins/1.0/license-tokens`);
    const timesheets = await licenseToken(host, 'com.acme.timesheets');
    expect(timesheets).toMatchObject({ pluginKey: 'com.acme.timesheets', state: 'INACTIVE_TRIAL', valid: true });
    // And the app under test reads it from the Connect license API.
    await expect(connectLicense(host, 'com.acme.timesheets')).resolves.toMatchObject({
      license: { active: false, evaluation: true, type: 'DEVELOPER' },
    });
    // The page's own status menu follows the change.
    await expect
      .poll(() =>
        page.evaluate(
          `document.querySelector('div.upm-plugin[data-key="com.acme.timesheets"] select.token-state')?.value`,
        ),
      )
      .toBe('INACTIVE_TRIAL');

    await licenseRadio(page, 'Acme Timesheets', 'Active subscription').press('Space');
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active subscription');

    // A click the page's own script makes is not a person's: nothing changes.
    await page.evaluate(
      `[...document.querySelectorAll('token-lens-badge')].map((host) => host.shadowRoot?.querySelector('input[type="radio"][value="unlicensed"]')).filter(Boolean).forEach((radio) => radio.click())`,
    );
    await new Promise((done) => setTimeout(done, 800));
    await expect(badge(page, 'Acme Timesheets').textContent()).resolves.toContain('Active subscription');
    await page.screenshot('overlay');
    await page.close();
  });

  it('applies a picked token, clears it and follows a change made elsewhere, all through the site’s own REST API', async () => {
    const host = await freshSite(api, `apply-clear-${person.browserName}`);
    const page = await person.openReferencePage(service.url, host, OWNER);
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');
    const rest = `${service.url}/sites/${host}/rest/plugins/1.0`;

    // Live: another client of the site's API (a script, as pluploader is) switches the state there.
    const held = await licenseToken(host, 'com.acme.timesheets');
    const elsewhere = await fetch(`${rest}/license-tokens`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${OWNER.email}:${readLicenses}`).toString('base64')}`,
        'content-type': 'application/vnd.atl.plugins+json',
      },
      body: JSON.stringify({
        pluginKey: 'com.acme.timesheets',
        token: held.token,
        state: 'ACTIVE_SUBSCRIPTION_CANCELLED',
      }),
    });
    expect(elsewhere.status).toBe(200);
    // The page polls every 2 s: within two polls, on these shared machines.
    await expect
      .poll(() => badge(page, 'Acme Timesheets').textContent(), { timeout: 4000 })
      .toContain('Cancelled subscription');

    // Apply: a token picked from the quick-apply menu goes onto the site through its own API.
    const created = (await (
      await api.call('POST', '/apps/com.acme.timesheets/tokens', { note: `picked in ${person.browserName}` })
    ).json()) as { value: string };
    const last4 = created.value.slice(-4);
    await page.getByRole('button', { name: 'Apply token to Acme Timesheets' }).click();
    const menu = page.getByRole('menu', { name: 'Tokens for Acme Timesheets' });
    await expect.poll(() => menu.textContent()).toMatch(/\d+ \/ 50 used/);
    await menu.getByRole('menuitem', { name: new RegExp(last4) }).click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain(`••${last4}`);
    expect(page.requestsMade()).toContain(`POST ${rest}/license-tokens`);
    await expect(licenseToken(host, 'com.acme.timesheets')).resolves.toMatchObject({
      token: created.value,
      valid: true,
    });

    // Clear, reached by keyboard from Apply token (Copy token URL, then Clear token), confirmed.
    await page.getByRole('button', { name: 'Apply token to Acme Timesheets' }).focus();
    await page.keyboard('Tab');
    await page.keyboard('Tab');
    // The focus is where a person would see it before pressing Enter: on Clear token.
    await expect.poll(() => page.evaluate(FOCUSED_TEXT)).toBe('Clear token');
    await page.keyboard('Enter');
    const confirm = page.getByRole('alertdialog', { name: 'Clear the token of Acme Timesheets?' });
    await expect(confirm.textContent()).resolves.toContain('becomes unlicensed');
    await page.screenshot('clear-token');
    await confirm.getByRole('button', { name: 'Clear token' }).click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('no token');
    await expect(badge(page, 'Acme Timesheets').textContent()).resolves.toContain('Unlicensed');
    expect(page.requestsMade()).toContain(`DELETE ${rest}/license-tokens/com.acme.timesheets-key`);
    const onSite = (await siteGet(`/sites/${host}/rest/plugins/1.0/license-tokens`)) as {
      tokens: { pluginKey: string }[];
    };
    expect(onSite.tokens.map((token) => token.pluginKey)).not.toContain('com.acme.timesheets');
    // The app under test now reads no license.
    await expect(connectLicense(host, 'com.acme.timesheets')).resolves.not.toHaveProperty('license');
    await page.close();
  });

  it('on a cloud site’s own Manage apps page, switches through that site’s REST API, from the page', async () => {
    // The cloud site is played on this machine: its page is the saved product page, its REST API
    // the reference site's, reached with the person's credential there (Basic with a personal
    // access token; on a real site the page's own session cookie).
    const host = await freshSite(api, `cloud-${person.browserName}`);
    const html = readFileSync('test/fixtures/upm-product-page.html', 'utf8');
    const siteCalls: string[] = [];
    const page = await person.openPlayedSite(
      `https://${host}/plugins/servlet/upm/manage/user-installed`,
      async (request) => {
        const url = new URL(request.url);
        if (!url.pathname.startsWith('/rest/')) return { status: 200, contentType: 'text/html', body: html };
        siteCalls.push(`${request.method} ${url.pathname}`);
        const answer = await askReferenceSite(host, request);
        let body = await answer.text();
        // This cloud site holds Acme Reports in a state the service never recorded (set on the
        // site itself, say): the overlay must show what the site says.
        if (request.method === 'GET' && url.pathname === '/rest/plugins/1.0/license-tokens') {
          const held = JSON.parse(body) as { tokens: { pluginKey: string; state: string }[] };
          for (const token of held.tokens)
            if (token.pluginKey === 'com.acme.reports') token.state = 'INACTIVE_SUBSCRIPTION';
          body = JSON.stringify(held);
        }
        return { status: answer.status, contentType: answer.headers.get('content-type') ?? 'application/json', body };
      },
    );
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');
    // Read through the site's own API (and again every 2 s while the page is visible): what the
    // site holds, not the service's record.
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('Inactive subscription');
    expect(siteCalls).toEqual(
      expect.arrayContaining(['GET /rest/plugins/1.0/', 'GET /rest/plugins/1.0/license-tokens']),
    );
    await licenseRadio(page, 'Acme Timesheets', 'Inactive trial').click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive trial');
    const reads = /^GET \/rest\/plugins\/1\.0\/(license-tokens)?$/;
    expect(siteCalls.filter((call) => !reads.test(call))).toEqual([
      'GET /rest/plugins/1.0/license-tokens/com.acme.timesheets-key',
      'POST /rest/plugins/1.0/license-tokens',
    ]);
    await expect(connectLicense(host, 'com.acme.timesheets')).resolves.toMatchObject({
      license: { active: false, evaluation: true },
    });
    await page.screenshot('cloud-site');
    await page.close();
  });

  it('on a cloud site the service has never heard of, shows and switches what the site itself holds', async () => {
    // The site's REST API is answered by another reference site's (the service knows it under
    // that name only): to the service, this site does not exist.
    const backing = await freshSite(api, `backing-${person.browserName}`);
    const stranger = `stranger-${person.browserName}.atlassian.net`;
    const html = readFileSync('test/fixtures/upm-product-page.html', 'utf8');
    const page = await person.openPlayedSite(
      `https://${stranger}/plugins/servlet/upm/manage/user-installed`,
      async (request) => {
        const url = new URL(request.url);
        if (!url.pathname.startsWith('/rest/')) return { status: 200, contentType: 'text/html', body: html };
        const answer = await askReferenceSite(backing, request);
        return {
          status: answer.status,
          contentType: answer.headers.get('content-type') ?? 'application/json',
          body: await answer.text(),
        };
      },
    );
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('Active subscription');
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Active trial');
    await licenseRadio(page, 'Acme Timesheets', 'Inactive trial').click();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive trial');
    await expect(licenseToken(backing, 'com.acme.timesheets')).resolves.toMatchObject({ state: 'INACTIVE_TRIAL' });
    // Whether private listings are on, the service cannot say of a site it does not know: the bar says so.
    await expect.poll(() => page.getByText('Private listings:').textContent()).toContain('no record of this site');
    await page.screenshot('unknown-cloud-site');

    // The product's pencil flow: a token's value pasted in Token Lens's own window, sent to the site as is.
    const token = (await (await api.call('POST', '/apps/com.acme.timesheets/tokens', { note: 'pasted' })).json()) as {
      value: string;
    };
    await page.getByRole('button', { name: 'Apply token to Acme Timesheets' }).click();
    const paste = await person.tabOpenedBy(() => page.getByRole('menuitem', { name: 'Paste a token…' }).click());
    await paste.getByRole('heading', { name: 'Paste a token for Acme Timesheets' }).waitFor();
    await paste.getByLabel('Token value').fill(token.value);
    await paste.getByRole('button', { name: 'Apply token' }).click();
    await expect
      .poll(() => paste.getByRole('status').textContent())
      .toBe(`••${token.value.slice(-4)} is on Acme Timesheets on ${stranger}: Active subscription.`);
    await expect(paste.getByLabel('Token value').inputValue()).resolves.toBe('');
    await paste.screenshot('paste-token');
    await paste.close();
    await page.bringToFront();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain(`••${token.value.slice(-4)}`);
    await expect(licenseToken(backing, 'com.acme.timesheets')).resolves.toMatchObject({ token: token.value });
    await page.close();
  });

  it('lists the site’s apps and an app’s tokens in the popup: creates, finds and removes one, and the page follows', async () => {
    const host = await freshSite(api, `popup-${person.browserName}`);
    const page = await person.openReferencePage(service.url, host, OWNER);
    await expect.poll(() => badge(page, 'Acme Reports').textContent()).toContain('Active subscription');

    const popup = await person.openExtensionPage(`popup.html?site=${host}`);
    await badge(popup, 'Acme Timesheets').waitFor();
    await popup.screenshot('popup');
    await licenseRadio(popup, 'Acme Timesheets', 'Inactive trial').click();
    await page.bringToFront();
    await expect.poll(() => badge(page, 'Acme Timesheets').textContent()).toContain('Inactive trial');

    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Tokens of Acme Reports' }).click();
    await popup.getByText(' / 50 used').waitFor();
    const before = await used(popup);
    await popup.getByLabel('Note').fill(`made in ${person.browserName}`);
    await popup.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => used(popup)).toBe(before + 1);

    const list = popup.getByRole('list', { name: 'Tokens of Acme Reports' });
    await popup.getByRole('searchbox', { name: 'Search tokens' }).fill(`made in ${person.browserName}`);
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await popup.getByRole('searchbox', { name: 'Search tokens' }).fill('');
    await popup.getByRole('checkbox', { name: 'Bound here' }).check();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await list.getByRole('button', { name: 'Remove token' }).click();
    const confirm = list.getByRole('alertdialog');
    await expect(confirm.textContent()).resolves.toContain(`${host} becomes unlicensed`);
    await confirm.getByRole('button', { name: 'Remove token' }).click();
    await popup.getByRole('status').filter({ hasText: 'removed at the Marketplace' }).waitFor();
    await page.bringToFront();
    await expect.poll(() => badge(page, 'Acme Reports').textContent(), { timeout: 8000 }).toContain('Unlicensed');

    await popup.bringToFront();
    await popup.getByRole('tab', { name: 'History' }).click();
    await popup
      .getByRole('list', { name: 'Changes, newest first' })
      .getByText('switched the license state to Inactive trial')
      .waitFor();
    await popup.close();
    await page.close();
  });

  it('copies a token URL, pastes it into Install from token URL, which the overlay bar opens, and installs', async () => {
    const host = await freshSite(api, `install-${person.browserName}`);
    const key = `com.acme.${person.browserName}`;
    await api.call('POST', '/apps', {
      key,
      name: `Acme ${person.browserName}`,
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: `https://apps.acme.example/${person.browserName}/atlassian-connect.json`,
    });
    const token = (await (await api.call('POST', `/apps/${key}/tokens`, {})).json()) as {
      installUrls: { private: string };
    };

    const popup = await person.openExtensionPage(`popup.html?site=${host}&app=${key}`);
    const list = popup.getByRole('list', { name: `Tokens of Acme ${person.browserName}` });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    await list.getByRole('button', { name: 'Copy token URL' }).click();
    await popup.getByRole('status').filter({ hasText: 'copied' }).waitFor();
    await popup.close();

    // The overlay bar opens the popup's own field: the URL is never typed into the page.
    const page = await person.openReferencePage(service.url, host, OWNER);
    await badge(page, 'Acme Reports').waitFor();
    await page.bringToFront();
    const install = await person.tabOpenedBy(() =>
      page.getByRole('button', { name: 'Install from token URL' }).click(),
    );
    const field = install.getByLabel('Token URL');
    await field.focus();
    await install.paste();
    await expect(field.inputValue()).resolves.toBe(token.installUrls.private);
    await install.getByRole('button', { name: 'Install', exact: true }).click();
    await expect
      .poll(() => install.getByRole('status').filter({ hasText: 'Installed' }).textContent())
      .toContain(`Installed Acme ${person.browserName} on ${host}`);
    await install.screenshot('install');
    await install.close();
    await page.bringToFront();
    await expect
      .poll(() => badge(page, `Acme ${person.browserName}`).textContent(), { timeout: 8000 })
      .toContain('Active subscription');
    await page.close();
  });

  it('generates a personal access token in the options page, shown once', async () => {
    const options = await person.openExtensionPage('options.html');
    await options.getByRole('button', { name: 'Generate', exact: true }).click();
    const form = options.getByRole('form', { name: 'Generate a personal access token' });
    await form.getByLabel('Description').fill(`${person.browserName} token`);
    await form.getByLabel('Preset').selectOption('full-access');
    await form.getByLabel('Your password').fill(OWNER.password);
    await form.getByRole('button', { name: 'Generate token' }).click();
    const shown = options.getByRole('dialog', { name: 'Your new token' });
    const value = (await shown.getByLabel('Token value').textContent())?.trim() ?? '';
    expect(value).toMatch(/^tlp_[0-9A-Za-z]{38}$/);
    await shown.getByRole('button', { name: 'Done' }).click();
    await options.getByRole('row', { name: `${person.browserName} token` }).waitFor();
    await expect(options.getByText(value).count()).resolves.toBe(0);
    await options.close();
  });

  it('logged no error in any page, worker or content script along the way', async () => {
    // The watch itself works: an error an extension page logs is seen.
    const probe = 'token-lens e2e: an error the watch must see';
    const options = await person.openExtensionPage('options.html');
    await options.evaluate(`console.error(${JSON.stringify(probe)})`);
    await expect.poll(() => person.errorsLogged().some((line) => line.includes(probe))).toBe(true);
    await options.close();
    expect(person.errorsLogged().filter((line) => !line.includes(probe))).toEqual([]);
  });
});
