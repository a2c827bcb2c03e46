import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ErrorValue, Reply } from '../../lib/domain/reply';
import { canGoOnSite } from '../../lib/domain/token-placement';
import type { SiteAppTokens } from '../../lib/messaging/protocol';
import { ErrorText } from '../shared/error-text';
import { personOnly } from '../shared/person-only';

export interface QuickApplyMenuProps {
  appName: string;
  /** The token now on the app here, so the menu can mark it. */
  currentTokenId: string | null;
  disabledReason: string | null;
  /** Why this app can never have a token: shown beside the (disabled) button, in words. */
  tokenlessReason?: string | null;
  loadTokens: () => Promise<Reply<SiteAppTokens>>;
  onApply: (tokenId: string) => Promise<Reply<unknown>>;
  onCreateAndApply: () => Promise<Reply<unknown>>;
  /** *Paste a token…*: the product's pencil flow, in the extension's own window (a value is a secret). */
  onPaste: () => Promise<Reply<unknown>>;
}

type MenuState =
  | { kind: 'closed' }
  | { kind: 'loading' }
  | { kind: 'open'; list: SiteAppTokens }
  | { kind: 'failed'; error: ErrorValue };

/**
 * *Apply token to <App>*: a menu of this app's tokens that can go on this site (unbound ones,
 * and ones already bound here), with `n / 50` used and *Create and apply* when none is left.
 */
export function QuickApplyMenu({
  appName,
  currentTokenId,
  disabledReason,
  tokenlessReason = null,
  loadTokens,
  onApply,
  onCreateAndApply,
  onPaste,
}: QuickApplyMenuProps) {
  const reasonId = useId();
  const [state, setState] = useState<MenuState>({ kind: 'closed' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const open = state.kind !== 'closed';

  // A press anywhere outside the menu closes it, as menus do.
  useEffect(() => {
    if (state.kind === 'closed') return;
    const doc = buttonRef.current?.ownerDocument ?? document;
    const onPointerDown = (event: Event) => {
      const wrap = buttonRef.current?.parentElement;
      if (wrap && !event.composedPath().includes(wrap)) setState({ kind: 'closed' });
    };
    doc.addEventListener('pointerdown', onPointerDown, true);
    return () => doc.removeEventListener('pointerdown', onPointerDown, true);
  }, [state.kind]);

  useEffect(() => {
    if (state.kind === 'open' || state.kind === 'failed')
      menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [state.kind]);

  const close = (focusButton = true) => {
    setState({ kind: 'closed' });
    if (focusButton) buttonRef.current?.focus();
  };

  const toggle = async () => {
    if (open) return close();
    setError(null);
    setState({ kind: 'loading' });
    const list = await loadTokens();
    setState(list.ok ? { kind: 'open', list: list.data } : { kind: 'failed', error: list.error });
  };

  const run = async (action: () => Promise<Reply<unknown>>) => {
    close();
    setBusy(true);
    const answer = await action();
    setError(answer.ok ? null : answer.error);
    setBusy(false);
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const items = [
      ...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []),
    ];
    const index = items.indexOf(event.target as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? items[0] : items.at(-1))?.focus();
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  // Opens a window: nothing to wait for here but whether it opened.
  const paste = async () => {
    close();
    const answer = await onPaste();
    setError(answer.ok ? null : answer.error);
  };
  const pasteItem = (
    <div
      role="menuitem"
      tabIndex={-1}
      class="tl-menuitem tl-paste"
      onClick={personOnly(() => void paste())}
      onKeyDown={personOnly((event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          void paste();
        }
      })}
    >
      Paste a token…
    </div>
  );

  const usable = state.kind === 'open' ? state.list.tokens.filter((token) => canGoOnSite(token.placement)) : [];
  const canCreate = state.kind === 'open' && state.list.active < state.list.limit;

  return (
    <div class="tl-menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        class="tl-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Apply token to ${appName}`}
        disabled={disabledReason !== null || tokenlessReason !== null || busy}
        title={disabledReason ?? tokenlessReason ?? undefined}
        aria-describedby={tokenlessReason ? reasonId : undefined}
        onClick={personOnly(toggle)}
      >
        {busy ? 'Applying…' : 'Apply token ▾'}
      </button>
      {tokenlessReason && (
        <span id={reasonId} class="tl-reason">
          {tokenlessReason}
        </span>
      )}
      {state.kind === 'loading' && (
        <div class="tl-menu" role="status">
          Loading tokens…
        </div>
      )}
      {state.kind === 'failed' && (
        <div ref={menuRef} class="tl-menu" role="menu" aria-label={`Tokens for ${appName}`} onKeyDown={onMenuKey}>
          <div role="alert" class="tl-menu-empty" data-code={state.error.code}>
            {state.error.message}
          </div>
          {pasteItem}
        </div>
      )}
      {state.kind === 'open' && (
        <div ref={menuRef} class="tl-menu" role="menu" aria-label={`Tokens for ${appName}`} onKeyDown={onMenuKey}>
          <div class="tl-menu-head" role="presentation">
            {state.list.active} / {state.list.limit} used
          </div>
          {usable.map((token) => (
            <div
              key={token.id}
              role="menuitem"
              tabIndex={-1}
              class="tl-menuitem"
              aria-disabled={token.id === currentTokenId}
              onClick={personOnly(() => token.id !== currentTokenId && run(() => onApply(token.id)))}
              onKeyDown={personOnly((event) => {
                if ((event.key === 'Enter' || event.key === ' ') && token.id !== currentTokenId) {
                  event.preventDefault();
                  void run(() => onApply(token.id));
                }
              })}
            >
              <code>••{token.last4}</code> {token.placement === 'here' ? 'bound here' : 'unbound'}
              {token.id === currentTokenId ? ' (applied)' : ''}
              {token.note && <span class="tl-note"> — {token.note}</span>}
            </div>
          ))}
          {usable.length === 0 && (
            <div class="tl-menu-empty" role="presentation">
              No token of {appName} can go on this site.
            </div>
          )}
          {usable.length === 0 && canCreate && (
            <div
              role="menuitem"
              tabIndex={-1}
              class="tl-menuitem tl-create"
              onClick={personOnly(() => run(onCreateAndApply))}
              onKeyDown={personOnly((event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  void run(onCreateAndApply);
                }
              })}
            >
              Create and apply
            </div>
          )}
          {usable.length === 0 && !canCreate && (
            <div class="tl-menu-empty" role="presentation">
              The limit of {state.list.limit} active tokens is reached: remove one at the Marketplace first.
            </div>
          )}
          {pasteItem}
        </div>
      )}
      {error && <ErrorText error={error} />}
    </div>
  );
}
