import { z } from 'zod/mini';
import { APP_KEY_PATTERN, hasSiteHostLabels, SITE_HOST_MAX_LENGTH } from '../domain/identifier-rules';
import type { AppKey, SiteHost } from '../domain/identifiers';
import type { LicenseState } from '../domain/license-state';
import { LICENSE_STATES } from '../domain/license-state-names';
import type { SiteApp, SiteView } from '../domain/site-view';

/**
 * Reads a site view the background sent by exactly the rules of SiteViewSchema (mini-schemas.ts)
 * — the same checks, the same stripped result — without a schema library's generic machinery,
 * which takes tens of milliseconds over a thousand apps: the overlay reads one on every page load
 * and on every 2-second poll. test/unit/site-view-reader.test.ts holds the two to the same answers.
 * Returns undefined for anything SiteViewSchema refuses.
 */
export const SiteViewReader = {
  safeParse(value: unknown): { success: true; data: SiteView } | { success: false } {
    const data = readSiteView(value);
    return data ? { success: true, data } : { success: false };
  },
};

/** z.iso.datetime()'s own pattern (no offset, any precision), taken from such a schema. */
const DATETIME = z.iso.datetime()._zod.def.pattern ?? /(?!)/;
const STATES: ReadonlySet<unknown> = new Set(LICENSE_STATES);

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isDatetimeOrNull = (value: unknown): value is string | null =>
  value === null || (isString(value) && DATETIME.test(value));

/** Stands for "refused" inside the readers below. */
const NO = Symbol('refused');

function readApp(value: unknown): SiteApp | typeof NO {
  if (!isObject(value)) return NO;
  const { appKey, name, paymentModel, installedAt, token, license, lic } = value;
  if (!isString(appKey) || !APP_KEY_PATTERN.test(appKey) || !isString(name)) return NO;
  if (paymentModel !== 'free' && paymentModel !== 'paid') return NO;
  if (!isDatetimeOrNull(installedAt)) return NO;
  let readToken: SiteApp['token'] = null;
  if (token !== null) {
    if (!isObject(token)) return NO;
    const { id, last4, appliedAt, status } = token;
    if (!isString(id) || !isString(last4) || last4.length !== 4 || !isDatetimeOrNull(appliedAt)) return NO;
    if (status !== 'active' && status !== 'removed') return NO;
    readToken = { id, last4, appliedAt, status };
  }
  if (!isObject(license) || !STATES.has(license.state) || !isDatetimeOrNull(license.changedAt)) return NO;
  if (lic !== 'active' && lic !== 'none') return NO;
  return {
    appKey: appKey as AppKey,
    name,
    paymentModel,
    installedAt,
    token: readToken,
    license: { state: license.state as LicenseState, changedAt: license.changedAt },
    lic,
  };
}

function readSiteView(value: unknown): SiteView | undefined {
  if (!isObject(value)) return undefined;
  const { host, apps, fetchedAt, problem } = value;
  if (!isString(host) || host.length > SITE_HOST_MAX_LENGTH || !hasSiteHostLabels(host)) return undefined;
  if (!Array.isArray(apps) || !isDatetimeOrNull(fetchedAt)) return undefined;
  let readProblem: SiteView['problem'] = null;
  if (problem !== null) {
    if (!isObject(problem) || !isString(problem.code) || !isString(problem.message)) return undefined;
    readProblem = { code: problem.code, message: problem.message };
  }
  const read: SiteApp[] = new Array(apps.length);
  for (let index = 0; index < apps.length; index++) {
    const app = readApp(apps[index]);
    if (app === NO) return undefined;
    read[index] = app;
  }
  return { host: host as SiteHost, apps: read, fetchedAt, problem: readProblem };
}
