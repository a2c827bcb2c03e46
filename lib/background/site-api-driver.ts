import { z } from 'zod';
import { SENTENCES } from '../domain/error-sentences';
import { type AppKey, AppKeySchema } from '../domain/identifiers';
import type { PaymentModel } from '../domain/installed-app';
import {
  LICENSE_STATE_WIRE_VALUES,
  type LicenseState,
  licenseStateFromWireValue,
  licFor,
} from '../domain/license-state';
import { failWith, ok, type Reply } from '../domain/reply';
import type { SiteApp } from '../domain/site-view';
import type { SiteApiAnswer } from '../messaging/site-api-protocol';
import type { SiteApiCaller } from './site-api';
import type { SiteDriver } from './site-driver';

/** UPM's access-token resource (`license-tokens`): the full value, as the product shows it. */
const LicenseTokenSchema = z.object({
  pluginKey: z.string(),
  token: z.string(),
  state: z.string(),
  valid: z.boolean(),
});
const LicenseTokenListSchema = z.object({ tokens: z.array(LicenseTokenSchema) });
/** UPM's plugin list: which apps the site has (user-installed, and its own system apps). */
const PluginListSchema = z.object({
  plugins: z.array(z.object({ key: z.string(), name: z.string(), userInstalled: z.boolean() })),
});
type Plugin = { key: AppKey; name: string };
/** The vendor's apps (the service's `GET /apps`): whether each is paid. */
export type VendorCatalog = () => Promise<Reply<{ items: readonly { key: string; paymentModel: PaymentModel }[] }>>;
/** The version tag's service part when the service does not know the site. */
const UNKNOWN_SITE = 'unknown-site';
/** An install task as UPM reports it: started (`links.self`), then its status while it runs. */
const InstallStartedSchema = z.object({ links: z.object({ self: z.string() }) });
const InstallStatusSchema = z.object({
  status: z.object({ done: z.boolean(), subCode: z.string().optional(), errorMessage: z.string().optional() }),
});
const TASK_POLLS = 40;
const TASK_POLL_MS = 250;
/** How the product's REST API refuses: `{subCode, message}`. */
const RefusalSchema = z.object({ subCode: z.string(), message: z.string() });

const tokenPath = (appKey: string) => `rest/plugins/1.0/license-tokens/${encodeURIComponent(appKey)}-key`;
const JSON_TYPE = 'application/vnd.atl.plugins+json' as const;

function parsed<T>(schema: z.ZodType<T>, body: string): T | undefined {
  try {
    const value = schema.safeParse(JSON.parse(body));
    return value.success ? value.data : undefined;
  } catch {
    return undefined;
  }
}

/** A refusal in the site's words, by its code; a session the site no longer has says so. */
function refused(answer: SiteApiAnswer): Reply<never> {
  const refusal = parsed(RefusalSchema, answer.body);
  if (refusal) return failWith(refusal.subCode, refusal.message);
  if (answer.status === 0)
    return failWith('site_unreachable', 'The site cannot be reached right now: what is shown may be out of date.');
  if (answer.status === 401)
    return failWith('site_signed_out', 'You are signed out of this site: sign in on the page, then try again.');
  return failWith('site_refused', `The site answered ${answer.status || 'nothing'} to Token Lens’s request.`);
}

/**
 * The site's own REST API (UPM's `license-tokens`) as the site driver for what a page's
 * controls change: the license state, applying and clearing a token — with the person's session
 * on that site, through the page's content script. What the site then holds is read back through
 * `readBack` (the token service's site API, for now: it knows the Marketplace side too).
 * Full token values pass through here on their way to the site, and are never stored.
 * `catalog` (the vendor's own apps) says whether an app the service never recorded here is paid.
 */
export function siteApiDriver(call: SiteApiCaller, readBack: SiteDriver, catalog?: VendorCatalog): SiteDriver {
  /** Reads one of the site's own resources; a refusal, or an answer it cannot read, as an error. */
  async function read<T>(path: string, schema: z.ZodType<T>): Promise<Reply<T>> {
    const answer = await call({ method: 'GET', path });
    if (!answer.ok) return answer;
    if (answer.data.status !== 200) return refused(answer.data);
    const value = parsed(schema, answer.data.body);
    return value ? ok(value) : failWith('site_refused', 'The site’s answer could not be read.');
  }

  async function after(host: string, appKey: string, change: Promise<Reply<SiteApiAnswer>>): Promise<Reply<SiteApp>> {
    const answer = await change;
    if (!answer.ok) return answer;
    if (answer.data.status < 200 || answer.data.status >= 300) return refused(answer.data);
    return installedApp(host, appKey);
  }

  /** The app as the site now holds it, read back. */
  async function installedApp(host: string, appKey: string): Promise<Reply<SiteApp>> {
    // Read back as this driver reads: what the site says, over what the service recorded.
    const apps = await driver.siteApps(host);
    if (!apps.ok) return apps;
    const app = apps.data.modified ? apps.data.apps.items.find((item) => item.appKey === appKey) : undefined;
    return app ? ok(app) : failWith('app_not_installed', 'The app is no longer installed on this site.');
  }

  /** The vendor's apps' payment models; none when the service cannot say (then the site's view alone). */
  async function paymentModels(): Promise<Map<string, PaymentModel>> {
    const apps = catalog ? await catalog() : null;
    return new Map(apps?.ok ? apps.data.items.map((app) => [app.key, app.paymentModel]) : []);
  }

  const post = (appKey: string, token: string, state: LicenseState) =>
    call({
      method: 'POST',
      path: 'rest/plugins/1.0/license-tokens',
      contentType: JSON_TYPE,
      body: JSON.stringify({ pluginKey: appKey, token, state: LICENSE_STATE_WIRE_VALUES[state] }),
    });

  const driver: SiteDriver = {
    /**
     * What the site holds, as the site says: which of the apps are installed, each one's token
     * (its last four characters, and whether it is still valid) and license state. The service's
     * record gives the rest (payment model, ids, since when). The version tag joins the service's
     * and a digest of the site's answer (last four characters only: no value is kept).
     */
    async siteApps(host, etag) {
      const [plugins, tokens] = await Promise.all([
        read('rest/plugins/1.0/', PluginListSchema),
        read('rest/plugins/1.0/license-tokens', LicenseTokenListSchema),
      ]);
      if (!plugins.ok) return plugins;
      if (!tokens.ok) return tokens;
      // The user-installed apps, with keys of the form an app key has (anything else is left out).
      const installed: Plugin[] = plugins.data.plugins.flatMap((plugin) => {
        const key = AppKeySchema.safeParse(plugin.key);
        return plugin.userInstalled && key.success ? [{ key: key.data, name: plugin.name }] : [];
      });
      const onSite = new Map(tokens.data.tokens.map((token) => [token.pluginKey, token]));
      const digest = [
        installed
          .map((plugin) => `${plugin.key}=${plugin.name}`)
          .sort()
          .join(','),
        [...onSite.values()]
          .map((token) => `${token.pluginKey}:${token.token.slice(-4)}:${token.state}:${token.valid}`)
          .sort()
          .join(','),
      ].join(';');
      const [serviceTag, siteTag] = (etag ?? '').split('|site:');
      const siteUnchanged = siteTag === digest;
      const service = await readBack.siteApps(
        host,
        siteUnchanged && serviceTag !== UNKNOWN_SITE ? serviceTag || null : null,
      );
      // A site the service has never heard of is shown as the site alone says it.
      const unknownSite = !service.ok && service.error.code === 'site_not_found';
      if (!service.ok && !unknownSite) return service;
      if (service.ok && !service.data.modified) return ok({ modified: false });
      if (unknownSite && siteUnchanged && serviceTag === UNKNOWN_SITE) return ok({ modified: false });
      const recorded = new Map(
        (service.ok && service.data.modified ? service.data.apps.items : []).map((app) => [app.appKey, app]),
      );
      // Only asked when an app is new to the service here: the site's API does not say who pays.
      const models = installed.some((plugin) => !recorded.has(plugin.key)) ? await paymentModels() : new Map();
      const items = installed.map((plugin) => {
        const app = recorded.get(plugin.key);
        const token = onSite.get(plugin.key);
        return app ? asTheSiteSays(app, token) : unrecordedApp(plugin, token, models.get(plugin.key));
      });
      const tag = service.ok && service.data.modified ? service.data.apps.etag : UNKNOWN_SITE;
      return ok({ modified: true, apps: { items, etag: `${tag}|site:${digest}` } });
    },
    /**
     * UPM's install from a token URL: the `upm-token` the plugin list carries, the install POST
     * with it, then the task polled until it points at the installed app or says why not.
     */
    async installFromUrl(host, installUrl) {
      const head = await call({ method: 'HEAD', path: 'rest/plugins/1.0/' });
      if (!head.ok) return head;
      if (head.data.status !== 200 || !head.data.upmToken) return refused(head.data);
      const started = await call({
        method: 'POST',
        path: `rest/plugins/1.0/?token=${encodeURIComponent(head.data.upmToken)}`,
        contentType: 'application/vnd.atl.plugins.remote.install+json',
        body: JSON.stringify({ pluginUri: installUrl }),
      });
      if (!started.ok) return started;
      if (started.data.status !== 202) return refused(started.data);
      const self = parsed(InstallStartedSchema, started.data.body)?.links.self ?? '';
      const taskId = /rest\/plugins\/1\.0\/pending\/([A-Za-z0-9_~-]+)/.exec(self)?.[1];
      if (!taskId) return failWith('site_refused', 'The site did not say where to follow the install.');
      for (let poll = 0; poll < TASK_POLLS; poll++) {
        const task = await call({ method: 'GET', path: `rest/plugins/1.0/pending/${taskId}` });
        if (!task.ok) return task;
        // Done: the task redirected to the installed app (`…/{appKey}-key`).
        const done = /rest\/plugins\/1\.0\/([^/]+)-key$/.exec(
          task.data.location ? new URL(task.data.location).pathname : '',
        );
        if (done?.[1]) return installedApp(host, decodeURIComponent(done[1]));
        if (task.data.status !== 200) return refused(task.data);
        const status = parsed(InstallStatusSchema, task.data.body)?.status;
        if (status?.done) {
          return failWith(status.subCode ?? 'site_refused', status.errorMessage ?? 'The site did not install the app.');
        }
        await new Promise((resolve) => setTimeout(resolve, TASK_POLL_MS));
      }
      return failWith('install_still_running', 'The site is still installing the app: reload the page in a moment.');
    },

    async setLicense(host, appKey, state) {
      const current = await call({ method: 'GET', path: tokenPath(appKey) });
      if (!current.ok) return current;
      if (current.data.status === 404) return failWith('license_requires_token', SENTENCES.license_requires_token);
      const token = current.data.status === 200 ? parsed(LicenseTokenSchema, current.data.body) : undefined;
      if (!token) return refused(current.data);
      return after(host, appKey, post(appKey, token.token, state));
    },

    async applyToken(host, appKey, token, licenseState) {
      // The site's API always names a state: a paid app starts as the service's rule 9 says, a free one has none.
      const apps = licenseState ? null : await readBack.siteApps(host);
      const app =
        apps?.ok && apps.data.modified ? apps.data.apps.items.find((item) => item.appKey === appKey) : undefined;
      const state = licenseState ?? (app?.paymentModel === 'free' ? 'unlicensed' : 'active-subscription');
      return after(host, appKey, post(appKey, token, state));
    },

    clearToken: (host, appKey) => after(host, appKey, call({ method: 'DELETE', path: tokenPath(appKey) })),
  };
  return driver;
}

/** One app as the service recorded it, corrected by what the site holds of its token and state. */
function asTheSiteSays(app: SiteApp, onSite: z.infer<typeof LicenseTokenSchema> | undefined): SiteApp {
  if (!onSite)
    return app.token ? { ...app, token: null, license: { ...app.license, state: 'unlicensed' }, lic: 'none' } : app;
  const last4 = onSite.token.slice(-4);
  const status = onSite.valid ? ('active' as const) : ('removed' as const);
  const state = licenseStateFromWireValue(onSite.state) ?? app.license.state;
  const sameToken = app.token?.last4 === last4;
  return {
    ...app,
    // A token the service does not know on this app here has no id of the service's.
    token: {
      id: sameToken ? (app.token?.id ?? '') : '',
      last4,
      appliedAt: app.token?.appliedAt ?? app.installedAt,
      status,
    },
    license: state === app.license.state ? app.license : { state, changedAt: app.license.changedAt },
    // As the service derives it (licFor), so that the two drivers never disagree on the same facts.
    lic: licFor(state),
  };
}

/**
 * An app the site has that the service has never recorded there: only what the site says —
 * its name, its token's last four characters and state — and no "since when". Whether it is paid
 * comes from the vendor's listing of it (`listed`).
 */
function unrecordedApp(
  plugin: Plugin,
  onSite: z.infer<typeof LicenseTokenSchema> | undefined,
  listed: PaymentModel | undefined,
): SiteApp {
  // A free app has no license state, whatever the site's token resource says.
  const paymentModel = listed ?? 'paid';
  const state = (paymentModel === 'paid' && onSite && licenseStateFromWireValue(onSite.state)) || 'unlicensed';
  return {
    appKey: plugin.key,
    name: plugin.name,
    // Not one of the vendor's listings: the site's API does not say whether it is paid, so it is
    // shown as a paid app would be (its token and state as the site holds them).
    paymentModel,
    installedAt: null,
    token: onSite
      ? { id: '', last4: onSite.token.slice(-4), appliedAt: null, status: onSite.valid ? 'active' : 'removed' }
      : null,
    license: { state, changedAt: null },
    lic: licFor(state),
  };
}
