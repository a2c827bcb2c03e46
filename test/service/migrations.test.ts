import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../lib/service/store/database';
import { MIGRATIONS } from '../../lib/service/store/migrations';

describe('database schema and migrations', () => {
  const dirs: string[] = [];
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-lens-migrations-'));
    dirs.push(dir);
    return join(dir, 'service.sqlite');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a new file at the latest schema version, in WAL mode with full sync', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('keeps the data when it opens an existing file again', () => {
    const path = tempFile();
    const db = openDatabase(path);
    db.prepare("INSERT INTO sites (host, private_listings_enabled, created_at) VALUES ('a.example', 1, 'now')").run();
    db.close();
    const reopened = openDatabase(path);
    expect(reopened.prepare('SELECT host FROM sites').all()).toEqual([{ host: 'a.example' }]);
    reopened.close();
  });

  it('refuses a database written by a newer service instead of guessing', () => {
    const path = tempFile();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer than this service knows/);
  });
});
