import { useState } from 'preact/hooks';
import type { ErrorValue } from '../../lib/domain/reply';
import { askBackground } from '../../lib/messaging/ask-background';
import type { SessionStatus } from '../../lib/messaging/protocol';
import { ErrorText } from '../shared/error-text';

/**
 * Sign in to the Token Lens service (never to Atlassian: there is no field for an Atlassian
 * password or API token). The password goes to the background once and is not kept.
 */
export function SignInSection({
  status,
  onStatus,
}: {
  status: SessionStatus;
  onStatus: (status: SessionStatus) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [staySignedIn, setStaySignedIn] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [busy, setBusy] = useState(false);

  if (status.signedIn) {
    const signOut = async () => {
      setBusy(true);
      const reply = await askBackground({ type: 'session.signOut' });
      setBusy(false);
      if (reply.ok) onStatus(reply.data);
      else setError(reply.error);
    };
    return (
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <p role="status">
          Signed in as <strong>{status.email}</strong> ({status.role})
          {status.expiresAt && ` until ${new Date(status.expiresAt).toLocaleString()}`}
          {status.persistent ? ', kept across browser restarts.' : ', for this browser session.'}
        </p>
        <button type="button" onClick={signOut} disabled={busy}>
          Sign out
        </button>
        {error && <ErrorText as="p" error={error} />}
      </section>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const reply = await askBackground({ type: 'session.signIn', email, password, staySignedIn });
    setBusy(false);
    setPassword('');
    if (reply.ok) onStatus(reply.data);
    else setError(reply.error);
  };

  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">Sign in</h2>
      <p class="tl-muted">Your Token Lens service account — not your Atlassian account.</p>
      <form onSubmit={submit} class="tl-grid">
        <label for="email">Email</label>
        <input
          id="email"
          type="email"
          autocomplete="username"
          required
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <label for="password">Password</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <label class="tl-check">
          <input
            type="checkbox"
            checked={staySignedIn}
            onChange={(event) => setStaySignedIn(event.currentTarget.checked)}
          />
          Stay signed in
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {error && <ErrorText as="p" error={error} />}
    </section>
  );
}
