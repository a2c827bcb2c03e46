import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { apiSession } from '../../e2e/support/service-api';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from '../../e2e/support/service-process';

/**
 * Real service processes for one test file, each on a temp SQLite file: started on demand, killed and
 * their temp directories removed after each test (also when a process failed to start).
 */
export function serviceProcesses() {
  const started: ServiceProcess[] = [];
  const dbPaths = new Set<string>();
  afterEach(async () => {
    for (const service of started.splice(0)) await service.kill();
    for (const dbPath of dbPaths) removeTempDb(dbPath);
    dbPaths.clear();
  });
  return {
    async start(options: { dbPath?: string; seedDemo?: boolean; extraArgs?: string[] } = {}) {
      const dbPath = options.dbPath ?? join(mkdtempSync(join(tmpdir(), 'token-lens-service-test-')), 'service.sqlite');
      dbPaths.add(dbPath);
      const service = await startServiceProcess({ ...options, dbPath });
      started.push(service);
      return { service, api: await apiSession(service.url, OWNER) };
    },
  };
}

export type ProcessApi = Awaited<ReturnType<typeof apiSession>>;
