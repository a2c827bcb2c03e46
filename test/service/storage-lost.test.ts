import { copyFileSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionSchema } from '../../lib/domain/session';
import { createApp } from '../../lib/service/app';
import { createPasswordHasher } from '../../lib/service/auth/password';
import { ensureOwner } from '../../lib/service/auth/sessions';
import { createSignInThrottle } from '../../lib/service/auth/sign-in-throttle';
import { seedDemoData } from '../../lib/service/demo-data';
import type { ServiceDeps } from '../../lib/service/deps';
import { IN_PROCESS_HOSTS } from '../../lib/service/host-policy';
import { openStore } from '../../lib/service/store/store';
import { parsed } from './support/answers';
import { OWNER, TEST_SCRYPT_COST } from './support/test-service';

const APP = 'com.acme.timesheets';

/** The HTTP app on a real file, with what it logs. */
async function fileService(path: string) {
  const lost: string[] = [];
  const store = openStore(path, (reason) => lost.push(reason));
  const logger = { info: () => undefined, error: () => undefined };
  const deps: ServiceDeps = {
    store,
    passwords: createPasswordHasher({ cost: TEST_SCRYPT_COST }),
    signInThrottle: createSignInThrottle(() => new Date()),
    rateLimit: 600,
    now: () => new Date(),
    logger,
  };
  await ensureOwner(deps, OWNER.email, OWNER.password);
  if (store.apps.list().length === 0) await seedDemoData(deps);
  const app = createApp(deps, () => IN_PROCESS_HOSTS);
  const signIn = await app.request('/api/v1/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  const { token } = await parsed(signIn, SessionSchema);
  const createToken = (note: string) =>
    app.request(`/api/v1/apps/${APP}/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ note }),
    });
  const notes = () => store.accessTokens.listForApp(APP).map((record) => record.note);
  return { store, lost, createToken, notes };
}

describe('the database file replaced or deleted under a running service', () => {
  const dirs: string[] = [];
  const tempPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-lens-lost-'));
    dirs.push(dir);
    return join(dir, 'service.sqlite');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [
      'replaced',
      (path: string) => {
        copyFileSync(path, `${path}.copy`);
        renameSync(`${path}.copy`, path);
      },
    ],
    ['deleted', (path: string) => unlinkSync(path)],
  ])(
    '%s: every later write answers 503 storage_unavailable, is logged once, and nothing is lost silently',
    async (what, act) => {
      const path = tempPath();
      const service = await fileService(path);
      expect((await service.createToken('before')).status).toBe(201);

      act(path);
      for (const note of ['after-1', 'after-2']) {
        const refused = await service.createToken(note);
        expect(refused.status).toBe(503);
        expect(refused.headers.get('Content-Type')).toBe('application/problem+json');
        expect(await refused.json()).toMatchObject({ status: 503, code: 'storage_unavailable' });
      }
      expect(service.lost).toHaveLength(1);
      expect(service.lost[0]).toContain(what);
      service.store.close();

      if (what === 'replaced') {
        // A restart opens what the path holds now: the write before is there, none after it was taken.
        const restarted = await fileService(path);
        expect(restarted.notes()).toContain('before');
        expect(restarted.notes()).not.toContain('after-1');
        expect((await restarted.createToken('after-restart')).status).toBe(201);
        restarted.store.close();
      }
    },
  );
});
