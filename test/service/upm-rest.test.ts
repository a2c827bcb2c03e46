import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { SiteAppsSchema } from '../../lib/domain/installed-app';
import { TOKEN_LIMIT } from '../../lib/service/rules/access-token-rules';
import { UPM_TOKEN_WINDOW_MS } from '../../lib/service/site-api/upm-token';
import { AuditListSchema, OpenApiDocumentSchema, parsed } from './support/answers';
import { DEMO, expectJson, expectProblem, privateUrlOf, unknownAccessTokenValue } from './support/contract';
import {
  BASIC_CHALLENGE,
  basicAuth,
  expectSiteError,
  LicenseTokenSchema,
  LicenseTokensSchema,
  ORIGIN,
  type SiteApiService,
  siteApiService,
  TaskRefusedSchema,
  UpmListSchema,
  UpmPluginSchema,
  upmPath,
  WIRE_STATES,
} from './support/site-api';
import { OWNER, testService } from './support/test-service';

/** The site's UPM REST API (SERVICE-API.md, "The product's own APIs on the reference site"). */

const QA = 'acme-qa.atlassian.net';

/** A site with private listings enabled (or not) and nothing installed. */
async function withSite(service: SiteApiService, host = QA, privateListingsEnabled = true) {
  await service.createSite(host, privateListingsEnabled);
  return host;
}

async function siteApp(service: SiteApiService, host: string, appKey: string) {
  const apps = await expectJson(await service.call('GET', `/sites/${host}/apps`), 200, SiteAppsSchema);
  return apps.items.find((app) => app.appKey === appKey);
}

async function auditOf(service: SiteApiService, site: string) {
  const list = await expectJson(await service.call('GET', `/audit?site=${site}`), 200, AuditListSchema);
  return list.items;
}

/** Polls a task as pluploader does: 303 to the app when done, or the refusal. */
async function poll(service: SiteApiService, taskPath: string, authorization = service.ownerBasic) {
  return service.site('GET', taskPath, {
    authorization,
    headers: { 'Content-Type': 'application/vnd.atl.plugins.install.downloading+json' },
  });
}

async function refusedTask(service: SiteApiService, host: string, pluginUri: string, subCode: string) {
  const task = await service.startInstall(host, pluginUri);
  const answer = await expectJson(await poll(service, task), 200, TaskRefusedSchema);
  expect(answer.status.subCode).toBe(subCode);
  return answer;
}

describe('UPM REST: the plugin list and one plugin', () => {
  it('GET lists the installed apps and a few system apps, with a upm-token and no-store', async () => {
    const service = await siteApiService();
    const answer = await service.site('GET', upmPath(DEMO.siteA));
    expect(answer.headers.get('upm-token')).toMatch(/^\S{16,}$/);
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
    const list = await parsed(answer, UpmListSchema);
    expect(list.links).toEqual({});
    const user = list.plugins.filter((plugin) => plugin.userInstalled);
    expect(user.map((plugin) => plugin.key).sort()).toEqual([
      DEMO.freeApp,
      DEMO.publicWithPrivateVersion,
      DEMO.privateApp,
    ]);
    expect(user.find((plugin) => plugin.key === DEMO.privateApp)).toEqual({
      key: DEMO.privateApp,
      name: 'Acme Timesheets',
      version: '1.4.0',
      enabled: true,
      userInstalled: true,
      description: '',
      links: { self: `${upmPath(DEMO.siteA)}${DEMO.privateApp}-key` },
    });
    const system = list.plugins.filter((plugin) => !plugin.userInstalled);
    expect(system.length).toBeGreaterThan(0);
    // The same system apps the reference page lists under System apps.
    const cookie = await service.sessionCookie();
    const page = await service.app.request(`/sites/${DEMO.siteA}/plugins/servlet/upm`, { headers: { Cookie: cookie } });
    const document = new new Window({ url: ORIGIN }).DOMParser().parseFromString(await page.text(), 'text/html');
    const pageSystem = [...document.querySelectorAll('#upm-manage-plugins-system [data-key]')].map((row) =>
      row.getAttribute('data-key'),
    );
    expect(system.map((plugin) => plugin.key)).toEqual(pageSystem);
  });

  it('HEAD answers the same upm-token with no body; it works without the trailing slash too', async () => {
    const service = await siteApiService();
    const head = await service.site('HEAD', upmPath(DEMO.siteA));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const get = await service.site('GET', upmPath(DEMO.siteA).slice(0, -1));
    expect(get.status).toBe(200);
    expect(head.headers.get('upm-token')).toBe(get.headers.get('upm-token'));
  });

  it('the upm-token is bound to the credential: another token of the same person gets another', async () => {
    const service = await siteApiService();
    const other = basicAuth(OWNER.email, await service.personalToken());
    const mine = await service.upmToken(DEMO.siteA);
    const theirs = await service.upmToken(DEMO.siteA, { authorization: other });
    const cookie = await service.upmToken(DEMO.siteA, { cookie: await service.sessionCookie() });
    expect(new Set([mine, theirs, cookie]).size).toBe(3);
    for (const token of [mine, theirs, cookie]) expect(token).not.toContain(service.ownerToken);
  });

  it('GET {appKey}-key gives one app with its modules; a system app too; 404 when not installed', async () => {
    const service = await siteApiService();
    const one = await parsed(
      await service.site('GET', upmPath(DEMO.siteB, `/${DEMO.publicWithPrivateVersion}-key`)),
      UpmPluginSchema,
    );
    expect(one).toEqual({
      key: DEMO.publicWithPrivateVersion,
      name: 'Acme Reports',
      version: '2.1.0-beta',
      enabled: true,
      userInstalled: true,
      description: '',
      modules: [],
    });
    const list = await parsed(await service.site('GET', upmPath(DEMO.siteA)), UpmListSchema);
    const systemKey = list.plugins.find((plugin) => !plugin.userInstalled)?.key ?? '';
    const system = await parsed(await service.site('GET', upmPath(DEMO.siteA, `/${systemKey}-key`)), UpmPluginSchema);
    expect(system.userInstalled).toBe(false);
    await expectSiteError(
      await service.site('GET', upmPath(DEMO.siteB, `/${DEMO.freeApp}-key`)),
      404,
      'app_not_installed',
    );
  });

  it('an unknown site, or a host that cannot be one, is 404 site_not_found', async () => {
    const service = await siteApiService();
    await expectSiteError(await service.site('GET', upmPath('nowhere.atlassian.net')), 404, 'site_not_found');
    await expectSiteError(await service.site('GET', upmPath('UPPER_case')), 404, 'site_not_found');
    await expectSiteError(
      await service.site('GET', upmPath('nowhere.atlassian.net', '/license-tokens')),
      404,
      'site_not_found',
    );
  });

  it('unknown paths under a site’s /rest answer the product’s JSON, not problem+json', async () => {
    const service = await siteApiService();
    await expectSiteError(await service.site('GET', upmPath(DEMO.siteA, '/nothing-here')), 404, 'not_found');
    // The pages' own form check (a 403 for a form without an Origin) is not theirs either.
    const form = await service.site('POST', upmPath(DEMO.siteA, '/nothing-here'), {
      authorization: service.ownerBasic,
      contentType: 'application/x-www-form-urlencoded',
      body: 'a=b',
    });
    await expectSiteError(form, 404, 'not_found');
  });

  it('is the product’s API, not ours: the /api/v1 OpenAPI document names none of it', async () => {
    const service = await siteApiService();
    const document = await parsed(await service.request('GET', '/api/v1/openapi.json'), OpenApiDocumentSchema);
    expect(Object.keys(document.paths).filter((path) => path.includes('/rest/'))).toEqual([]);
  });
});

describe('UPM REST: authentication', () => {
  it('takes HTTP Basic with an email and a personal access token', async () => {
    const service = await siteApiService();
    expect((await service.site('GET', upmPath(DEMO.siteA))).status).toBe(200);
  });

  it.each([
    ['no credential', {}],
    [
      'a wrong personal token',
      { authorization: basicAuth(OWNER.email, unknownAccessTokenValue().replace('mat_', 'tlp_')) },
    ],
    ['the account password over Basic', { authorization: basicAuth(OWNER.email, OWNER.password) }],
    ['a token with another email', { authorization: 'placeholder' }],
    ['Bearer (not a way into the product’s UPM API)', { authorization: 'bearer' }],
    ['an unknown cookie', { cookie: 'tl_session=tls_nonsense' }],
    ['another scheme', { authorization: 'Digest username="x"' }],
  ])(
    'refuses %s: 401 with the Basic challenge',
    async (_what, request: { authorization?: string; cookie?: string }) => {
      const service = await siteApiService();
      const authorization =
        request.authorization === 'placeholder'
          ? basicAuth('someone@test.example', service.ownerToken)
          : request.authorization === 'bearer'
            ? `Bearer ${service.ownerToken}`
            : request.authorization;
      const answer = await service.site('GET', upmPath(DEMO.siteA), {
        ...request,
        ...(authorization ? { authorization } : {}),
      });
      expect(answer.headers.get('WWW-Authenticate')).toBe(BASIC_CHALLENGE);
      expect(answer.headers.get('upm-token')).toBeNull();
      await expectSiteError(answer, 401, 'unauthorized');
    },
  );

  it('a personal token without the method’s scope: 403 insufficient_scope', async () => {
    const service = await siteApiService();
    const onlyMe = basicAuth(OWNER.email, await service.personalToken(['me.read']));
    await expectSiteError(
      await service.site('GET', upmPath(DEMO.siteA), { authorization: onlyMe }),
      403,
      'insufficient_scope',
    );
    // Full token values take tokens.read as well, as they do through /api/v1.
    const listOnly = basicAuth(OWNER.email, await service.personalToken(['siteApps.list']));
    expect((await service.site('GET', upmPath(DEMO.siteA), { authorization: listOnly })).status).toBe(200);
    await expectSiteError(
      await service.site('GET', upmPath(DEMO.siteA, '/license-tokens'), { authorization: listOnly }),
      403,
      'insufficient_scope',
    );
    const readOnly = basicAuth(OWNER.email, await service.personalToken('read-only'));
    const token = await service.createToken(DEMO.privateApp);
    await expectSiteError(
      await service.postLicenseToken(
        DEMO.siteB,
        { pluginKey: DEMO.privateApp, token: token.value },
        { authorization: readOnly },
      ),
      403,
      'insufficient_scope',
    );
    await expectSiteError(
      await service.postLicenseToken(
        DEMO.siteA,
        { pluginKey: DEMO.privateApp, state: 'NONE' },
        { authorization: readOnly },
      ),
      403,
      'insufficient_scope',
    );
    await expectSiteError(
      await service.site('DELETE', upmPath(DEMO.siteA, `/license-tokens/${DEMO.privateApp}-key`), {
        authorization: readOnly,
      }),
      403,
      'insufficient_scope',
    );
    expect((await siteApp(service, DEMO.siteA, DEMO.privateApp))?.license.state).toBe('active-trial');
  });

  it('a tester’s token with the tester preset may switch states and apply tokens', async () => {
    const service = await siteApiService();
    const tester = await service.userToken('tester');
    const value = await service.personalToken('tester', { token: tester.token, password: 'password-of-tester-1' });
    const authorization = basicAuth(tester.email, value);
    const switched = await parsed(
      await service.postLicenseToken(
        DEMO.siteA,
        { pluginKey: DEMO.privateApp, state: 'INACTIVE_TRIAL' },
        { authorization },
      ),
      LicenseTokenSchema,
    );
    expect(switched.state).toBe('INACTIVE_TRIAL');
  });

  it('still answers only the service’s own host names (421), and counts against the token’s rate limit', async () => {
    const service = await siteApiService();
    const foreign = await service.app.request(`http://evil.test${upmPath(DEMO.siteA)}`, {
      headers: { Authorization: service.ownerBasic },
    });
    expect(foreign.status).toBe(421);
    expect(await foreign.json()).toMatchObject({ subCode: 'misdirected_request' });
    const answer = await service.site('GET', upmPath(DEMO.siteA));
    expect(answer.headers.get('RateLimit-Limit')).not.toBeNull();
    expect(answer.headers.get('RateLimit-Remaining')).not.toBeNull();
  });
});

describe('UPM REST: rate limits', () => {
  it('share one budget per token with /api/v1, count the session cookie as a token, and refuse in the product’s JSON', async () => {
    const service = await testService({ rateLimit: 3 });
    const session = await service.signIn();
    const basic = basicAuth(OWNER.email, session);
    expect((await service.request('GET', '/api/v1/me', { token: session })).status).toBe(200);
    expect((await service.request('GET', '/api/v1/me', { token: session })).status).toBe(200);
    const third = await service.request('GET', upmPath(DEMO.siteA), { headers: { Authorization: basic } });
    expect(third.status).toBe(200);
    expect(third.headers.get('RateLimit-Remaining')).toBe('0');
    const fourth = await service.request('GET', upmPath(DEMO.siteA), { headers: { Authorization: basic } });
    expect(Number(fourth.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expectSiteError(fourth, 429, 'rate_limited');
    // Another caller, by the site's cookie, has a budget of its own.
    const signedIn = await service.app.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: new URLSearchParams({ ...OWNER, next: '/' }).toString(),
    });
    const cookie = signedIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const byCookie = await service.request('GET', upmPath(DEMO.siteA), { headers: { Cookie: cookie } });
    expect(byCookie.status).toBe(200);
    expect(byCookie.headers.get('RateLimit-Remaining')).toBe('2');
  });
});

describe('UPM REST: XSRF for changes made with the site’s session cookie', () => {
  const change = (service: SiteApiService, cookie: string, contentType: string, headers: Record<string, string> = {}) =>
    service.postLicenseToken(
      DEMO.siteA,
      { pluginKey: DEMO.privateApp, state: 'INACTIVE_SUBSCRIPTION' },
      { cookie, contentType, headers },
    );

  it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain;charset=UTF-8'])(
    'refuses %s without X-Atlassian-Token: no-check',
    async (contentType) => {
      const service = await siteApiService();
      const cookie = await service.sessionCookie();
      await expectSiteError(await change(service, cookie, contentType), 403, 'xsrf_check_failed');
      expect((await siteApp(service, DEMO.siteA, DEMO.privateApp))?.license.state).toBe('active-trial');
    },
  );

  it('refuses a change with no content type, and a DELETE, without no-check', async () => {
    const service = await siteApiService();
    const cookie = await service.sessionCookie();
    const noType = await service.app.request(upmPath(DEMO.siteA, '/license-tokens'), {
      method: 'POST',
      headers: { Cookie: cookie },
      body: new Blob([JSON.stringify({ pluginKey: DEMO.privateApp, state: 'NONE' })]),
    });
    await expectSiteError(noType, 403, 'xsrf_check_failed');
    const clear = await service.site('DELETE', upmPath(DEMO.siteA, `/license-tokens/${DEMO.privateApp}-key`), {
      cookie,
    });
    await expectSiteError(clear, 403, 'xsrf_check_failed');
    expect((await siteApp(service, DEMO.siteA, DEMO.privateApp))?.token).not.toBeNull();
  });

  it('refuses a foreign Origin even with no-check and a JSON body', async () => {
    const service = await siteApiService();
    const cookie = await service.sessionCookie();
    const answer = await change(service, cookie, 'application/vnd.atl.plugins+json', {
      Origin: 'https://evil.example',
      'X-Atlassian-Token': 'no-check',
    });
    await expectSiteError(answer, 403, 'xsrf_check_failed');
  });

  it('accepts no-check (a form cannot set it), a JSON body, and its own Origin', async () => {
    const service = await siteApiService();
    const cookie = await service.sessionCookie();
    const json = await change(service, cookie, 'application/vnd.atl.plugins+json', { Origin: ORIGIN });
    expect((await parsed(json, LicenseTokenSchema)).state).toBe('INACTIVE_SUBSCRIPTION');
    const text = await service.postLicenseToken(
      DEMO.siteA,
      { pluginKey: DEMO.privateApp, state: 'ACTIVE_TRIAL' },
      { cookie, contentType: 'text/plain;charset=UTF-8', headers: { 'X-Atlassian-Token': 'no-check' } },
    );
    expect((await parsed(text, LicenseTokenSchema)).state).toBe('ACTIVE_TRIAL');
    const clear = await service.site('DELETE', upmPath(DEMO.siteA, `/license-tokens/${DEMO.privateApp}-key`), {
      cookie,
      headers: { 'X-Atlassian-Token': 'no-check' },
    });
    expect(clear.status).toBe(204);
    expect((await siteApp(service, DEMO.siteA, DEMO.privateApp))?.token).toBeNull();
  });

  it('reads with the cookie need no header, and Basic callers are not held to the cookie’s check', async () => {
    const service = await siteApiService();
    const cookie = await service.sessionCookie();
    expect((await service.site('GET', upmPath(DEMO.siteA, '/license-tokens'), { cookie })).status).toBe(200);
    const basicDelete = await service.site('DELETE', upmPath(DEMO.siteA, `/license-tokens/${DEMO.privateApp}-key`));
    expect(basicDelete.status).toBe(204);
  });

  it('the reference pages’ own form check stays as it was', async () => {
    const service = await siteApiService();
    const cookie = await service.sessionCookie();
    const answer = await service.app.request(`/sites/${DEMO.siteA}/plugins/servlet/upm/settings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', Cookie: cookie },
      body: 'privateListingsEnabled=false',
    });
    await expectProblem(answer, 403, 'cross_site_request');
  });
});

describe('UPM REST: install from a token URL, and its task', () => {
  it('POST answers 202 with a task; the task redirects (303) to the installed app, licensed and bound', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    const token = await service.createToken(DEMO.privateApp);
    const task = await service.startInstall(host, privateUrlOf(token));
    expect(task).toMatch(new RegExp(`^${upmPath(host, '/pending/')}[\\w-]+$`));
    const done = await poll(service, task);
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe(upmPath(host, `/${DEMO.privateApp}-key`));
    const followed = await service.site('GET', done.headers.get('Location') ?? '');
    expect((await parsed(followed, UpmPluginSchema)).key).toBe(DEMO.privateApp);
    expect(await siteApp(service, host, DEMO.privateApp)).toMatchObject({
      token: { id: token.id, status: 'active' },
      license: { state: 'active-subscription' },
    });
    expect((await service.getToken(DEMO.privateApp, token.id)).site?.host).toBe(host);
    // Polling again gives the same answer.
    expect((await poll(service, task)).status).toBe(303);
  });

  it('works with the site’s session cookie and the product’s own content type (no no-check needed)', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    const cookie = await service.sessionCookie();
    const token = await service.createToken(DEMO.privateApp);
    const task = await service.startInstall(host, privateUrlOf(token), { cookie });
    const done = await service.site('GET', task, { cookie });
    expect(done.status).toBe(303);
  });

  it.each([
    ['missing', () => ''],
    ['made up', () => 'not-a-upm-token'],
  ])('a %s upm-token: 403, and nothing is installed', async (_what, tokenOf) => {
    const service = await siteApiService();
    const host = await withSite(service);
    const token = await service.createToken(DEMO.privateApp);
    const query = tokenOf() ? `?token=${tokenOf()}` : '';
    const answer = await service.site('POST', `${upmPath(host)}${query}`, {
      authorization: service.ownerBasic,
      contentType: 'application/vnd.atl.plugins.remote.install+json',
      body: { pluginUri: privateUrlOf(token) },
    });
    await expectSiteError(answer, 403, 'upm_token_invalid');
    expect(await siteApp(service, host, DEMO.privateApp)).toBeUndefined();
  });

  it('a stale upm-token (older than two windows) or another credential’s: 403', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    const token = await service.createToken(DEMO.privateApp);
    const post = (upmToken: string, authorization = service.ownerBasic) =>
      service.site('POST', `${upmPath(host)}?token=${upmToken}`, {
        authorization,
        contentType: 'application/vnd.atl.plugins.remote.install+json',
        body: { pluginUri: privateUrlOf(token) },
      });
    const other = basicAuth(OWNER.email, await service.personalToken());
    await expectSiteError(await post(await service.upmToken(host), other), 403, 'upm_token_invalid');
    const old = await service.upmToken(host);
    service.clock.advance(2 * UPM_TOKEN_WINDOW_MS + 1);
    await expectSiteError(await post(old), 403, 'upm_token_invalid');
    // Fresh again: accepted.
    expect((await post(await service.upmToken(host))).status).toBe(202);
  });

  it('rule 5: private listings disabled on the site — the task is refused with the rule’s code', async () => {
    const service = await siteApiService();
    const host = await withSite(service, QA, false);
    const token = await service.createToken(DEMO.privateApp);
    const refused = await refusedTask(service, host, privateUrlOf(token), 'private_listings_disabled');
    expect(refused.status.errorMessage).toContain(host);
    expect(await siteApp(service, host, DEMO.privateApp)).toBeUndefined();
    expect((await service.getToken(DEMO.privateApp, token.id)).site).toBeNull();
  });

  it('rule 11: a URL whose descriptor is not the app’s — descriptor_mismatch; an unknown token — token_not_found', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    const token = await service.createToken(DEMO.privateApp);
    const foreign = `https://evil.example/atlassian-connect.json?access-token=${token.value}`;
    await refusedTask(service, host, foreign, 'descriptor_mismatch');
    const unknown = `https://apps.acme.example/timesheets/atlassian-connect.json?access-token=${unknownAccessTokenValue()}`;
    await refusedTask(service, host, unknown, 'token_not_found');
    expect((await service.getToken(DEMO.privateApp, token.id)).site).toBeNull();
  });

  it('rule 11: an app already installed — app_already_installed; rule 3: a token bound elsewhere — token_bound_elsewhere', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    const first = await service.createToken(DEMO.privateApp);
    expect((await poll(service, await service.startInstall(host, privateUrlOf(first)))).status).toBe(303);
    const second = await service.createToken(DEMO.privateApp);
    await refusedTask(service, host, privateUrlOf(second), 'app_already_installed');
    const other = await withSite(service, 'acme-other.atlassian.net');
    await refusedTask(service, other, privateUrlOf(first), 'token_bound_elsewhere');
  });

  it('rule 6: a private app’s plain descriptor URL — token_required; a public app’s installs it unlicensed', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    await refusedTask(service, host, 'https://apps.acme.example/timesheets/atlassian-connect.json', 'token_required');
    const task = await service.startInstall(host, 'https://apps.acme.example/hello/atlassian-connect.json');
    expect((await poll(service, task)).status).toBe(303);
    expect((await siteApp(service, host, DEMO.freeApp))?.token).toBeNull();
  });

  it('a URL that is no token URL and no app’s descriptor is refused in the task, never a 500', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    await refusedTask(service, host, 'not a url at all', 'validation_failed');
  });

  it('a task is its starter’s: another person’s poll, or an unknown id, is 404', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    const token = await service.createToken(DEMO.privateApp);
    const task = await service.startInstall(host, privateUrlOf(token));
    const tester = await service.userToken('tester');
    const theirs = basicAuth(
      tester.email,
      await service.personalToken('tester', { token: tester.token, password: 'password-of-tester-1' }),
    );
    await expectSiteError(await poll(service, task, theirs), 404, 'task_not_found');
    await expectSiteError(await poll(service, upmPath(host, '/pending/no-such-task')), 404, 'task_not_found');
    await expectSiteError(await poll(service, task.replace(host, DEMO.siteA)), 404, 'task_not_found');
  });

  it('malformed, oversized or wrong bodies answer JSON 4xx, never a 500', async () => {
    const service = await siteApiService();
    const host = await withSite(service);
    const post = async (body: string, contentType = 'application/vnd.atl.plugins.remote.install+json') =>
      service.site('POST', `${upmPath(host)}?token=${await service.upmToken(host)}`, {
        authorization: service.ownerBasic,
        contentType,
        body,
      });
    await expectSiteError(await post('{"pluginUri":'), 400, 'malformed_json');
    await expectSiteError(await post(''), 400, 'malformed_json');
    await expectSiteError(await post('{}'), 422, 'validation_failed');
    await expectSiteError(await post('{"pluginUri": 42}'), 422, 'validation_failed');
    await expectSiteError(await post('[]'), 422, 'validation_failed');
    await expectSiteError(
      await post(JSON.stringify({ pluginUri: `https://x.example/${'a'.repeat(5000)}` })),
      422,
      'validation_failed',
    );
    await expectSiteError(
      await post('pluginUri=x', 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
    );
    await expectSiteError(await post(JSON.stringify({ pluginUri: 'a'.repeat(70 * 1024) })), 413, 'payload_too_large');
  });
});

describe('UPM REST: license-tokens', () => {
  it('lists the tokens applied on the site with their full values, wire states and validity', async () => {
    const service = await siteApiService();
    const answer = await parsed(await service.site('GET', upmPath(DEMO.siteA, '/license-tokens')), LicenseTokensSchema);
    const apps = await expectJson(await service.call('GET', `/sites/${DEMO.siteA}/apps`), 200, SiteAppsSchema);
    const withTokens = apps.items.filter((app) => app.token);
    expect(answer.tokens.map((token) => token.pluginKey).sort()).toEqual(withTokens.map((app) => app.appKey).sort());
    for (const app of withTokens) {
      const value = (await service.getToken(app.appKey, app.token?.id ?? '')).value;
      expect(answer.tokens.find((token) => token.pluginKey === app.appKey)).toEqual({
        pluginKey: app.appKey,
        token: value,
        state: app.appKey === DEMO.privateApp ? 'ACTIVE_TRIAL' : 'ACTIVE_SUBSCRIPTION',
        valid: true,
      });
    }
  });

  it('gives one app’s token; 404 when the app has none, or is not installed', async () => {
    const service = await siteApiService();
    const one = await parsed(
      await service.site('GET', upmPath(DEMO.siteB, `/license-tokens/${DEMO.publicWithPrivateVersion}-key`)),
      LicenseTokenSchema,
    );
    expect(one).toMatchObject({
      pluginKey: DEMO.publicWithPrivateVersion,
      state: 'INACTIVE_SUBSCRIPTION',
      valid: true,
    });
    await expectSiteError(
      await service.site('GET', upmPath(DEMO.siteB, `/license-tokens/${DEMO.privateApp}-key`)),
      404,
      'token_not_found',
    );
    await expectSiteError(
      await service.site('GET', upmPath(DEMO.siteB, `/license-tokens/${DEMO.freeApp}-key`)),
      404,
      'app_not_installed',
    );
  });

  it.each(WIRE_STATES)('POST {pluginKey, state: %s} switches the state, as PUT …/license does', async (state) => {
    const service = await siteApiService();
    const answer = await parsed(
      await service.postLicenseToken(DEMO.siteA, { pluginKey: DEMO.privateApp, state }),
      LicenseTokenSchema,
    );
    expect(answer).toMatchObject({ pluginKey: DEMO.privateApp, state, valid: true });
    const expected = {
      ACTIVE_TRIAL: 'active-trial',
      INACTIVE_TRIAL: 'inactive-trial',
      ACTIVE_SUBSCRIPTION: 'active-subscription',
      ACTIVE_SUBSCRIPTION_CANCELLED: 'active-subscription-cancelled',
      INACTIVE_SUBSCRIPTION: 'inactive-subscription',
      NONE: 'unlicensed',
    }[state];
    expect((await siteApp(service, DEMO.siteA, DEMO.privateApp))?.license.state).toBe(expected);
    // The same token named with the state is the same switch.
    const again = await service.postLicenseToken(DEMO.siteA, {
      pluginKey: DEMO.privateApp,
      token: answer.token,
      state: 'ACTIVE_TRIAL',
    });
    expect((await parsed(again, LicenseTokenSchema)).state).toBe('ACTIVE_TRIAL');
  });

  it('POST {pluginKey, token, state} applies a new token (rule 10: the first stays bound to the site)', async () => {
    const service = await siteApiService();
    const before = await siteApp(service, DEMO.siteA, DEMO.privateApp);
    const token = await service.createToken(DEMO.privateApp);
    const answer = await parsed(
      await service.postLicenseToken(DEMO.siteA, {
        pluginKey: DEMO.privateApp,
        token: token.value,
        state: 'INACTIVE_TRIAL',
      }),
      LicenseTokenSchema,
    );
    expect(answer).toEqual({ pluginKey: DEMO.privateApp, token: token.value, state: 'INACTIVE_TRIAL', valid: true });
    expect((await siteApp(service, DEMO.siteA, DEMO.privateApp))?.token?.id).toBe(token.id);
    expect((await service.getToken(DEMO.privateApp, before?.token?.id ?? '')).site?.host).toBe(DEMO.siteA);
    // With no state named, a paid app starts at an active subscription (rule 9).
    const onB = await service.createToken(DEMO.privateApp);
    const applied = await parsed(
      await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, token: onB.value }),
      LicenseTokenSchema,
    );
    expect(applied.state).toBe('ACTIVE_SUBSCRIPTION');
    expect((await service.getToken(DEMO.privateApp, onB.id)).site?.host).toBe(DEMO.siteB);
  });

  it('rule 3: a token is bound for ever to its first site — token_bound_elsewhere, even after clearing it there', async () => {
    const service = await siteApiService();
    const token = await service.createToken(DEMO.privateApp);
    expect(
      (await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, token: token.value })).status,
    ).toBe(200);
    expect((await service.site('DELETE', upmPath(DEMO.siteB, `/license-tokens/${DEMO.privateApp}-key`))).status).toBe(
      204,
    );
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteA, { pluginKey: DEMO.privateApp, token: token.value }),
      409,
      'token_bound_elsewhere',
    );
  });

  it('rule 4: another app’s token — 422 token_app_mismatch; an unknown one — 404 token_not_found', async () => {
    const service = await siteApiService();
    const reports = await service.createToken(DEMO.publicWithPrivateVersion);
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, token: reports.value }),
      422,
      'token_app_mismatch',
    );
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, token: unknownAccessTokenValue() }),
      404,
      'token_not_found',
    );
  });

  it('rule 5: private listings disabled on the site — 409 private_listings_disabled', async () => {
    const service = await siteApiService();
    await expectJson(await service.call('PATCH', `/sites/${DEMO.siteB}`, { privateListingsEnabled: false }), 200);
    const token = await service.createToken(DEMO.privateApp);
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, token: token.value }),
      409,
      'private_listings_disabled',
    );
  });

  it('rule 7: a token removed at the Marketplace leaves the app unlicensed, not valid, and locked; it cannot be applied again', async () => {
    const service = await siteApiService();
    const current = await siteApp(service, DEMO.siteA, DEMO.privateApp);
    expect((await service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${current?.token?.id}`)).status).toBe(204);
    const one = await parsed(
      await service.site('GET', upmPath(DEMO.siteA, `/license-tokens/${DEMO.privateApp}-key`)),
      LicenseTokenSchema,
    );
    expect(one).toMatchObject({ state: 'NONE', valid: false });
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteA, { pluginKey: DEMO.privateApp, state: 'ACTIVE_TRIAL' }),
      409,
      'license_requires_token',
    );
    const removed = await service.createToken(DEMO.privateApp);
    await service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${removed.id}`);
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, token: removed.value }),
      410,
      'token_removed',
    );
  });

  it('rule 8: DELETE clears the token — 204, unlicensed, still installed; the token stays active and bound', async () => {
    const service = await siteApiService();
    const before = await siteApp(service, DEMO.siteA, DEMO.privateApp);
    const answer = await service.site('DELETE', upmPath(DEMO.siteA, `/license-tokens/${DEMO.privateApp}-key`));
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe('');
    expect(await siteApp(service, DEMO.siteA, DEMO.privateApp)).toMatchObject({
      token: null,
      license: { state: 'unlicensed' },
    });
    const token = await service.getToken(DEMO.privateApp, before?.token?.id ?? '');
    expect(token).toMatchObject({ status: 'active', site: { host: DEMO.siteA } });
    await expectSiteError(
      await service.site('GET', upmPath(DEMO.siteA, `/license-tokens/${DEMO.privateApp}-key`)),
      404,
      'token_not_found',
    );
    await expectSiteError(
      await service.site('DELETE', upmPath(DEMO.siteB, `/license-tokens/${DEMO.freeApp}-key`)),
      404,
      'app_not_installed',
    );
  });

  it('rule 9: a state needs an active token — license_requires_token; a free app has none — license_not_applicable', async () => {
    const service = await siteApiService();
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, state: 'ACTIVE_TRIAL' }),
      409,
      'license_requires_token',
    );
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteA, { pluginKey: DEMO.freeApp, state: 'ACTIVE_TRIAL' }),
      409,
      'license_not_applicable',
    );
    // A free app with a private listing can hold a token, but never a license state.
    await service.createApp('com.test.free-private', 'private', 'free');
    const token = await service.createToken('com.test.free-private');
    const task = await service.startInstall(DEMO.siteA, privateUrlOf(token));
    expect((await poll(service, task)).status).toBe(303);
    const free = await parsed(
      await service.site('GET', upmPath(DEMO.siteA, '/license-tokens/com.test.free-private-key')),
      LicenseTokenSchema,
    );
    expect(free).toMatchObject({ state: 'NONE', valid: true });
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteA, {
        pluginKey: 'com.test.free-private',
        token: token.value,
        state: 'ACTIVE_TRIAL',
      }),
      409,
      'license_not_applicable',
    );
  });

  it('rule 1: clearing a token on a site does not free one of the 50 (it stays active at the Marketplace)', async () => {
    const service = await siteApiService();
    await service.createApp('com.test.limit', 'private');
    const host = await withSite(service);
    const first = await service.createToken('com.test.limit');
    expect((await poll(service, await service.startInstall(host, privateUrlOf(first)))).status).toBe(303);
    for (let index = 1; index < TOKEN_LIMIT; index += 1) await service.createToken('com.test.limit');
    expect((await service.site('DELETE', upmPath(host, '/license-tokens/com.test.limit-key'))).status).toBe(204);
    await expectProblem(await service.call('POST', '/apps/com.test.limit/tokens', {}), 409, 'token_limit_reached');
    // And re-applying it there, through the same resource, is allowed (rule 3) and creates nothing.
    const again = await parsed(
      await service.postLicenseToken(host, { pluginKey: 'com.test.limit', token: first.value, state: 'ACTIVE_TRIAL' }),
      LicenseTokenSchema,
    );
    expect(again.state).toBe('ACTIVE_TRIAL');
  });

  it.each([
    ['no pluginKey', { state: 'NONE' }, 422, 'validation_failed'],
    ['neither token nor state', { pluginKey: DEMO.privateApp }, 422, 'validation_failed'],
    ['a state that is no wire value', { pluginKey: DEMO.privateApp, state: 'active-trial' }, 422, 'validation_failed'],
    ['a key that is no app key', { pluginKey: 'Not A Key', state: 'NONE' }, 422, 'validation_failed'],
    ['an app not installed', { pluginKey: DEMO.freeApp, state: 'NONE' }, 404, 'app_not_installed'],
  ])('POST with %s: %i %s', async (_what, body, status, subCode) => {
    const service = await siteApiService();
    await expectSiteError(await service.postLicenseToken(DEMO.siteB, body), status, subCode);
  });

  it('POST with malformed JSON, or a form body over Basic, answers JSON 4xx', async () => {
    const service = await siteApiService();
    const broken = await service.site('POST', upmPath(DEMO.siteA, '/license-tokens'), {
      authorization: service.ownerBasic,
      contentType: 'application/vnd.atl.plugins+json',
      body: '{"pluginKey":',
    });
    await expectSiteError(broken, 400, 'malformed_json');
    const form = await service.site('POST', upmPath(DEMO.siteA, '/license-tokens'), {
      authorization: service.ownerBasic,
      contentType: 'application/x-www-form-urlencoded',
      body: 'pluginKey=x',
    });
    await expectSiteError(form, 415, 'unsupported_media_type');
  });
});

describe('UPM REST: the same audit log as /api/v1', () => {
  it('install, apply, switch and clear leave the entries their /api/v1 equivalents leave', async () => {
    const service = await siteApiService();
    const viaApi = await withSite(service, 'acme-api.atlassian.net');
    const viaUpm = await withSite(service, 'acme-upm.atlassian.net');
    const [a1, a2, u1, u2] = [
      await service.createToken(DEMO.privateApp),
      await service.createToken(DEMO.privateApp),
      await service.createToken(DEMO.privateApp),
      await service.createToken(DEMO.privateApp),
    ];
    if (!a1 || !a2 || !u1 || !u2) throw new Error('tokens missing');

    await service.installByUrl(viaApi, privateUrlOf(a1));
    await expectJson(await service.applyToken(viaApi, DEMO.privateApp, a2.value, 'inactive-trial'), 200);
    await expectJson(
      await service.call('PUT', `/sites/${viaApi}/apps/${DEMO.privateApp}/license`, { state: 'active-trial' }),
      200,
    );
    await expectJson(await service.call('DELETE', `/sites/${viaApi}/apps/${DEMO.privateApp}/token`), 200);

    expect((await poll(service, await service.startInstall(viaUpm, privateUrlOf(u1)))).status).toBe(303);
    await parsed(
      await service.postLicenseToken(viaUpm, { pluginKey: DEMO.privateApp, token: u2.value, state: 'INACTIVE_TRIAL' }),
      LicenseTokenSchema,
    );
    await parsed(
      await service.postLicenseToken(viaUpm, { pluginKey: DEMO.privateApp, state: 'ACTIVE_TRIAL' }),
      LicenseTokenSchema,
    );
    expect((await service.site('DELETE', upmPath(viaUpm, `/license-tokens/${DEMO.privateApp}-key`))).status).toBe(204);

    const shape = (entries: Awaited<ReturnType<typeof auditOf>>, tokens: Record<string, string>) =>
      entries.map(({ actor, action, app, detail }) => ({
        actor,
        action,
        app,
        detail: Object.fromEntries(
          Object.entries(detail).map(([key, value]) => [
            key,
            typeof value === 'string' ? (tokens[value] ?? value) : value,
          ]),
        ),
      }));
    const api = shape(await auditOf(service, viaApi), { [a1.id]: 'first', [a2.id]: 'second' }).filter(
      (entry) => entry.action !== 'site.created' && entry.action !== 'site.privateListingsChanged',
    );
    const upm = shape(await auditOf(service, viaUpm), { [u1.id]: 'first', [u2.id]: 'second' }).filter(
      (entry) => entry.action !== 'site.created' && entry.action !== 'site.privateListingsChanged',
    );
    expect(api.map((entry) => entry.action)).toEqual([
      'siteApp.tokenCleared',
      'siteApp.licenseChanged',
      'siteApp.tokenApplied',
      'siteApp.installed',
    ]);
    expect(upm).toEqual(api);
  });

  it('a refused change through these routes writes nothing, as through /api/v1', async () => {
    const service = await siteApiService();
    const before = await auditOf(service, DEMO.siteB);
    await expectSiteError(
      await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, state: 'ACTIVE_TRIAL' }),
      409,
      'license_requires_token',
    );
    expect(await auditOf(service, DEMO.siteB)).toEqual(before);
  });
});
