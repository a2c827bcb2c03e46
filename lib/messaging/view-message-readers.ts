import { APP_KEY_PATTERN, hasSiteHostLabels, SITE_HOST_MAX_LENGTH } from '../domain/identifier-rules';
import type { AppKey, SiteHost } from '../domain/identifiers';
import type { LicenseState } from '../domain/license-state';
import { LICENSE_STATES } from '../domain/license-state-names';
import type { ErrorValue } from '../domain/reply-values';
import type { SiteApp, SiteView } from '../domain/site-view';
import { DATETIME, hasFourCharacters, isObject, isString } from './reader-basics';
import type { Push } from './view-messages';

/**
 * Reads a site view the background sent by exactly the rules of SiteViewSchema (mini-schemas.ts)
 * — the same checks, the same stripped result — without a schema library's generic machinery,
 * which takes tens of milliseconds over a thousand apps: the overlay reads one on every page load
 * and on every 2-second poll (and the schema's bytes are the largest in the content script).
 * test/unit/view-message-readers.test.ts holds the readers to the same answers as the schemas.
 */
export const SiteViewReader = {
  safeParse(value: unknown): Read<SiteView> {
    const data = readSiteView(value);
    return data ? { success: true, data } : REFUSED;
  },
};

/** `z.nullable(SiteViewSchema)`: the early question's answer is null when nothing is cached. */
export const SiteViewOrNullReader = {
  safeParse(value: unknown): Read<SiteView | null> {
    return value === null ? { success: true, data: null } : SiteViewReader.safeParse(value);
  },
};

/** PushSchema (view-messages.ts): a site's new view, or the session changed; each a strict object. */
export const PushReader = {
  safeParse(value: unknown): Read<Push> {
    if (!isObject(value)) return REFUSED;
    const keys = Object.keys(value).length;
    if (value.type === 'session.changed' && keys === 1) return { success: true, data: { type: 'session.changed' } };
    if (value.type !== 'site.changed' || keys !== 2 || !('view' in value)) return REFUSED;
    const view = readSiteView(value.view);
    return view ? { success: true, data: { type: 'site.changed', view } } : REFUSED;
  },
};

/** ReplyEnvelopeSchema (view-messages.ts): an answer's data (not yet checked), or an error value. */
export const ReplyEnvelopeReader = {
  safeParse(value: unknown): Read<{ ok: true; data: unknown } | { ok: false; error: ErrorValue }> {
    if (!isObject(value)) return REFUSED;
    // As z.object does, a key whose schema accepts undefined must still be there.
    if (value.ok === true) return 'data' in value ? { success: true, data: { ok: true, data: value.data } } : REFUSED;
    const { error } = value;
    if (value.ok !== false || !isObject(error) || !isString(error.code) || !isString(error.message)) return REFUSED;
    return { success: true, data: { ok: false, error: { code: error.code, message: error.message } } };
  },
};

type Read<T> = { success: true; data: T } | { success: false };
const REFUSED = { success: false } as const;

const STATES: ReadonlySet<unknown> = new Set(LICENSE_STATES);

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
    if (!isString(id) || !isString(last4) || !hasFourCharacters(last4) || !isDatetimeOrNull(appliedAt)) return NO;
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
