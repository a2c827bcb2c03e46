import type { Database } from 'better-sqlite3';
import { storedAppKey } from '../../domain/identifiers';
import type { InstalledApp, PaymentModel, TokenStatus } from '../../domain/installed-app';
import { type LicenseState, licFor } from '../../domain/license-state';

/** The stored row of an app on a site, before it is joined with its app and token. */
export interface InstallationRecord {
  siteHost: string;
  appKey: string;
  version: string | null;
  installedAt: string;
  tokenId: string | null;
  tokenAppliedAt: string | null;
  licenseState: LicenseState;
  licenseChangedAt: string;
}

interface InstalledAppRow {
  site_host: string;
  app_key: string;
  version: string | null;
  installed_at: string;
  token_id: string | null;
  token_applied_at: string | null;
  license_state: LicenseState;
  license_changed_at: string;
  name: string;
  payment_model: PaymentModel;
  token_value: string | null;
  token_status: TokenStatus | null;
}

const JOINED = `SELECT i.*, a.name, a.payment_model, t.value AS token_value, t.status AS token_status
  FROM installed_apps i JOIN apps a ON a.key = i.app_key LEFT JOIN access_tokens t ON t.id = i.token_id`;

export interface InstalledAppView extends InstalledApp {
  version: string | null;
}

const toView = (row: InstalledAppRow): InstalledAppView => ({
  appKey: storedAppKey(row.app_key),
  name: row.name,
  paymentModel: row.payment_model,
  installedAt: row.installed_at,
  version: row.version,
  token:
    row.token_id && row.token_value && row.token_status && row.token_applied_at
      ? {
          id: row.token_id,
          last4: row.token_value.slice(-4),
          appliedAt: row.token_applied_at,
          status: row.token_status,
        }
      : null,
  license: { state: row.license_state, changedAt: row.license_changed_at },
  lic: licFor(row.license_state),
});

const toInstallation = (row: InstalledAppRow): InstallationRecord => ({
  siteHost: row.site_host,
  appKey: row.app_key,
  version: row.version,
  installedAt: row.installed_at,
  tokenId: row.token_id,
  tokenAppliedAt: row.token_applied_at,
  licenseState: row.license_state,
  licenseChangedAt: row.license_changed_at,
});

export function createInstalledAppsRepository(db: Database) {
  const ofSite = db.prepare<[string], InstalledAppRow>(`${JOINED} WHERE i.site_host = ? ORDER BY a.name, i.app_key`);
  const one = db.prepare<[string, string], InstalledAppRow>(`${JOINED} WHERE i.site_host = ? AND i.app_key = ?`);
  const withToken = db.prepare<[string], InstalledAppRow>(`${JOINED} WHERE i.token_id = ?`);
  const upsert = db.prepare(
    `INSERT INTO installed_apps (site_host, app_key, version, installed_at, token_id, token_applied_at, license_state, license_changed_at)
     VALUES (@siteHost, @appKey, @version, @installedAt, @tokenId, @tokenAppliedAt, @licenseState, @licenseChangedAt)
     ON CONFLICT (site_host, app_key) DO UPDATE SET version = excluded.version, token_id = excluded.token_id,
       token_applied_at = excluded.token_applied_at, license_state = excluded.license_state,
       license_changed_at = excluded.license_changed_at`,
  );
  const remove = db.prepare<[string, string]>('DELETE FROM installed_apps WHERE site_host = ? AND app_key = ?');
  return {
    listForSite(siteHost: string): InstalledAppView[] {
      return ofSite.all(siteHost).map(toView);
    },
    get(siteHost: string, appKey: string): InstalledAppView | undefined {
      const row = one.get(siteHost, appKey);
      return row && toView(row);
    },
    getInstallation(siteHost: string, appKey: string): InstallationRecord | undefined {
      const row = one.get(siteHost, appKey);
      return row && toInstallation(row);
    },
    installationsWithToken(tokenId: string): InstallationRecord[] {
      return withToken.all(tokenId).map(toInstallation);
    },
    save(installation: InstallationRecord): void {
      upsert.run(installation);
    },
    remove(siteHost: string, appKey: string): void {
      remove.run(siteHost, appKey);
    },
  };
}
