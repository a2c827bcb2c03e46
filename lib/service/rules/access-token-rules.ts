import { hasPrivateListing } from '../../domain/app';
import { buildTokenUrl } from '../../domain/token-url';
import type { AccessTokenRecord } from '../store/access-tokens-repository';
import type { AppRecord, AppVersionRecord } from '../store/apps-repository';
import { type Refusal, refuse } from './refusal';

/** Rule 1: at most this many active tokens per app (removed ones do not count). */
export const TOKEN_LIMIT = 50;

/** Rules 1 and 2: may another token be created for `app` with `activeCount` active already? */
export function checkTokenCreation(app: AppRecord, activeCount: number): Refusal | undefined {
  if (!hasPrivateListing(app)) {
    return refuse(
      409,
      'private_listing_required',
      `${app.name} has no private listing or private version, so it cannot have access tokens.`,
    );
  }
  if (activeCount >= TOKEN_LIMIT) {
    return refuse(
      409,
      'token_limit_reached',
      `${app.name} already has ${TOKEN_LIMIT} active tokens. Remove one to create another.`,
    );
  }
  return undefined;
}

/** A private listing makes every version private (seed 001). */
export function effectiveVisibility(app: AppRecord, version: AppVersionRecord): 'private' | 'public' {
  return app.visibility === 'private' ? 'private' : version.visibility;
}

/** The latest version of each visibility; an app with no versions counts as one version at its own URL. */
export function latestVersions(app: AppRecord): { private?: AppVersionRecord; public?: AppVersionRecord } {
  const versions: AppVersionRecord[] =
    app.versions.length > 0
      ? app.versions
      : [{ version: '1.0.0', visibility: app.visibility, descriptorUrl: app.descriptorUrl, createdAt: app.createdAt }];
  const latest: { private?: AppVersionRecord; public?: AppVersionRecord } = {};
  for (const version of versions) latest[effectiveVisibility(app, version)] = version;
  return latest;
}

/** A token offers an install URL for the latest private and the latest public version, where they exist. */
export function installUrlsFor(app: AppRecord, token: AccessTokenRecord): { private?: string; public?: string } {
  const latest = latestVersions(app);
  return {
    ...(latest.private ? { private: buildTokenUrl(latest.private.descriptorUrl, token.value) } : {}),
    ...(latest.public ? { public: buildTokenUrl(latest.public.descriptorUrl, token.value) } : {}),
  };
}
