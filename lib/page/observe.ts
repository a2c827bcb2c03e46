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
