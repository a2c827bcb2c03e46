import type { Database } from 'better-sqlite3';

/**
 * Schema versions, applied in order; `PRAGMA user_version` records the last one applied.
 * Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: users, sessions, apps and their versions, access tokens, sites and installed apps.
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'developer', 'tester')),
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE apps (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    payment_model TEXT NOT NULL CHECK (payment_model IN ('free', 'paid')),
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'public')),
    descriptor_url TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE app_versions (
    app_key TEXT NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
    version TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'public')),
    descriptor_url TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (app_key, version)
  );
  CREATE TABLE access_tokens (
    id TEXT PRIMARY KEY,
    app_key TEXT NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
    value TEXT NOT NULL UNIQUE,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
    created_at TEXT NOT NULL,
    removed_at TEXT,
    site_host TEXT,
    bound_at TEXT
  );
  CREATE INDEX access_tokens_app ON access_tokens(app_key, status);
  CREATE TABLE sites (
    host TEXT PRIMARY KEY,
    private_listings_enabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE TABLE installed_apps (
    site_host TEXT NOT NULL REFERENCES sites(host) ON DELETE CASCADE,
    app_key TEXT NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
    version TEXT,
    installed_at TEXT NOT NULL,
    token_id TEXT REFERENCES access_tokens(id),
    token_applied_at TEXT,
    license_state TEXT NOT NULL,
    license_changed_at TEXT NOT NULL,
    PRIMARY KEY (site_host, app_key)
  );
  `,
  // 2: the audit log — who changed what, newest first.
  `
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    site_host TEXT,
    app_key TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_site ON audit(site_host, seq);
  CREATE INDEX audit_app ON audit(app_key, seq);
  `,
  // 3: a counter every write transaction raises, so that any process can tell cheaply whether
  // anything changed since it last looked (answers cached in memory stay right across processes).
  `
  CREATE TABLE data_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  INSERT INTO data_version (id, version) VALUES (1, 0);
  `,
  // 4: access tokens are found by the SHA-256 of their value, never by the value itself, so that a
  // lookup is no timing oracle and no index holds a secret. The unique index follows the renamed
  // column and now holds hashes; the value stays retrievable (the Marketplace shows it).
  // `token_hash()` is registered by openDatabase.
  `
  ALTER TABLE access_tokens RENAME COLUMN value TO value_hash;
  ALTER TABLE access_tokens ADD COLUMN value TEXT NOT NULL DEFAULT '';
  UPDATE access_tokens SET value = value_hash, value_hash = token_hash(value_hash);
  `,
  // 5: personal access tokens, stored only as the SHA-256 of their value; scopes as a JSON list.
  `
  CREATE TABLE personal_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    preset TEXT,
    scopes TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT
  );
  CREATE INDEX personal_tokens_user ON personal_tokens(user_id, created_at);
  `,
  // 6: install tasks of the site's UPM REST API (`…/rest/plugins/1.0/pending/{id}`): kept in the
  // file, not in memory, so that any process sharing it answers a poll. Each is its starter's.
  `
  CREATE TABLE install_tasks (
    id TEXT PRIMARY KEY,
    site_host TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    app_key TEXT,
    sub_code TEXT,
    error_message TEXT
  );
  CREATE INDEX install_tasks_created ON install_tasks(created_at);
  `,
];

export function migrate(db: Database): number {
  const versionOf = () => db.pragma('user_version', { simple: true }) as number;
  if (versionOf() > MIGRATIONS.length) {
    throw new Error(
      `The database is at schema version ${versionOf()}, newer than this service knows (${MIGRATIONS.length}). Upgrade the service.`,
    );
  }
  for (;;) {
    // Read the version inside the write lock: another process starting on the same file may
    // have applied this step already.
    const applied = db
      .transaction(() => {
        const version = versionOf();
        if (version >= MIGRATIONS.length) return false;
        db.exec(MIGRATIONS[version] as string);
        db.pragma(`user_version = ${version + 1}`);
        return true;
      })
      .immediate();
    if (!applied) return MIGRATIONS.length;
  }
}
