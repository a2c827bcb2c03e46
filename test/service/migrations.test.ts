import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessTokensRepository } from '../../lib/service/store/access-tokens-repository';
import { openDatabase } from '../../lib/service/store/database';
import { MIGRATIONS } from '../../lib/service/store/migrations';
import { secretHash } from '../../lib/service/store/secret-hash';

const VALUE = 'mat_0123456789abcdefghijABCDEFGHIJ012345';

/** The columns each index of `table` covers. */
function indexedColumns(db: BetterSqlite3.Database, table: string): string[][] {
  const indexes = db.prepare<[], { name: string }>(`PRAGMA index_list(${table})`).all();
  return indexes.map((index) =>
    db
      .prepare<[], { name: string }>(`PRAGMA index_info(${JSON.stringify(index.name)})`)
      .all()
      .map((column) => column.name),
  );
}

const seedApp = (db: BetterSqlite3.Database) =>
  db
    .prepare(
      "INSERT INTO apps (key, name, payment_model, visibility, descriptor_url, created_at) VALUES ('com.x', 'X', 'paid', 'private', 'https://x.example/d.json', 'now')",
    )
    .run();

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

  it('keeps no access-token value in any index, and finds a token by the hash of its value', () => {
    const db = openDatabase(tempFile());
    const indexed = indexedColumns(db, 'access_tokens');
    expect(indexed.flat()).not.toContain('value');
    expect(indexed).toContainEqual(['value_hash']);
    seedApp(db);
    const tokens = createAccessTokensRepository(db);
    const record = {
      id: 't1',
      appKey: 'com.x',
      value: VALUE,
      note: '',
      status: 'active' as const,
      createdAt: 'now',
      removedAt: null,
      siteHost: null,
      boundAt: null,
    };
    tokens.insert(record);
    expect(db.prepare('SELECT value, value_hash FROM access_tokens').get()).toEqual({
      value: VALUE,
      value_hash: secretHash(VALUE),
    });
    expect(tokens.findByValue(VALUE)?.id).toBe('t1');
    // The lookup goes by the hash alone: with the hash gone, the plain value finds nothing.
    db.prepare("UPDATE access_tokens SET value_hash = 'x'").run();
    expect(tokens.findByValue(VALUE)).toBeUndefined();
    db.close();
  });

  it('upgrades a version-3 file: every access token keeps its value, gains its hash, and leaves no copy behind', () => {
    const path = tempFile();
    const raw = new BetterSqlite3(path);
    for (const migration of MIGRATIONS.slice(0, 3)) raw.exec(migration);
    raw.pragma('user_version = 3');
    seedApp(raw);
    const values = Array.from({ length: 50 }, (_, index) => `mat_${String(index).padStart(32, 'q')}ABCDEF`);
    const insert = raw.prepare(
      "INSERT INTO access_tokens (id, app_key, value, status, created_at) VALUES (?, 'com.x', ?, 'active', 'now')",
    );
    for (const [index, value] of values.entries()) insert.run(`t${index}`, value);
    raw.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tokens = createAccessTokensRepository(db);
    for (const [index, value] of values.entries()) expect(tokens.findByValue(value)?.id).toBe(`t${index}`);
    expect(indexedColumns(db, 'access_tokens').flat()).not.toContain('value');
    db.close();
    // The old index's cells were zeroed, not left in free space: each value is in the file once, in its row.
    const file = readFileSync(path).toString('latin1');
    expect(values.map((value) => file.split(value).length - 1)).toEqual(values.map(() => 1));
  });

  it('refuses a database written by a newer service instead of guessing', () => {
    const path = tempFile();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer than this service knows/);
  });
});
