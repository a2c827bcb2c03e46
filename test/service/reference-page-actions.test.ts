import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccessTokenListSchema, AccessTokenSchema } from '../../lib/domain/access-token';
import { SENTENCES } from '../../lib/domain/error-sentences';
import { SiteAppsSchema } from '../../lib/domain/installed-app';
import { SiteSchema } from '../../lib/domain/site';
import { OpenApiDocumentSchema, PageStateSchema, parsed, problemOf } from './support/answers';
import { OWNER, testService } from './support/test-service';

const ORIGIN = 'http://localhost';
const QA = 'acme-qa.atlassian.net';
const PAGE = `/sites/${QA}/plugins/servlet/upm`;
const TESTER = { email: 'tester@test.example', password: 'tester-password-1' };

type Service = Awaited<ReturnType<typeof testService>>;

function parse(html: string): Document {
  const window = new Window({ url: `${ORIGIN}${PAGE}` });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** A person in a browser: a cookie jar, the page's own forms, and Post/Redirect/Get followed by hand. */
async function personOnPage(service: Service, who: { email: string; password: string } = OWNER) {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired || value === '') jar.delete(name.trim());
      else jar.set(name.trim(), value);
    }
    return response;
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const signedIn = remember(
    await service.app.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ ...who, next: PAGE }).toString(),
    }),
  );
  expect(signedIn.status).toBe(303);

  const get = async (path = PAGE, headers: Record<string, string> = {}) =>
    remember(await service.app.request(path, { headers: { Cookie: cookieHeader(), ...headers } }));
  /** The page, with the rows `expanded` names opened as its Details links open them (`?expand=`). */
  const open = async (expanded: string[] = []) => {
    const query = new URLSearchParams(expanded.map((key) => ['expand', key])).toString();
    const response = await get(query ? `${PAGE}?${query}` : PAGE);
    expect(response.status).toBe(200);
    return parse(await response.text());
  };
  const csrf = async () => (await open()).querySelector<HTMLInputElement>('input[name="csrf"]')?.value ?? '';
  const post = async (action: string, fields: Record<string, string>, origin = ORIGIN) =>
    remember(
      await service.app.request(`${PAGE}${action}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, Cookie: cookieHeader() },
        body: new URLSearchParams(fields).toString(),
      }),
    );
  /** Submits one of the page's forms with its form token, follows the redirect, and gives the page shown. */
  const submit = async (action: string, fields: Record<string, string> = {}) => {
    const response = await post(action, { csrf: await csrf(), ...fields });
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(PAGE);
    return open();
  };
  return { get, open, post, submit, csrf, cookieHeader };
}

const row = (page: Document, appKey: string) => page.querySelector(`div.upm-plugin[data-key="${appKey}"]`);
const status = (page: Document) => page.querySelector('[role="status"]#tl-flash')?.textContent?.trim();
const alert = (page: Document) => page.querySelector('[role="alert"]')?.textContent?.trim();
/** The status menu as served (read from the markup: happy-dom's `select.value` ignores `selected`). */
const stateOf = (page: Document, appKey: string) => {
  const select = row(page, appKey)?.querySelector('select.token-state');
  return {
    value: select?.querySelector('option[selected]')?.getAttribute('value'),
    disabled: select?.hasAttribute('disabled'),
  };
};

describe('the reference Manage apps page’s forms', () => {
  let service: Service;
  let bearer: string;
  const api = (method: string, path: string, body?: unknown) =>
    service.request(method, `/api/v1${path}`, { token: bearer, ...(body === undefined ? {} : { body }) });
  const newToken = async (appKey: string) => {
    const response = await api('POST', `/apps/${appKey}/tokens`, { note: 'reference page test' });
    expect(response.status).toBe(201);
    return parsed(response, AccessTokenSchema);
  };
  const siteApps = async () => (await parsed(await api('GET', `/sites/${QA}/apps`), SiteAppsSchema)).items;
  const site = async () => parsed(await api('GET', `/sites/${QA}`), SiteSchema);
  const activeTokens = async (appKey: string) =>
    (await parsed(await api('GET', `/apps/${appKey}/tokens`), AccessTokenListSchema)).active;

  beforeEach(async () => {
    service = await testService();
    bearer = await service.signIn();
    expect((await api('POST', '/sites', { host: QA })).status).toBe(201);
  });

  it('enables private listings, installs from a token URL, switches the license, clears and re-applies a token', async () => {
    const person = await personOnPage(service);
    let page = await person.open();
    expect(page.querySelector('#upm-empty-message')?.textContent).toContain('No apps installed');
    expect(page.querySelector<HTMLInputElement>('#upm-checkbox-privateListingsEnabled')?.checked).toBe(false);
    const token = await newToken('com.acme.timesheets');
    const installUrl = token.installUrls.private ?? '';

    // Rule 5, in words, in the upload dialog (opened again for the person).
    page = await person.submit('/upload', { url: installUrl });
    const dialog = page.querySelector('#upm-upload-dialog');
    expect(dialog?.hasAttribute('open')).toBe(true);
    expect(dialog?.querySelector('[role="alert"]')?.textContent).toMatch(/private listings/i);
    expect(await siteApps()).toHaveLength(0);

    page = await person.submit('/settings', { privateListingsEnabled: 'true' });
    expect(status(page)).toBe(`Private listings are now enabled on ${QA}.`);
    expect(page.querySelector<HTMLInputElement>('#upm-checkbox-privateListingsEnabled')?.checked).toBe(true);
    expect(page.querySelector('#tl-private-listings-state')?.textContent).toBe('Private listings enabled');

    page = await person.submit('/upload', { url: installUrl });
    expect(page.querySelector('#upm-plugin-status-dialog')?.textContent).toContain('Installed and ready to go!');
    expect(page.querySelector('#upm-plugin-status-dialog')?.textContent).toContain('Acme Timesheets is installed');
    expect(row(page, 'com.acme.timesheets')?.querySelector('.upm-plugin-license-token')?.textContent).toContain(
      `••••${token.value.slice(-4)}`,
    );
    expect(stateOf(page, 'com.acme.timesheets').value).toBe('ACTIVE_SUBSCRIPTION');

    page = await person.submit('/apps/com.acme.timesheets/license', { state: 'ACTIVE_TRIAL' });
    expect(status(page)).toBe('Acme Timesheets is now Active trial.');
    expect(stateOf(page, 'com.acme.timesheets').value).toBe('ACTIVE_TRIAL');
    const [installed] = await siteApps();
    expect(installed?.license.state).toBe('active-trial');

    page = await person.submit('/apps/com.acme.timesheets/token/remove');
    expect(status(page)).toMatch(/^Access token removed from Acme Timesheets, which is now unlicensed/);
    const cleared = row(page, 'com.acme.timesheets');
    expect(cleared?.querySelector('.upm-plugin-license-token .generate-token')).not.toBeNull();
    expect(stateOf(page, 'com.acme.timesheets').disabled).toBe(true);
    expect(cleared?.querySelector('.tl-reason')?.textContent).toBe(SENTENCES.license_requires_token);

    // Rule 9, in words.
    page = await person.submit('/apps/com.acme.timesheets/license', { state: 'ACTIVE_TRIAL' });
    expect(alert(page)).toMatch(/token/i);
    expect(page.querySelector('#tl-flash')?.getAttribute('role')).toBe('alert');

    page = await person.submit('/apps/com.acme.timesheets/token', { token: token.value });
    expect(status(page)).toBe(
      `Access token ••••${token.value.slice(-4)} applied to Acme Timesheets: Active subscription.`,
    );
    expect(stateOf(page, 'com.acme.timesheets').value).toBe('ACTIVE_SUBSCRIPTION');

    // `+` creates a token and applies it in one step.
    await person.submit('/apps/com.acme.timesheets/token/remove');
    const tokenCount = async () => activeTokens('com.acme.timesheets');
    const before = await tokenCount();
    page = await person.submit('/apps/com.acme.timesheets/token/generate');
    expect(status(page)).toMatch(/^Created access token ••••\S{4} for Acme Timesheets and applied it/);
    expect(await tokenCount()).toBe(before + 1);
    expect((await siteApps())[0]?.token).toMatchObject({ status: 'active' });
  });

  it('shows every refusal in words and changes nothing', async () => {
    const person = await personOnPage(service);
    await person.submit('/settings', { privateListingsEnabled: 'true' });
    const timesheets = await newToken('com.acme.timesheets');
    await person.submit('/upload', { url: timesheets.installUrls.private ?? '' });

    const uploadError = async (url: string) =>
      (await person.submit('/upload', { url })).querySelector('#upm-upload-dialog [role="alert"]')?.textContent;
    expect(await uploadError(timesheets.installUrls.private ?? '')).toBe(
      'Acme Timesheets is already installed on acme-qa.atlassian.net.',
    );
    expect(await uploadError('https://apps.acme.example/x.json')).toMatch(/not a token URL/);
    expect(await uploadError('')).toMatch(/Enter the app descriptor URL/);

    const reports = await newToken('com.acme.reports');
    let page = await person.submit('/apps/com.acme.timesheets/token', { token: reports.value });
    expect(alert(page)).toBe('This token belongs to com.acme.reports, not to com.acme.timesheets.');
    page = await person.submit('/apps/com.acme.timesheets/token', { token: 'mat_not-a-token' });
    expect(alert(page)).toBe('No access token with that value exists.');
    page = await person.submit('/apps/com.acme.timesheets/license', { state: 'SOMETHING_ELSE' });
    expect(alert(page)).toBe('Choose one of the access token statuses.');
    page = await person.submit('/apps/com.acme.hello/license', { state: 'ACTIVE_TRIAL' });
    expect(alert(page)).toMatch(/not installed/);

    // `+` creates the token and applies it in one transaction: refused on the site, no token is left behind.
    await person.submit('/apps/com.acme.timesheets/token/remove');
    const active = async () => activeTokens('com.acme.timesheets');
    const before = await active();
    await api('PATCH', `/sites/${QA}`, { privateListingsEnabled: false });
    page = await person.submit('/apps/com.acme.timesheets/token/generate');
    expect(alert(page)).toMatch(/private listings/i);
    expect(await active()).toBe(before);
    await api('PATCH', `/sites/${QA}`, { privateListingsEnabled: true });
    await person.submit('/apps/com.acme.timesheets/token', { token: timesheets.value });

    // A removed token (rule 7) is shown, and the menu says why it is locked.
    expect((await api('DELETE', `/apps/com.acme.timesheets/tokens/${timesheets.id}`)).status).toBe(204);
    page = await person.open(['com.acme.timesheets']);
    expect(row(page, 'com.acme.timesheets')?.querySelector('.tl-removed')?.textContent).toBe('removed');
    expect(row(page, 'com.acme.timesheets')?.querySelector('.tl-reason')?.textContent).toMatch(
      /removed at the Marketplace/,
    );
  });

  it('tells a tester what their role does not allow', async () => {
    const created = await api('POST', '/users', { ...TESTER, role: 'tester' });
    expect(created.status).toBe(201);
    const tester = await personOnPage(service, TESTER);
    let page = await tester.submit('/settings', { privateListingsEnabled: 'true' });
    expect(alert(page)).toBe(
      'Your account (role tester) may not change this site’s settings: that needs sites.update.',
    );
    expect((await site()).privateListingsEnabled).toBe(false);

    await api('PATCH', `/sites/${QA}`, { privateListingsEnabled: true });
    const token = await newToken('com.acme.timesheets');
    page = await tester.submit('/upload', { url: token.installUrls.private ?? '' });
    expect(page.querySelector('#upm-plugin-status-dialog')?.textContent).toContain('Installed and ready to go!');
    await tester.submit('/apps/com.acme.timesheets/token/remove');
    const tokens = async () => activeTokens('com.acme.timesheets');
    const before = await tokens();
    page = await tester.submit('/apps/com.acme.timesheets/token/generate');
    expect(alert(page)).toBe('Your account (role tester) may not create access tokens: that needs tokens.create.');
    expect(await tokens()).toBe(before);
    // What a tester may do, they can: apply the token again.
    page = await tester.submit('/apps/com.acme.timesheets/token', { token: token.value });
    expect(status(page)).toMatch(/^Access token ••••\S{4} applied to Acme Timesheets/);
  });

  it('refuses a form without this session’s form token (403) or from another origin, and changes nothing', async () => {
    const person = await personOnPage(service);
    const other = await personOnPage(service);
    const missing = await person.post('/settings', { privateListingsEnabled: 'true' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('This form could not be accepted');
    expect(missing.headers.get('X-Frame-Options')).toBe('DENY');
    expect((await person.post('/settings', { csrf: 'wrong', privateListingsEnabled: 'true' })).status).toBe(403);
    const othersToken = await other.csrf();
    expect(othersToken).not.toBe(await person.csrf());
    expect((await person.post('/settings', { csrf: othersToken, privateListingsEnabled: 'true' })).status).toBe(403);
    const crossSite = await person.post(
      '/settings',
      { csrf: await person.csrf(), privateListingsEnabled: 'true' },
      'https://evil.example',
    );
    expect(crossSite.status).toBe(403);
    expect((await site()).privateListingsEnabled).toBe(false);

    const anonymous = await service.app.request(`${PAGE}/settings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: 'privateListingsEnabled=true',
    });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('Location')).toBe(`/sign-in?next=${encodeURIComponent(PAGE)}`);
  });

  it('shows a message once, and never to the page’s own live refresh', async () => {
    const person = await personOnPage(service);
    const response = await person.post('/settings', { csrf: await person.csrf(), privateListingsEnabled: 'true' });
    expect(response.headers.get('Location')).toBe(PAGE);
    expect(response.headers.get('Set-Cookie')).toMatch(/HttpOnly/);
    const live = parse(await (await person.get(PAGE, { 'X-Live-Refresh': '1' })).text());
    expect(live.querySelector('#tl-flash')).toBeNull();
    expect(status(await person.open())).toMatch(/enabled/);
    expect((await person.open()).querySelector('#tl-flash')).toBeNull();
  });

  it('escapes what other people named things', async () => {
    const created = await api('POST', '/apps', {
      key: 'com.acme.markup',
      name: '<img src=x onerror=alert(1)>',
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: 'https://apps.acme.example/markup/atlassian-connect.json',
    });
    expect(created.status).toBe(201);
    const person = await personOnPage(service);
    await person.submit('/settings', { privateListingsEnabled: 'true' });
    const token = await newToken('com.acme.markup');
    await person.submit('/upload', { url: token.installUrls.private ?? '' });
    const html = await (await person.get()).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('gives the live state only to a signed-in person, with the API’s own ETag', async () => {
    const anonymous = await service.app.request(`${PAGE}/state`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('Content-Type')).toContain('application/problem+json');

    const person = await personOnPage(service);
    const state = async () => parsed(await person.get(`${PAGE}/state`), PageStateSchema);
    const apiEtag = async () => (await api('GET', `/sites/${QA}/apps`)).headers.get('ETag');
    const before = await state();
    expect(before).toEqual({ etag: await apiEtag(), privateListingsEnabled: false });
    expect((await person.open()).querySelector('#upm-content')?.getAttribute('data-etag')).toBe(before.etag);

    await api('PATCH', `/sites/${QA}`, { privateListingsEnabled: true });
    const token = await newToken('com.acme.timesheets');
    expect((await api('POST', `/sites/${QA}/apps`, { installUrl: token.installUrls.private })).status).toBe(201);
    const after = await state();
    expect(after).toEqual({ etag: await apiEtag(), privateListingsEnabled: true });
    expect(after.etag).not.toBe(before.etag);
    expect(
      (
        await service.app.request('/sites/nowhere.atlassian.net/plugins/servlet/upm/state', {
          headers: { Cookie: person.cookieHeader() },
        })
      ).status,
    ).toBe(404);
  });

  it('lists each row’s header only, and gives a row’s details when it is expanded, as the product’s page does', async () => {
    const person = await personOnPage(service);
    const DEV = '/sites/acme-dev.atlassian.net/plugins/servlet/upm';
    const page = parse(await (await person.get(DEV)).text());
    const rows = [...page.querySelectorAll('#upm-manage-plugins-user-installed div.upm-plugin[data-key]')];
    expect(rows.map((element) => element.getAttribute('data-key')).sort()).toEqual([
      'com.acme.hello',
      'com.acme.reports',
      'com.acme.timesheets',
    ]);
    for (const element of rows) {
      // What the overlay reads stays in the list's own markup: the key, the name, where the badge goes.
      expect(element.querySelector('.upm-plugin-row h4.upm-plugin-name')?.textContent).toBeTruthy();
      expect(element.querySelector('.upm-plugin-row .tl-toggle')?.getAttribute('aria-expanded')).toBe('false');
      expect(element.classList.contains('expanded')).toBe(false);
      // The details, and their forms, are not.
      expect(element.querySelector('.upm-details, select.token-state, form')).toBeNull();
    }
    const timesheets = page.querySelector('div.upm-plugin[data-key="com.acme.timesheets"]');
    expect(timesheets?.querySelector('.tl-row-status')?.textContent).toBe('Active trial');

    // Expanded, a row fetches its details: the revision of the row they belong to, and their forms.
    const response = await person.get(`${DEV}/apps/com.acme.timesheets/details`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const details = parse(await response.text()).querySelector('div.upm-details.loaded');
    expect(details?.getAttribute('data-rev')).toBe(timesheets?.getAttribute('data-rev'));
    expect(details?.querySelector('.upm-plugin-license-status')?.textContent).toBe('Active trial');
    expect(details?.querySelector('select.token-state option[selected]')?.getAttribute('value')).toBe('ACTIVE_TRIAL');
    expect(details?.querySelector('input[name="csrf"]')?.getAttribute('value')).toBe(await person.csrf());
    expect(details?.querySelector('form')?.getAttribute('action')).toBe(`${DEV}/apps/com.acme.timesheets/token`);

    // An app that is not installed has no details; a person who is not signed in gets none either.
    const missing = await person.get(`${DEV}/apps/com.acme.unknown/details`);
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('app_not_installed');
    const stranger = await service.app.request(`${DEV}/apps/com.acme.timesheets/details`);
    expect(stranger.status).toBe(401);
  });

  it('shows the rows a Details link names, and the row the last form was about, expanded (the page without scripting)', async () => {
    const person = await personOnPage(service);
    const DEV = '/sites/acme-dev.atlassian.net/plugins/servlet/upm';
    const expandedKeys = (page: Document) =>
      [...page.querySelectorAll('div.upm-plugin.expanded')].map((element) => element.getAttribute('data-key'));
    let page = parse(await (await person.get(DEV)).text());
    const link = page.querySelector('div.upm-plugin[data-key="com.acme.reports"] noscript a');
    expect(link?.textContent).toBe('Details');
    expect(link?.getAttribute('href')).toBe(`${DEV}?expand=com.acme.reports#upm-details-com.acme.reports`);

    page = parse(await (await person.get(`${DEV}?expand=com.acme.reports&expand=com.acme.nowhere`)).text());
    expect(expandedKeys(page)).toEqual(['com.acme.reports']);
    const reports = page.querySelector('div.upm-plugin[data-key="com.acme.reports"]');
    expect(reports?.querySelector('.tl-toggle')?.getAttribute('aria-expanded')).toBe('true');
    expect(reports?.querySelector('#upm-details-com\\.acme\\.reports select.token-state')).not.toBeNull();

    // A form of Acme Hello's row (refused: the app is free) brings the page back with that row open.
    const post = await service.app.request(`${DEV}/apps/com.acme.hello/license`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: person.cookieHeader() },
      body: new URLSearchParams({ csrf: await person.csrf(), state: 'ACTIVE_TRIAL' }).toString(),
    });
    expect(post.status).toBe(303);
    const flash = post.headers.getSetCookie().map((line) => line.split(';')[0]);
    page = parse(await (await person.get(DEV, { Cookie: [person.cookieHeader(), ...flash].join('; ') })).text());
    expect(expandedKeys(page)).toEqual(['com.acme.hello']);
    expect(page.querySelector('[role="alert"]')?.textContent).toMatch(/free/);
  });

  it('keeps an unchanged row’s markup, revision included, and changes only the row that changed', async () => {
    const person = await personOnPage(service);
    const DEV = '/sites/acme-dev.atlassian.net/plugins/servlet/upm';
    const rows = async () => {
      const page = parse(await (await person.get(DEV)).text());
      return new Map(
        [...page.querySelectorAll('div.upm-plugin[data-key]')].map((element) => [
          element.getAttribute('data-key'),
          element.outerHTML,
        ]),
      );
    };
    const before = await rows();
    await api('PUT', '/sites/acme-dev.atlassian.net/apps/com.acme.reports/license', { state: 'inactive-trial' });
    const after = await rows();
    expect(after.get('com.acme.timesheets')).toBe(before.get('com.acme.timesheets'));
    expect(after.get('com.acme.hello')).toBe(before.get('com.acme.hello'));
    expect(after.get('com.acme.reports')).not.toBe(before.get('com.acme.reports'));
    // The row's details, as the page's script fetches them when the row is expanded.
    const details = parse(await (await person.get(`${DEV}/apps/com.acme.hello/details`)).text());
    expect(details.querySelector('.upm-details .tl-reason')?.textContent).toBe(
      'Acme Hello is free: it has no license state to switch.',
    );
  });
});

describe('the API reference page', () => {
  const SWAGGER_UI_DIR = new URL('../../node_modules/swagger-ui-dist/', import.meta.url);
  const TYPES: Record<string, RegExp> = {
    js: /^text\/javascript; charset=utf-8$/,
    css: /^text\/css; charset=utf-8$/,
    png: /^image\/png$/,
  };

  it('is Swagger UI from its npm package, public, with the pages’ CSP and only same-origin assets', async () => {
    const service = await testService();
    const reference = await service.app.request('/sign-in');
    const response = await service.app.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    // The reference pages' own strict policy, unchanged: no inline script or style needed.
    expect(response.headers.get('Content-Security-Policy')).toBe(reference.headers.get('Content-Security-Policy'));
    expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self'; style-src 'self';");
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    const page = parse(await response.text());

    const scripts = [...page.querySelectorAll('script')];
    expect(scripts.map((script) => script.getAttribute('src'))).toEqual([
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/docs-init.js',
    ]);
    expect(scripts.every((script) => script.textContent === '')).toBe(true);
    expect(page.querySelectorAll('style, [style]')).toHaveLength(0);
    const assets = [...page.querySelectorAll('link[href], script[src], img[src]')].map(
      (element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '',
    );
    expect(assets).toEqual(
      expect.arrayContaining(['/docs/assets/swagger-ui.css', '/docs/assets/docs.css', '/assets/favicon.png']),
    );
    for (const url of [...assets, ...[...page.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '')]) {
      // A path on this origin: not another origin, nor a protocol-relative //host.
      expect(url).toMatch(/^\/(?!\/)/);
    }
    for (const url of assets) {
      const asset = await service.app.request(url);
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get('Content-Type'), url).toMatch(TYPES[url.split('.').pop() ?? ''] ?? /^$/);
      expect(asset.headers.get('X-Content-Type-Options'), url).toBe('nosniff');
    }
  });

  it('serves Swagger UI’s own files, byte for byte, and nothing else of the package', async () => {
    const service = await testService();
    for (const name of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
      const served = Buffer.from(await (await service.app.request(`/docs/assets/${name}`)).arrayBuffer());
      expect(served.equals(readFileSync(new URL(name, SWAGGER_UI_DIR))), name).toBe(true);
    }
    for (const path of ['/docs/assets/package.json', '/docs/assets/index.html', '/docs/assets/..%2Fdocs-init.js']) {
      expect((await service.app.request(path)).status, path).toBe(404);
    }
  });

  it('points Swagger UI at the service’s own OpenAPI document, with nothing sent elsewhere', async () => {
    const service = await testService();
    const page = parse(await (await service.app.request('/docs')).text());
    const root = page.querySelector('#swagger-ui');
    expect(root?.getAttribute('data-openapi-url')).toBe('/api/v1/openapi.json');
    const init = await (await service.app.request('/docs/assets/docs-init.js')).text();
    expect(init).toContain('url: root.dataset.openapiUrl');
    expect(init).toContain('validatorUrl: null');
    expect(init).toContain('queryConfigEnabled: false');
    expect(init).not.toMatch(/https?:\/\//);
    const doc = await parsed(await service.app.request('/api/v1/openapi.json'), OpenApiDocumentSchema);
    expect(doc.openapi).toBe('3.1.0');
    // Try it out sends requests to the document's server: this origin, whatever name it is reached by.
    expect((doc as { servers?: unknown }).servers).toEqual([{ url: '/', description: 'This service' }]);
    // Without scripting the page still says where the document is.
    expect(root?.querySelector('noscript')?.innerHTML).toContain('href="/api/v1/openapi.json"');
  });

  it('gives every page a favicon: the extension’s icon, also at /favicon.ico', async () => {
    const service = await testService();
    const icon = readFileSync(new URL('../../public/icon/32.png', import.meta.url));
    for (const path of ['/favicon.ico', '/assets/favicon.png']) {
      const answer = await service.app.request(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('Content-Type'), path).toBe('image/png');
      expect(Buffer.from(await answer.arrayBuffer()).equals(icon), path).toBe(true);
    }
    const signedOut = parse(await (await service.app.request('/sign-in')).text());
    expect(signedOut.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe('/assets/favicon.png');
    const person = await personOnPage(service);
    for (const path of ['/', '/sites/acme-dev.atlassian.net/plugins/servlet/upm', '/docs']) {
      const page = parse(await (await person.get(path)).text());
      expect(page.querySelector('link[rel="icon"]')?.getAttribute('href'), path).toBe('/assets/favicon.png');
    }
  });
});
