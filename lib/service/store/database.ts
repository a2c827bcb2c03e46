import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations';
import { secretHash } from './secret-hash';

/**
 * Opens (and creates, if missing) the SQLite file with the service's schema.
 * WAL lets readers go on while one writer writes; synchronous=FULL makes every acknowledged
 * write survive a crash or power loss (better-sqlite3's WAL default, NORMAL, may lose the last ones).
 */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted and rewritten content is zeroed, not left in free space: the file holds secrets.
  db.pragma('secure_delete = ON');
  db.function('token_hash', { deterministic: true }, (value: unknown) => secretHash(String(value)));
  migrate(db);
  return db;
}
