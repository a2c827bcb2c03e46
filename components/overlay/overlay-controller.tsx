import { render } from 'preact';
import type { SiteView } from '../../lib/domain/site-view';
import { askBackground, onBackgroundPush } from '../../lib/messaging/ask-background';
import { findUserInstalledList } from '../../lib/page/app-list-adapter';
import type { ManageAppsLocation } from '../../lib/page/manage-apps-url';
import { observeSubtree, waitForElement } from '../../lib/page/observe';
import { formatAge } from '../shared/format-age';
import { createOverlayActions } from './overlay-actions';
import { OverlayBar } from './overlay-bar';
import { createRowMounts } from './row-mounts';
import { mountShadow } from './shadow-mount';

const BAR_TAG = 'token-lens-bar';
/** With nothing cached, how long rows wait for data before they show a loading badge. */
const LOADING_DELAY_MS = 150;
/** While the page is visible, how often the background is asked to revalidate (a 304 costs almost nothing). */
export const LIVE_REVALIDATE_MS = 2000;
/** How long to wait for a page that renders its app list after load (UPM does, after its REST calls). */
const LIST_WAIT_MS = 20_000;

/**
 * Says on the page's root element how long the overlay took from start to every badge painted
 * (the frame after the first render with data): benchmarks and tests read it; it holds no data.
 */
export const READY_ATTRIBUTE = 'data-token-lens-ready-ms';
function markReady(doc: Document, startedAt: number): void {
  requestAnimationFrame(() => {
    doc.documentElement.setAttribute(READY_ATTRIBUTE, (performance.now() - startedAt).toFixed(2));
  });
}

/**
 * Puts a badge on every user-installed app row of a Manage apps page and keeps it current:
 * first from the background's cache, then from its pushes. Everything stops when `signal` aborts.
 */
export async function startOverlay(
  location: ManageAppsLocation,
  doc: Document,
  signal: AbortSignal,
  onListReplaced: () => void = () => undefined,
): Promise<void> {
  const startedAt = performance.now();
  const list = await waitForElement(doc.documentElement, () => findUserInstalledList(doc), signal, LIST_WAIT_MS);
  if (signal.aborted) return;
  if (!list) {
    console.info('Token Lens: this page has no app list Token Lens recognises, so no badges are drawn.');
    return;
  }
  let view: SiteView | undefined;
  let privateListingsEnabled: boolean | undefined;
  let shownApps = '';

  const bar = mountShadow(doc, BAR_TAG);
  list.before(bar.host);
  const renderBar = () => {
    // Answers that arrive after the page moved on find nothing to render into.
    if (signal.aborted) return;
    render(
      <OverlayBar
        siteHost={location.host}
        privateListingsEnabled={privateListingsEnabled}
        problem={view?.problem ?? null}
        fetchedAt={view?.fetchedAt ?? null}
        now={new Date()}
        enablePrivateListings={async () => {
          const answer = await actions.enablePrivateListings();
          if ('error' in answer) return answer.error;
          privateListingsEnabled = answer.enabled;
          renderBar();
          return null;
        }}
        openInstallPage={actions.openInstallPage}
        installWithToken={actions.installWithToken}
        loadInstallable={actions.loadInstallable}
        loadTokens={actions.loadUsableTokens}
      />,
      bar.mountPoint,
    );
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
    }
    if (!readyMarked) {
      readyMarked = true;
      markReady(doc, startedAt);
    }
  };
  const actions = createOverlayActions(location.host, show);
  const rows = createRowMounts(doc, list, location.host, actions.row);
  // Rows are attached once data is there (from the cache, at once), or after a short wait.
  let rowsStarted = false;
  const startRows = () => {
    if (rowsStarted) return;
    rowsStarted = true;
    observeSubtree(list, rows.attachNewRows, signal);
  };
  const loadingTimer = setTimeout(startRows, LOADING_DELAY_MS);
  renderBar();
  void actions.settings().then((enabled) => {
    privateListingsEnabled = enabled;
    renderBar();
  });

  onBackgroundPush((push) => {
    if (push.type === 'site.changed' && push.view.host === location.host) show(push.view);
  }, signal);

  const load = async (type: 'site.view' | 'site.revalidate') => {
    const reply = await askBackground({ type, host: location.host });
    if (signal.aborted) return;
    if (reply.ok) show(reply.data);
    else
      show({ host: location.host, apps: view?.apps ?? [], fetchedAt: view?.fetchedAt ?? null, problem: reply.error });
  };
  void load('site.view');

  let ticks = 0;
  const timer = setInterval(() => {
    if (!list.isConnected) return onListReplaced();
    if (doc.visibilityState !== 'visible') return;
    void load('site.revalidate');
    // Site settings change rarely and are not part of the apps' ETag: every fifth tick is enough.
    if (++ticks % 5 === 0) {
      void actions.settings().then((enabled) => {
        if (enabled !== undefined && enabled !== privateListingsEnabled) {
          privateListingsEnabled = enabled;
          renderBar();
        }
      });
    }
  }, LIVE_REVALIDATE_MS);

  signal.addEventListener(
    'abort',
    () => {
      clearInterval(timer);
      clearTimeout(loadingTimer);
      rows.detachAll();
      render(null, bar.mountPoint);
      bar.host.remove();
    },
    { once: true },
  );
}
