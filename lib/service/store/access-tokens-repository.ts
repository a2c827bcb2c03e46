import type { Database } from 'better-sqlite3';
import type { TokenStatus } from '../../domain/installed-app';
import { secretHash } from './secret-hash';

export interface AccessTokenRecord {
  id: string;
  appKey: string;
  value: string;
  note: string;
  status: TokenStatus;
  createdAt: string;
  removedAt: string | null;
  siteHost: string | null;
  boundAt: string | null;
}

interface TokenRow {
  id: string;
  app_key: string;
  value: string;
  note: string;
  status: TokenStatus;
  created_at: string;
  removed_at: string | null;
  site_host: string | null;
  bound_at: string | null;
}

const toToken = (row: TokenRow): AccessTokenRecord => ({
  id: row.id,
  appKey: row.app_key,
  value: row.value,
  note: row.note,
  status: row.status,
  createdAt: row.created_at,
  removedAt: row.removed_at,
  siteHost: row.site_host,
  boundAt: row.bound_at,
});

export function createAccessTokensRepository(db: Database) {
  const ofApp = db.prepare<[string], TokenRow>('SELECT * FROM access_tokens WHERE app_key = ? ORDER BY created_at, id');
  const byId = db.prepare<[string], TokenRow>('SELECT * FROM access_tokens WHERE id = ?');
  // By the value's hash: the value column has no index, and a lookup compares no secret.
  const byValueHash = db.prepare<[string], TokenRow>('SELECT * FROM access_tokens WHERE value_hash = ?');
  const activeCount = db.prepare<[string], { n: number }>(
    "SELECT COUNT(*) AS n FROM access_tokens WHERE app_key = ? AND status = 'active'",
  );
  const insert = db.prepare(
    `INSERT INTO access_tokens (id, app_key, value, value_hash, note, status, created_at, removed_at, site_host, bound_at)
     VALUES (@id, @appKey, @value, @valueHash, @note, @status, @createdAt, @removedAt, @siteHost, @boundAt)`,
  );
  const markRemoved = db.prepare<[string, string]>(
    "UPDATE access_tokens SET status = 'removed', removed_at = ? WHERE id = ?",
  );
  const bind = db.prepare<[string, string, string]>(
    'UPDATE access_tokens SET site_host = ?, bound_at = ? WHERE id = ? AND site_host IS NULL',
  );
  return {
    listForApp(appKey: string): AccessTokenRecord[] {
      return ofApp.all(appKey).map(toToken);
    },
    get(id: string): AccessTokenRecord | undefined {
      const row = byId.get(id);
      return row && toToken(row);
    },
    findByValue(value: string): AccessTokenRecord | undefined {
      const row = byValueHash.get(secretHash(value));
      return row && toToken(row);
    },
    countActive(appKey: string): number {
      return activeCount.get(appKey)?.n ?? 0;
    },
    insert(token: AccessTokenRecord): void {
      insert.run({ ...token, valueHash: secretHash(token.value) });
    },
    markRemoved(id: string, removedAt: string): void {
      markRemoved.run(removedAt, id);
    },
    /** Binds an unbound token; a bound one is never rebound (rule 3). */
    bind(id: string, siteHost: string, boundAt: string): void {
      bind.run(siteHost, boundAt, id);
    },
  };
}
