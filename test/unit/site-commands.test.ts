import { describe, expect, it, vi } from 'vitest';
import type { ServiceClient } from '../../lib/api/service-client';
import { ServiceClientError } from '../../lib/api/service-client';
import { createSiteCommands } from '../../lib/background/site-commands';
import { createSiteSync } from '../../lib/background/site-sync';
import { createAppTokenCache } from '../../lib/cache/app-token-cache';
import { openCacheDb } from '../../lib/cache/cache-db';
import { createSiteCache } from '../../lib/cache/site-cache';
import type { AccessToken } from '../../lib/domain/access-token';
import type { InstalledApp } from '../../lib/domain/installed-app';

const HOST = 'acme-dev.atlassian.net';
const T = '2026-11-01T09:00:00.000Z';
const KEY = 'com.acme.timesheets';

const installed = (overrides: Partial<InstalledApp> = {}): InstalledApp => ({
  appKey: KEY,
  name: 'Acme Timesheets',
  paymentModel: 'paid',
  installedAt: T,
  token: { id: 'tok-1', last4: 'AB12', appliedAt: T, status: 'active' },
  license: { state: 'active-trial', changedAt: T },
  lic: 'active',
  ...overrides,
});

const accessToken = (overrides: Partial<AccessToken> = {}): AccessToken => ({
  id: 'tok-2',
  appKey: KEY,
  value: 'mat_00000000000000000000000000000000CD34',
  note: '',
  status: 'active',
  createdAt: T,
  removedAt: null,
  site: null,
  installUrls: { private: 'https://apps.acme.example/t.json?access-token=mat_x' },
  ...overrides,
});

function setup(client: Partial<ServiceClient>) {
  const db = openCacheDb();
  const onChange = vi.fn(async () => undefined);
  const full = {
    siteApps: vi.fn(async () => ({
      ok: true as const,
      value: { modified: true as const, apps: { items: [installed()], etag: '"e1"' } },
    })),
    ...client,
  } as unknown as ServiceClient;
  const clientOf = async () => ({ ok: true as const, value: full });
  const sync = createSiteSync({
    cache: createSiteCache(db),
    client: clientOf,
    onChange,
    onSessionEnded: vi.fn(),
    now: () => new Date(T),
  });
  const commands = createSiteCommands({
    sync,
    tokens: createAppTokenCache(db),
    client: clientOf,
    now: () => new Date(T),
  });
  return { commands, onChange, client: full };
}

describe('site commands', () => {
  it('sends a switch to the service and shows what the service answered', async () => {
    const setLicense = vi.fn(async () => ({
      ok: true as const,
      value: installed({ license: { state: 'inactive-trial', changedAt: T }, lic: 'none' }),
    }));
    const { commands, onChange } = setup({ setLicense });
    const reply = await commands.setLicense(HOST, KEY, 'inactive-trial');
    expect(setLicense).toHaveBeenCalledWith(HOST, KEY, 'inactive-trial');
    expect(reply.ok && reply.data.apps[0]?.license.state).toBe('inactive-trial');
    expect(onChange).toHaveBeenCalled();
  });

  it('changes nothing when the service refuses, and says why', async () => {
    const setLicense = vi.fn(async () => ({
      ok: false as const,
      error: new ServiceClientError(
        'token_removed',
        'This token was removed at the Marketplace — apply another token.',
        410,
      ),
    }));
    const { commands, onChange } = setup({ setLicense });
    const reply = await commands.setLicense(HOST, KEY, 'active-trial');
    expect(reply).toEqual({
      ok: false,
      error: { code: 'token_removed', message: 'This token was removed at the Marketplace — apply another token.' },
    });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('fetches a picked token’s value at the moment it applies it', async () => {
    const getToken = vi.fn(async () => ({ ok: true as const, value: accessToken() }));
    const applyToken = vi.fn(async () => ({ ok: true as const, value: installed() }));
    const { commands } = setup({ getToken, applyToken });
    const reply = await commands.applyToken(HOST, KEY, 'tok-2');
    expect(reply.ok).toBe(true);
    expect(applyToken).toHaveBeenCalledWith(HOST, KEY, 'mat_00000000000000000000000000000000CD34');
  });

  it.each([
    ['bound to another site', accessToken({ site: { host: 'acme-staging.atlassian.net', boundAt: T } })],
    ['removed', accessToken({ status: 'removed', removedAt: T })],
  ])('refuses a token %s before asking the service to apply it, naming no other site', async (_case, token) => {
    const applyToken = vi.fn();
    const { commands } = setup({ getToken: vi.fn(async () => ({ ok: true as const, value: token })), applyToken });
    const reply = await commands.applyToken(HOST, KEY, token.id);
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain('acme-staging');
    expect(applyToken).not.toHaveBeenCalled();
  });

  it('does not hand out the URL of a token bound to another site', async () => {
    const { commands } = setup({
      getToken: vi.fn(async () => ({
        ok: true as const,
        value: accessToken({ site: { host: 'acme-staging.atlassian.net', boundAt: T } }),
      })),
    });
    const reply = await commands.tokenUrl(HOST, KEY, 'tok-2');
    expect(reply).toMatchObject({ ok: false, error: { code: 'token_not_for_this_site' } });
  });

  it('creates and applies in one step', async () => {
    const createToken = vi.fn(async () => ({ ok: true as const, value: accessToken() }));
    const applyToken = vi.fn(async () => ({ ok: true as const, value: installed() }));
    const { commands } = setup({ createToken, applyToken });
    await expect(commands.createAndApplyToken(HOST, KEY)).resolves.toMatchObject({ ok: true });
    expect(createToken).toHaveBeenCalledWith(KEY, expect.stringContaining(HOST));
    expect(applyToken).toHaveBeenCalledWith(HOST, KEY, accessToken().value);
  });
});
