import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { OverlayBar } from '../../components/overlay/overlay-bar';
import { formatAge } from '../../components/shared/format-age';
import { FRESHNESS } from '../domain/freshness';
import type { ErrorValue, Reply } from '../domain/reply';
import type { SiteView } from '../domain/site-view';
import { askAndParse, askBackground, checkAnswer, onBackgroundPush } from '../messaging/ask-background';
import { SiteViewReader } from '../messaging/view-message-readers';
import { APP_ROWS, findUserInstalledList } from '../page/app-list-adapter';
import type { ManageAppsLocation } from '../page/manage-apps-url';
import { waitForElement } from '../page/observe';
import { observeRemoval, observeRows } from '../page/observe-rows';
import { createOverlayActions } from './overlay-actions';
import { createRowMounts } from './row-mounts';
import { mountShadow } from './shadow-mount';
import { relaySiteApiCalls } from './site-api-relay';

const BAR_TAG = 'token-lens-bar';
/** With nothing cached, how long rows wait for data before they show a loading badge. */
const LOADING_DELAY_MS = 150;
/**
 * The badges wait for the page's own load event, at most this long: a page whose last images are
 * slow still gets its badges at once. (Chrome starts the overlay just before the load event.)
 */
const FIRST_PAINT_WAIT_MS = 100;
/** How long to wait for a page that renders its app list after load (UPM does, after its REST calls). */
const LIST_WAIT_MS = 20_000;

/**
 * Says on the page's root element how long the overlay took from start to every badge painted
 * (the frame after the first render with data): benchmarks and tests read it; it holds no data.
 */
export const READY_ATTRIBUTE = 'data-token-lens-ready-ms';
function markReady(doc: Document, startedAt: number, timers: OverlayTimers): void {
  timers.requestAnimationFrame(() => {
    performance.mark('token-lens:ready');
    doc.documentElement.setAttribute(READY_ATTRIBUTE, (performance.now() - startedAt).toFixed(2));
  });
}

/** The content-script context's timers: cleared when the extension is reloaded or the script stops. */
export type OverlayTimers = Pick<ContentScriptContext, 'setInterval' | 'setTimeout' | 'requestAnimationFrame'>;

export interface OverlayStart {
  location: ManageAppsLocation;
  doc: Document;
  timers: OverlayTimers;
  /** Stops everything this overlay started: the page left for another site, or the list was replaced. */
  signal: AbortSignal;
  /** Called once when the page replaced its app list: the caller starts the overlay again. */
  onListReplaced: () => void;
  /**
   * The background's raw answer to `site.cachedView` for this site, left on the page just before
   * the overlay was injected (overlay-handoff.ts); absent when there was none (a later start).
   */
  early?: Promise<unknown> | undefined;
}

/** Whether the early answer is the background saying it has nothing cached (looked at, not yet checked). */
const saysNothingCached = (raw: unknown) =>
  typeof raw === 'object' && raw !== null && 'ok' in raw && raw.ok === true && 'data' in raw && raw.data === null;

/** The early answer, checked against the protocol like any other; null when it holds no snapshot. */
function readSnapshot(raw: unknown): SiteView | null {
  const reply = checkAnswer(raw, {
    safeParse: (value) => (value === null ? { success: true, data: null } : SiteViewReader.safeParse(value)),
  });
  return reply.ok ? (reply.data as SiteView | null) : null;
}

/**
 * Resolves once the page's own load event is over (at once when it is), after `atMostMs` when
 * given, or when `signal` aborts.
 */
function pageLoaded(doc: Document, timers: OverlayTimers, signal: AbortSignal, atMostMs?: number): Promise<void> {
  return new Promise((resolve) => {
    if (doc.readyState === 'complete' || signal.aborted) return resolve();
    const window = doc.defaultView;
    if (!window) return resolve();
    window.addEventListener('load', () => timers.setTimeout(resolve, 0), { once: true });
    signal.addEventListener('abort', () => resolve(), { once: true });
    if (atMostMs !== undefined) timers.setTimeout(resolve, atMostMs);
  });
}

/** Runs `work` when the page is idle, within a second at the latest. */
function whenIdle(timers: OverlayTimers, work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1000 });
  else timers.setTimeout(work, 0);
}

/** Resolves after the next frame, and then one task later: what follows stays out of that frame. */
const afterNextFrame = (timers: OverlayTimers) =>
  new Promise<void>((resolve) => timers.requestAnimationFrame(() => timers.setTimeout(resolve, 0)));

/**
 * Puts a badge on every user-installed app row of a Manage apps page and keeps it current:
 * first from the background's cache, then from its pushes. Everything stops when `signal` aborts.
 *
 * The badges come first, from the snapshot the background handed over as it injected the overlay
 * (`early`), else from one question to the background; everything else — the bar, the
 * site's settings, the revalidation, the rows' controls and tooltips — follows once the page's
 * own load event is over and the badges' frame is drawn.
 */
export async function startOverlay({
  location,
  doc,
  timers,
  signal,
  onListReplaced,
  early,
}: OverlayStart): Promise<void> {
  const startedAt = performance.now();
  performance.mark('token-lens:start');
  const list = await waitForElement(doc.documentElement, () => findUserInstalledList(doc), signal, LIST_WAIT_MS);
  if (signal.aborted) return;
  if (!list) {
    console.info('Token Lens: this page has no app list Token Lens recognises, so no badges are drawn.');
    return;
  }
  let view: SiteView | undefined;
  let privateListingsEnabled: boolean | undefined;
  let privateListingsProblem: ErrorValue | null = null;
  /** What the bar shows of the view: whether the data is stale, and how old. */
  let barShows = '';
  /** Set once the page has loaded and the badges are drawn: the rest of the overlay runs from then. */
  let settled = false;
  /** Set once the page was first idle after that: what only the menus need is asked from then. */
  let idleReached = false;

  const loadSettings = async () => {
    const reply = await actions.settings();
    const problem = reply.ok ? null : reply.error;
    const enabled = reply.ok ? reply.data.privateListingsEnabled : privateListingsEnabled;
    if (enabled !== privateListingsEnabled || problem?.code !== privateListingsProblem?.code) {
      privateListingsEnabled = enabled;
      privateListingsProblem = problem;
      renderBar();
    }
  };

  let bar: ReturnType<typeof mountShadow> | undefined;
  const renderBar = () => {
    // Answers that arrive after the page moved on find nothing to render into.
    if (signal.aborted || !bar) return;
    render(
      <OverlayBar
        siteHost={location.host}
        privateListingsEnabled={privateListingsEnabled}
        privateListingsProblem={privateListingsProblem}
        problem={view?.problem ?? null}
        fetchedAt={view?.fetchedAt ?? null}
        now={new Date()}
        enablePrivateListings={async () => {
          const answer = await actions.enablePrivateListings();
          if (answer.ok) {
            privateListingsEnabled = answer.data.privateListingsEnabled;
            renderBar();
          }
          return answer;
        }}
        openInstallPage={actions.openInstallPage}
        installWithToken={actions.installWithToken}
        loadInstallable={actions.loadInstallable}
        loadTokens={actions.loadTokens}
      />,
      bar.mountPoint,
    );
  };

  // Asked again only when the set of installed apps changes (a listing's visibility rarely does).
  let tokenlessFor: string | null = null;
  const loadTokenless = async (next: SiteView) => {
    const keys = next.apps.map((app) => app.appKey).join(' ');
    if (next.problem || keys === tokenlessFor) return;
    tokenlessFor = keys;
    const reply = await askBackground({ type: 'site.tokenless', host: location.host });
    if (signal.aborted) return;
    if (reply.ok) rows.setTokenless(new Map(reply.data.apps.map((app) => [app.appKey, app.reason])));
    else tokenlessFor = null;
  };

  let readyMarked = false;
  const show = (next: SiteView) => {
    if (signal.aborted) return;
    if (!readyMarked) performance.mark('token-lens:data');
    view = next;
    // Every poll answers a view; most are the same as the last, and cost a comparison per row then.
    rows.show(next);
    startRows();
    if (settled) {
      const shows = next.problem ? `${next.problem.code}:${formatAge(next.fetchedAt, new Date())}` : '';
      if (shows !== barShows) {
        barShows = shows;
        renderBar();
      }
      if (idleReached) void loadTokenless(next);
    }
    if (!readyMarked) {
      readyMarked = true;
      performance.mark('token-lens:painted');
      markReady(doc, startedAt, timers);
    }
  };
  // The background reaches this site's own API through this page (its origin, its session).
  relaySiteApiCalls(location, signal);
  const actions = createOverlayActions(location.host, show);
  const rows = createRowMounts(doc, location.host, actions.row);
  // Rows are attached once data is there (from the cache, at once), or after a short wait.
  let rowsStarted = false;
  const startRows = () => {
    if (rowsStarted || signal.aborted) return;
    rowsStarted = true;
    observeRows(list, APP_ROWS, { onAdded: rows.attach, onRemoved: rows.detach }, signal);
  };
  timers.setTimeout(startRows, LOADING_DELAY_MS);

  onBackgroundPush((push) => {
    if (push.type === 'site.changed' && push.view.host === location.host) show(push.view);
  }, signal);
  // UPM re-renders its list when it switches views: the overlay starts again on the new one.
  observeRemoval(list, onListReplaced, signal);
  signal.addEventListener(
    'abort',
    () => {
      rows.detachAll();
      if (bar) {
        render(null, bar.mountPoint);
        bar.host.remove();
      }
    },
    { once: true },
  );

  /** Asks for the site's view and shows it (not before `shownFrom`, when given). */
  const load = async (type: 'site.view' | 'site.revalidate', shownFrom?: Promise<void>) => {
    // Read by SiteViewReader, not the schema: a thousand apps every two seconds.
    const reply = (await askAndParse({ type, host: location.host }, SiteViewReader)) as Reply<SiteView>;
    await shownFrom;
    if (signal.aborted) return;
    if (reply.ok) show(reply.data);
    else
      show({ host: location.host, apps: view?.apps ?? [], fetchedAt: view?.fetchedAt ?? null, problem: reply.error });
  };

  // The badges: from the handed-over snapshot when there is one; else (nothing cached, or none
  // handed over: a page that changed site) the background's answer. Either is painted once the
  // page's own load event is over (or FIRST_PAINT_WAIT_MS at the most: the overlay is injected
  // after it, so this only waits when a page changed site before its load).
  const loaded = pageLoaded(doc, timers, signal, FIRST_PAINT_WAIT_MS);
  const raw = early ? await early : undefined;
  // With nothing cached (or nothing handed over) the background is asked at once. (Only checked answers are ever shown.)
  const asked = early && !saysNothingCached(raw) ? null : load('site.view', loaded);
  await loaded;
  performance.mark('token-lens:page-loaded');
  const snapshot = asked ? null : readSnapshot(raw);
  if (signal.aborted) return;
  if (snapshot) show(snapshot);
  else if (!asked) await load('site.view');
  await Promise.all([pageLoaded(doc, timers, signal), asked]);
  await afterNextFrame(timers);
  if (signal.aborted) return;
  settled = true;
  rows.release();
  bar = mountShadow(doc, BAR_TAG);
  list.before(bar.host);
  barShows = view?.problem ? `${view.problem.code}:${formatAge(view.fetchedAt, new Date())}` : '';
  renderBar();
  // The early snapshot came from the cache alone: now the background revalidates it (and keeps
  // the periodic refresh running), and pushes what changed.
  if (snapshot) void load('site.view');
  // What only the bar and the rows' menus need waits until the page is idle: the vendor's whole
  // app list (which apps can never have a token) is the largest answer the overlay asks for.
  whenIdle(timers, () => {
    if (signal.aborted) return;
    idleReached = true;
    void loadSettings();
    if (view) void loadTokenless(view);
  });

  let ticks = 0;
  const live = timers.setInterval(() => {
    if (signal.aborted || doc.visibilityState !== 'visible') return;
    void load('site.revalidate');
    if (++ticks % FRESHNESS.settingsEveryLiveTicks === 0) void loadSettings();
  }, FRESHNESS.liveRevalidateMs);
  signal.addEventListener('abort', () => clearInterval(live), { once: true });
}
