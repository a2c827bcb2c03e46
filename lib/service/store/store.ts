import type { Database } from 'better-sqlite3';
import { createAccessTokensRepository } from './access-tokens-repository';
import { createAppsRepository } from './apps-repository';
import { createAuditRepository } from './audit-repository';
import { openDatabase } from './database';
import { createInstallTasksRepository } from './install-tasks-repository';
import { createInstalledAppsRepository } from './installed-apps-repository';
import { createPersonalTokensRepository } from './personal-tokens-repository';
import { createSessionsRepository } from './sessions-repository';
import { createSitesRepository } from './sites-repository';
import { createStorageGuard, type StorageGuard } from './storage-guard';
import { createUsersRepository } from './users-repository';

/** The service's one door to its data: repositories over one database, and transactions across them. */
export function createStore(db: Database, options: { guard?: StorageGuard } = {}) {
  const guard = options.guard;
  const bump = db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1');
  // Read on every authenticated request: the bare value, no row object.
  const readVersion = db.prepare<[], number>('SELECT version FROM data_version WHERE id = 1').pluck();
  /**
   * The version as read for the requests handled in this turn of the event loop: 64 connections'
   * requests arrive in batches, and each read of the file costs about a fifth of a request. A
   * write here forgets it at once; another process's write is seen from the next turn on, as if
   * it had come a moment later.
   */
  let versionThisTurn: number | undefined;
  const forgetVersion = () => {
    versionThisTurn = undefined;
  };
  return {
    users: createUsersRepository(db),
    sessions: createSessionsRepository(db),
    personalTokens: createPersonalTokensRepository(db),
    apps: createAppsRepository(db),
    accessTokens: createAccessTokensRepository(db),
    sites: createSitesRepository(db),
    installedApps: createInstalledAppsRepository(db),
    installTasks: createInstallTasksRepository(db),
    audit: createAuditRepository(db),
    /**
     * Runs `work` in one write transaction that takes the write lock first (BEGIN IMMEDIATE),
     * so a read-then-write (a limit check, a binding) cannot interleave with another writer.
     */
    write<T>(work: () => T): T {
      forgetVersion();
      try {
        return db
          .transaction(() => {
            // Inside the write lock: a file swapped before this point is noticed before anything is written.
            guard?.assertWritable();
            const result = work();
            bump.run();
            return result;
          })
          .immediate();
      } finally {
        forgetVersion();
      }
    },
    /** Raised by every write transaction, in any process sharing the file. */
    dataVersion(): number {
      if (versionThisTurn === undefined) {
        versionThisTurn = readVersion.get() ?? 0;
        setImmediate(forgetVersion);
      }
      return versionThisTurn;
    },
    close(): void {
      db.close();
    },
  };
}
export type Store = ReturnType<typeof createStore>;

/** Opens the file; `onLost` hears once when the file under a running service was replaced or deleted. */
export function openStore(path: string, onLost: (reason: string) => void = () => undefined): Store {
  const db = openDatabase(path);
  return createStore(db, path === ':memory:' ? {} : { guard: createStorageGuard(path, onLost) });
}
