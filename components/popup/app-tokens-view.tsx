import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MaskedToken } from '../../lib/domain/access-token';
import type { AppKey, SiteHost } from '../../lib/domain/identifiers';
import type { ErrorValue, Reply } from '../../lib/domain/reply';
import { placementOf, type TokenPlacement } from '../../lib/domain/token-placement';
import { askBackground } from '../../lib/messaging/extension-page-ask';
import type { AppTokens } from '../../lib/messaging/protocol';
import { ErrorText } from '../shared/error-text';
import { formatAge } from '../shared/format-age';

/** Tokens listed at a time. */
const PAGE = 50;

const FILTERS: { placement: TokenPlacement; label: string }[] = [
  { placement: 'unbound', label: 'Unbound' },
  { placement: 'here', label: 'Bound here' },
  { placement: 'elsewhere', label: 'Bound elsewhere' },
  { placement: 'removed', label: 'Removed' },
];

function placementText(token: MaskedToken, placement: TokenPlacement): string {
  if (placement === 'removed') return token.site ? `removed (was on ${token.site.host})` : 'removed';
  if (placement === 'unbound') return 'unbound';
  return placement === 'here' ? 'bound here' : `bound to ${token.site?.host}`;
}

/**
 * Every token of one app, `n / 50` used: searchable (note, last four characters, site) and
 * filtered by where each stands from this site. *Create token*, *Copy token URL* (the value is
 * asked for at that moment), *Remove token* with a confirmation naming the site that becomes
 * unlicensed. Lists hold masked values only.
 */
export function AppTokensView({
  host,
  appKey,
  appName,
  ask = askBackground,
  cached = null,
  cachedList = null,
  writeClipboard = (text) => navigator.clipboard.writeText(text),
}: {
  host: SiteHost;
  appKey: AppKey;
  appName: string;
  ask?: typeof askBackground;
  /** The cached list, already asked for (the popup asks while it checks the session). */
  cached?: Promise<Reply<AppTokens | null>> | null;
  /** The cached list, already answered: the first render shows it, without waiting for a second one. */
  cachedList?: AppTokens | null;
  writeClipboard?: (text: string) => Promise<void>;
}) {
  const [list, setList] = useState<AppTokens | null>(cachedList?.appKey === appKey ? cachedList : null);
  // The list the first render showed, if any: the first run of the effect below keeps it.
  const shownFirst = useRef(list);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Set<TokenPlacement>>(new Set());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<MaskedToken | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const [refreshing, setRefreshing] = useState(true);
  const [shownCount, setShownCount] = useState(PAGE);

  // The cached list paints at once; the service's answer replaces it when it comes (a cached
  // answer arriving after the fresh one is dropped). A layout effect: the requests leave before
  // the first paint rather than a frame after it.
  useLayoutEffect(() => {
    performance.mark('token-lens:app-view-rendered');
    let answered = false;
    const held = shownFirst.current?.appKey === appKey ? shownFirst.current : null;
    shownFirst.current = null;
    setList(held);
    setError(null);
    setRefreshing(true);
    if (!held) {
      void (cached ?? ask({ type: 'app.cachedTokens', appKey })).then((reply) => {
        if (!answered && reply.ok && reply.data) setList(reply.data);
      });
    }
    void ask({ type: 'app.tokens', appKey }).then((reply) => {
      performance.mark('token-lens:fresh-answered');
      answered = true;
      setRefreshing(false);
      if (reply.ok) setList(reply.data);
      else setError(reply.error);
    });
  }, [appKey]);

  useLayoutEffect(() => {
    if (!list) return;
    performance.mark('token-lens:tokens-rendered');
    requestAnimationFrame(() => performance.mark('token-lens:tokens-frame'));
  }, [list]);
  useEffect(() => {
    if (list) markPainted();
  }, [list]);

  const answer = (reply: Awaited<ReturnType<typeof ask<{ type: 'app.tokens'; appKey: AppKey }>>>) => {
    if (reply.ok) {
      setList(reply.data);
      setError(null);
    } else setError(reply.error);
    return reply.ok;
  };

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    if (answer(await ask({ type: 'app.createToken', appKey, note: note.trim() }))) {
      setNote('');
      setMessage('Token created.');
    }
    setBusy(false);
  };
  const copy = async (token: MaskedToken) => {
    setMessage(null);
    const reply = await ask({ type: 'app.tokenUrl', appKey, tokenId: token.id });
    if (!reply.ok) return setError(reply.error);
    try {
      await writeClipboard(reply.data.url);
      setMessage(`Token URL of ••${token.last4} copied.`);
    } catch {
      setError({ code: 'clipboard_refused', message: 'The browser did not allow copying. Try again.' });
    }
  };
  const remove = async (token: MaskedToken) => {
    setBusy(true);
    const removed = answer(await ask({ type: 'app.removeToken', appKey, tokenId: token.id }));
    setBusy(false);
    setConfirming(null);
    if (removed) setMessage(`Token ••${token.last4} removed at the Marketplace.`);
  };

  const needle = search.trim().toLowerCase();
  const matching = (list?.tokens ?? []).filter((token) => {
    const placement = placementOf(token, host);
    if (filters.size > 0 && !filters.has(placement)) return false;
    if (!needle) return true;
    return [token.note, token.last4, token.site?.host ?? ''].some((text) => text.toLowerCase().includes(needle));
  });
  // An app collects hundreds of removed tokens over the years: a page of them at a time keeps
  // opening and typing in the search instant; the search and filters always cover all of them.
  const shown = matching.slice(0, shownCount);
  const hidden = matching.length - shown.length;

  // Arrow keys move between the tokens, as in any list.
  const onListKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>(':scope > li') ?? [])];
    const index = items.findIndex((item) => item.contains(document.activeElement));
    const next = items[Math.max(0, Math.min(items.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <section aria-label={`Tokens of ${appName}`}>
      <h2>Tokens of {appName}</h2>
      {list && (
        <p class="tl-muted">
          {list.active} / {list.limit} used
          {refreshing && <span aria-busy="true"> · checking for changes…</span>}
          {list.problem && (
            <span class="tl-stale" title={list.problem.message}>
              {' '}
              · stale, from {formatAge(list.fetchedAt, new Date())}
            </span>
          )}
        </p>
      )}
      <form class="tl-row" onSubmit={create}>
        <label for="tl-new-note">Note</label>
        <input
          id="tl-new-note"
          maxLength={500}
          placeholder="optional, e.g. for QA"
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
        <button type="submit" disabled={busy || !list || list.active >= list.limit}>
          Create token
        </button>
      </form>
      <div class="tl-row">
        <input
          type="search"
          aria-label="Search tokens"
          placeholder="Search tokens"
          value={search}
          onInput={(event) => {
            setSearch(event.currentTarget.value);
            setShownCount(PAGE);
          }}
        />
      </div>
      <fieldset class="tl-row tl-filters">
        <legend class="tl-visually-hidden">Show only</legend>
        {FILTERS.map(({ placement, label }) => (
          <label key={placement} class="tl-check">
            <input
              type="checkbox"
              checked={filters.has(placement)}
              onChange={(event) => {
                const next = new Set(filters);
                if (event.currentTarget.checked) next.add(placement);
                else next.delete(placement);
                setFilters(next);
                setShownCount(PAGE);
              }}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {error && <ErrorText as="p" error={error} />}
      {message && (
        <p role="status" class="tl-ok">
          {message}
        </p>
      )}
      {!list && !error && <p aria-busy="true">Loading tokens…</p>}
      {list && list.tokens.length === 0 && <p>{appName} has no tokens yet. Create one above.</p>}
      {list && list.tokens.length > 0 && matching.length === 0 && <p>No token matches.</p>}
      {shown.length > 0 && (
        <ul ref={listRef} class="tl-token-list" aria-label={`Tokens of ${appName}`} onKeyDown={onListKey}>
          {shown.map((token) => {
            const placement = placementOf(token, host);
            return (
              <li key={token.id} tabIndex={-1} class={`tl-token-item tl-${placement}`}>
                <code>••{token.last4}</code> <span>{placementText(token, placement)}</span>
                {token.note && <span class="tl-note"> — {token.note}</span>}
                {token.status === 'active' && (
                  <span class="tl-item-actions">
                    <button type="button" onClick={() => copy(token)}>
                      Copy token URL
                    </button>
                    <button type="button" onClick={() => setConfirming(token)}>
                      Remove token
                    </button>
                  </span>
                )}
                {confirming?.id === token.id && (
                  <div
                    role="alertdialog"
                    aria-label={`Remove token ••${token.last4}?`}
                    class="tl-confirm"
                    onKeyDown={(event) => {
                      if (event.key === 'Escape' && !busy) setConfirming(null);
                    }}
                  >
                    <span>
                      Remove ••{token.last4} at the Marketplace?{' '}
                      {token.site ? `${token.site.host} becomes unlicensed for ${appName}.` : 'It is on no site yet.'}
                    </span>
                    <button type="button" onClick={() => remove(token)} disabled={busy}>
                      Remove token
                    </button>
                    <ConfirmCancel onCancel={() => setConfirming(null)} disabled={busy} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {hidden > 0 && (
        <p class="tl-row">
          <span class="tl-muted">
            Showing {shown.length} of {matching.length} tokens.
          </span>{' '}
          <button type="button" onClick={() => setShownCount(shownCount + PAGE)}>
            Show {Math.min(PAGE, hidden)} more
          </button>
        </p>
      )}
    </section>
  );
}

/** Set once per popup load when a token list first shows: the benchmark's open-to-painted figure. */
export const PAINTED_ATTRIBUTE = 'data-token-lens-tokens-painted-ms';
function markPainted(): void {
  const root = document.documentElement;
  if (!root.hasAttribute(PAINTED_ATTRIBUTE)) root.setAttribute(PAINTED_ATTRIBUTE, performance.now().toFixed(1));
}

/** The safe choice of a confirmation takes focus when it opens. */
function ConfirmCancel({ onCancel, disabled }: { onCancel: () => void; disabled: boolean }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <button ref={ref} type="button" onClick={onCancel} disabled={disabled}>
      Cancel
    </button>
  );
}
