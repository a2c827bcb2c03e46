import { describesApp } from '../../domain/app';
import { SENTENCES } from '../../domain/error-sentences';
import { licenseLock } from '../../domain/license-lock';
import type { LicenseState } from '../../domain/license-state';
import { canGoOnSite, placementOf } from '../../domain/token-placement';
import { sameDescriptorUrl } from '../../domain/token-url';
import type { AccessTokenRecord } from '../store/access-tokens-repository';
import type { AppRecord } from '../store/apps-repository';
import type { InstallationRecord } from '../store/installed-apps-repository';
import type { SiteRecord } from '../store/sites-repository';
import { latestVersions } from './access-token-rules';
import { type Refusal, refuse } from './refusal';

/**
 * The rules of installing apps and of tokens and license states on a site (SERVICE-API.md, rules
 * 3–11), as pure functions: given the current records, the new installation or a refusal.
 * The store applies what they return inside one transaction.
 */

/** What an installation becomes, and whether the token must now be bound to the site (rule 3). */
export interface TokenOutcome {
  installation: InstallationRecord;
  bindToken: boolean;
}

/** Rule 5. */
export function checkPrivateListings(site: SiteRecord): Refusal | undefined {
  return site.privateListingsEnabled
    ? undefined
    : refuse(
        409,
        'private_listings_disabled',
        `Private listings are not enabled on ${site.host}. Enable them in Manage apps → Settings first.`,
      );
}

/** Rules 3, 4 and 7: can `token` go on `app` at `siteHost`? */
export function checkTokenUsable(
  token: AccessTokenRecord | undefined,
  app: AppRecord,
  siteHost: string,
): Refusal | undefined {
  if (!token) return refuse(404, 'token_not_found', 'No access token with that value exists.');
  const placement = placementOf(
    { status: token.status, site: token.siteHost ? { host: token.siteHost } : null },
    siteHost,
  );
  if (placement === 'removed') return refuse(410, 'token_removed', SENTENCES.token_removed);
  if (token.appKey !== app.key) {
    return refuse(422, 'token_app_mismatch', `This token belongs to ${token.appKey}, not to ${app.key}.`);
  }
  if (!canGoOnSite(placement)) {
    return refuse(
      409,
      'token_bound_elsewhere',
      `This token is bound for ever to ${token.siteHost}; create another token for ${siteHost}.`,
    );
  }
  return undefined;
}

/** Rule 9: the state a token starts a paid app at; a free app has no license to set. */
function initialState(app: AppRecord, requested: LicenseState | undefined): LicenseState | Refusal {
  if (app.paymentModel === 'free') {
    return requested === undefined || requested === 'unlicensed'
      ? 'unlicensed'
      : refuse(409, 'license_not_applicable', `${app.name} is free: it has no license state to switch.`);
  }
  return requested ?? 'active-subscription';
}

/** Rule 11: install and license in one step from a token URL. */
export function installFromTokenUrl(input: {
  site: SiteRecord;
  app: AppRecord | undefined;
  token: AccessTokenRecord | undefined;
  descriptorUrl: string;
  existing: InstallationRecord | undefined;
  licenseState?: LicenseState;
  now: string;
}): TokenOutcome | Refusal {
  const listings = checkPrivateListings(input.site);
  if (listings) return listings;
  const { token, app } = input;
  if (!token || !app) return refuse(404, 'token_not_found', 'No access token with that value exists.');
  const matching = [
    ...app.versions.filter((version) => sameDescriptorUrl(version.descriptorUrl, input.descriptorUrl)),
  ].at(-1);
  if (!describesApp(app, input.descriptorUrl)) {
    return refuse(422, 'descriptor_mismatch', `The URL's descriptor is not ${app.name}'s descriptor.`);
  }
  if (input.existing)
    return refuse(409, 'app_already_installed', `${app.name} is already installed on ${input.site.host}.`);
  const usable = checkTokenUsable(token, app, input.site.host);
  if (usable) return usable;
  const state = initialState(app, input.licenseState);
  if (typeof state !== 'string') return state;
  const version = matching ?? latestVersions(app)[app.visibility];
  return {
    installation: {
      siteHost: input.site.host,
      appKey: app.key,
      version: version?.version ?? null,
      installedAt: input.now,
      tokenId: token.id,
      tokenAppliedAt: input.now,
      licenseState: state,
      licenseChangedAt: input.now,
    },
    bindToken: token.siteHost === null,
  };
}

/** Rule 6: installing by key alone is for apps with a public version. */
export function installByKey(input: {
  site: SiteRecord;
  app: AppRecord;
  existing: InstallationRecord | undefined;
  now: string;
}): InstallationRecord | Refusal {
  const { app } = input;
  const publicVersion = latestVersions(app).public;
  if (!publicVersion) {
    const why = app.visibility === 'private' ? 'is private' : 'has no public version';
    return refuse(409, 'token_required', `${app.name} ${why}: install it from a token URL.`);
  }
  if (input.existing)
    return refuse(409, 'app_already_installed', `${app.name} is already installed on ${input.site.host}.`);
  return {
    siteHost: input.site.host,
    appKey: app.key,
    version: publicVersion.version,
    installedAt: input.now,
    tokenId: null,
    tokenAppliedAt: null,
    licenseState: 'unlicensed',
    licenseChangedAt: input.now,
  };
}

/** Rules 3–5, 9 and 10: apply a token to an installed app (replacing any other). */
export function applyToken(input: {
  site: SiteRecord;
  app: AppRecord;
  installation: InstallationRecord;
  token: AccessTokenRecord | undefined;
  licenseState?: LicenseState;
  now: string;
}): TokenOutcome | Refusal {
  const listings = checkPrivateListings(input.site);
  if (listings) return listings;
  const usable = checkTokenUsable(input.token, input.app, input.site.host);
  if (usable || !input.token)
    return usable ?? refuse(404, 'token_not_found', 'No access token with that value exists.');
  const token = input.token;
  const bindToken = token.siteHost === null;
  if (input.installation.tokenId === token.id && input.licenseState === undefined) {
    // Re-applying the token already there changes nothing.
    return { installation: input.installation, bindToken };
  }
  const state = initialState(input.app, input.licenseState);
  if (typeof state !== 'string') return state;
  const sameToken = input.installation.tokenId === token.id;
  const stateChanged = state !== input.installation.licenseState;
  return {
    installation: {
      ...input.installation,
      tokenId: token.id,
      tokenAppliedAt: sameToken ? input.installation.tokenAppliedAt : input.now,
      licenseState: state,
      licenseChangedAt: stateChanged ? input.now : input.installation.licenseChangedAt,
    },
    bindToken,
  };
}

/** Rule 8: clearing leaves the app installed and unlicensed; the token stays bound to the site. */
export function clearToken(installation: InstallationRecord, now: string): InstallationRecord {
  return {
    ...installation,
    tokenId: null,
    tokenAppliedAt: null,
    licenseState: 'unlicensed',
    licenseChangedAt: installation.licenseState === 'unlicensed' ? installation.licenseChangedAt : now,
  };
}

/** Rule 9: a license state needs an active token, and a paid app. */
export function setLicense(input: {
  app: AppRecord;
  installation: InstallationRecord;
  token: AccessTokenRecord | undefined;
  state: LicenseState;
  now: string;
}): InstallationRecord | Refusal {
  const lock = licenseLock({ name: input.app.name, paymentModel: input.app.paymentModel, token: input.token ?? null });
  if (lock) return refuse(409, lock.code, lock.message);
  if (input.state === input.installation.licenseState) return input.installation;
  return { ...input.installation, licenseState: input.state, licenseChangedAt: input.now };
}

/** Rule 7: every site where a removed token is applied shows the app unlicensed. */
export function afterTokenRemoved(installations: InstallationRecord[], now: string): InstallationRecord[] {
  return installations.map((installation) =>
    installation.licenseState === 'unlicensed'
      ? installation
      : { ...installation, licenseState: 'unlicensed', licenseChangedAt: now },
  );
}
