import type { Database } from 'better-sqlite3';

/**
 * An install started through the site's UPM REST API. The install runs before the task is
 * written, so a stored task is always finished: installed (`appKey`) or refused (`subCode`).
 */
export interface InstallTaskRecord {
  id: string;
  siteHost: string;
  userId: string;
  createdAt: string;
  outcome: { installed: string } | { subCode: string; errorMessage: string };
}

interface InstallTaskRow {
  id: string;
  site_host: string;
  user_id: string;
  created_at: string;
  app_key: string | null;
  sub_code: string | null;
  error_message: string | null;
}

const toTask = (row: InstallTaskRow): InstallTaskRecord => ({
  id: row.id,
  siteHost: row.site_host,
  userId: row.user_id,
  createdAt: row.created_at,
  outcome:
    row.app_key !== null
      ? { installed: row.app_key }
      : { subCode: row.sub_code ?? 'internal', errorMessage: row.error_message ?? '' },
});

export function createInstallTasksRepository(db: Database) {
  const insert = db.prepare(
    `INSERT INTO install_tasks (id, site_host, user_id, created_at, app_key, sub_code, error_message)
     VALUES (@id, @siteHost, @userId, @createdAt, @appKey, @subCode, @errorMessage)`,
  );
  const byId = db.prepare<[string], InstallTaskRow>('SELECT * FROM install_tasks WHERE id = ?');
  const removeBefore = db.prepare<[string]>('DELETE FROM install_tasks WHERE created_at < ?');
  return {
    insert(task: InstallTaskRecord): void {
      const installed = 'installed' in task.outcome ? task.outcome.installed : null;
      insert.run({
        id: task.id,
        siteHost: task.siteHost,
        userId: task.userId,
        createdAt: task.createdAt,
        appKey: installed,
        subCode: 'subCode' in task.outcome ? task.outcome.subCode : null,
        errorMessage: 'errorMessage' in task.outcome ? task.outcome.errorMessage : null,
      });
    },
    get(id: string): InstallTaskRecord | undefined {
      const row = byId.get(id);
      return row && toTask(row);
    },
    removeCreatedBefore(iso: string): number {
      return removeBefore.run(iso).changes;
    },
  };
}
