/**
 * Calls `onChange` once now and then at most once per animation frame while anything below `root`
 * changes, until `signal` aborts. Scoped to the app list, not the whole page, so that unrelated
 * page activity costs nothing; the caller keeps insertion idempotent.
 */
export function observeSubtree(root: Node, onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (!signal.aborted) onChange();
    });
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  onChange();
}

/**
 * Resolves with the first element `find` returns, looking again as the page changes (at most once
 * a frame), until `timeoutMs` passes or `signal` aborts; then resolves undefined. For pages that
 * render their lists after load, as UPM does once its REST calls return.
 */
export function waitForElement(
  root: Node,
  find: () => Element | undefined,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Element | undefined> {
  return new Promise((resolve) => {
    const found = find();
    if (found || signal.aborted) return resolve(found);
    const stop = new AbortController();
    const finish = (element: Element | undefined) => {
      stop.abort();
      clearTimeout(timer);
      resolve(element);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    signal.addEventListener('abort', () => finish(undefined), { once: true, signal: stop.signal });
    observeSubtree(
      root,
      () => {
        const element = find();
        if (element) finish(element);
      },
      stop.signal,
    );
  });
}
