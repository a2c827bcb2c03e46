import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AppKey, SiteHost } from '../../lib/domain/identifiers';
import { LICENSE_STATE_LABELS } from '../../lib/domain/license-state-names';
import type { askBackground } from '../../lib/messaging/extension-page-ask';
import { type Outcome, OutcomeText, WindowFormActions } from '../shared/window-form';

export interface ApplyTokenViewProps {
  host: SiteHost;
  appKey: AppKey;
  appName: string;
  ask: typeof askBackground;
  /** Set when opened as a window of its own (the overlay's *Paste a token…*), to close it. */
  closeWindow?: (() => void) | undefined;
  openOptions?: () => void;
}

/**
 * *Paste a token*: the product's pencil flow — a token's value pasted and applied to one app
 * as is, for a token the Token Lens service does not hold (a site it has no record of, another
 * vendor account's token). A value is a secret, so it is typed here, never into the page.
 */
export function ApplyTokenView({
  host,
  appKey,
  appName,
  ask,
  closeWindow,
  openOptions = () => void browser.runtime.openOptionsPage(),
}: ApplyTokenViewProps) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setOutcome(null);
    setBusy(true);
    const reply = await ask({ type: 'site.applyTokenValue', host, appKey, token: value });
    setBusy(false);
    if (!reply.ok) {
      setOutcome({ kind: 'error', code: reply.error.code, text: reply.error.message });
      return;
    }
    // The secret has done its work: it does not stay on screen.
    setValue('');
    const app = reply.data.apps.find((candidate) => candidate.appKey === appKey);
    const license = !app
      ? ''
      : app.paymentModel === 'free'
        ? ' (a free app)'
        : `: ${LICENSE_STATE_LABELS[app.license.state]}`;
    const token = app?.token ? `••${app.token.last4}` : 'The token';
    setOutcome({ kind: 'ok', text: `${token} is on ${appName} on ${host}${license}.` });
  };

  return (
    <section>
      <h2>Paste a token for {appName}</h2>
      <p class="tl-site">
        on <strong>{host}</strong>
      </p>
      <form onSubmit={submit}>
        <label for="tl-token-value">Token value</label>
        <input
          id="tl-token-value"
          type="text"
          required
          // biome-ignore lint/a11y/noAutofocus: the window opens for this one field, at the person's own click.
          autoFocus
          autoComplete="off"
          spellcheck={false}
          placeholder="mat_…, or a whole token URL"
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <p class="tl-hint">
          The token goes to the site as is, which judges it, as the product’s own pencil button does. Token Lens never
          keeps it.
        </p>
        <WindowFormActions label="Apply token" busyLabel="Applying…" busy={busy} closeWindow={closeWindow} />
      </form>
      <OutcomeText outcome={outcome} openOptions={openOptions} />
    </section>
  );
}
