import { useState } from 'preact/hooks';
import type { ErrorValue } from '../../lib/domain/reply';
import { askBackground } from '../../lib/messaging/extension-page-ask';
import type { SessionStatus } from '../../lib/messaging/protocol';
import { ensureServicePermission } from '../../lib/permissions/host-permission';
import { ErrorText } from '../shared/error-text';

/**
 * The service's URL, with *Save* and *Test connection*. The URL typed here is the one *Test
 * connection* and *Sign in* use, saved or not: the page holds it (`url`).
 */
export function ServiceSection({
  status,
  onStatus,
  url,
  onUrl: setUrl,
}: {
  status: SessionStatus;
  onStatus: (status: SessionStatus) => void;
  url: string;
  onUrl: (url: string) => void;
}) {
  const [message, setMessage] = useState<{ kind: 'ok'; text: string } | { kind: 'error'; error: ErrorValue } | null>(
    null,
  );
  const permissionRefused = (verb: string) => ({
    kind: 'error' as const,
    error: {
      code: 'permission_refused',
      message: `Token Lens needs permission to reach ${url}. ${verb} again and allow it.`,
    },
  });
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    // Asked here, in the click's user gesture: browsers grant optional permissions only then.
    if (!(await ensureServicePermission(url))) {
      setBusy(false);
      setMessage(permissionRefused('Save'));
      return;
    }
    const reply = await askBackground({ type: 'settings.setServiceUrl', serviceUrl: url });
    setBusy(false);
    if (reply.ok) {
      onStatus(reply.data);
      setUrl(reply.data.serviceUrl);
      setMessage({ kind: 'ok', text: 'Saved.' });
    } else setMessage({ kind: 'error', error: reply.error });
  };

  const test = async () => {
    setBusy(true);
    setMessage(null);
    if (!(await ensureServicePermission(url))) {
      setBusy(false);
      setMessage(permissionRefused('Try'));
      return;
    }
    const reply = await askBackground({ type: 'settings.testConnection', serviceUrl: url });
    setBusy(false);
    setMessage(
      reply.ok ? { kind: 'ok', text: 'Connected: the service answered.' } : { kind: 'error', error: reply.error },
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
      {message?.kind === 'ok' && (
        <p role="status" class="tl-message tl-ok">
          {message.text}
        </p>
      )}
      {message?.kind === 'error' && <ErrorText as="p" error={message.error} />}
    </section>
  );
}
