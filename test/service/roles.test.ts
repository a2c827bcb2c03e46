import { describe, expect, it } from 'vitest';
import { AccessTokenSchema } from '../../lib/domain/access-token';
import { InstalledAppSchema } from '../../lib/domain/installed-app';
import { MeSchema } from '../../lib/domain/session';
import { UserSchema } from '../../lib/service/routes/users/users.routes';
import { UserListSchema } from './support/answers';
import { contractService, DEMO, expectJson, expectProblem } from './support/contract';

/** Users, roles and the 401 every protected endpoint answers without a token (SERVICE-API.md, Authentication). */

describe('users', () => {
  it('lets the owner add users, who can then sign in with their role', async () => {
    const service = await contractService();
    const response = await service.call('POST', '/users', {
      email: 'dev@test.example',
      password: 'a-long-password',
      role: 'developer',
    });
    const user = await expectJson(response, 201, UserSchema);
    expect(user).toMatchObject({ email: 'dev@test.example', role: 'developer' });
    expect(Object.keys(user).sort()).toEqual(['createdAt', 'email', 'id', 'role']);

    const session = await service.signIn({ email: 'dev@test.example', password: 'a-long-password' });
    const me = await expectJson(await service.call('GET', '/me', undefined, session), 200, MeSchema);
    expect(me).toMatchObject({ email: 'dev@test.example', role: 'developer' });

    const list = await expectJson(await service.call('GET', '/users'), 200, UserListSchema);
    expect(list.items.map((item) => item.email)).toContain('dev@test.example');
    expect(JSON.stringify(list)).not.toMatch(/password|hash/i);
  });

  it('refuses an email that is taken with 409 email_taken', async () => {
    const service = await contractService();
    const body = { email: 'tester@test.example', password: 'a-long-password', role: 'tester' };
    await expectJson(await service.call('POST', '/users', body), 201);
    await expectProblem(await service.call('POST', '/users', { ...body, role: 'developer' }), 409, 'email_taken');
    await expectProblem(
      await service.call('POST', '/users', { ...body, email: 'owner@test.example' }),
      409,
      'email_taken',
    );
  });

  it.each(['developer', 'tester'] as const)('refuses a %s on /users with 403 insufficient_scope', async (role) => {
    const service = await contractService();
    const { token } = await service.userToken(role);
    await expectProblem(await service.call('GET', '/users', undefined, token), 403, 'insufficient_scope');
    await expectProblem(
      await service.call(
        'POST',
        '/users',
        { email: 'x@test.example', password: 'a-long-password', role: 'owner' },
        token,
      ),
      403,
      'insufficient_scope',
    );
  });
});

describe('a tester', () => {
  it.each([
    ['GET', '/apps'],
    ['GET', `/apps/${DEMO.privateApp}`],
    ['GET', `/apps/${DEMO.privateApp}/tokens`],
    ['GET', '/sites'],
    ['GET', `/sites/${DEMO.siteA}`],
    ['GET', `/sites/${DEMO.siteA}/apps`],
    ['GET', '/audit'],
    ['GET', '/me'],
  ])('can read: %s %s', async (method, path) => {
    const service = await contractService();
    const { token } = await service.userToken('tester');
    expect((await service.call(method, path, undefined, token)).status).toBe(200);
  });

  it('can read one token', async () => {
    const service = await contractService();
    const created = await service.createToken(DEMO.privateApp);
    const { token } = await service.userToken('tester');
    const read = await expectJson(
      await service.call('GET', `/apps/${DEMO.privateApp}/tokens/${created.id}`, undefined, token),
      200,
      AccessTokenSchema,
    );
    expect(read.value).toBe(created.value);
  });

  it('can install, apply, set the license, clear and uninstall', async () => {
    const service = await contractService();
    await service.createSite('tester.atlassian.net');
    const accessToken = await service.createToken(DEMO.publicWithPrivateVersion);
    const { token } = await service.userToken('tester');
    const base = `/sites/tester.atlassian.net/apps`;

    await expectJson(await service.call('POST', base, { appKey: DEMO.publicWithPrivateVersion }, token), 201);
    const applied = await expectJson(
      await service.applyToken(
        'tester.atlassian.net',
        DEMO.publicWithPrivateVersion,
        accessToken.value,
        undefined,
        token,
      ),
      200,
      InstalledAppSchema,
    );
    expect(applied.token?.id).toBe(accessToken.id);
    const licensed = await expectJson(
      await service.call('PUT', `${base}/${DEMO.publicWithPrivateVersion}/license`, { state: 'active-trial' }, token),
      200,
      InstalledAppSchema,
    );
    expect(licensed.license.state).toBe('active-trial');
    const cleared = await expectJson(
      await service.call('DELETE', `${base}/${DEMO.publicWithPrivateVersion}/token`, undefined, token),
      200,
      InstalledAppSchema,
    );
    expect(cleared.token).toBeNull();
    expect((await service.call('DELETE', `${base}/${DEMO.publicWithPrivateVersion}`, undefined, token)).status).toBe(
      204,
    );
  });

  it('can install from a token URL', async () => {
    const service = await contractService();
    await service.createSite('tester.atlassian.net');
    const accessToken = await service.createToken(DEMO.privateApp);
    const { token } = await service.userToken('tester');
    const installUrl = accessToken.installUrls.private ?? '';
    await expectJson(await service.call('POST', '/sites/tester.atlassian.net/apps', { installUrl }, token), 201);
  });

  it.each([
    ['POST', `/apps/${DEMO.privateApp}/tokens`, {}],
    [
      'POST',
      '/apps',
      {
        key: 'com.test.tester',
        name: 'By a tester',
        paymentModel: 'free',
        visibility: 'public',
        descriptorUrl: 'https://apps.test.example/tester.json',
      },
    ],
  ])('gets 403 insufficient_scope on %s %s, and nothing is created', async (method, path, body) => {
    const service = await contractService();
    const { token } = await service.userToken('tester');
    const appsBefore = await (await service.call('GET', '/apps')).text();
    const tokensBefore = await (await service.call('GET', `/apps/${DEMO.privateApp}/tokens`)).text();
    await expectProblem(await service.call(method, path, body, token), 403, 'insufficient_scope');
    expect(await (await service.call('GET', '/apps')).text()).toBe(appsBefore);
    expect(await (await service.call('GET', `/apps/${DEMO.privateApp}/tokens`)).text()).toBe(tokensBefore);
  });

  it('gets 403 insufficient_scope on DELETE of a token, which stays active', async () => {
    const service = await contractService();
    const created = await service.createToken(DEMO.privateApp);
    const { token } = await service.userToken('tester');
    await expectProblem(
      await service.call('DELETE', `/apps/${DEMO.privateApp}/tokens/${created.id}`, undefined, token),
      403,
      'insufficient_scope',
    );
    expect((await service.getToken(DEMO.privateApp, created.id)).status).toBe('active');
  });
});

describe('a developer', () => {
  it('can create apps, create tokens and remove them', async () => {
    const service = await contractService();
    const { token } = await service.userToken('developer');
    await expectJson(
      await service.call(
        'POST',
        '/apps',
        {
          key: 'com.test.dev',
          name: 'By a developer',
          paymentModel: 'paid',
          visibility: 'private',
          descriptorUrl: 'https://apps.test.example/dev.json',
        },
        token,
      ),
      201,
    );
    const created = await service.createToken('com.test.dev', token);
    expect(created.status).toBe('active');
    expect((await service.call('DELETE', `/apps/com.test.dev/tokens/${created.id}`, undefined, token)).status).toBe(
      204,
    );
  });
});

/** Every method and path of the contract's endpoint table that needs a signed-in caller. */
const PROTECTED: [string, string][] = [
  ['DELETE', '/sessions/current'],
  ['GET', '/me'],
  ['GET', '/apps'],
  ['POST', '/apps'],
  ['GET', `/apps/${DEMO.privateApp}`],
  ['PATCH', `/apps/${DEMO.privateApp}`],
  ['POST', `/apps/${DEMO.privateApp}/versions`],
  ['GET', `/apps/${DEMO.privateApp}/tokens`],
  ['POST', `/apps/${DEMO.privateApp}/tokens`],
  ['GET', `/apps/${DEMO.privateApp}/tokens/00000000-0000-4000-8000-000000000000`],
  ['DELETE', `/apps/${DEMO.privateApp}/tokens/00000000-0000-4000-8000-000000000000`],
  ['GET', '/sites'],
  ['POST', '/sites'],
  ['GET', `/sites/${DEMO.siteA}`],
  ['PATCH', `/sites/${DEMO.siteA}`],
  ['GET', `/sites/${DEMO.siteA}/apps`],
  ['POST', `/sites/${DEMO.siteA}/apps`],
  ['DELETE', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}`],
  ['PUT', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/token`],
  ['DELETE', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/token`],
  ['PUT', `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/license`],
  // The personal-token endpoints join this table with the personal access tokens issue.
  ['GET', '/users'],
  ['POST', '/users'],
  ['GET', '/audit'],
];

describe('without a token', () => {
  it.each(PROTECTED)('%s %s answers 401 unauthorized with WWW-Authenticate: Bearer', async (method, path) => {
    const service = await contractService();
    const withBody = method !== 'GET' && method !== 'DELETE';
    const response = await service.request(method, `/api/v1${path}`, withBody ? { body: {} } : {});
    await expectProblem(response, 401, 'unauthorized');
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  it.each([
    ['GET', '/api-methods', undefined],
    ['GET', '/openapi.json', undefined],
    ['POST', '/sessions', { email: 'owner@test.example', password: 'owner-password-1' }],
  ])('%s %s answers without one', async (method, path, body) => {
    const service = await contractService();
    const response = await service.request(method, `/api/v1${path}`, body ? { body } : {});
    expect(response.status).toBeLessThan(300);
  });
});
