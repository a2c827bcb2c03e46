import { LICENSE_STATE_WIRE_VALUES, type LicenseState } from '../../domain/license-state';
import { isWellFormedToken } from '../../domain/token-format';
import type { ApiMethod } from '../auth/api-methods';
import { ServiceError } from '../problem';
import type { InstalledAppView } from '../store/installed-apps-repository';
import { type OperationContext, requireSite } from './context';
import { applyToken, clearToken, setLicense } from './site-apps-operations';

/**
 * The access tokens applied on a site, as the product's UPM REST resource `license-tokens` gives
 * them: the full value (the product shows it), the state as its wire value, and `valid` false once
 * the token was removed at the Marketplace. Changes go through the site-apps operations, so every
 * rule holds in the same transactions and lands in the same audit log as `/api/v1`.
 */
export interface LicenseTokenView {
  pluginKey: string;
  token: string;
  state: string;
  valid: boolean;
}

function viewOf(ctx: OperationContext, app: InstalledAppView): LicenseTokenView | undefined {
  const token = app.token ? ctx.deps.store.accessTokens.get(app.token.id) : undefined;
  if (!token) return undefined;
  return {
    pluginKey: app.appKey,
    token: token.value,
    state: LICENSE_STATE_WIRE_VALUES[app.license.state],
    valid: token.status === 'active',
  };
}

function requireInstalled(ctx: OperationContext, host: string, appKey: string): InstalledAppView {
  const app = ctx.deps.store.installedApps.get(host, appKey);
  if (!app) throw new ServiceError(404, 'app_not_installed', `${appKey} is not installed on ${host}.`);
  return app;
}

export function listLicenseTokens(ctx: OperationContext, host: string): LicenseTokenView[] {
  requireSite(ctx, host);
  return ctx.deps.store.installedApps.listForSite(host).flatMap((app) => viewOf(ctx, app) ?? []);
}

export function getLicenseToken(ctx: OperationContext, host: string, appKey: string): LicenseTokenView {
  requireSite(ctx, host);
  const app = requireInstalled(ctx, host, appKey);
  const view = viewOf(ctx, app);
  if (!view) throw new ServiceError(404, 'token_not_found', `${app.name} has no access token on ${host}.`);
  return view;
}

export interface LicenseTokenChange {
  pluginKey: string;
  token?: string | undefined;
  state?: LicenseState | undefined;
}

/**
 * `POST …/license-tokens`: a token other than the one on the app is applied (with the state, if
 * one is named: `PUT …/token` of `/api/v1`); otherwise the state is switched (`PUT …/license`).
 * `permit` checks the caller may use the method the change turns out to be, inside the transaction.
 */
export function changeLicenseToken(
  ctx: OperationContext,
  host: string,
  change: LicenseTokenChange,
  permit: (method: ApiMethod) => void,
): LicenseTokenView {
  const { store } = ctx.deps;
  return store.write(() => {
    requireSite(ctx, host);
    const app = requireInstalled(ctx, host, change.pluginKey);
    // Compared by the token's id, found by the hash of the value: no lookup compares a value.
    const given =
      change.token !== undefined && isWellFormedToken('access', change.token)
        ? store.accessTokens.findByValue(change.token)
        : undefined;
    const isCurrent = change.token === undefined || (given !== undefined && given.id === app.token?.id);
    if (!isCurrent && change.token !== undefined) {
      permit('siteApps.applyToken');
      applyToken(ctx, host, app.appKey, { token: change.token, licenseState: change.state });
    } else if (change.state !== undefined) {
      permit('siteApps.setLicense');
      setLicense(ctx, host, app.appKey, change.state);
    }
    return getLicenseToken(ctx, host, app.appKey);
  });
}

/** `DELETE …/license-tokens/{appKey}-key`: rule 8, as `DELETE …/token` of `/api/v1`. */
export function clearLicenseToken(ctx: OperationContext, host: string, appKey: string): void {
  clearToken(ctx, host, appKey);
}
