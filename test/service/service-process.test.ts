import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../lib/service/store/store';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from '../e2e/support/service-process';

describe('the service as a process', () => {
  const started: ServiceProcess[] = [];
  afterEach(async () => {
    for (const service of started.splice(0)) {
      await service.kill();
      removeTempDb(service.dbPath);
    }
  });

  it('prints its listening line, creates the bootstrap owner, and stops cleanly on SIGTERM', async () => {
    const service = await startServiceProcess({ seedDemo: false });
    started.push(service);
    expect(service.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const signIn = await fetch(`${service.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(OWNER),
    });
    expect(signIn.status).toBe(201);
    expect(await service.stop()).toBe(0);
    // The database was closed cleanly: it opens again, with the owner in it.
    const store = openStore(service.dbPath);
    expect(store.users.findByEmail(OWNER.email)?.role).toBe('owner');
    store.close();
  });

  it('leaves an existing owner as it is when it starts again', async () => {
    const first = await startServiceProcess({ seedDemo: false });
    started.push(first);
    await first.stop();
    const store = openStore(first.dbPath);
    const before = store.users.findByEmail(OWNER.email);
    store.close();
    const second = await startServiceProcess({ dbPath: first.dbPath, seedDemo: false });
    started.push(second);
    const after = openStore(first.dbPath);
    expect(after.users.findByEmail(OWNER.email)).toEqual(before);
    after.close();
  });

  it('refuses bad flags with a usage line and exit code 2', async () => {
    await expect(startServiceProcess({ extraArgs: ['--port', 'eighty'] })).rejects.toThrow(
      /exited with 2[\s\S]*Usage: npm run service/,
    );
  });
});
