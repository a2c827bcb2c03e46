/** By node type, not `instanceof`: a page's nodes come from another realm in some content-script worlds. */
const isElement = (node: Node): node is Element => node.nodeType === Node.ELEMENT_NODE;

/** How a page adapter finds rows: every row at or below an element, and the row an element is part of. */
export interface RowReader<Row extends { element: Element }> {
  /** The rows at or below `root` (root itself included when it is a row), in document order. */
  rowsIn(root: Element): Row[];
  /** The row element `node` is, or is part of; null when it is part of none. */
  rowOf(node: Element): Element | null;
}

/**
 * Hands each row `reader` finds below `list` to `onAdded` exactly once, in batches (at most one a
 * frame), and a row the page removed to `onRemoved`, until `signal` aborts. A row the page puts
 * back later is new again. Models: refined-github's `observe`, WXT's `autoMount`.
 *
 * All rows are read once at the start; after that only what changed is looked at: the elements
 * the page added (a change inside a row already handed over, such as our own badge, costs one
 * `closest`), and, when something was removed, which handed rows left the list.
 */
export function observeRows<Row extends { element: Element }>(
  list: Element,
  reader: RowReader<Row>,
  handlers: { onAdded: (rows: Row[]) => void; onRemoved: (elements: Element[]) => void },
  signal: AbortSignal,
): void {
  if (signal.aborted) return;
  const handed = new Set<Element>();
  let added: Element[] = [];
  let removed = false;
  let scheduled = false;

  const collect = (records: MutationRecord[]) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (isElement(node)) added.push(node);
      if (!removed) for (const node of record.removedNodes) if (isElement(node)) removed = true;
    }
  };
  const handOver = (rows: Row[]) => {
    const fresh = rows.filter((row) => !handed.has(row.element));
    for (const row of fresh) handed.add(row.element);
    if (fresh.length === 0) return;
    // What changed before is kept; what the handler itself adds to the rows (a badge each) is
    // inside rows already handed over, so it is dropped here instead of being looked at later.
    collect(observer.takeRecords());
    handlers.onAdded(fresh);
    observer.takeRecords();
    schedule();
  };

  const schedule = () => {
    if (scheduled || (added.length === 0 && !removed)) return;
    scheduled = true;
    requestAnimationFrame(flush);
  };
  const flush = () => {
    scheduled = false;
    if (signal.aborted) return;
    if (removed) {
      removed = false;
      const gone = [...handed].filter((element) => !element.isConnected || !list.contains(element));
      for (const element of gone) handed.delete(element);
      if (gone.length > 0) handlers.onRemoved(gone);
    }
    const roots = added;
    added = [];
    const found: Row[] = [];
    const looked = new Set<Element>();
    for (const node of roots) {
      if (!node.isConnected || !list.contains(node)) continue;
      const row = reader.rowOf(node);
      const root = row && list.contains(row) ? row : node;
      // Inside a row already handed over (our badge, the row's own details): nothing new.
      if (handed.has(root) || looked.has(root)) continue;
      looked.add(root);
      found.push(...reader.rowsIn(root));
    }
    handOver(found);
  };

  const observer = new MutationObserver((records) => {
    collect(records);
    schedule();
  });
  observer.observe(list, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  handOver(reader.rowsIn(list));
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
