import { useState } from 'preact/hooks';

export interface InstallFromUrlProps {
  disabledReason: string | null;
  /** Each resolves with an error sentence, or null once the app is installed and licensed. */
  installUrl: (url: string) => Promise<string | null>;
  loadInstallable: () => Promise<{ appKey: string; name: string }[] | string>;
  loadTokens: (appKey: string) => Promise<{ id: string; last4: string; note: string }[] | string>;
  installWithToken: (appKey: string, tokenId: string) => Promise<string | null>;
}

type Mode = 'closed' | 'url' | 'pick';

/** *Install from token URL*: paste a URL, or pick an app and one of its tokens; installed and licensed in one step. */
export function InstallFromUrl(props: InstallFromUrlProps) {
  const [mode, setMode] = useState<Mode>('closed');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [apps, setApps] = useState<{ appKey: string; name: string }[] | null>(null);
  const [appKey, setAppKey] = useState('');
  const [tokens, setTokens] = useState<{ id: string; last4: string; note: string }[] | null>(null);
  const [tokenId, setTokenId] = useState('');

  const finish = (failure: string | null) => {
    setBusy(false);
    if (failure) return setMessage({ kind: 'error', text: failure });
    setMessage({ kind: 'ok', text: 'Installed and licensed.' });
    setMode('closed');
    setUrl('');
    setAppKey('');
    setTokenId('');
  };

  const submitUrl = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    finish(await props.installUrl(url));
  };

  const openPicker = async () => {
    setMode('pick');
    setMessage(null);
    const answer = await props.loadInstallable();
    if (typeof answer === 'string') setMessage({ kind: 'error', text: answer });
    else setApps(answer);
  };

  const chooseApp = async (key: string) => {
    setAppKey(key);
    setTokens(null);
    setTokenId('');
    if (!key) return;
    const answer = await props.loadTokens(key);
    if (typeof answer === 'string') setMessage({ kind: 'error', text: answer });
    else {
      setTokens(answer);
      setTokenId(answer[0]?.id ?? '');
    }
  };

  const submitPick = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    finish(await props.installWithToken(appKey, tokenId));
  };

  return (
    <div class="tl-install">
      <button
        type="button"
        class="tl-button tl-primary"
        aria-expanded={mode === 'url'}
        disabled={props.disabledReason !== null}
        title={props.disabledReason ?? undefined}
        onClick={() => setMode(mode === 'url' ? 'closed' : 'url')}
      >
        Install from token URL
      </button>
      <button
        type="button"
        class="tl-button"
        aria-expanded={mode === 'pick'}
        disabled={props.disabledReason !== null}
        onClick={() => (mode === 'pick' ? setMode('closed') : openPicker())}
      >
        Pick a token…
      </button>
      {mode === 'url' && (
        <form class="tl-inline-form" onSubmit={submitUrl}>
          <label for="tl-token-url">Token URL</label>
          <input
            id="tl-token-url"
            type="url"
            required
            placeholder="https://…/atlassian-connect.json?access-token=mat_…"
            value={url}
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
          <button type="submit" class="tl-button tl-primary" disabled={busy}>
            {busy ? 'Installing…' : 'Install'}
          </button>
        </form>
      )}
      {mode === 'pick' && (
        <form class="tl-inline-form" onSubmit={submitPick}>
          {apps === null && !message && <span aria-busy="true">Loading apps…</span>}
          {apps?.length === 0 && <span>Every app with a private listing is installed here already.</span>}
          {apps && apps.length > 0 && (
            <>
              <label for="tl-pick-app">App</label>
              <select id="tl-pick-app" value={appKey} onChange={(event) => chooseApp(event.currentTarget.value)}>
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
              <select id="tl-pick-token" value={tokenId} onChange={(event) => setTokenId(event.currentTarget.value)}>
                {tokens.map((token) => (
                  <option key={token.id} value={token.id}>
                    ••{token.last4}
                    {token.note ? ` — ${token.note}` : ''}
                  </option>
                ))}
              </select>
              <button type="submit" class="tl-button tl-primary" disabled={busy || !tokenId}>
                {busy ? 'Installing…' : 'Install'}
              </button>
            </>
          )}
        </form>
      )}
      {message && (
        <span class={message.kind === 'ok' ? 'tl-ok' : 'tl-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
