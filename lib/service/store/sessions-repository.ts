import type { Database } from 'better-sqlite3';

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export function createSessionsRepository(db: Database) {
  const insert = db.prepare(
    'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (@tokenHash, @userId, @createdAt, @expiresAt)',
  );
  const byHash = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  const remove = db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?');
  const removeExpired = db.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    insert(session: SessionRecord): void {
      insert.run(session);
    },
    findByHash(tokenHash: string): SessionRecord | undefined {
      const row = byHash.get(tokenHash);
      return (
        row && { tokenHash: row.token_hash, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at }
      );
    },
    remove(tokenHash: string): void {
      remove.run(tokenHash);
    },
    removeExpired(nowIso: string): number {
      return removeExpired.run(nowIso).changes;
    },
  };
}
