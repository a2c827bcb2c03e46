// The reference Manage apps page's own script: dialogs, collapsible rows, submit-on-change, and live
// updates. The page works without it; it never writes HTML from strings, and it replaces only the rows whose
// markup changed, so that anything a browser extension put inside an unchanged row stays put.

(() => {
  const content = document.getElementById('upm-content');
  if (!content) return;
  // The server names the period (lib/domain/freshness.ts).
  const POLL_MS = Number(content.dataset.pollMs) || 1000;
  document.documentElement.classList.add('tl-js');

  // Dialogs: real modal <dialog>s when scripting is on (without it, CSS :target shows them).
  const openDialog = (id) => {
    const dialog = document.getElementById(id);
    if (!dialog || typeof dialog.showModal !== 'function') return false;
    if (dialog.open) dialog.close();
    dialog.showModal();
    return true;
  };
  document.getElementById('upm-upload')?.addEventListener('click', (event) => {
    if (openDialog('upm-upload-dialog')) event.preventDefault();
  });
  document.querySelector('#link-bar-settings a')?.addEventListener('click', (event) => {
    if (openDialog('upm-settings-dialog')) event.preventDefault();
  });
  for (const dialog of document.querySelectorAll('dialog[data-autoshow]')) openDialog(dialog.id);
  document.addEventListener('click', (event) => {
    const close = event.target instanceof Element ? event.target.closest('[data-close-dialog]') : null;
    const dialog = close?.closest('dialog');
    if (!dialog) return;
    event.preventDefault();
    dialog.close();
  });
  if (location.hash === '#upm-upload-dialog' || location.hash === '#upm-settings-dialog') {
    const id = location.hash.slice(1);
    history.replaceState(null, '', location.pathname);
    openDialog(id);
  }

  // Rows: a click on the row header (not on a control, nor on anything added to it) toggles the details.
  // As on the product's page, a row's details are not in the list's markup: they are fetched when
  // the row is expanded, and again when the row changed while it is expanded.
  const list = document.getElementById('upm-manage-plugins-user-installed');
  const base = location.pathname.replace(/\/+$/, '');
  const detailsOf = (row) => row.querySelector(':scope > .upm-details');
  const setExpanded = (row, expanded) => {
    row.classList.toggle('expanded', expanded);
    row.querySelector(':scope > .upm-plugin-row > .tl-toggle')?.setAttribute('aria-expanded', String(expanded));
    if (expanded && detailsOf(row)?.getAttribute('data-rev') !== row.getAttribute('data-rev')) void loadDetails(row);
  };
  /** Fetches a row's details for its current revision and puts them in place (unless the person is using the old ones). */
  const loadDetails = async (row) => {
    const key = row.getAttribute('data-key');
    const rev = row.getAttribute('data-rev');
    if (!key || row.getAttribute('data-loading') === rev) return;
    row.setAttribute('data-loading', rev ?? '');
    if (!detailsOf(row)) {
      const placeholder = document.createElement('div');
      placeholder.className = 'upm-details';
      placeholder.setAttribute('aria-busy', 'true');
      placeholder.textContent = 'Loading…';
      row.append(placeholder);
    }
    try {
      const answer = await fetch(`${base}/apps/${encodeURIComponent(key)}/details`, { cache: 'no-store' });
      if (!answer.ok) throw new Error(String(answer.status));
      const parsed = new DOMParser().parseFromString(await answer.text(), 'text/html');
      const fresh = parsed.body.querySelector(':scope > .upm-details');
      const current = detailsOf(row);
      if (!fresh || !row.isConnected) return;
      if (current?.contains(document.activeElement) && current.classList.contains('loaded')) {
        retry = true; // the person is using the row's own controls: the next round puts the new ones in
        return;
      }
      const imported = document.importNode(fresh, true);
      if (current) current.replaceWith(imported);
      else row.append(imported);
    } catch {
      const current = detailsOf(row);
      if (current && !current.classList.contains('loaded')) {
        current.removeAttribute('aria-busy');
        current.textContent = 'The details could not be loaded. Collapse the row and expand it again to retry.';
      }
    } finally {
      row.removeAttribute('data-loading');
    }
  };
  list?.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const header = target.closest('.upm-plugin-row');
    const own = target === header || target.matches('h4.upm-plugin-name, .upm-plugin-installed-version, .tl-toggle');
    const row = header?.parentElement;
    if (!own || !row?.matches('div.upm-plugin[data-key]')) return;
    setExpanded(row, !row.classList.contains('expanded'));
  });

  // The status menu applies as soon as it changes (the Save button is for pages without scripting).
  document.addEventListener('change', (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.matches('select.token-state') && select.form) {
      select.form.requestSubmit();
    }
  });

  // Live updates: poll the site's state; when it changed, fetch the page and merge what differs.
  const live = document.getElementById('tl-live');
  let retry = false;
  let stopped = false;
  let running = false;
  let timer;

  const keyOf = (element) => element.getAttribute('data-key') ?? element.id;

  /**
   * Brings a changed app row up to date in place: in its header only the page's own texts change,
   * and its details are fetched again (or, while it is collapsed, dropped until it is expanded). Whatever else lives in the header (a browser extension's badge,
   * and the focus inside it) stays where it is.
   */
  const patchRow = (existing, incoming) => {
    existing.setAttribute('data-rev', incoming.getAttribute('data-rev') ?? '');
    for (const selector of ['.upm-plugin-name', '.upm-plugin-installed-version', '.tl-row-status']) {
      const mine = existing.querySelector(`.upm-plugin-row ${selector}`);
      const theirs = incoming.querySelector(`.upm-plugin-row ${selector}`);
      if (mine && theirs && mine.textContent !== theirs.textContent) mine.textContent = theirs.textContent;
    }
    // Details of the old revision: fetched again while the row is expanded, else dropped until it is.
    const details = detailsOf(existing);
    if (!details) return;
    if (existing.classList.contains('expanded')) void loadDetails(existing);
    else details.remove();
  };

  /** Replaces changed rows, adds new ones, removes missing ones, and keeps the server's order. */
  const mergeRows = (next) => {
    if (!list || !next) return true;
    const current = new Map();
    for (const element of list.children) if (keyOf(element)) current.set(keyOf(element), element);
    const wanted = [];
    let complete = true;
    for (const incoming of next.children) {
      const key = keyOf(incoming);
      if (!key) continue;
      const existing = current.get(key);
      current.delete(key);
      if (existing && existing.getAttribute('data-rev') === incoming.getAttribute('data-rev')) {
        // Details left behind while the person was using them: now is the time to bring them up to date.
        const details = existing.matches('div.upm-plugin') ? detailsOf(existing) : null;
        if (details && details.getAttribute('data-rev') !== existing.getAttribute('data-rev')) {
          if (!existing.classList.contains('expanded')) details.remove();
          else if (details.contains(document.activeElement)) complete = false;
          else void loadDetails(existing);
        }
        wanted.push(existing);
      } else if (existing && detailsOf(existing)?.contains(document.activeElement)) {
        wanted.push(existing); // the person is using the row's own controls: try again on the next round
        complete = false;
      } else if (existing?.matches('div.upm-plugin') && incoming.matches('div.upm-plugin')) {
        patchRow(existing, incoming);
        wanted.push(existing);
      } else {
        const fresh = document.importNode(incoming, true);
        if (existing) {
          if (fresh.matches('div.upm-plugin')) setExpanded(fresh, existing.classList.contains('expanded'));
          existing.replaceWith(fresh);
        }
        wanted.push(fresh);
      }
    }
    for (const gone of current.values()) {
      if (gone.contains(document.activeElement)) complete = false;
      else gone.remove();
    }
    wanted.forEach((node, index) => {
      const at = list.children[index];
      // Moving a node blurs what is focused inside it: leave that one where it is.
      if (at !== node && !node.contains(document.activeElement)) list.insertBefore(node, at ?? null);
    });
    return complete;
  };

  const mergeSettings = (nextContent) => {
    const enabled = nextContent.getAttribute('data-private-listings');
    content.setAttribute('data-private-listings', enabled);
    const note = document.getElementById('tl-private-listings-state');
    const nextNote = nextContent.querySelector('#tl-private-listings-state');
    if (note && nextNote && note.textContent !== nextNote.textContent)
      note.replaceWith(document.importNode(nextNote, true));
    const dialog = document.getElementById('upm-settings-dialog');
    const checkbox = dialog?.querySelector('input[type="checkbox"]');
    if (checkbox && !dialog.open && document.activeElement !== checkbox) {
      checkbox.checked = enabled === 'true';
      checkbox.defaultChecked = checkbox.checked;
    }
  };

  const refresh = async () => {
    const answer = await fetch(location.pathname, { headers: { 'X-Live-Refresh': '1' }, cache: 'no-store' });
    if (!answer.ok) return;
    const next = new DOMParser().parseFromString(await answer.text(), 'text/html');
    const nextContent = next.getElementById('upm-content');
    if (!nextContent) return;
    const complete = mergeRows(next.getElementById('upm-manage-plugins-user-installed'));
    mergeSettings(nextContent);
    content.setAttribute('data-etag', nextContent.getAttribute('data-etag') ?? '');
    retry = !complete;
  };

  const poll = async () => {
    const answer = await fetch(content.getAttribute('data-state-url'), {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (answer.status === 401) {
      stopped = true;
      if (live) live.textContent = 'Live updates stopped: sign in again and reload.';
      return;
    }
    if (!answer.ok) return;
    const state = await answer.json();
    const changed =
      state.etag !== content.getAttribute('data-etag') ||
      String(state.privateListingsEnabled) !== content.getAttribute('data-private-listings');
    if (changed || retry) await refresh();
  };

  const tick = async () => {
    timer = undefined;
    if (stopped || running || document.hidden) return;
    running = true;
    try {
      await poll();
    } catch {
      // The service may be restarting: try again on the next round.
    } finally {
      running = false;
    }
    if (!stopped && !document.hidden && timer === undefined) timer = setTimeout(tick, POLL_MS);
  };

  // Polls only while the page is visible; coming back checks at once.
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && timer === undefined) tick();
  });
  timer = setTimeout(tick, POLL_MS);
})();
