import type { Database } from 'better-sqlite3';
import { type AppKey, storedAppKey } from '../../domain/identifiers';
import type { PaymentModel } from '../../domain/installed-app';

export type Visibility = 'private' | 'public';

export interface AppVersionRecord {
  version: string;
  visibility: Visibility;
  descriptorUrl: string;
  createdAt: string;
}

export interface AppRecord {
  key: AppKey;
  name: string;
  paymentModel: PaymentModel;
  visibility: Visibility;
  descriptorUrl: string;
  createdAt: string;
  versions: AppVersionRecord[];
}

interface AppRow {
  key: string;
  name: string;
  payment_model: PaymentModel;
  visibility: Visibility;
  descriptor_url: string;
  created_at: string;
}

interface VersionRow {
  app_key: string;
  version: string;
  visibility: Visibility;
  descriptor_url: string;
  created_at: string;
}

const toVersion = (row: VersionRow): AppVersionRecord => ({
  version: row.version,
  visibility: row.visibility,
  descriptorUrl: row.descriptor_url,
  createdAt: row.created_at,
});

export function createAppsRepository(db: Database) {
  const all = db.prepare<[], AppRow>('SELECT * FROM apps ORDER BY name, key');
  const byKey = db.prepare<[string], AppRow>('SELECT * FROM apps WHERE key = ?');
  const versionsOf = db.prepare<[string], VersionRow>('SELECT * FROM app_versions WHERE app_key = ? ORDER BY seq');
  const allVersions = db.prepare<[], VersionRow>('SELECT * FROM app_versions ORDER BY app_key, seq');
  const insert = db.prepare(
    `INSERT INTO apps (key, name, payment_model, visibility, descriptor_url, created_at)
     VALUES (@key, @name, @paymentModel, @visibility, @descriptorUrl, @createdAt)`,
  );
  const update = db.prepare(
    `UPDATE apps SET name = @name, payment_model = @paymentModel, visibility = @visibility,
     descriptor_url = @descriptorUrl WHERE key = @key`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO app_versions (app_key, version, visibility, descriptor_url, created_at, seq)
     VALUES (@appKey, @version, @visibility, @descriptorUrl, @createdAt,
       (SELECT COALESCE(MAX(seq), 0) + 1 FROM app_versions WHERE app_key = @appKey))`,
  );

  const withVersions = (row: AppRow, versions: AppVersionRecord[]): AppRecord => ({
    key: storedAppKey(row.key),
    name: row.name,
    paymentModel: row.payment_model,
    visibility: row.visibility,
    descriptorUrl: row.descriptor_url,
    createdAt: row.created_at,
    versions,
  });

  return {
    list(): AppRecord[] {
      const versions = new Map<string, AppVersionRecord[]>();
      for (const row of allVersions.all()) {
        const list = versions.get(row.app_key) ?? [];
        list.push(toVersion(row));
        versions.set(row.app_key, list);
      }
      return all.all().map((row) => withVersions(row, versions.get(row.key) ?? []));
    },
    get(key: string): AppRecord | undefined {
      const row = byKey.get(key);
      return row && withVersions(row, versionsOf.all(key).map(toVersion));
    },
    insert(app: Omit<AppRecord, 'versions'>): void {
      insert.run(app);
    },
    update(app: Omit<AppRecord, 'versions' | 'createdAt'>): void {
      update.run(app);
    },
    addVersion(appKey: string, version: AppVersionRecord): void {
      insertVersion.run({ appKey, ...version });
    },
  };
}
