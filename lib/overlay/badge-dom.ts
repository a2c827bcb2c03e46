import type { BadgeView } from '../../components/overlay/token-badge';

/**
 * One row's badge painted straight into the DOM, exactly as TokenBadge renders it, without
 * Preact: a row far from the viewport has nothing else, and a thousand of them paint at once.
 * It remembers what it shows, so that painting it again writes only what changed, and reads
 * nothing back from the page's document.
 */
export interface PaintedBadge {
  readonly element: HTMLSpanElement;
  readonly doc: Document;
  /** What is painted now: the attributes, and the parts as one key (`text` alone, or token, lozenge, stale mark). */
  shown: { label?: string; busy: boolean; className?: string; title?: string | null; parts: string };
}

/** An empty badge for `doc`, ready to paint. */
export function createBadge(doc: Document): PaintedBadge {
  const element = doc.createElement('span');
  element.setAttribute('role', 'group');
  return { element, doc, shown: { busy: false, parts: '' } };
}

function span(doc: Document, className: string, text: string): HTMLSpanElement {
  const element = doc.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/**
 * Paints `view` into `badge`. The tooltip is left for `paintBadgeTitle` when `withTitle` is false
 * (formatting its dates is the costly part of a badge).
 */
export function paintBadge(badge: PaintedBadge, view: BadgeView, withTitle: boolean): void {
  const { element, shown } = badge;
  if (shown.label !== view.label) element.setAttribute('aria-label', view.label);
  if (shown.busy !== view.busy) {
    if (view.busy) element.setAttribute('aria-busy', 'true');
    else element.removeAttribute('aria-busy');
  }
  if (shown.className !== view.className) element.className = view.className;
  shown.label = view.label;
  shown.busy = view.busy;
  shown.className = view.className;
  if (withTitle) paintBadgeTitle(badge, view);

  const { token, lozenge, stale } = view;
  const parts = JSON.stringify(view.text ?? [token, lozenge, stale]);
  if (shown.parts === parts) return;
  const fresh = shown.parts === '';
  shown.parts = parts;
  if (view.text !== null) {
    element.textContent = view.text;
    return;
  }
  const { doc } = badge;
  const children: HTMLElement[] = [];
  if (token) children.push(span(doc, token.className, token.text));
  if (lozenge !== null) children.push(span(doc, 'tl-lozenge', lozenge));
  if (stale) {
    const mark = span(doc, 'tl-stale', stale.text);
    mark.title = stale.title;
    children.push(mark);
  }
  // A new badge has no children yet: appending them is all there is to do.
  if (fresh) element.append(...children);
  else element.replaceChildren(...children);
}

/** The badge's tooltip (token id, when applied, since when the state holds). */
export function paintBadgeTitle(badge: PaintedBadge, view: BadgeView): void {
  const title = view.title();
  if (badge.shown.title === title) return;
  badge.shown.title = title;
  if (title === null) badge.element.removeAttribute('title');
  else badge.element.title = title;
}
