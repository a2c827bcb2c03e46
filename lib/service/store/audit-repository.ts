import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  site: string | null;
  app: string | null;
  detail: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  site_host: string | null;
  app_key: string | null;
  detail: string;
}

export function createAuditRepository(db: Database) {
  const insert = db.prepare(
    'INSERT INTO audit (at, actor, action, site_host, app_key, detail) VALUES (@at, @actor, @action, @site, @app, @detail)',
  );
  const query = db.prepare<{ site: string | null; app: string | null; before: number | null; limit: number }, AuditRow>(
    `SELECT * FROM audit WHERE (@site IS NULL OR site_host = @site) AND (@app IS NULL OR app_key = @app)
     AND (@before IS NULL OR seq < @before) ORDER BY seq DESC LIMIT @limit`,
  );
  return {
    record(entry: Omit<AuditEntry, 'seq'>): void {
      insert.run({ ...entry, detail: JSON.stringify(entry.detail) });
    },
    list(filter: {
      site?: string | undefined;
      app?: string | undefined;
      before?: number | undefined;
      limit: number;
    }): AuditEntry[] {
      const params = { site: filter.site ?? null, app: filter.app ?? null, before: filter.before ?? null };
      return query.all({ ...params, limit: filter.limit }).map((row) => ({
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        site: row.site_host,
        app: row.app_key,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }));
    },
  };
}
