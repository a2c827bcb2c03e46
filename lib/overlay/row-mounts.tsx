import { render } from 'preact';
import { type RowActions, RowOverlay } from '../../components/overlay/row-overlay';
import { formatAge } from '../../components/shared/format-age';
import type { SiteHost } from '../domain/identifiers';
import type { SiteApp, SiteView } from '../domain/site-view';
import type { AppRow } from '../page/app-list-adapter';
import { mountShadow } from './shadow-mount';

/** Our own element: marks a row as badged, so a row seen twice still gets one badge. */
export const BADGE_TAG = 'token-lens-badge';
/** Rows this far outside the viewport get their controls before they scroll in. */
const NEAR_MARGIN = '1000px 0px';

interface Mounted {
  row: AppRow;
  host: HTMLElement;
  mountPoint: HTMLElement;
  /** Near the viewport (now or once): the row has its full controls. */
  near: boolean;
  /** What the row shows now, so an unchanged row is not rendered again. */
  shown: string;
}

/**
 * The per-row overlays of one app list: attached once per row, rendered only when what they
 * show changed, and with their controls only once the row comes near the viewport.
 */
export function createRowMounts(doc: Document, siteHost: SiteHost, actions: RowActions) {
  const mounted = new Map<Element, Mounted>();
  const byHost = new Map<Element, Mounted>();
  let view: SiteView | undefined;
  let apps = new Map<string, SiteApp>();
  /** Why an app can never have a token, by app key (rule 2). */
  let tokenless = new Map<string, string>();

  const renderRow = (entry: Mounted) => {
    const app = apps.get(entry.row.appKey);
    const problem = view?.problem ?? null;
    const now = new Date();
    const shown = [
      entry.near,
      view === undefined,
      app ? JSON.stringify(app) : '',
      tokenless.get(entry.row.appKey) ?? '',
      problem ? `${problem.code}:${problem.message}:${formatAge(view?.fetchedAt ?? null, now)}` : '',
    ].join('|');
    if (shown === entry.shown) return;
    entry.shown = shown;
    render(
      <RowOverlay
        appName={entry.row.name}
        appKey={entry.row.appKey}
        siteHost={siteHost}
        app={app}
        loading={view === undefined}
        problem={problem}
        fetchedAt={view?.fetchedAt ?? null}
        now={now}
        actions={actions}
        tokenlessReason={tokenless.get(entry.row.appKey) ?? null}
        compact={!entry.near}
      />,
      entry.mountPoint,
    );
  };

  const nearby = new IntersectionObserver(
    (entries) => {
      for (const { target, isIntersecting } of entries) {
        const entry = byHost.get(target);
        if (!entry || !isIntersecting) continue;
        entry.near = true;
        nearby.unobserve(target);
        renderRow(entry);
      }
    },
    { rootMargin: NEAR_MARGIN },
  );

  const detach = (element: Element, entry: Mounted) => {
    nearby.unobserve(entry.host);
    render(null, entry.mountPoint);
    entry.host.remove();
    byHost.delete(entry.host);
    mounted.delete(element);
  };

  return {
    /**
     * Attaches an overlay to each row. Idempotent: a row that carries a badge already — this
     * overlay's, or one an instance left by an extension reload put there — gets no second one.
     */
    attach(rows: AppRow[]) {
      for (const row of rows) {
        if (row.element.querySelector(BADGE_TAG)) continue;
        const { host, mountPoint } = mountShadow(doc, BADGE_TAG);
        row.anchor.after(host);
        const entry: Mounted = { row, host, mountPoint, near: false, shown: '' };
        mounted.set(row.element, entry);
        byHost.set(host, entry);
        nearby.observe(host);
        renderRow(entry);
      }
    },
    /** Forgets rows the page removed. */
    detach(elements: Element[]) {
      for (const element of elements) {
        const entry = mounted.get(element);
        if (entry) detach(element, entry);
      }
    },
    show(next: SiteView) {
      view = next;
      apps = new Map(next.apps.map((app) => [app.appKey, app]));
      for (const entry of mounted.values()) renderRow(entry);
    },
    /** The apps that can never have a token, each with why: their quick apply says so instead of offering one. */
    setTokenless(reasons: Map<string, string>) {
      tokenless = reasons;
      for (const entry of mounted.values()) renderRow(entry);
    },
    detachAll() {
      nearby.disconnect();
      for (const [element, entry] of mounted) detach(element, entry);
    },
  };
}
