import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { OverlayBar } from '../../components/overlay/overlay-bar';
import { formatAge } from '../../components/shared/format-age';
import { FRESHNESS } from '../domain/freshness';
import type { ErrorValue } from '../domain/reply';
import type { SiteView } from '../domain/site-view';
import { askBackground, onBackgroundPush } from '../messaging/ask-background';
import { findUserInstalledList, readAppRows } from '../page/app-list-adapter';
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
/** How long to wait for a page that renders its app list after load (UPM does, after its REST calls). */
const LIST_WAIT_MS = 20_000;

/**
 * Says on the page's root element how long the overlay took from start to every badge painted
 * (the frame after the first render with data): benchmarks and tests read it; it holds no data.
 */
export const READY_ATTRIBUTE = 'data-token-lens-ready-ms';
function markReady(doc: Document, startedAt: number, timers: OverlayTimers): void {
  timers.requestAnimationFrame(() => {
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
}

/**
 * Puts a badge on every user-installed app row of a Manage apps page and keeps it current:
 * first from the background's cache, then from its pushes. Everything stops when `signal` aborts.
 */
export async function startOverlay({ location, doc, timers, signal, onListReplaced }: OverlayStart): Promise<void> {
  const startedAt = performance.now();
  const list = await waitForElement(doc.documentElement, () => findUserInstalledList(doc), signal, LIST_WAIT_MS);
  if (signal.aborted) return;
  if (!list) {
    console.info('Token Lens: this page has no app list Token Lens recognises, so no badges are drawn.');
    return;
  }
  let view: SiteView | undefined;
  let privateListingsEnabled: boolean | undefined;
  let privateListingsProblem: ErrorValue | null = null;
  let shownApps = '';

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

  const bar = mountShadow(doc, BAR_TAG);
  list.before(bar.host);
  const renderBar = () => {
    // Answers that arrive after the page moved on find nothing to render into.
    if (signal.aborted) return;
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
    // Every poll answers a view; most are the same as the last, and cost nothing then.
    const apps = JSON.stringify([next.apps, next.problem, next.problem ? formatAge(next.fetchedAt, new Date()) : null]);
    view = next;
    if (apps !== shownApps || !rowsStarted) {
      shownApps = apps;
      rows.show(next);
      startRows();
      renderBar();
      void loadTokenless(next);
    }
    if (!readyMarked) {
      readyMarked = true;
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
    observeRows(list, readAppRows, { onAdded: rows.attach, onRemoved: rows.detach }, signal);
  };
  timers.setTimeout(startRows, LOADING_DELAY_MS);
  renderBar();
  void loadSettings();

  onBackgroundPush((push) => {
    if (push.type === 'site.changed' && push.view.host === location.host) show(push.view);
  }, signal);
  // UPM re-renders its list when it switches views: the overlay starts again on the new one.
  observeRemoval(list, onListReplaced, signal);

  const load = async (type: 'site.view' | 'site.revalidate') => {
    const reply = await askBackground({ type, host: location.host });
    if (signal.aborted) return;
    if (reply.ok) show(reply.data);
    else
      show({ host: location.host, apps: view?.apps ?? [], fetchedAt: view?.fetchedAt ?? null, problem: reply.error });
  };
  void load('site.view');

  let ticks = 0;
  const live = timers.setInterval(() => {
    if (signal.aborted || doc.visibilityState !== 'visible') return;
    void load('site.revalidate');
    if (++ticks % FRESHNESS.settingsEveryLiveTicks === 0) void loadSettings();
  }, FRESHNESS.liveRevalidateMs);

  signal.addEventListener(
    'abort',
    () => {
      clearInterval(live);
      rows.detachAll();
      render(null, bar.mountPoint);
      bar.host.remove();
    },
    { once: true },
  );
}
