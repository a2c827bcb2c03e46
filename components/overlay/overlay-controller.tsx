import { render } from 'preact';
import type { SiteView } from '../../lib/domain/site-view';
import { askBackground, onBackgroundPush } from '../../lib/messaging/ask-background';
import { type AppRow, findUserInstalledList, readAppRows } from '../../lib/page/app-list-adapter';
import type { ManageAppsLocation } from '../../lib/page/manage-apps-url';
import { observeSubtree, waitForElement } from '../../lib/page/observe';
import overlayCss from './overlay.css?inline';
import { createOverlayActions } from './overlay-actions';
import { OverlayBar } from './overlay-bar';
import { RowOverlay } from './row-overlay';

/** Our own element: marks a row as badged, so a row seen twice still gets one badge. */
const BADGE_TAG = 'token-lens-badge';
const BAR_TAG = 'token-lens-bar';
/** While the page is visible, how often the background is asked to revalidate (a 304 costs almost nothing). */
export const LIVE_REVALIDATE_MS = 2000;
/** How long to wait for a page that renders its app list after load (UPM does, after its REST calls). */
const LIST_WAIT_MS = 20_000;

interface Mounted {
  row: AppRow;
  host: HTMLElement;
  mountPoint: HTMLElement;
}

function styleShadow(shadow: ShadowRoot, sheet: CSSStyleSheet | undefined): void {
  if (sheet) {
    try {
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Some content-script worlds refuse a sheet made in another realm; a <style> element always works.
    }
  }
  const style = document.createElement('style');
  style.textContent = overlayCss;
  shadow.append(style);
}

function makeSheet(): CSSStyleSheet | undefined {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(overlayCss);
    return sheet;
  } catch {
    return undefined;
  }
}

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

/** One of our elements with an open shadow root (open, so tests and assistive tools can reach it). */
function mountShadow(doc: Document, sheet: CSSStyleSheet | undefined, tag: string) {
  const host = doc.createElement(tag);
  const shadow = host.attachShadow({ mode: 'open' });
  styleShadow(shadow, sheet);
  const mountPoint = doc.createElement('div');
  shadow.append(mountPoint);
  return { host, mountPoint };
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
  const sheet = makeSheet();
  const mounted = new Map<Element, Mounted>();
  let view: SiteView | undefined;
  let privateListingsEnabled: boolean | undefined;

  const renderRow = ({ row, mountPoint }: Mounted) => {
    render(
      <RowOverlay
        appName={row.name}
        appKey={row.appKey}
        siteHost={location.host}
        app={view?.apps.find((app) => app.appKey === row.appKey)}
        loading={view === undefined}
        problem={view?.problem ?? null}
        fetchedAt={view?.fetchedAt ?? null}
        now={new Date()}
        actions={actions.row}
      />,
      mountPoint,
    );
  };

  const bar = mountShadow(doc, sheet, BAR_TAG);
  list.before(bar.host);
  const renderBar = () => {
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
        installUrl={actions.installUrl}
        installWithToken={actions.installWithToken}
        loadInstallable={actions.loadInstallable}
        loadTokens={actions.loadUsableTokens}
      />,
      bar.mountPoint,
    );
  };

  const attachNewRows = () => {
    for (const [element, entry] of mounted) {
      if (!element.isConnected) {
        render(null, entry.mountPoint);
        entry.host.remove();
        mounted.delete(element);
      }
    }
    for (const row of readAppRows(list)) {
      if (mounted.has(row.element) || row.element.querySelector(BADGE_TAG)) continue;
      const { host, mountPoint } = mountShadow(doc, sheet, BADGE_TAG);
      row.anchor.after(host);
      const entry = { row, host, mountPoint };
      mounted.set(row.element, entry);
      renderRow(entry);
    }
  };

  let readyMarked = false;
  const show = (next: SiteView) => {
    view = next;
    for (const entry of mounted.values()) renderRow(entry);
    renderBar();
    if (!readyMarked) {
      readyMarked = true;
      markReady(doc, startedAt);
    }
  };
  const actions = createOverlayActions(location.host, show);
  renderBar();
  void actions.settings().then((enabled) => {
    privateListingsEnabled = enabled;
    renderBar();
  });

  observeSubtree(list, attachNewRows, signal);
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
      for (const entry of [...mounted.values(), bar]) {
        render(null, entry.mountPoint);
        entry.host.remove();
      }
      mounted.clear();
    },
    { once: true },
  );
}
