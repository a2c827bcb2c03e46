import { useState } from 'preact/hooks';
import { askBackground } from '../../lib/messaging/ask-background';
import { ensureServicePermission } from '../../lib/messaging/host-permission';
import type { SessionStatus } from '../../lib/messaging/protocol';

/** The service's URL, saved on change, with a *Test connection* button. */
export function ServiceSection({
  status,
  onStatus,
}: {
  status: SessionStatus;
  onStatus: (status: SessionStatus) => void;
}) {
  const [url, setUrl] = useState(status.serviceUrl);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    // Asked here, in the click's user gesture: browsers grant optional permissions only then.
    if (!(await ensureServicePermission(url))) {
      setBusy(false);
      setMessage({ kind: 'error', text: `Token Lens needs permission to reach ${url}. Save again and allow it.` });
      return;
    }
    const reply = await askBackground({ type: 'settings.setServiceUrl', serviceUrl: url });
    setBusy(false);
    if (reply.ok) {
      onStatus(reply.data);
      setUrl(reply.data.serviceUrl);
      setMessage({ kind: 'ok', text: 'Saved.' });
    } else setMessage({ kind: 'error', text: reply.error.message });
  };

  const test = async () => {
    setBusy(true);
    setMessage(null);
    if (!(await ensureServicePermission(url))) {
      setBusy(false);
      setMessage({ kind: 'error', text: `Token Lens needs permission to reach ${url}. Try again and allow it.` });
      return;
    }
    const reply = await askBackground({ type: 'settings.testConnection', serviceUrl: url });
    setBusy(false);
    setMessage(
      reply.ok
        ? { kind: 'ok', text: 'Connected: the service answered.' }
        : { kind: 'error', text: reply.error.message },
    );
  };

  return (
    <section aria-labelledby="service-heading">
      <h2 id="service-heading">Service</h2>
      <form onSubmit={save} class="tl-row">
        <label for="service-url">Service URL</label>
        <input
          id="service-url"
          type="url"
          required
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
          placeholder="http://127.0.0.1:4747"
        />
        <button type="submit" disabled={busy || url === status.serviceUrl}>
          Save
        </button>
        <button type="button" onClick={test} disabled={busy}>
          Test connection
        </button>
      </form>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} class={`tl-message tl-${message.kind}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
