import type { InstalledApp } from '../../domain/installed-app';
import type { LicenseState } from '../../domain/license-state';
import { isWellFormedToken } from '../../domain/token-format';
import { parseTokenUrl } from '../../domain/token-url';
import { ServiceError } from '../problem';
import * as rules from '../rules/site-app-rules';
import type { InstallationRecord } from '../store/installed-apps-repository';
import { audit, type OperationContext, requireApp, requireSite, unwrap } from './context';

/** What clients see of an installed app (the stored version stays inside the service). */
function installedApp(ctx: OperationContext, host: string, appKey: string): InstalledApp {
  const view = ctx.deps.store.installedApps.get(host, appKey);
  if (!view) throw new ServiceError(404, 'app_not_installed', `${appKey} is not installed on ${host}.`);
  const { version: _version, ...app } = view;
  return app;
}

function requireInstallation(ctx: OperationContext, host: string, appKey: string): InstallationRecord {
  const installation = ctx.deps.store.installedApps.getInstallation(host, appKey);
  if (!installation) throw new ServiceError(404, 'app_not_installed', `${appKey} is not installed on ${host}.`);
  return installation;
}

export function listSiteApps(ctx: OperationContext, host: string): InstalledApp[] {
  requireSite(ctx, host);
  return ctx.deps.store.installedApps.listForSite(host).map(({ version: _version, ...app }) => app);
}

/** Rules 5, 6 and 11: install from a token URL (licensed at once) or, for a public app, by key. */
export function installApp(
  ctx: OperationContext,
  host: string,
  input: { installUrl: string; licenseState?: LicenseState | undefined } | { appKey: string },
): InstalledApp {
  const { store } = ctx.deps;
  const now = ctx.deps.now().toISOString();
  return store.write(() => {
    const site = requireSite(ctx, host);
    if ('appKey' in input) {
      const app = requireApp(ctx, input.appKey);
      const installation = unwrap(
        rules.installByKey({ site, app, existing: store.installedApps.getInstallation(host, app.key), now }),
      );
      store.installedApps.save(installation);
      audit(ctx, 'siteApp.installed', { site: host, app: app.key }, { by: 'key' });
      return installedApp(ctx, host, app.key);
    }
    const parsed = parseTokenUrl(input.installUrl);
    if (!parsed) {
      throw new ServiceError(422, 'validation_failed', 'That is not a token URL: it needs an access-token parameter.', [
        { path: 'installUrl', message: 'A token URL is an https descriptor URL with ?access-token=<token>.' },
      ]);
    }
    const token = isWellFormedToken('access', parsed.token) ? store.accessTokens.findByValue(parsed.token) : undefined;
    const app = token ? store.apps.get(token.appKey) : undefined;
    const outcome = unwrap(
      rules.installFromTokenUrl({
        site,
        app,
        token,
        descriptorUrl: parsed.descriptorUrl,
        existing: app ? store.installedApps.getInstallation(host, app.key) : undefined,
        licenseState: input.licenseState,
        now,
      }),
    );
    if (outcome.bindToken && token) store.accessTokens.bind(token.id, host, now);
    store.installedApps.save(outcome.installation);
    audit(
      ctx,
      'siteApp.installed',
      { site: host, app: outcome.installation.appKey },
      { by: 'tokenUrl', tokenId: token?.id },
    );
    return installedApp(ctx, host, outcome.installation.appKey);
  });
}

export function uninstallApp(ctx: OperationContext, host: string, appKey: string): void {
  const { store } = ctx.deps;
  store.write(() => {
    requireSite(ctx, host);
    requireInstallation(ctx, host, appKey);
    store.installedApps.remove(host, appKey);
    audit(ctx, 'siteApp.uninstalled', { site: host, app: appKey });
  });
}

/** Rules 3–5, 9, 10; the binding is checked and written in one immediate transaction (rule 3 under concurrency). */
export function applyToken(
  ctx: OperationContext,
  host: string,
  appKey: string,
  input: { token: string; licenseState?: LicenseState | undefined },
): InstalledApp {
  const { store } = ctx.deps;
  const now = ctx.deps.now().toISOString();
  return store.write(() => {
    const site = requireSite(ctx, host);
    const app = requireApp(ctx, appKey);
    const installation = requireInstallation(ctx, host, appKey);
    const token = isWellFormedToken('access', input.token) ? store.accessTokens.findByValue(input.token) : undefined;
    const outcome = unwrap(rules.applyToken({ site, app, installation, token, licenseState: input.licenseState, now }));
    if (outcome.bindToken && token) store.accessTokens.bind(token.id, host, now);
    store.installedApps.save(outcome.installation);
    audit(
      ctx,
      'siteApp.tokenApplied',
      { site: host, app: appKey },
      { tokenId: token?.id, licenseState: outcome.installation.licenseState },
    );
    return installedApp(ctx, host, appKey);
  });
}

/** Rule 8. */
export function clearToken(ctx: OperationContext, host: string, appKey: string): InstalledApp {
  const { store } = ctx.deps;
  return store.write(() => {
    requireSite(ctx, host);
    const installation = requireInstallation(ctx, host, appKey);
    store.installedApps.save(rules.clearToken(installation, ctx.deps.now().toISOString()));
    if (installation.tokenId)
      audit(ctx, 'siteApp.tokenCleared', { site: host, app: appKey }, { tokenId: installation.tokenId });
    return installedApp(ctx, host, appKey);
  });
}

/** Rule 9. */
export function setLicense(ctx: OperationContext, host: string, appKey: string, state: LicenseState): InstalledApp {
  const { store } = ctx.deps;
  return store.write(() => {
    requireSite(ctx, host);
    const app = requireApp(ctx, appKey);
    const installation = requireInstallation(ctx, host, appKey);
    const token = installation.tokenId ? store.accessTokens.get(installation.tokenId) : undefined;
    const next = unwrap(rules.setLicense({ app, installation, token, state, now: ctx.deps.now().toISOString() }));
    if (next !== installation) {
      store.installedApps.save(next);
      audit(ctx, 'siteApp.licenseChanged', { site: host, app: appKey }, { from: installation.licenseState, to: state });
    }
    return installedApp(ctx, host, appKey);
  });
}
