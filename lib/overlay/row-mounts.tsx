import { render } from 'preact';
import { type RowActions, RowControls, type RowOverlayProps } from '../../components/overlay/row-overlay';
import { badgeView } from '../../components/overlay/token-badge';
import { formatAge } from '../../components/shared/format-age';
import type { SiteHost } from '../domain/identifiers';
import type { SiteApp, SiteView } from '../domain/site-view';
import type { AppRow } from '../page/app-list-adapter';
import { createBadge, type PaintedBadge, paintBadge, paintBadgeTitle } from './badge-dom';
import { attachStyledShadow } from './shadow-mount';

/** Our own element: marks a row as badged, so a row seen twice still gets one badge. */
export const BADGE_TAG = 'token-lens-badge';
/** Rows this far outside the viewport get their controls before they scroll in. */
const NEAR_MARGIN = '1000px 0px';
/** Work done after the first paint (controls, tooltips) is cut into slices of this many ms, so the page stays responsive. */
const SLICE_MS = 8;

interface Mounted {
  row: AppRow;
  host: HTMLElement;
  shadow: ShadowRoot;
  badge: PaintedBadge;
  /** Where the row's two lines and its controls are rendered (Preact), once the row came near the viewport. */
  controls: HTMLElement | null;
  /** The app as last painted, and the global state it was painted in. */
  app: SiteApp | undefined;
  paintedIn: string;
  tokenless: string | null;
  /** Whether the badge carries its tooltip yet (it is added after the first paint). */
  titled: boolean;
}

/** Two values read back from JSON (a site view's apps) are the same when every field is. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * Runs queued work in slices, each after a frame, oldest first, until the queue is empty or
 * stopped; nothing runs until `release` (the page has loaded, the badges are drawn).
 */
function createSlicer(stopped: () => boolean) {
  const queue: (() => void)[] = [];
  let held = true;
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const until = performance.now() + SLICE_MS;
    while (queue.length > 0 && !stopped()) {
      queue.shift()?.();
      if (performance.now() > until) break;
    }
    schedule();
  };
  const schedule = () => {
    if (scheduled || held || queue.length === 0 || stopped()) return;
    scheduled = true;
    requestAnimationFrame(() => setTimeout(run, 0));
  };
  return {
    later(work: () => void) {
      queue.push(work);
      schedule();
    },
    release() {
      held = false;
      schedule();
    },
  };
}

/**
 * The per-row overlays of one app list. A row gets its badge at once, painted straight into its
 * shadow root (no framework: a thousand rows paint in one go); once `release` is called, its
 * tooltip follows in slices of time between frames, and its controls (Preact) once it comes near
 * the viewport. A view that arrives
 * touches only the rows whose app changed (or all of them when what every badge shows did: data
 * first arriving, the service becoming unreachable).
 */
export function createRowMounts(doc: Document, siteHost: SiteHost, actions: RowActions) {
  const mounted = new Map<Element, Mounted>();
  const byHost = new Map<Element, Mounted>();
  let view: SiteView | undefined;
  let apps = new Map<string, SiteApp>();
  /** Why an app can never have a token, by app key (rule 2). */
  let tokenless = new Map<string, string>();
  /** What every badge shows alike: loading, the problem and the age it gives the stale mark. */
  let everyRow = 'loading';
  let stopped = false;
  let released = false;
  const slicer = createSlicer(() => stopped);
  const later = slicer.later;

  /** Rows whose badge has no tooltip yet: given theirs in slices once released, in page order. */
  const untitled: Mounted[] = [];
  const titleAll = () => {
    const until = performance.now() + SLICE_MS;
    while (untitled.length > 0 && performance.now() < until) {
      const batch = untitled.splice(0, 50);
      for (const entry of batch) addTitle(entry);
    }
    if (untitled.length > 0) later(titleAll);
  };

  const stateOfEveryRow = (next: SiteView | undefined, now: Date): string => {
    if (!next) return 'loading';
    const { problem } = next;
    return problem ? `${problem.code}:${problem.message}:${formatAge(next.fetchedAt, now)}` : 'fresh';
  };

  const propsOf = (entry: Mounted, now: Date): RowOverlayProps => ({
    appName: entry.row.name,
    appKey: entry.row.appKey,
    siteHost,
    app: entry.app,
    loading: view === undefined,
    problem: view?.problem ?? null,
    fetchedAt: view?.fetchedAt ?? null,
    now,
    actions,
    tokenlessReason: entry.tokenless,
  });

  const renderControls = (entry: Mounted, now: Date) => {
    if (entry.controls) render(<RowControls {...propsOf(entry, now)} badge={entry.badge.element} />, entry.controls);
  };

  const addTitle = (entry: Mounted) => {
    if (entry.titled || !mounted.has(entry.row.element)) return;
    entry.titled = true;
    paintBadgeTitle(entry.badge, badgeView(propsOf(entry, new Date())));
  };

  const paint = (entry: Mounted, now: Date) => {
    entry.app = apps.get(entry.row.appKey);
    entry.paintedIn = everyRow;
    paintBadge(entry.badge, badgeView(propsOf(entry, now)), entry.titled);
    if (!entry.titled && untitled.push(entry) === 1) later(titleAll);
    renderControls(entry, now);
  };

  /**
   * A row near the viewport gets its two lines: the badge and its controls, then the license
   * switch (RowOverlay's layout); until then its shadow root holds the badge alone.
   */
  const comeNear = (entry: Mounted) => {
    if (entry.controls || !mounted.has(entry.row.element)) return;
    const root = doc.createElement('div');
    root.className = 'tl-contents';
    entry.shadow.append(root);
    entry.controls = root;
    addTitle(entry);
    renderControls(entry, new Date());
  };

  const nearby = new IntersectionObserver(
    (entries) => {
      for (const { target, isIntersecting } of entries) {
        const entry = byHost.get(target);
        if (!entry || !isIntersecting) continue;
        nearby.unobserve(target);
        later(() => comeNear(entry));
      }
    },
    { rootMargin: NEAR_MARGIN },
  );

  const detach = (element: Element, entry: Mounted) => {
    nearby.unobserve(entry.host);
    if (entry.controls) render(null, entry.controls);
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
      const now = new Date();
      // Badges another instance left behind (an extension reload): those rows get no second one.
      const leftBehind = rows.length > 0 && doc.querySelector(BADGE_TAG) !== null;
      for (const row of rows) {
        if (leftBehind ? row.element.querySelector(BADGE_TAG) : mounted.has(row.element)) continue;
        const { host, shadow } = attachStyledShadow(doc, BADGE_TAG);
        const badge = createBadge(doc);
        shadow.append(badge.element);
        const entry: Mounted = {
          row,
          host,
          shadow,
          badge,
          controls: null,
          app: undefined,
          paintedIn: '',
          tokenless: tokenless.get(row.appKey) ?? null,
          titled: false,
        };
        paint(entry, now);
        row.anchor.after(host);
        mounted.set(row.element, entry);
        byHost.set(host, entry);
        // Which rows are near is asked once the first paint is over (it needs a layout).
        if (released) nearby.observe(host);
      }
    },
    /** Forgets rows the page removed. */
    detach(elements: Element[]) {
      for (const element of elements) {
        const entry = mounted.get(element);
        if (entry) detach(element, entry);
      }
    },
    /** Shows a view: only the rows whose app changed are painted again, unless what every row shows changed. */
    show(next: SiteView) {
      const now = new Date();
      view = next;
      everyRow = stateOfEveryRow(next, now);
      apps = new Map(next.apps.map((app) => [app.appKey, app]));
      for (const entry of mounted.values()) {
        if (entry.paintedIn === everyRow && sameJson(entry.app, apps.get(entry.row.appKey))) continue;
        paint(entry, now);
      }
    },
    /** The apps that can never have a token, each with why: their quick apply says so instead of offering one. */
    setTokenless(reasons: Map<string, string>) {
      tokenless = reasons;
      const now = new Date();
      for (const entry of mounted.values()) {
        const reason = reasons.get(entry.row.appKey) ?? null;
        if (reason === entry.tokenless) continue;
        entry.tokenless = reason;
        renderControls(entry, now);
      }
    },
    /** Lets the work that follows the first paint begin: tooltips, and controls for the rows near the viewport. */
    release() {
      if (released) return;
      released = true;
      for (const entry of mounted.values()) nearby.observe(entry.host);
      slicer.release();
    },
    detachAll() {
      stopped = true;
      nearby.disconnect();
      for (const [element, entry] of mounted) detach(element, entry);
    },
  };
}
