import type { Result, ServiceClient, ServiceClientError } from '../api/service-client';
import type { SiteCache, SiteRecord } from '../cache/site-cache';
import type { InstalledApp } from '../domain/installed-app';
import type { ErrorValue, SiteView } from '../domain/site-view';

export interface SiteSyncDeps {
  cache: SiteCache;
  client: () => Promise<Result<ServiceClient>>;
  /** Called when a site's view changed: the apps, or whether the service could be reached. */
  onChange: (view: SiteView) => Promise<void>;
  /** Called when the service says the session is no longer valid. */
  onSessionEnded: () => Promise<void>;
  now: () => Date;
}

const toError = (error: ServiceClientError): ErrorValue => ({ code: error.code, message: error.message });

export function toView(host: string, record: SiteRecord | undefined, problem: ErrorValue | null): SiteView {
  return { host, apps: record?.apps ?? [], fetchedAt: record?.fetchedAt ?? null, problem };
}

function sameView(a: SiteView, b: SiteView): boolean {
  return JSON.stringify([a.apps, a.problem]) === JSON.stringify([b.apps, b.problem]);
}

/**
 * Stale-while-revalidate for site snapshots: a view is answered from the cache at once and then
 * revalidated with If-None-Match; the cache changes only from what the service answered.
 */
export function createSiteSync(deps: SiteSyncDeps) {
  const inFlight = new Map<string, Promise<SiteView>>();

  async function fetchAndStore(host: string): Promise<SiteView> {
    const cached = await deps.cache.get(host);
    const before = toView(host, cached, cached?.problem ?? null);
    const client = await deps.client();
    let record: SiteRecord | undefined = cached;
    let problem: ErrorValue | null = null;
    if (!client.ok) {
      problem = toError(client.error);
    } else {
      const answer = await client.value.siteApps(host, cached?.etag);
      const fetchedAt = deps.now().toISOString();
      if (answer.ok && answer.value.modified) {
        record = { host, apps: answer.value.apps.items, etag: answer.value.apps.etag, fetchedAt, problem: null };
      } else if (answer.ok && cached) {
        record = { ...cached, fetchedAt, problem: null };
      } else if (!answer.ok) {
        problem = toError(answer.error);
        if (answer.error.code === 'unauthorized') await deps.onSessionEnded();
      }
    }
    if (record) {
      record = { ...record, problem };
      await deps.cache.put(record);
    }
    const after = toView(host, record, problem);
    if (!sameView(before, after)) await deps.onChange(after);
    return after;
  }

  /** One revalidation per site at a time; callers that arrive meanwhile share its answer. */
  function revalidate(host: string): Promise<SiteView> {
    const running = inFlight.get(host);
    if (running) return running;
    const started = fetchAndStore(host).finally(() => inFlight.delete(host));
    inFlight.set(host, started);
    return started;
  }

  return {
    revalidate,
    /**
     * Takes an installed app exactly as the service answered a command, puts it into the site's
     * snapshot, tells the views, and revalidates the whole site behind it.
     */
    async accept(host: string, installed: InstalledApp): Promise<SiteView> {
      const cached = await deps.cache.get(host);
      const others = (cached?.apps ?? []).filter((app) => app.appKey !== installed.appKey);
      const apps = [...others, installed].sort(
        (a, b) => a.name.localeCompare(b.name) || a.appKey.localeCompare(b.appKey),
      );
      const record: SiteRecord = {
        host,
        apps,
        etag: cached?.etag ?? null,
        fetchedAt: deps.now().toISOString(),
        problem: null,
      };
      await deps.cache.put(record);
      const view = toView(host, record, null);
      await deps.onChange(view);
      void revalidate(host);
      return view;
    },
    /** The cached view at once (revalidating behind it), or, with nothing cached, the service's answer. */
    async view(host: string): Promise<SiteView> {
      const cached = await deps.cache.get(host);
      if (!cached) return revalidate(host);
      void revalidate(host);
      return toView(host, cached, cached.problem);
    },
  };
}
export type SiteSync = ReturnType<typeof createSiteSync>;
