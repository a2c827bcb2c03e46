import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  PersonalTokenListSchema,
  PersonalTokenSchema,
  PersonalTokenWithValueSchema,
  ScopePresetSchema,
} from '../../lib/domain/personal-token';
import { MeSchema } from '../../lib/domain/session';
import { isWellFormedToken } from '../../lib/domain/token-format';
import { API_METHODS, type ApiMethod, ROLE_METHODS, SCOPE_PRESETS } from '../../lib/service/auth/api-methods';
import { contractService, DEMO, expectJson, expectProblem } from './support/contract';
import { OWNER } from './support/test-service';

const DAY = 24 * 60 * 60 * 1000;
type Service = Awaited<ReturnType<typeof contractService>>;

/** `yyyy-mm-dd`, `days` after the service's clock. */
const dayAfter = (service: Service, days: number) =>
  new Date(service.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);

async function generate(
  service: Service,
  body: Partial<{ description: string; expiresAt: string; scopes: unknown; password: string }> = {},
  as = service.owner,
) {
  const answer = await service.call(
    'POST',
    '/personal-tokens',
    { description: 'CI', expiresAt: dayAfter(service, 30), scopes: 'full-access', password: OWNER.password, ...body },
    as,
  );
  return expectJson(answer, 201, PersonalTokenWithValueSchema);
}

const RemovedSchema = z.object({ removed: z.array(z.string()) });

describe('personal access tokens', () => {
  it('are generated with a value shown once, listed without it, and work as Bearer tokens', async () => {
    const service = await contractService();
    const token = await generate(service, { scopes: 'read-only', description: 'Nightly report' });
    expect(isWellFormedToken('personal', token.value)).toBe(true);
    expect(token).toMatchObject({
      description: 'Nightly report',
      preset: 'read-only',
      expired: false,
      lastUsedAt: null,
    });
    expect(token.scopes).toEqual([...SCOPE_PRESETS['read-only']]);

    const list = await expectJson(await service.call('GET', '/personal-tokens'), 200, PersonalTokenListSchema);
    expect(list.items.map((item) => item.id)).toEqual([token.id]);
    expect(JSON.stringify(list)).not.toContain(token.value);

    const me = await expectJson(await service.call('GET', '/me', undefined, token.value), 200, MeSchema);
    expect(me).toMatchObject({ email: OWNER.email, via: 'personal-token' });
    expect(new Set(me.scopes)).toEqual(new Set(SCOPE_PRESETS['read-only']));
    const used = await expectJson(await service.call('GET', '/personal-tokens'), 200, PersonalTokenListSchema);
    expect(used.items[0]?.lastUsedAt).toBe(service.clock.now().toISOString());
  });

  it('take a custom list of API methods', async () => {
    const service = await contractService();
    const token = await generate(service, { scopes: ['apps.list', 'apps.read', 'apps.list'] });
    expect(token).toMatchObject({ preset: null, scopes: ['apps.list', 'apps.read'] });
    await expectJson(await service.call('GET', '/apps', undefined, token.value), 200);
    await expectProblem(await service.call('GET', '/sites', undefined, token.value), 403, 'insufficient_scope');
  });

  it('need the password for every change: 403 password_confirmation_failed, nothing changed', async () => {
    const service = await contractService();
    const token = await generate(service);
    const wrong = { password: 'not-the-password' };
    await expectProblem(
      await service.call('POST', '/personal-tokens', {
        description: 'x',
        expiresAt: dayAfter(service, 5),
        scopes: 'ci',
        ...wrong,
      }),
      403,
      'password_confirmation_failed',
    );
    await expectProblem(
      await service.call('PATCH', `/personal-tokens/${token.id}`, { description: 'changed', ...wrong }),
      403,
      'password_confirmation_failed',
    );
    await expectProblem(
      await service.call('POST', `/personal-tokens/${token.id}/regenerate`, wrong),
      403,
      'password_confirmation_failed',
    );
    await expectProblem(
      await service.call('POST', `/personal-tokens/${token.id}/copy`, wrong),
      403,
      'password_confirmation_failed',
    );
    await expectProblem(
      await service.call('POST', '/personal-tokens/remove', { ids: [token.id], ...wrong }),
      403,
      'password_confirmation_failed',
    );
    const list = await expectJson(await service.call('GET', '/personal-tokens'), 200, PersonalTokenListSchema);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.description).toBe('CI');
    await expectJson(await service.call('GET', '/me', undefined, token.value), 200);
  });

  it.each([
    ['in the past', -1],
    ['more than 365 days ahead', 366],
  ])('refuse an expiry %s with 422 naming expiresAt', async (_case, days) => {
    const service = await contractService();
    const answer = await service.call('POST', '/personal-tokens', {
      description: 'x',
      expiresAt: dayAfter(service, days),
      scopes: 'ci',
      password: OWNER.password,
    });
    const problem = await expectProblem(answer, 422, 'validation_failed');
    expect(problem.errors?.map((error) => error.path)).toEqual(['expiresAt']);
    const list = await expectJson(await service.call('GET', '/personal-tokens'), 200, PersonalTokenListSchema);
    expect(list.items).toHaveLength(0);
  });

  it.each([
    ['an unknown preset', { scopes: 'everything' }, 'scopes'],
    ['an unknown method id', { scopes: ['apps.list', 'apps.destroy'] }, 'scopes.1'],
    ['no description', { description: '' }, 'description'],
    ['a date that is no date', { expiresAt: '2026-13-45' }, 'expiresAt'],
    ['an unknown field', { admin: true }, 'admin'],
  ])('refuse %s with 422 naming the field', async (_case, change, path) => {
    const service = await contractService();
    const answer = await service.call('POST', '/personal-tokens', {
      description: 'x',
      expiresAt: dayAfter(service, 5),
      scopes: 'ci',
      password: OWNER.password,
      ...change,
    });
    const problem = await expectProblem(answer, 422, 'validation_failed');
    expect(problem.errors?.map((error) => error.path)).toContain(path);
  });

  it('work through their last day, then answer 401 and stay listed, marked expired', async () => {
    const service = await contractService();
    const token = await generate(service, { expiresAt: dayAfter(service, 1) });
    service.clock.advance(DAY);
    await expectJson(await service.call('GET', '/me', undefined, token.value), 200);
    service.clock.advance(DAY);
    await expectProblem(await service.call('GET', '/me', undefined, token.value), 401, 'unauthorized');
    // The owner signs in again: sessions last 12 hours.
    const session = await service.signIn();
    const list = await expectJson(
      await service.call('GET', '/personal-tokens', undefined, session),
      200,
      PersonalTokenListSchema,
    );
    expect(list.items[0]).toMatchObject({ id: token.id, expired: true });
  });

  it('edit description, expiry and scopes', async () => {
    const service = await contractService();
    const token = await generate(service, { scopes: 'read-only' });
    const changed = await expectJson(
      await service.call('PATCH', `/personal-tokens/${token.id}`, {
        description: 'Release job',
        expiresAt: dayAfter(service, 90),
        scopes: 'ci',
        password: OWNER.password,
      }),
      200,
      PersonalTokenSchema,
    );
    expect(changed).toMatchObject({ description: 'Release job', expiresAt: dayAfter(service, 90), preset: 'ci' });
    // The same value keeps working, with the new scopes at once.
    await expectJson(await service.call('POST', `/apps/${DEMO.privateApp}/tokens`, {}, token.value), 201);
  });

  it('regenerate: the old value dies at once, the new one works', async () => {
    const service = await contractService();
    const token = await generate(service);
    const fresh = await expectJson(
      await service.call('POST', `/personal-tokens/${token.id}/regenerate`, { password: OWNER.password }),
      200,
      PersonalTokenWithValueSchema,
    );
    expect(fresh.id).toBe(token.id);
    expect(fresh.value).not.toBe(token.value);
    await expectProblem(await service.call('GET', '/me', undefined, token.value), 401, 'unauthorized');
    await expectJson(await service.call('GET', '/me', undefined, fresh.value), 200);
  });

  it('copy: a new token with the same settings and a value of its own', async () => {
    const service = await contractService();
    const token = await generate(service, { scopes: ['apps.list'], description: 'Dashboard' });
    const copy = await expectJson(
      await service.call('POST', `/personal-tokens/${token.id}/copy`, { password: OWNER.password }),
      201,
      PersonalTokenWithValueSchema,
    );
    expect(copy.id).not.toBe(token.id);
    expect(copy.value).not.toBe(token.value);
    expect(copy).toMatchObject({ description: 'Dashboard', scopes: ['apps.list'], expiresAt: token.expiresAt });
  });

  it('remove several at once; each stops working at once', async () => {
    const service = await contractService();
    const first = await generate(service);
    const second = await generate(service);
    const kept = await generate(service);
    const removed = await expectJson(
      await service.call('POST', '/personal-tokens/remove', { ids: [first.id, second.id], password: OWNER.password }),
      200,
      RemovedSchema,
    );
    expect(removed.removed.sort()).toEqual([first.id, second.id].sort());
    for (const gone of [first, second])
      await expectProblem(await service.call('GET', '/me', undefined, gone.value), 401, 'unauthorized');
    const list = await expectJson(await service.call('GET', '/personal-tokens'), 200, PersonalTokenListSchema);
    expect(list.items.map((item) => item.id)).toEqual([kept.id]);
  });

  it('treat another user’s token as unknown: 404, and it stays as it was', async () => {
    const service = await contractService();
    const mine = await generate(service);
    const other = await service.userToken('developer');
    await expectProblem(
      await service.call(
        'POST',
        '/personal-tokens/remove',
        { ids: [mine.id], password: 'whatever-it-is' },
        other.token,
      ),
      404,
      'personal_token_not_found',
    );
    await expectProblem(
      await service.call(
        'PATCH',
        `/personal-tokens/${mine.id}`,
        { description: 'mine now', password: 'x' },
        other.token,
      ),
      404,
      'personal_token_not_found',
    );
    await expectJson(await service.call('GET', '/me', undefined, mine.value), 200);
  });

  it('manage personal tokens only with the personalTokens.manage scope, and the password', async () => {
    const service = await contractService();
    const narrow = await generate(service, { scopes: 'read-only' });
    const manager = await generate(service, { scopes: ['personalTokens.manage'] });
    await expectProblem(
      await service.call('GET', '/personal-tokens', undefined, narrow.value),
      403,
      'insufficient_scope',
    );
    await expectJson(await service.call('GET', '/personal-tokens', undefined, manager.value), 200);
    await expectProblem(
      await service.call(
        'POST',
        `/personal-tokens/${narrow.id}/regenerate`,
        { password: 'not-the-password' },
        manager.value,
      ),
      403,
      'password_confirmation_failed',
    );
    await expectJson(
      await service.call(
        'POST',
        `/personal-tokens/${narrow.id}/regenerate`,
        { password: OWNER.password },
        manager.value,
      ),
      200,
    );
  });
});

describe('scopes and roles, over every API method', () => {
  const NOPE = 'com.nope.app';
  const NO_ID = '00000000-0000-4000-8000-000000000000';
  /** One call per method id; whatever it answers when allowed, it is never 403 insufficient_scope. */
  const PROBES: [ApiMethod, string, string, unknown?][] = [
    ['me.read', 'GET', '/me'],
    ['apps.list', 'GET', '/apps'],
    [
      'apps.create',
      'POST',
      '/apps',
      {
        key: 'com.test.scope-probe',
        name: 'Probe',
        paymentModel: 'paid',
        visibility: 'private',
        descriptorUrl: 'https://apps.test.example/probe.json',
      },
    ],
    ['apps.read', 'GET', `/apps/${DEMO.privateApp}`],
    ['apps.update', 'PATCH', `/apps/${DEMO.privateApp}`, { name: 'Renamed by a probe' }],
    ['tokens.list', 'GET', `/apps/${DEMO.privateApp}/tokens`],
    ['tokens.create', 'POST', `/apps/${DEMO.privateApp}/tokens`, {}],
    ['tokens.read', 'GET', `/apps/${DEMO.privateApp}/tokens/${NO_ID}`],
    ['tokens.delete', 'DELETE', `/apps/${DEMO.privateApp}/tokens/${NO_ID}`],
    ['sites.list', 'GET', '/sites'],
    ['sites.create', 'POST', '/sites', { host: 'scope-probe.atlassian.net' }],
    ['sites.read', 'GET', `/sites/${DEMO.siteA}`],
    ['sites.update', 'PATCH', `/sites/${DEMO.siteA}`, { privateListingsEnabled: true }],
    ['siteApps.list', 'GET', `/sites/${DEMO.siteA}/apps`],
    ['siteApps.install', 'POST', `/sites/${DEMO.siteB}/apps`, { appKey: DEMO.freeApp }],
    ['siteApps.uninstall', 'DELETE', `/sites/${DEMO.siteA}/apps/${NOPE}`],
    ['siteApps.applyToken', 'PUT', `/sites/${DEMO.siteA}/apps/${NOPE}/token`, { token: 'mat_x' }],
    ['siteApps.clearToken', 'DELETE', `/sites/${DEMO.siteA}/apps/${NOPE}/token`],
    ['siteApps.setLicense', 'PUT', `/sites/${DEMO.siteA}/apps/${NOPE}/license`, { state: 'inactive-trial' }],
    ['personalTokens.manage', 'GET', '/personal-tokens'],
    ['users.manage', 'GET', '/users'],
    ['audit.read', 'GET', '/audit'],
  ];

  it('has a probe for every method id with a route (siteApps.readLicense is the Connect license API’s, issue 19)', () => {
    expect(PROBES.map(([method]) => method).sort()).toEqual(
      API_METHODS.filter((method) => method !== 'siteApps.readLicense').sort(),
    );
  });

  /** Calls every probe with `token`: which methods were refused for scope. */
  async function refusedMethods(service: Service, token: string): Promise<string[]> {
    const refused: string[] = [];
    for (const [method, verb, path, body] of PROBES) {
      const answer = await service.call(verb, path, body, token);
      const problem = answer.status === 403 ? ((await answer.json()) as { code?: string }) : undefined;
      if (problem?.code === 'insufficient_scope') refused.push(method);
    }
    return refused.sort();
  }
  const probed = PROBES.map(([method]) => method);

  const roles = ['owner', 'developer', 'tester'] as const;
  it.each(roles.flatMap((role) => ScopePresetSchema.options.map((preset) => [role, preset] as const)))(
    'a %s’s %s token may use exactly what both the preset and the role allow',
    async (role, preset) => {
      const service = await contractService();
      const user = role === 'owner' ? { token: service.owner } : await service.userToken(role);
      const password = role === 'owner' ? OWNER.password : `password-of-${role}-1`;
      const token = await generate(service, { scopes: preset, password }, user.token);
      const allowed = (method: ApiMethod) => SCOPE_PRESETS[preset].includes(method) && ROLE_METHODS[role].has(method);
      await expect(refusedMethods(service, token.value)).resolves.toEqual(
        probed.filter((method) => !allowed(method)).sort(),
      );
    },
  );

  it.each(probed)('an owner’s token scoped to %s alone may use that method and no other', async (method) => {
    const service = await contractService();
    const token = await generate(service, { scopes: [method] });
    await expect(refusedMethods(service, token.value)).resolves.toEqual(
      probed.filter((other) => other !== method).sort(),
    );
  });
});
