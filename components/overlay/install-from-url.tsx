import { useState } from 'preact/hooks';
import type { AppKey } from '../../lib/domain/identifiers';
import type { ErrorValue, Reply } from '../../lib/domain/reply';
import { canGoOnSite } from '../../lib/domain/token-placement';
import type { InstallableApps, SiteAppTokens } from '../../lib/messaging/protocol';
import { ErrorText } from '../shared/error-text';
import { personOnly } from '../shared/person-only';

export interface InstallFromUrlProps {
  disabledReason: string | null;
  /** Opens the extension's own install window: a token URL is never typed into the page. */
  openInstallPage: () => Promise<Reply<unknown>>;
  loadInstallable: () => Promise<Reply<InstallableApps>>;
  loadTokens: (appKey: AppKey) => Promise<Reply<SiteAppTokens>>;
  installWithToken: (appKey: AppKey, tokenId: string) => Promise<Reply<unknown>>;
}

type Mode = 'closed' | 'pick';

/**
 * *Install from token URL* opens the extension's own window to paste a URL in (a token URL is a
 * secret, and this bar lives in the host page); *Pick a token…* installs with one of the app's
 * tokens, whose value never appears here. Either way the app is installed and licensed in one step.
 */
export function InstallFromUrl(props: InstallFromUrlProps) {
  const [mode, setMode] = useState<Mode>('closed');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok'; text: string } | { kind: 'error'; error: ErrorValue } | null>(
    null,
  );
  const [apps, setApps] = useState<InstallableApps['apps'] | null>(null);
  const [appKey, setAppKey] = useState('');
  const [tokens, setTokens] = useState<SiteAppTokens['tokens'] | null>(null);
  const [tokenId, setTokenId] = useState('');

  const finish = (answer: Reply<unknown>) => {
    setBusy(false);
    if (!answer.ok) return setMessage({ kind: 'error', error: answer.error });
    setMessage({ kind: 'ok', text: 'Installed and licensed.' });
    setMode('closed');
    setAppKey('');
    setTokenId('');
  };

  const openInstallPage = async () => {
    setMessage(null);
    const answer = await props.openInstallPage();
    if (!answer.ok) setMessage({ kind: 'error', error: answer.error });
  };

  const openPicker = async () => {
    setMode('pick');
    setMessage(null);
    const answer = await props.loadInstallable();
    if (answer.ok) setApps(answer.data.apps);
    else setMessage({ kind: 'error', error: answer.error });
  };

  const chooseApp = async (value: string) => {
    // The option's value is page-readable DOM: take the key from the list the background gave.
    const key = apps?.find((app) => app.appKey === value)?.appKey;
    setAppKey(key ?? '');
    setTokens(null);
    setTokenId('');
    if (!key) return;
    const answer = await props.loadTokens(key);
    if (!answer.ok) return setMessage({ kind: 'error', error: answer.error });
    // Only tokens that can go on this site; their notes are the only other thing shown.
    const usable = answer.data.tokens.filter((token) => canGoOnSite(token.placement));
    setTokens(usable);
    setTokenId(usable[0]?.id ?? '');
  };

  const submitPick = async (event: Event) => {
    event.preventDefault();
    const app = apps?.find((candidate) => candidate.appKey === appKey);
    if (!app) return;
    setBusy(true);
    setMessage(null);
    finish(await props.installWithToken(app.appKey, tokenId));
  };

  return (
    <div class="tl-install">
      <button
        type="button"
        class="tl-button tl-primary"
        aria-haspopup="dialog"
        disabled={props.disabledReason !== null}
        title={props.disabledReason ?? 'Opens a Token Lens window to paste the token URL in'}
        onClick={personOnly(openInstallPage)}
      >
        Install from token URL
      </button>
      <button
        type="button"
        class="tl-button"
        aria-expanded={mode === 'pick'}
        disabled={props.disabledReason !== null}
        onClick={personOnly(() => (mode === 'pick' ? setMode('closed') : openPicker()))}
      >
        Pick a token…
      </button>
      {mode === 'pick' && (
        // A form's submit event is the browser's own even when a script calls requestSubmit(), so
        // installing hangs on the button's click, which only a person can make trusted.
        <form class="tl-inline-form" onSubmit={(event) => event.preventDefault()}>
          {apps === null && !message && <span aria-busy="true">Loading apps…</span>}
          {apps?.length === 0 && <span>Every app with a private listing is installed here already.</span>}
          {apps && apps.length > 0 && (
            <>
              <label for="tl-pick-app">App</label>
              <select
                id="tl-pick-app"
                value={appKey}
                onChange={personOnly((event) => chooseApp((event.currentTarget as HTMLSelectElement).value))}
              >
                <option value="">Choose an app…</option>
                {apps.map((app) => (
                  <option key={app.appKey} value={app.appKey}>
                    {app.name}
                  </option>
                ))}
              </select>
            </>
          )}
          {tokens?.length === 0 && <span>No token of this app can go on this site: create one first.</span>}
          {tokens && tokens.length > 0 && (
            <>
              <label for="tl-pick-token">Token</label>
              <select
                id="tl-pick-token"
                value={tokenId}
                onChange={personOnly((event) => setTokenId((event.currentTarget as HTMLSelectElement).value))}
              >
                {tokens.map((token) => (
                  <option key={token.id} value={token.id}>
                    ••{token.last4}
                    {token.note ? ` — ${token.note}` : ''}
                  </option>
                ))}
              </select>
              <button
                type="submit"
                class="tl-button tl-primary"
                disabled={busy || !tokenId}
                onClick={personOnly(submitPick)}
              >
                {busy ? 'Installing…' : 'Install'}
              </button>
            </>
          )}
        </form>
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
