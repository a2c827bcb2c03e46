import type { SiteCache, SiteRecord } from '../cache/site-cache';
import type { SiteHost } from '../domain/identifiers';
import type { ErrorValue, Reply } from '../domain/reply';
import type { SiteApp, SiteView } from '../domain/site-view';
import type { SiteDriver } from './site-driver';

export interface SiteSyncDeps {
  cache: SiteCache;
  /** The site driver to revalidate with, or why there is none (not signed in). */
  driver: (host: SiteHost) => Promise<Reply<SiteDriver>>;
  /** Called when a site's view changed: the apps, or whether the service could be reached. */
  onChange: (view: SiteView) => Promise<void>;
  /** Called when the service says the session is no longer valid. */
  onSessionEnded: () => Promise<void>;
  now: () => Date;
}

const toError = (error: ErrorValue): ErrorValue => ({ code: error.code, message: error.message });

export function toView(host: SiteHost, record: SiteRecord | undefined, problem: ErrorValue | null): SiteView {
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
  const inFlight = new Map<SiteHost, Promise<SiteView>>();
  /** Raised by each command's answer: a revalidation that started before it must not overwrite it. */
  const generations = new Map<SiteHost, number>();
  const generationOf = (host: SiteHost) => generations.get(host) ?? 0;

  /**
   * Runs `work` after every earlier section of `host` has finished. A revalidation's store-and-push
   * and a command's accept are such sections, so their pushes reach the views in the order the
   * cache was written, and an answer is never older than a push sent before it.
   */
  const sections = new Map<SiteHost, Promise<unknown>>();
  function exclusive<T>(host: SiteHost, work: () => Promise<T>): Promise<T> {
    const run = (sections.get(host) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    sections.set(host, settled);
    void settled.then(() => {
      if (sections.get(host) === settled) sections.delete(host);
    });
    return run;
  }

  async function latestView(host: SiteHost): Promise<SiteView> {
    const latest = await deps.cache.get(host);
    return toView(host, latest, latest?.problem ?? null);
  }

  async function fetchAndStore(host: SiteHost): Promise<SiteView> {
    const generation = generationOf(host);
    // Taken before anything is read: a clear meanwhile (a sign-out) drops what this would write.
    const stamp = deps.cache.stamp();
    const cached = await deps.cache.get(host);
    const driver = await deps.driver(host);
    let record: SiteRecord | undefined = cached;
    let problem: ErrorValue | null = null;
    if (!driver.ok) {
      problem = toError(driver.error);
    } else {
      const answer = await driver.data.siteApps(host, cached?.etag);
      const fetchedAt = deps.now().toISOString();
      if (answer.ok && answer.data.modified) {
        record = { host, apps: answer.data.apps.items, etag: answer.data.apps.etag, fetchedAt, problem: null };
      } else if (answer.ok && cached) {
        record = { ...cached, fetchedAt, problem: null };
      } else if (!answer.ok) {
        problem = toError(answer.error);
        if (answer.error.code === 'unauthorized') await deps.onSessionEnded();
      }
    }
    return exclusive(host, async () => {
      // A command's answer arrived meanwhile and is newer than this (its read of the site may even
      // be half before the command, half after); a fresh revalidation follows it.
      if (generationOf(host) !== generation) return latestView(host);
      const before = toView(host, cached, cached?.problem ?? null);
      if (record) {
        record = { ...record, problem };
        // Read for an account that has since signed out (or before the cache was emptied): not kept, not shown.
        if (!(await deps.cache.put(record, stamp))) return latestView(host);
      }
      const after = toView(host, record, problem);
      if (!sameView(before, after)) await deps.onChange(after);
      return after;
    });
  }

  /** One revalidation per site at a time; callers that arrive meanwhile share its answer. */
  function revalidate(host: SiteHost): Promise<SiteView> {
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
     * snapshot, tells the views, and revalidates the whole site behind it. `stamp` (from `stamp()`
     * before the command was sent) drops the answer if the cache was emptied meanwhile.
     */
    async accept(host: SiteHost, installed: SiteApp, stamp?: number): Promise<SiteView> {
      return exclusive(host, async () => {
        generations.set(host, generationOf(host) + 1);
        const cached = await deps.cache.get(host);
        // In place, keeping the service's order; a new app goes last until the revalidation orders it.
        const before = cached?.apps ?? [];
        const apps = before.some((app) => app.appKey === installed.appKey)
          ? before.map((app) => (app.appKey === installed.appKey ? installed : app))
          : [...before, installed];
        const record: SiteRecord = {
          host,
          apps,
          etag: cached?.etag ?? null,
          fetchedAt: deps.now().toISOString(),
          problem: null,
        };
        // The command was sent before the cache was emptied (a sign-out): its answer is not kept.
        if (!(await deps.cache.put(record, stamp))) return latestView(host);
        const view = toView(host, record, null);
        await deps.onChange(view);
        // Revalidate behind it — after any revalidation already under way, whose answer may predate it.
        const running = inFlight.get(host);
        if (running) void running.finally(() => revalidate(host));
        else void revalidate(host);
        return view;
      });
    },
    /** A mark to take before sending a command, for `accept` (the site cache's stamp). */
    stamp: () => deps.cache.stamp(),
    /** The cached view alone, or null when nothing is cached: no revalidation, no service. */
    async cached(host: SiteHost): Promise<SiteView | null> {
      const cached = await deps.cache.get(host);
      return cached ? toView(host, cached, cached.problem) : null;
    },
    /** The cached view at once (revalidating behind it), or, with nothing cached, the service's answer. */
    async view(host: SiteHost): Promise<SiteView> {
      const cached = await deps.cache.get(host);
      if (!cached) return revalidate(host);
      void revalidate(host);
      return toView(host, cached, cached.problem);
    },
  };
}
export type SiteSync = ReturnType<typeof createSiteSync>;
