import { useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorValue, Reply } from '../../lib/domain/reply';
import { ErrorText } from '../shared/error-text';
import { personOnly } from '../shared/person-only';

export interface TokenActionsProps {
  appName: string;
  siteHost: string;
  disabledReason: string | null;
  /** The URL to copy, asked of the background at the moment of copying. */
  loadTokenUrl: () => Promise<Reply<{ url: string }>>;
  onClear: () => Promise<Reply<unknown>>;
  /** Writes text to the clipboard (a parameter so tests can pass their own). */
  writeClipboard?: (text: string) => Promise<void>;
}

const defaultClipboard = (text: string) => navigator.clipboard.writeText(text);

/** *Copy token URL* and *Clear token* (with a confirmation that says what clearing does). */
export function TokenActions({
  appName,
  siteHost,
  disabledReason,
  loadTokenUrl,
  onClear,
  writeClipboard = defaultClipboard,
}: TokenActionsProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok'; text: string } | { kind: 'error'; error: ErrorValue } | null>(
    null,
  );
  const cancelRef = useRef<HTMLButtonElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);

  // Opening the confirmation puts focus on its safe choice; closing it gives focus back.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => clearRef.current?.focus());
  };

  const copy = async () => {
    setMessage(null);
    const answer = await loadTokenUrl();
    if (!answer.ok) return setMessage({ kind: 'error', error: answer.error });
    try {
      await writeClipboard(answer.data.url);
      setMessage({ kind: 'ok', text: 'Token URL copied.' });
    } catch {
      setMessage({
        kind: 'error',
        error: {
          code: 'clipboard_refused',
          message: 'The browser did not allow copying. Click the page once and try again.',
        },
      });
    }
  };

  const clear = async () => {
    setBusy(true);
    const answer = await onClear();
    setBusy(false);
    setConfirming(false);
    setMessage(answer.ok ? null : { kind: 'error', error: answer.error });
  };

  return (
    <div class="tl-actions">
      <button
        type="button"
        class="tl-button"
        onClick={personOnly(copy)}
        disabled={disabledReason !== null}
        title={disabledReason ?? undefined}
      >
        Copy token URL
      </button>
      {!confirming && (
        <button
          ref={clearRef}
          type="button"
          class="tl-button tl-danger"
          onClick={personOnly(() => setConfirming(true))}
          disabled={disabledReason !== null}
          title={disabledReason ?? undefined}
        >
          Clear token
        </button>
      )}
      {confirming && (
        <div
          role="alertdialog"
          aria-label={`Clear the token of ${appName}?`}
          class="tl-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !busy) {
              event.preventDefault();
              cancel();
            }
          }}
        >
          <span>
            Clear the token? {appName} stays installed on {siteHost} but becomes <strong>unlicensed</strong>.
          </span>
          <button type="button" class="tl-button tl-danger" onClick={personOnly(clear)} disabled={busy}>
            {busy ? 'Clearing…' : 'Clear token'}
          </button>
          <button ref={cancelRef} type="button" class="tl-button" onClick={cancel} disabled={busy}>
            Cancel
          </button>
        </div>
      )}
      {message?.kind === 'ok' && (
        <span class="tl-ok" role="status">
          {message.text}
        </span>
      )}
      {message?.kind === 'error' && <ErrorText error={message.error} />}
    </div>
  );
}
