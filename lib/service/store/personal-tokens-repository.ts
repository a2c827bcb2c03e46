import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ScopePreset } from '../../domain/personal-token';
import type { ApiMethod } from '../auth/api-methods';

export interface PersonalTokenRecord {
  id: string;
  userId: string;
  tokenHash: string;
  description: string;
  preset: ScopePreset | null;
  scopes: ApiMethod[];
  /** The last day it works (UTC), `yyyy-mm-dd`. */
  expiresAt: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface PersonalTokenRow {
  id: string;
  user_id: string;
  token_hash: string;
  description: string;
  preset: string | null;
  scopes: string;
  expires_at: string;
  created_at: string;
  last_used_at: string | null;
}

// Written by this service only, as a JSON list of method ids; read back as such.
const ScopesColumn = z.array(z.string());

const toRecord = (row: PersonalTokenRow): PersonalTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  tokenHash: row.token_hash,
  description: row.description,
  preset: row.preset as ScopePreset | null,
  scopes: ScopesColumn.parse(JSON.parse(row.scopes)) as ApiMethod[],
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export function createPersonalTokensRepository(db: Database) {
  const ofUser = db.prepare<[string], PersonalTokenRow>(
    'SELECT * FROM personal_tokens WHERE user_id = ? ORDER BY created_at, id',
  );
  const byId = db.prepare<[string], PersonalTokenRow>('SELECT * FROM personal_tokens WHERE id = ?');
  const byHash = db.prepare<[string], PersonalTokenRow>('SELECT * FROM personal_tokens WHERE token_hash = ?');
  const insert = db.prepare(
    `INSERT INTO personal_tokens (id, user_id, token_hash, description, preset, scopes, expires_at, created_at, last_used_at)
     VALUES (@id, @userId, @tokenHash, @description, @preset, @scopes, @expiresAt, @createdAt, @lastUsedAt)`,
  );
  const update = db.prepare(
    `UPDATE personal_tokens SET token_hash = @tokenHash, description = @description, preset = @preset,
     scopes = @scopes, expires_at = @expiresAt WHERE id = @id`,
  );
  const used = db.prepare<[string, string]>('UPDATE personal_tokens SET last_used_at = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM personal_tokens WHERE id = ?');
  const row = (record: PersonalTokenRecord) => ({ ...record, scopes: JSON.stringify(record.scopes) });
  return {
    listForUser(userId: string): PersonalTokenRecord[] {
      return ofUser.all(userId).map(toRecord);
    },
    get(id: string): PersonalTokenRecord | undefined {
      const found = byId.get(id);
      return found && toRecord(found);
    },
    findByHash(tokenHash: string): PersonalTokenRecord | undefined {
      const found = byHash.get(tokenHash);
      return found && toRecord(found);
    },
    insert(record: PersonalTokenRecord): void {
      insert.run(row(record));
    },
    update(record: PersonalTokenRecord): void {
      update.run(row(record));
    },
    markUsed(id: string, at: string): void {
      used.run(at, id);
    },
    remove(id: string): void {
      remove.run(id);
    },
  };
}
