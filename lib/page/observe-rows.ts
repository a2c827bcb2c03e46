import { observeSubtree } from './observe';

/**
 * Hands each row `read` finds below `list` to `onAdded` exactly once, in batches (at most one a
 * frame), and a row the page removed to `onRemoved`, until `signal` aborts. A row the page puts
 * back later is new again. Models: refined-github's `observe`, WXT's `autoMount`.
 */
export function observeRows<Row extends { element: Element }>(
  list: Element,
  read: (list: Element) => Row[],
  handlers: { onAdded: (rows: Row[]) => void; onRemoved: (elements: Element[]) => void },
  signal: AbortSignal,
): void {
  const handed = new Set<Element>();
  observeSubtree(
    list,
    () => {
      const gone = [...handed].filter((element) => !element.isConnected || !list.contains(element));
      for (const element of gone) handed.delete(element);
      if (gone.length > 0) handlers.onRemoved(gone);
      const added = read(list).filter((row) => !handed.has(row.element));
      for (const row of added) handed.add(row.element);
      if (added.length > 0) handlers.onAdded(added);
    },
    signal,
  );
}

/**
 * Calls `onRemoved` once when `element` leaves the document — the page replaced it, or a part of
 * the page around it — by watching only the child lists of its ancestors, not the whole page.
 */
export function observeRemoval(element: Element, onRemoved: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const observer = new MutationObserver(() => {
    if (element.isConnected) return;
    observer.disconnect();
    onRemoved();
  });
  for (let node = element.parentNode; node; node = node.parentNode) observer.observe(node, { childList: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
