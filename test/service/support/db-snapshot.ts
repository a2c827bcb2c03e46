import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The service's data as its SQLite file holds it, read through a connection of its own, read-only:
 * whether anything was committed since a moment (`PRAGMA data_version`, which moves on every
 * commit by any other connection, in this process or another), and a digest of every table.
 *
 * What a refused request may write by design, and the digest leaves out: the audit entry of a
 * failed sign-in (`session.signInFailed`, QUALITY.md: sign-in failures are recorded), a personal
 * token's `last_used_at` (noted on use, refused request or not) and the `data_version` counter
 * those writes raise. Every other table and column counts, tables added later included.
 */

/** Tables and rows a refused request may change, by design (see above). */
const BY_DESIGN = {
  skippedTables: new Set(['data_version', 'sqlite_sequence']),
  skippedColumns: { personal_tokens: ['last_used_at'] } as Record<string, string[]>,
  skippedRows: { audit: (row: Record<string, unknown>) => row.action === 'session.signInFailed' } as Record<
    string,
    (row: Record<string, unknown>) => boolean
  >,
};

export type Digest = ReadonlyMap<string, string>;

export function dataSnapshots(dbPath: string) {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const tableNames = () =>
    db
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
      .filter((name) => !BY_DESIGN.skippedTables.has(name) && !name.startsWith('sqlite_'));

  return {
    /** Moves whenever another connection commits; equal values mean nothing was written in between. */
    version(): number {
      return dataVersion.get() ?? 0;
    },
    /** One digest per table, of its rows in rowid order, less what refusals may write by design. */
    digest(): Digest {
      const digests = new Map<string, string>();
      db.transaction(() => {
        for (const table of tableNames()) {
          const hash = createHash('sha256');
          const skippedColumns = BY_DESIGN.skippedColumns[table] ?? [];
          const skipRow = BY_DESIGN.skippedRows[table];
          for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).iterate()) {
            const record = row as Record<string, unknown>;
            if (skipRow?.(record)) continue;
            for (const column of skippedColumns) delete record[column];
            hash.update(JSON.stringify(record));
            hash.update('\n');
          }
          digests.set(table, hash.digest('base64url'));
        }
      })();
      return digests;
    },
    /** `PRAGMA integrity_check`: 'ok', or SQLite's account of what is wrong. */
    integrity(): string {
      return db.prepare<[], string>('PRAGMA integrity_check').pluck().all().join('; ');
    },
    close(): void {
      db.close();
    },
  };
}
export type DataSnapshots = ReturnType<typeof dataSnapshots>;

/** The tables whose digests differ. */
export function changedTables(before: Digest, after: Digest): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
