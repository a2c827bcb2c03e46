import { describe, expect, it } from 'vitest';
import type { LicenseState } from '../../lib/domain/license-state';
import { SCOPE_PRESETS } from '../../lib/service/auth/api-methods';
import { parsed } from './support/answers';
import { DEMO, expectJson, privateUrlOf } from './support/contract';
import {
  BASIC_CHALLENGE,
  basicAuth,
  ConnectAddonSchema,
  connectPath,
  expectSiteError,
  type SiteApiService,
  siteApiService,
  upmPath,
} from './support/site-api';
import { OWNER } from './support/test-service';

/** The Connect license API an app under test reads (SERVICE-API.md, "The Connect license API"). */

const bearer = (token: string) => `Bearer ${token}`;

async function addon(
  service: SiteApiService,
  host: string,
  appKey: string,
  authorization = bearer(service.ownerToken),
) {
  return parsed(await service.site('GET', connectPath(host, appKey), { authorization }), ConnectAddonSchema);
}

async function setState(service: SiteApiService, host: string, appKey: string, state: LicenseState) {
  await expectJson(await service.call('PUT', `/sites/${host}/apps/${appKey}/license`, { state }), 200);
}

describe('GET <site>/rest/atlassian-connect/1/addons/{appKey}', () => {
  it.each<[LicenseState, { active: boolean; evaluation: boolean } | undefined]>([
    ['active-trial', { active: true, evaluation: true }],
    ['inactive-trial', { active: false, evaluation: true }],
    ['active-subscription', { active: true, evaluation: false }],
    ['active-subscription-cancelled', { active: true, evaluation: false }],
    ['inactive-subscription', { active: false, evaluation: false }],
    ['unlicensed', undefined],
  ])('in %s: license %o', async (state, license) => {
    const service = await siteApiService();
    await setState(service, DEMO.siteA, DEMO.privateApp, state);
    const answer = await addon(service, DEMO.siteA, DEMO.privateApp);
    expect(answer).toEqual({
      key: DEMO.privateApp,
      version: '1.4.0',
      state: 'ENABLED',
      host: { product: 'jira', contacts: [] },
      ...(license ? { license: { ...license, type: 'DEVELOPER', supportEntitlementNumber: null } } : {}),
    });
  });

  it('a cancelled subscription looks exactly like an active one, as on the product', async () => {
    const service = await siteApiService();
    await setState(service, DEMO.siteA, DEMO.privateApp, 'active-subscription');
    const active = await addon(service, DEMO.siteA, DEMO.privateApp);
    await setState(service, DEMO.siteA, DEMO.privateApp, 'active-subscription-cancelled');
    expect(await addon(service, DEMO.siteA, DEMO.privateApp)).toEqual(active);
  });

  it('a free app has no license', async () => {
    const service = await siteApiService();
    const answer = await addon(service, DEMO.siteA, DEMO.freeApp);
    expect(answer).toEqual({
      key: DEMO.freeApp,
      version: '0.9.2',
      state: 'ENABLED',
      host: { product: 'jira', contacts: [] },
    });
  });

  it('a free app with a token still has none', async () => {
    const service = await siteApiService();
    await service.createApp('com.test.free-private', 'private', 'free');
    const token = await service.createToken('com.test.free-private');
    await service.installByUrl(DEMO.siteA, privateUrlOf(token));
    expect((await addon(service, DEMO.siteA, 'com.test.free-private')).license).toBeUndefined();
  });

  it('a paid app with no token, a cleared token or a removed one has no license', async () => {
    const service = await siteApiService();
    expect((await addon(service, DEMO.siteB, DEMO.privateApp)).license).toBeUndefined();
    expect((await addon(service, DEMO.siteA, DEMO.publicWithPrivateVersion)).license).toMatchObject({ active: true });
    await expectJson(
      await service.call('DELETE', `/sites/${DEMO.siteA}/apps/${DEMO.publicWithPrivateVersion}/token`),
      200,
    );
    expect((await addon(service, DEMO.siteA, DEMO.publicWithPrivateVersion)).license).toBeUndefined();
    const onA = await service.call('GET', `/sites/${DEMO.siteA}/apps`);
    const items = ((await onA.json()) as { items: { appKey: string; token: { id: string } | null }[] }).items;
    const tokenId = items.find((app) => app.appKey === DEMO.privateApp)?.token?.id;
    expect((await service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${tokenId}`)).status).toBe(204);
    expect((await addon(service, DEMO.siteA, DEMO.privateApp)).license).toBeUndefined();
  });

  it('404 when the app is not installed, or the site is unknown', async () => {
    const service = await siteApiService();
    const authorization = bearer(service.ownerToken);
    await expectSiteError(
      await service.site('GET', connectPath(DEMO.siteB, DEMO.freeApp), { authorization }),
      404,
      'app_not_installed',
    );
    await expectSiteError(
      await service.site('GET', connectPath(DEMO.siteB, 'com.nobody.nothing'), { authorization }),
      404,
      'app_not_installed',
    );
    await expectSiteError(
      await service.site('GET', connectPath('nowhere.atlassian.net', DEMO.privateApp), { authorization }),
      404,
      'site_not_found',
    );
  });

  it('follows a switch made through the site’s own license-tokens resource at once', async () => {
    const service = await siteApiService();
    const token = await service.createToken(DEMO.privateApp);
    const applied = await service.postLicenseToken(DEMO.siteB, {
      pluginKey: DEMO.privateApp,
      token: token.value,
      state: 'INACTIVE_TRIAL',
    });
    expect(applied.status).toBe(200);
    expect((await addon(service, DEMO.siteB, DEMO.privateApp)).license).toMatchObject({
      active: false,
      evaluation: true,
    });
    await service.postLicenseToken(DEMO.siteB, { pluginKey: DEMO.privateApp, state: 'ACTIVE_SUBSCRIPTION' });
    expect((await addon(service, DEMO.siteB, DEMO.privateApp)).license).toMatchObject({
      active: true,
      evaluation: false,
    });
    await service.site('DELETE', upmPath(DEMO.siteB, `/license-tokens/${DEMO.privateApp}-key`));
    expect((await addon(service, DEMO.siteB, DEMO.privateApp)).license).toBeUndefined();
  });
});

describe('The Connect license API: authentication', () => {
  it('takes a personal access token as Bearer or over Basic, and the site’s session cookie', async () => {
    const service = await siteApiService();
    const viaBearer = await addon(service, DEMO.siteA, DEMO.privateApp);
    expect(await addon(service, DEMO.siteA, DEMO.privateApp, service.ownerBasic)).toEqual(viaBearer);
    const cookie = await service.sessionCookie();
    const byCookie = await service.site('GET', connectPath(DEMO.siteA, DEMO.privateApp), { cookie });
    expect(await parsed(byCookie, ConnectAddonSchema)).toEqual(viaBearer);
  });

  it.each(['full-access', 'tester', 'read-only', 'ci'] as const)(
    'the %s preset includes siteApps.readLicense',
    async (preset) => {
      expect(SCOPE_PRESETS[preset]).toContain('siteApps.readLicense');
      const service = await siteApiService();
      const token = await service.personalToken(preset);
      expect((await addon(service, DEMO.siteA, DEMO.privateApp, bearer(token))).key).toBe(DEMO.privateApp);
    },
  );

  it('a token scoped to siteApps.readLicense alone reads licenses and nothing else of the site', async () => {
    const service = await siteApiService();
    const token = await service.personalToken(['siteApps.readLicense']);
    expect((await addon(service, DEMO.siteA, DEMO.privateApp, bearer(token))).license).toBeDefined();
    await expectSiteError(
      await service.site('GET', upmPath(DEMO.siteA), { authorization: basicAuth(OWNER.email, token) }),
      403,
      'insufficient_scope',
    );
  });

  it('a token without siteApps.readLicense: 403 insufficient_scope', async () => {
    const service = await siteApiService();
    const token = await service.personalToken(['siteApps.list', 'tokens.read']);
    await expectSiteError(
      await service.site('GET', connectPath(DEMO.siteA, DEMO.privateApp), { authorization: bearer(token) }),
      403,
      'insufficient_scope',
    );
  });

  it.each([
    ['no credential', undefined],
    ['an unknown token', 'Bearer tlp_nonsense'],
    ['the account password over Basic', basicAuth(OWNER.email, OWNER.password)],
    ['another scheme', 'Negotiate abc'],
  ])('%s: 401 with the Basic challenge', async (_what, authorization) => {
    const service = await siteApiService();
    const answer = await service.site(
      'GET',
      connectPath(DEMO.siteA, DEMO.privateApp),
      authorization ? { authorization } : {},
    );
    expect(answer.headers.get('WWW-Authenticate')).toBe(BASIC_CHALLENGE);
    await expectSiteError(answer, 401, 'unauthorized');
  });

  it('is kept out of the /api/v1 OpenAPI document', async () => {
    const service = await siteApiService();
    const document = (await (await service.request('GET', '/api/v1/openapi.json')).json()) as { paths: object };
    expect(Object.keys(document.paths).some((path) => path.includes('atlassian-connect'))).toBe(false);
  });
});
