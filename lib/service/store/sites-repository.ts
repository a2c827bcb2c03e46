import type { Database } from 'better-sqlite3';

export interface SiteRecord {
  host: string;
  privateListingsEnabled: boolean;
  createdAt: string;
}

interface SiteRow {
  host: string;
  private_listings_enabled: number;
  created_at: string;
}

const toSite = (row: SiteRow): SiteRecord => ({
  host: row.host,
  privateListingsEnabled: row.private_listings_enabled === 1,
  createdAt: row.created_at,
});

export function createSitesRepository(db: Database) {
  const all = db.prepare<[], SiteRow>('SELECT * FROM sites ORDER BY host');
  const byHost = db.prepare<[string], SiteRow>('SELECT * FROM sites WHERE host = ?');
  const insert = db.prepare<[string, number, string]>(
    'INSERT INTO sites (host, private_listings_enabled, created_at) VALUES (?, ?, ?)',
  );
  const setPrivateListings = db.prepare<[number, string]>(
    'UPDATE sites SET private_listings_enabled = ? WHERE host = ?',
  );
  return {
    list(): SiteRecord[] {
      return all.all().map(toSite);
    },
    get(host: string): SiteRecord | undefined {
      const row = byHost.get(host);
      return row && toSite(row);
    },
    insert(site: SiteRecord): void {
      insert.run(site.host, site.privateListingsEnabled ? 1 : 0, site.createdAt);
    },
    setPrivateListings(host: string, enabled: boolean): void {
      setPrivateListings.run(enabled ? 1 : 0, host);
    },
  };
}
