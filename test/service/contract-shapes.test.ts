import { describe, expect, it } from 'vitest';
import { AccessTokenListSchema, AccessTokenSchema } from '../../lib/domain/access-token';
import { AppListSchema, AppSchema } from '../../lib/domain/app';
import { InstalledAppSchema, SiteAppsSchema } from '../../lib/domain/installed-app';
import { LICENSE_STATES, type LicenseState } from '../../lib/domain/license-state';
import { isWellFormedToken } from '../../lib/domain/token-format';
import { type ContractService, contractService, DEMO, expectJson } from './support/contract';

/** The shapes clients rely on: AccessToken, installUrls, App, token lists, InstalledApp and lic, ETags. */

const TOKEN_VALUE = /^mat_[0-9A-Za-z]{38}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits a token URL into what the contract says it is made of. */
function partsOf(url: string): { descriptor: string; token: string | null } {
  const parsed = new URL(url);
  const token = parsed.searchParams.get('access-token');
  parsed.searchParams.delete('access-token');
  return { descriptor: parsed.toString(), token };
}

describe('AccessToken', () => {
  it('has a mat_ value of 38 base62 characters that verifies offline, and the contract’s fields', async () => {
    const service = await contractService();
    const response = await service.call('POST', `/apps/${DEMO.privateApp}/tokens`, { note: 'for the CI site' });
    const token = await expectJson(response, 201, AccessTokenSchema);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(token.value).toMatch(TOKEN_VALUE);
    expect(isWellFormedToken('access', token.value)).toBe(true);
    expect(token.id).toMatch(UUID);
    expect(token).toMatchObject({
      appKey: DEMO.privateApp,
      note: 'for the CI site',
      status: 'active',
      removedAt: null,
      site: null,
    });
    expect(Number.isNaN(Date.parse(token.createdAt))).toBe(false);
    expect(await service.getToken(DEMO.privateApp, token.id)).toEqual(token);
  });

  it('gives every token a different value, each of them well formed', async () => {
    const service = await contractService();
    const values = new Set<string>();
    for (let n = 0; n < 20; n++) {
      const token = await service.createToken(DEMO.publicWithPrivateVersion);
      expect(isWellFormedToken('access', token.value)).toBe(true);
      values.add(token.value);
    }
    expect(values.size).toBe(20);
  });

  it('creates a token without a body, with an empty note', async () => {
    const service = await contractService();
    const response = await service.request('POST', `/api/v1/apps/${DEMO.privateApp}/tokens`, { token: service.owner });
    expect((await expectJson(response, 201, AccessTokenSchema)).note).toBe('');
  });

  it('offers only a private install URL for a private app', async () => {
    const service = await contractService();
    const token = await service.createToken(DEMO.privateApp);
    expect(Object.keys(token.installUrls)).toEqual(['private']);
    expect(partsOf(token.installUrls.private ?? '')).toEqual({
      descriptor: 'https://apps.acme.example/timesheets/atlassian-connect.json',
      token: token.value,
    });
  });

  it('offers both install URLs for a public listing with a private version', async () => {
    const service = await contractService();
    const token = await service.createToken(DEMO.publicWithPrivateVersion);
    expect(Object.keys(token.installUrls).sort()).toEqual(['private', 'public']);
    for (const url of [token.installUrls.private, token.installUrls.public]) {
      expect(partsOf(url ?? '')).toEqual({
        descriptor: 'https://apps.acme.example/reports/atlassian-connect.json',
        token: token.value,
      });
    }
  });

  it('points each install URL at the latest version of its visibility', async () => {
    const service = await contractService();
    await service.createApp('com.test.versions', 'public');
    const versions = [
      ['1.0.0', 'public', 'https://apps.test.example/v1/descriptor.json'],
      ['2.0.0-beta', 'private', 'https://apps.test.example/v2-beta/descriptor.json'],
      ['1.1.0', 'public', 'https://apps.test.example/v1.1/descriptor.json'],
    ] as const;
    for (const [version, visibility, url] of versions) {
      await expectJson(
        await service.call('POST', '/apps/com.test.versions/versions', { version, visibility, descriptorUrl: url }),
        201,
      );
    }
    const token = await service.createToken('com.test.versions');
    expect(partsOf(token.installUrls.private ?? '').descriptor).toBe(versions[1][2]);
    expect(partsOf(token.installUrls.public ?? '').descriptor).toBe(versions[2][2]);
  });
});

describe('App and token lists', () => {
  it('answers an App with activeTokens and tokenLimit 50, counting only active tokens', async () => {
    const service = await contractService();
    const before = await expectJson(await service.call('GET', `/apps/${DEMO.privateApp}`), 200, AppSchema);
    // The demo data holds one token of this app.
    expect(before).toMatchObject({ key: DEMO.privateApp, visibility: 'private', activeTokens: 1, tokenLimit: 50 });
    const first = await service.createToken(DEMO.privateApp);
    await service.createToken(DEMO.privateApp);
    expect((await expectJson(await service.call('GET', `/apps/${DEMO.privateApp}`), 200, AppSchema)).activeTokens).toBe(
      3,
    );
    await service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${first.id}`);
    expect((await expectJson(await service.call('GET', `/apps/${DEMO.privateApp}`), 200, AppSchema)).activeTokens).toBe(
      2,
    );
  });

  it('answers a new App with 201, no active tokens and the limit', async () => {
    const service = await contractService();
    const body = {
      key: 'com.test.new',
      name: 'New',
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: 'https://apps.test.example/new.json',
    };
    const app = await expectJson(await service.call('POST', '/apps', body), 201, AppSchema);
    expect(app).toMatchObject({ ...body, activeTokens: 0, tokenLimit: 50, versions: [] });
  });

  it('lists apps as {items} with the same App shape', async () => {
    const service = await contractService();
    const list = await expectJson(await service.call('GET', '/apps'), 200, AppListSchema);
    expect(list.items.map((app) => app.key).sort()).toEqual([
      DEMO.freeApp,
      DEMO.publicWithPrivateVersion,
      DEMO.privateApp,
    ]);
    for (const app of list.items) expect(app.tokenLimit).toBe(50);
  });

  it('answers GET tokens with {items, active, limit}', async () => {
    const service = await contractService();
    const created = await service.createToken(DEMO.publicWithPrivateVersion);
    const list = await expectJson(
      await service.call('GET', `/apps/${DEMO.publicWithPrivateVersion}/tokens`),
      200,
      AccessTokenListSchema,
    );
    expect(Object.keys(list).sort()).toEqual(['active', 'items', 'limit']);
    // Two demo tokens (one per demo site) and the new one.
    expect(list).toMatchObject({ active: 3, limit: 50 });
    expect(list.items.find((token) => token.id === created.id)).toEqual(created);
    for (const token of list.items) expect(isWellFormedToken('access', token.value)).toBe(true);
  });
});

describe('InstalledApp and lic', () => {
  async function paidAppWithToken(): Promise<ContractService> {
    const service = await contractService();
    const token = await service.createToken(DEMO.privateApp);
    await expectJson(await service.applyToken(DEMO.siteB, DEMO.privateApp, token.value), 200);
    return service;
  }

  const expectedLic: Record<LicenseState, 'active' | 'none'> = {
    'active-trial': 'active',
    'inactive-trial': 'none',
    'active-subscription': 'active',
    'active-subscription-cancelled': 'active',
    'inactive-subscription': 'none',
    unlicensed: 'none',
  };

  it.each(LICENSE_STATES.map((state) => [state, expectedLic[state]] as const))(
    'PUT license %s answers lic %s, and the site list says the same',
    async (state, lic) => {
      const service = await paidAppWithToken();
      const answer = await expectJson(
        await service.call('PUT', `/sites/${DEMO.siteB}/apps/${DEMO.privateApp}/license`, { state }),
        200,
        InstalledAppSchema,
      );
      expect(InstalledAppSchema.parse(answer)).toEqual(answer);
      expect(answer).toMatchObject({ appKey: DEMO.privateApp, license: { state }, lic });
      expect(await service.siteApp(DEMO.siteB, DEMO.privateApp)).toEqual(answer);
    },
  );

  it('lists a site’s apps as {items, etag} in the InstalledApp shape, with masked tokens only', async () => {
    const service = await contractService();
    const response = await service.call('GET', `/sites/${DEMO.siteA}/apps`);
    const body = await expectJson(response, 200);
    const parsed = SiteAppsSchema.strict().parse(body);
    expect(response.headers.get('ETag')).toBe(parsed.etag);
    for (const app of parsed.items) {
      expect(InstalledAppSchema.strict().parse(app)).toEqual(app);
      if (app.token) expect(Object.keys(app.token).sort()).toEqual(['appliedAt', 'id', 'last4', 'status']);
    }
    expect(JSON.stringify(body)).not.toMatch(/mat_/);
  });
});

describe('ETag of a site’s apps', () => {
  const path = `/sites/${DEMO.siteA}/apps`;
  async function etag(service: ContractService): Promise<string> {
    const response = await service.call('GET', path);
    expect(response.status).toBe(200);
    return response.headers.get('ETag') ?? '';
  }

  it('changes after each write to the site’s apps, and 304 answers a matching If-None-Match', async () => {
    const service = await contractService();
    const newToken = await service.createToken(DEMO.publicWithPrivateVersion);
    const timesheetsToken = (await service.siteApp(DEMO.siteA, DEMO.privateApp))?.token?.id ?? '';
    const writes: [string, () => Promise<Response>][] = [
      ['set license', () => service.call('PUT', `${path}/${DEMO.privateApp}/license`, { state: 'inactive-trial' })],
      ['apply token', () => service.applyToken(DEMO.siteA, DEMO.publicWithPrivateVersion, newToken.value)],
      ['clear token', () => service.call('DELETE', `${path}/${DEMO.publicWithPrivateVersion}/token`)],
      [
        'remove token at the Marketplace',
        () => service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${timesheetsToken}`),
      ],
      ['uninstall', () => service.call('DELETE', `${path}/${DEMO.freeApp}`)],
      ['install', () => service.call('POST', path, { appKey: DEMO.freeApp })],
      ['rename an installed app', () => service.call('PATCH', `/apps/${DEMO.freeApp}`, { name: 'Acme Hello 2' })],
    ];
    let previous = await etag(service);
    expect(previous).toMatch(/^"[^"]+"$/);
    for (const [what, write] of writes) {
      const response = await write();
      expect(response.status, what).toBeLessThan(300);
      const next = await etag(service);
      expect(next, what).not.toBe(previous);

      const notModified = await service.request('GET', `/api/v1${path}`, {
        token: service.owner,
        headers: { 'If-None-Match': next },
      });
      expect(notModified.status, what).toBe(304);
      expect(await notModified.text()).toBe('');
      expect(notModified.headers.get('ETag')).toBe(next);

      const stale = await service.request('GET', `/api/v1${path}`, {
        token: service.owner,
        headers: { 'If-None-Match': previous },
      });
      expect(stale.status, what).toBe(200);
      previous = next;
    }
  });

  it('answers 304 to a weak or listed If-None-Match too', async () => {
    const service = await contractService();
    const current = await etag(service);
    for (const header of [`W/${current}`, `"other", ${current}`]) {
      const response = await service.request('GET', `/api/v1${path}`, {
        token: service.owner,
        headers: { 'If-None-Match': header },
      });
      expect(response.status, header).toBe(304);
    }
  });

  it('stays the same when nothing changed', async () => {
    const service = await contractService();
    const first = await etag(service);
    service.clock.advance(1000);
    expect(await etag(service)).toBe(first);
  });
});
