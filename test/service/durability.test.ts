import { describe, expect, it } from 'vitest';
import { type AccessToken, AccessTokenSchema } from '../../lib/domain/access-token';
import { parsed } from './support/answers';
import { type ProcessApi, serviceProcesses } from './support/process';
import { burstViolations, writeBurstThenKill } from './support/write-burst';

/**
 * QUALITY.md, reliability: a write acknowledged with 2xx survives `kill -9` of the process.
 * Each test writes through a real service process, kills it with SIGKILL, and reads the write back
 * through a new process on the same SQLite file; the last one kills it in the middle of a burst of
 * writes from several clients (support/write-burst.ts; `npm run bench` runs a larger one).
 */

const processes = serviceProcesses();

const PRIVATE_APP = 'com.acme.timesheets';
const SITE_A = 'acme-dev.atlassian.net';
const SITE_B = 'acme-staging.atlassian.net';

async function readToken(api: ProcessApi, appKey: string, id: string): Promise<AccessToken> {
  const response = await api.call('GET', `/apps/${appKey}/tokens/${id}`);
  expect(response.status).toBe(200);
  return parsed(response, AccessTokenSchema);
}

/** Writes through one process, kills it with SIGKILL, and answers an API on a new process over the same file. */
async function writeThenCrash<T>(write: (api: ProcessApi) => Promise<T>): Promise<{ api: ProcessApi; written: T }> {
  const first = await processes.start({ seedDemo: true });
  const written = await write(first.api);
  await first.service.kill();
  const second = await processes.start({ dbPath: first.service.dbPath, seedDemo: false });
  return { api: second.api, written };
}

describe('acknowledged writes survive kill -9', () => {
  it('keeps a created token, with the same value', async () => {
    const { api, written } = await writeThenCrash(async (before) => {
      const response = await before.call('POST', `/apps/${PRIVATE_APP}/tokens`, { note: 'survives' });
      expect(response.status).toBe(201);
      return parsed(response, AccessTokenSchema);
    });
    const read = await readToken(api, PRIVATE_APP, written.id);
    expect(read).toEqual(written);
    expect(read.value).toBe(written.value);
  });

  it('keeps a license change', async () => {
    const { api } = await writeThenCrash(async (before) => {
      const response = await before.call('PUT', `/sites/${SITE_A}/apps/${PRIVATE_APP}/license`, {
        state: 'inactive-subscription',
      });
      expect(response.status).toBe(200);
    });
    const installed = (await api.siteApps(SITE_A)).find((app) => app.appKey === PRIVATE_APP);
    expect(installed).toMatchObject({ license: { state: 'inactive-subscription' }, lic: 'none' });
  });

  it('keeps a binding made by applying a token', async () => {
    const { api, written } = await writeThenCrash(async (before) => {
      const created = await parsed(await before.call('POST', `/apps/${PRIVATE_APP}/tokens`, {}), AccessTokenSchema);
      const applied = await before.call('PUT', `/sites/${SITE_B}/apps/${PRIVATE_APP}/token`, { token: created.value });
      expect(applied.status).toBe(200);
      return created;
    });
    expect((await readToken(api, PRIVATE_APP, written.id)).site?.host).toBe(SITE_B);
    const installed = (await api.siteApps(SITE_B)).find((app) => app.appKey === PRIVATE_APP);
    expect(installed?.token?.id).toBe(written.id);
    const elsewhere = await api.call('PUT', `/sites/${SITE_A}/apps/${PRIVATE_APP}/token`, { token: written.value });
    expect(elsewhere.status).toBe(409);
  });

  it('keeps the removal of a token at the Marketplace', async () => {
    const { api, written } = await writeThenCrash(async (before) => {
      const installed = (await before.siteApps(SITE_A)).find((app) => app.appKey === PRIVATE_APP);
      const id = installed?.token?.id ?? '';
      expect((await before.call('DELETE', `/apps/${PRIVATE_APP}/tokens/${id}`)).status).toBe(204);
      return id;
    });
    expect((await readToken(api, PRIVATE_APP, written)).status).toBe('removed');
    const installed = (await api.siteApps(SITE_A)).find((app) => app.appKey === PRIVATE_APP);
    expect(installed?.license.state).toBe('unlicensed');
  });
});

describe('a burst of writes from several clients, killed in the middle', () => {
  it('restarts on an intact file that holds every acknowledged write', async () => {
    const extraArgs = ['--rate-limit', '100000'];
    const first = await processes.start({ seedDemo: true, extraArgs });
    const figure = await writeBurstThenKill({
      first: first.service,
      restart: async (dbPath) => (await processes.start({ dbPath, seedDemo: false, extraArgs })).service,
      writes: 300,
      clients: 4,
      killAfter: 100,
    });
    // Each in words: integrity, acknowledged writes missing, valid writes refused, a kill that missed the burst.
    expect(burstViolations(figure)).toEqual([]);
    expect(figure).toMatchObject({ integrity: 'ok', acknowledgedMissing: 0, refused: 0 });
    expect(figure.acknowledged).toBeGreaterThanOrEqual(100);
    expect(figure.acknowledgedFound).toBe(figure.acknowledged);
  }, 120_000);
});
