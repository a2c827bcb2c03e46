import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SiteHost } from '../../lib/domain/identifiers';
import { LICENSE_STATE_LABELS } from '../../lib/domain/license-state-names';
import type { SiteApp } from '../../lib/domain/site-view';
import { parseTokenUrl } from '../../lib/domain/token-url';
import { askBackground } from '../../lib/messaging/extension-page-ask';
import { type Outcome, OutcomeText, WindowFormActions } from '../shared/window-form';

export interface InstallPageProps {
  /** The site to install on; null when the page was opened without one. */
  host: SiteHost | null;
  /** The background (a parameter so tests can pass their own). */
  ask?: typeof askBackground;
  openOptions?: () => void;
  /** Set when the popup was opened as a window of its own (from the overlay bar), to close it. */
  closeWindow?: (() => void) | undefined;
}

function describeInstalled(host: string, app: SiteApp): string {
  const license = app.paymentModel === 'free' ? 'a free app' : LICENSE_STATE_LABELS[app.license.state];
  return `Installed ${app.name} on ${host}: ${license}.`;
}

/**
 * *Install from token URL*, a view of the popup (the overlay bar opens the popup on it, as a
 * window of its own): the token URL is a secret, so it is typed here, where no page script can
 * read it, never into the Manage apps page.
 */
export function InstallPage({
  host,
  ask = askBackground,
  openOptions = () => void browser.runtime.openOptionsPage(),
  closeWindow,
}: InstallPageProps) {
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [names, setNames] = useState<string | null>(null);

  // Before installing, say which app and token the pasted URL names (a moment after typing stops).
  useEffect(() => {
    setNames(null);
    const installUrl = url.trim();
    if (!host || !parseTokenUrl(installUrl)) return;
    const timer = setTimeout(async () => {
      const reply = await ask({ type: 'site.describeTokenUrl', host, installUrl });
      if (!reply.ok) return;
      const { app, last4 } = reply.data;
      setNames(
        !app
          ? `Token ••${last4}, but no app of yours has this descriptor URL: the service would refuse it.`
          : app.installedHere
            ? `${app.name} is already installed on ${host} (token ••${last4}).`
            : `Installs ${app.name} with token ••${last4}.`,
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [url, host]);

  if (!host) {
    return (
      <section>
        <h2>Install from token URL</h2>
        <p role="alert">
          No site was named. Open this from the Token Lens bar on a site’s Manage apps page (Install from token URL).
        </p>
      </section>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setOutcome(null);
    const installUrl = url.trim();
    if (!parseTokenUrl(installUrl)) {
      setOutcome({
        kind: 'error',
        code: 'not_a_token_url',
        text: 'This is not a token URL: it is the app’s descriptor URL with ?access-token=mat_… added.',
      });
      return;
    }
    setBusy(true);
    const reply = await ask({ type: 'site.installFromUrl', host, installUrl });
    setBusy(false);
    if (!reply.ok) {
      setOutcome({ kind: 'error', code: reply.error.code, text: reply.error.message });
      return;
    }
    // The secret has done its work: it does not stay on screen.
    setUrl('');
    setOutcome({ kind: 'ok', text: describeInstalled(host, reply.data.installed) });
  };

  return (
    <section>
      <h2>Install from token URL</h2>
      <p class="tl-site">
        on <strong>{host}</strong>
      </p>
      <form onSubmit={submit}>
        <label for="tl-token-url">Token URL</label>
        <input
          id="tl-token-url"
          type="url"
          required
          // biome-ignore lint/a11y/noAutofocus: the window opens for this one field, at the person's own click.
          autoFocus
          autoComplete="off"
          spellcheck={false}
          placeholder="https://…/atlassian-connect.json?access-token=mat_…"
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
        <p class="tl-hint" aria-live="polite">
          {names ?? 'The app is installed and licensed in one step. The URL is sent only to the Token Lens service.'}
        </p>
        <WindowFormActions label="Install" busyLabel="Installing…" busy={busy} closeWindow={closeWindow} />
      </form>
      <OutcomeText outcome={outcome} openOptions={openOptions} />
    </section>
  );
}
