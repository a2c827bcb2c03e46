import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceClient, SiteAppsAnswer } from '../../lib/api/service-client';
import { createSiteSync } from '../../lib/background/site-sync';
import { openCacheDb } from '../../lib/cache/cache-db';
import { createSiteCache, type SiteCache, type SiteRecord } from '../../lib/cache/site-cache';
import type { InstalledApp } from '../../lib/domain/installed-app';
import type { Reply } from '../../lib/domain/reply';
import type { SiteView } from '../../lib/domain/site-view';
import { appKey, siteHost } from '../support/identifiers';

const HOST = siteHost('acme-dev.atlassian.net');
const OTHER = siteHost('acme-staging.atlassian.net');
const EARLIER = '2025-02-03T10:00:00.000Z';
const NOW = new Date('2025-02-03T10:05:00.000Z');

const app = (key: string, name: string, overrides: Partial<InstalledApp> = {}): InstalledApp => ({
  appKey: appKey(key),
  name,
  paymentModel: 'paid',
  installedAt: EARLIER,
  token: { id: `tok-${key}`, last4: 'Ab12', appliedAt: EARLIER, status: 'active' },
  license: { state: 'active-trial', changedAt: EARLIER },
  lic: 'active',
  ...overrides,
});

const TIMESHEETS = app('com.acme.timesheets', 'Acme Timesheets');
const REPORTS = app('com.acme.reports', 'Acme Reports', {
  license: { state: 'active-subscription', changedAt: EARLIER },
});

const cachedRecord = (overrides: Partial<SiteRecord> = {}): SiteRecord => ({
  host: HOST,
  apps: [TIMESHEETS],
  etag: '"v1"',
  fetchedAt: EARLIER,
  problem: null,
  ...overrides,
});

const modified = (apps: InstalledApp[], etag: string): Reply<SiteAppsAnswer> => ({
  ok: true,
  data: { modified: true, apps: { items: apps, etag } },
});
const notModified: Reply<SiteAppsAnswer> = { ok: true, data: { modified: false } };
const failure = (code: string, message: string): Reply<SiteAppsAnswer> => ({
  ok: false,
  error: { code: code, message: message },
});
const UNREACHABLE = failure(
  'service_unreachable',
  'The Token Lens service at http://127.0.0.1:4747 cannot be reached.',
);

/** A promise the test resolves when it chooses, to hold a request in flight. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function setUp(cache: SiteCache) {
  const siteApps = vi.fn(
    async (_host: string, _etag?: string | null): Promise<Reply<SiteAppsAnswer>> => modified([TIMESHEETS], '"v1"'),
  );
  const client = { siteApps } as unknown as ServiceClient;
  const clientResult = vi.fn(async (): Promise<Reply<ServiceClient>> => ({ ok: true, data: client }));
  const onChange = vi.fn(async (_view: SiteView) => undefined);
  const onSessionEnded = vi.fn(async () => undefined);
  const sync = createSiteSync({ cache, driver: clientResult, onChange, onSessionEnded, now: () => NOW });
  return { sync, siteApps, clientResult, onChange, onSessionEnded };
}

describe('createSiteSync', () => {
  let cache: SiteCache;
  let t: ReturnType<typeof setUp>;

  beforeEach(() => {
    cache = createSiteCache(openCacheDb(), () => NOW);
    t = setUp(cache);
  });

  describe('with nothing cached', () => {
    it('view() fetches, stores and answers the service’s apps', async () => {
      t.siteApps.mockResolvedValueOnce(modified([TIMESHEETS, REPORTS], '"v2"'));
      const view = await t.sync.view(HOST);
      expect(view).toEqual({ host: HOST, apps: [TIMESHEETS, REPORTS], fetchedAt: NOW.toISOString(), problem: null });
      expect(t.siteApps).toHaveBeenCalledTimes(1);
      expect(t.siteApps).toHaveBeenCalledWith(HOST, undefined);
      await expect(cache.get(HOST)).resolves.toEqual({
        host: HOST,
        apps: [TIMESHEETS, REPORTS],
        etag: '"v2"',
        fetchedAt: NOW.toISOString(),
        problem: null,
      });
      expect(t.onChange).toHaveBeenCalledTimes(1);
      expect(t.onChange).toHaveBeenCalledWith(view);
    });

    it('answers an empty view with the problem, and stores nothing, when the service cannot be reached', async () => {
      t.siteApps.mockResolvedValueOnce(UNREACHABLE);
      const view = await t.sync.view(HOST);
      expect(view).toEqual({
        host: HOST,
        apps: [],
        fetchedAt: null,
        problem: { code: 'service_unreachable', message: expect.stringContaining('cannot be reached') },
      });
      await expect(cache.get(HOST)).resolves.toBeUndefined();
    });

    it('answers the sign-in problem without asking the service when there is no session', async () => {
      t.clientResult.mockResolvedValueOnce({
        ok: false,
        error: { code: 'not_signed_in', message: 'Sign in to the Token Lens service.' },
      });
      const view = await t.sync.view(HOST);
      expect(view.problem).toEqual({ code: 'not_signed_in', message: 'Sign in to the Token Lens service.' });
      expect(t.siteApps).not.toHaveBeenCalled();
      expect(t.onSessionEnded).not.toHaveBeenCalled();
    });

    it('cached() answers null without asking the service', async () => {
      await expect(t.sync.cached(HOST)).resolves.toBeNull();
      expect(t.clientResult).not.toHaveBeenCalled();
      expect(t.siteApps).not.toHaveBeenCalled();
    });

    it('never writes one site’s answer under another site', async () => {
      t.siteApps.mockImplementation(async (host) => modified(host === HOST ? [TIMESHEETS] : [REPORTS], `"${host}"`));
      await t.sync.view(HOST);
      await t.sync.view(OTHER);
      expect((await cache.get(HOST))?.apps).toEqual([TIMESHEETS]);
      expect((await cache.get(OTHER))?.apps).toEqual([REPORTS]);
    });
  });

  describe('with a cached snapshot', () => {
    beforeEach(async () => {
      await cache.put(cachedRecord());
    });

    it('view() answers from the cache at once, while the revalidation is still in flight', async () => {
      const answer = deferred<Reply<SiteAppsAnswer>>();
      t.siteApps.mockReturnValueOnce(answer.promise);
      const view = await t.sync.view(HOST);
      expect(view).toEqual({ host: HOST, apps: [TIMESHEETS], fetchedAt: EARLIER, problem: null });
      expect(t.onChange).not.toHaveBeenCalled();
      // The revalidation started behind the answer; joining it shows it asked with the cached ETag.
      answer.resolve(notModified);
      await t.sync.revalidate(HOST);
      expect(t.siteApps).toHaveBeenCalledTimes(1);
      expect(t.siteApps).toHaveBeenCalledWith(HOST, '"v1"');
    });

    // Review finding: a revalidation under way when the person signed out wrote its snapshot back
    // (its answer, or, when the service failed, what it had read before).
    it.each([
      ['answers', modified([TIMESHEETS, REPORTS], '"v2"')],
      ['fails', UNREACHABLE],
    ])(
      'a revalidation whose service %s after the cache was emptied (a sign-out) neither stores nor shows anything',
      async (_how, reply) => {
        const answer = deferred<Reply<SiteAppsAnswer>>();
        t.siteApps.mockReturnValueOnce(answer.promise);
        const revalidation = t.sync.revalidate(HOST);
        // Let it read the cache and ask the service before the cache is emptied.
        await vi.waitFor(() => expect(t.siteApps).toHaveBeenCalledTimes(1));
        await cache.clear();
        answer.resolve(reply);
        await expect(revalidation).resolves.toEqual({ host: HOST, apps: [], fetchedAt: null, problem: null });
        await expect(cache.get(HOST)).resolves.toBeUndefined();
        expect(t.onChange).not.toHaveBeenCalled();
      },
    );

    it('cached() answers the snapshot and starts no revalidation (a page asks it before it can relay its site’s API)', async () => {
      await expect(t.sync.cached(HOST)).resolves.toEqual({
        host: HOST,
        apps: [TIMESHEETS],
        fetchedAt: EARLIER,
        problem: null,
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(t.clientResult).not.toHaveBeenCalled();
      expect(t.siteApps).not.toHaveBeenCalled();
    });

    it('revalidates behind the cached answer and reports the new apps through onChange', async () => {
      const answer = deferred<Reply<SiteAppsAnswer>>();
      t.siteApps.mockReturnValueOnce(answer.promise);
      await t.sync.view(HOST);
      // The background revalidation is in flight: revalidate() joins it rather than fetching again.
      const behind = t.sync.revalidate(HOST);
      answer.resolve(modified([TIMESHEETS, REPORTS], '"v2"'));
      const after = await behind;
      expect(t.siteApps).toHaveBeenCalledTimes(1);
      expect(after).toEqual({ host: HOST, apps: [TIMESHEETS, REPORTS], fetchedAt: NOW.toISOString(), problem: null });
      expect(t.onChange).toHaveBeenCalledTimes(1);
      expect(t.onChange).toHaveBeenCalledWith(after);
      await expect(cache.get(HOST)).resolves.toMatchObject({ apps: [TIMESHEETS, REPORTS], etag: '"v2"' });
    });

    it('a 304 keeps the apps and ETag, refreshes fetchedAt, and calls no onChange when nothing changed', async () => {
      t.siteApps.mockResolvedValueOnce(notModified);
      const view = await t.sync.revalidate(HOST);
      expect(view).toEqual({ host: HOST, apps: [TIMESHEETS], fetchedAt: NOW.toISOString(), problem: null });
      await expect(cache.get(HOST)).resolves.toEqual(cachedRecord({ fetchedAt: NOW.toISOString() }));
      expect(t.onChange).not.toHaveBeenCalled();
    });

    it('a 304 after a failure clears the problem and tells the views', async () => {
      await cache.put(cachedRecord({ problem: { code: 'service_unreachable', message: 'down' } }));
      t.siteApps.mockResolvedValueOnce(notModified);
      const view = await t.sync.revalidate(HOST);
      expect(view.problem).toBeNull();
      expect(view.apps).toEqual([TIMESHEETS]);
      expect((await cache.get(HOST))?.problem).toBeNull();
      expect(t.onChange).toHaveBeenCalledTimes(1);
      expect(t.onChange).toHaveBeenCalledWith(view);
    });

    it('a 200 with the same apps calls no onChange', async () => {
      t.siteApps.mockResolvedValueOnce(modified([TIMESHEETS], '"v1b"'));
      await t.sync.revalidate(HOST);
      expect(t.onChange).not.toHaveBeenCalled();
      expect((await cache.get(HOST))?.etag).toBe('"v1b"');
    });

    it('a failure keeps the cached apps, records the problem, and tells the views', async () => {
      t.siteApps.mockResolvedValueOnce(UNREACHABLE);
      const view = await t.sync.revalidate(HOST);
      const problem = { code: 'service_unreachable', message: expect.stringContaining('cannot be reached') };
      expect(view).toEqual({ host: HOST, apps: [TIMESHEETS], fetchedAt: EARLIER, problem });
      await expect(cache.get(HOST)).resolves.toEqual(cachedRecord({ problem }));
      expect(t.onChange).toHaveBeenCalledTimes(1);
      expect(t.onChange).toHaveBeenCalledWith(view);
      expect(t.onSessionEnded).not.toHaveBeenCalled();
    });

    it('a second identical failure does not call onChange again', async () => {
      t.siteApps.mockResolvedValue(UNREACHABLE);
      await t.sync.revalidate(HOST);
      await t.sync.revalidate(HOST);
      expect(t.siteApps).toHaveBeenCalledTimes(2);
      expect(t.onChange).toHaveBeenCalledTimes(1);
    });

    it('view() shows a recorded problem from the cache', async () => {
      await cache.put(cachedRecord({ problem: { code: 'timeout', message: 'slow' } }));
      t.siteApps.mockResolvedValueOnce(failure('timeout', 'slow'));
      const view = await t.sync.view(HOST);
      expect(view.problem).toEqual({ code: 'timeout', message: 'slow' });
      expect(view.apps).toEqual([TIMESHEETS]);
      await t.sync.revalidate(HOST);
    });

    it('“unauthorized” ends the session, keeps the cached apps and marks them with the problem', async () => {
      t.siteApps.mockResolvedValueOnce(failure('unauthorized', 'Your session with the Token Lens service has ended.'));
      const view = await t.sync.revalidate(HOST);
      expect(t.onSessionEnded).toHaveBeenCalledTimes(1);
      expect(view.problem?.code).toBe('unauthorized');
      expect(view.apps).toEqual([TIMESHEETS]);
    });

    it('other failures do not end the session', async () => {
      for (const code of [
        'timeout',
        'service_unreachable',
        'site_not_found',
        'insufficient_scope',
        'unexpected_answer',
      ]) {
        t.siteApps.mockResolvedValueOnce(failure(code, code));
        await t.sync.revalidate(HOST);
      }
      expect(t.onSessionEnded).not.toHaveBeenCalled();
    });

    it('concurrent revalidations of one site share one fetch and one answer', async () => {
      const answer = deferred<Reply<SiteAppsAnswer>>();
      t.siteApps.mockReturnValueOnce(answer.promise);
      const calls = [t.sync.revalidate(HOST), t.sync.revalidate(HOST), t.sync.revalidate(HOST)];
      expect(calls[1]).toBe(calls[0]);
      expect(calls[2]).toBe(calls[0]);
      answer.resolve(modified([REPORTS], '"v3"'));
      const views = await Promise.all(calls);
      expect(t.siteApps).toHaveBeenCalledTimes(1);
      expect(views[1]).toBe(views[0]);
      expect(t.onChange).toHaveBeenCalledTimes(1);
    });

    it('fetches again once the previous revalidation has finished', async () => {
      t.siteApps.mockResolvedValue(notModified);
      await t.sync.revalidate(HOST);
      await t.sync.revalidate(HOST);
      expect(t.siteApps).toHaveBeenCalledTimes(2);
    });

    it('revalidations of two sites run side by side', async () => {
      await cache.put({ ...cachedRecord(), host: OTHER });
      const first = deferred<Reply<SiteAppsAnswer>>();
      const second = deferred<Reply<SiteAppsAnswer>>();
      t.siteApps.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
      const a = t.sync.revalidate(HOST);
      const b = t.sync.revalidate(OTHER);
      expect(b).not.toBe(a);
      second.resolve(notModified);
      first.resolve(notModified);
      await Promise.all([a, b]);
      expect(t.siteApps.mock.calls.map(([host]) => host).sort()).toEqual([HOST, OTHER]);
    });
  });

  it('a command accepted while a revalidation’s push is being delivered is pushed after that revalidation answered (regression: the page kept a stale state)', async () => {
    await cache.put(cachedRecord());
    // Read half before the switch (the site: still a trial), half after (the service's record):
    // it differs from the cache, so it is pushed; that push is slow to reach the views.
    const halfOld = { ...TIMESHEETS, license: { state: 'active-trial' as const, changedAt: NOW.toISOString() } };
    const switched = { ...TIMESHEETS, license: { state: 'inactive-trial' as const, changedAt: NOW.toISOString() } };
    t.siteApps.mockResolvedValueOnce(modified([halfOld], '"v2"')).mockResolvedValue(modified([switched], '"v3"'));
    const delivery = deferred<undefined>();
    const seen: string[] = [];
    t.onChange.mockImplementation(async (view) => {
      seen.push(`push ${view.apps[0]?.license.state}`);
      if (seen.length === 1) await delivery.promise;
    });
    const answer = t.sync.revalidate(HOST).then((view) => seen.push(`answer ${view.apps[0]?.license.state}`));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const accepted = t.sync.accept(HOST, switched);
    await new Promise((resolve) => setTimeout(resolve, 20));
    delivery.resolve(undefined);
    await expect(accepted).resolves.toMatchObject({ apps: [switched] });
    await answer;
    // The page shows the revalidation's answer when it comes: the command's view must come after it,
    // or the page is left showing the older state until its next poll.
    expect(seen).toEqual(['push active-trial', 'answer active-trial', 'push inactive-trial']);
    await vi.waitFor(() => expect(t.siteApps).toHaveBeenCalledTimes(2));
    await t.sync.revalidate(HOST);
    expect((await cache.get(HOST))?.apps).toEqual([switched]);
  });

  it('a revalidation that comes to store after a command was accepted answers the command’s view and pushes nothing', async () => {
    await cache.put(cachedRecord());
    const halfOld = { ...TIMESHEETS, license: { state: 'active-trial' as const, changedAt: NOW.toISOString() } };
    const switched = { ...TIMESHEETS, license: { state: 'inactive-trial' as const, changedAt: NOW.toISOString() } };
    const read = deferred<Reply<SiteAppsAnswer>>();
    t.siteApps.mockReturnValueOnce(read.promise).mockResolvedValue(modified([switched], '"v3"'));
    const answer = t.sync.revalidate(HOST);
    await vi.waitFor(() => expect(t.siteApps).toHaveBeenCalledTimes(1));
    await t.sync.accept(HOST, switched);
    read.resolve(modified([halfOld], '"v2"'));
    await expect(answer).resolves.toMatchObject({ apps: [switched] });
    expect(t.onChange.mock.calls.map(([view]) => view.apps[0]?.license.state)).toEqual(['inactive-trial']);
    expect((await cache.get(HOST))?.apps).toEqual([switched]);
  });

  it('does not keep a command’s answer when the cache was emptied after the command was sent (a sign-out)', async () => {
    await cache.put(cachedRecord());
    const switched = { ...TIMESHEETS, license: { state: 'inactive-trial' as const, changedAt: NOW.toISOString() } };
    const sent = t.sync.stamp();
    await cache.clear();
    await expect(t.sync.accept(HOST, switched, sent)).resolves.toEqual({
      host: HOST,
      apps: [],
      fetchedAt: null,
      problem: null,
    });
    await expect(cache.get(HOST)).resolves.toBeUndefined();
    expect(t.onChange).not.toHaveBeenCalled();
    expect(t.siteApps).not.toHaveBeenCalled();
    // Stamped after the clear, the same answer is kept.
    await t.sync.accept(HOST, switched, t.sync.stamp());
    expect((await cache.get(HOST))?.apps).toEqual([switched]);
  });

  it('drops a corrupt cached record and fetches afresh', async () => {
    const db = await openCacheDb();
    await db.put('sites', { host: HOST, apps: 'nonsense' }, HOST);
    t.siteApps.mockResolvedValueOnce(modified([REPORTS], '"v9"'));
    const view = await t.sync.view(HOST);
    expect(t.siteApps).toHaveBeenCalledWith(HOST, undefined);
    expect(view.apps).toEqual([REPORTS]);
    await expect(cache.get(HOST)).resolves.toMatchObject({ apps: [REPORTS], etag: '"v9"' });
  });
});
