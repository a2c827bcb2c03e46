import { useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorValue } from '../../lib/domain/reply';
import { askBackground } from '../../lib/messaging/extension-page-ask';
import type { SessionStatus } from '../../lib/messaging/protocol';
import { ensureServicePermission } from '../../lib/permissions/host-permission';
import { ErrorText } from '../shared/error-text';

/**
 * Sign in to the Token Lens service (never to Atlassian: there is no field for an Atlassian
 * password or API token) — with email and password, or a personal access token pasted in — at
 * the Service URL as typed. Neither the password nor the token stays in this page.
 */
export function SignInSection({
  status,
  onStatus,
  serviceUrl,
  focusEmail = false,
}: {
  status: SessionStatus;
  onStatus: (status: SessionStatus) => void;
  serviceUrl: string;
  /** A first install lands here: the Email field takes the focus. */
  focusEmail?: boolean;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [personalToken, setPersonalToken] = useState('');
  const [staySignedIn, setStaySignedIn] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const emailField = useRef<HTMLInputElement>(null);
  // On the first-install welcome, signing in is the one next step.
  useEffect(() => {
    if (focusEmail) emailField.current?.focus();
  }, []);

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
          {status.via === 'personal-token' ? ' with a personal access token' : ''}
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
    setError(null);
    const withToken = personalToken.trim() !== '';
    if (!withToken && (!email.trim() || !password)) {
      setError({
        code: 'credentials_missing',
        message: 'Enter your email and password, or paste a personal access token.',
      });
      return;
    }
    // Asked first, in the click's own turn: browsers grant optional permissions only then.
    const allowed = ensureServicePermission(serviceUrl);
    setBusy(true);
    if (!(await allowed)) {
      setBusy(false);
      setError({
        code: 'permission_refused',
        message: `Token Lens needs permission to reach ${serviceUrl}. Sign in again and allow it.`,
      });
      return;
    }
    const reply = withToken
      ? await askBackground({ type: 'session.signInWithToken', token: personalToken, staySignedIn, serviceUrl })
      : await askBackground({ type: 'session.signIn', email, password, staySignedIn, serviceUrl });
    setBusy(false);
    setPassword('');
    setPersonalToken('');
    if (reply.ok) onStatus(reply.data);
    else setError(reply.error);
  };

  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">Sign in</h2>
      {status.notice && (
        <p role="alert" class="tl-message tl-error" data-code="signed_out">
          {status.notice}
        </p>
      )}
      <p class="tl-muted">Your Token Lens service account at {serviceUrl} — not your Atlassian account.</p>
      <form onSubmit={submit} class="tl-grid">
        <label for="email">Email</label>
        <input
          id="email"
          ref={emailField}
          type="email"
          autocomplete="username"
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <label for="password">Password</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <label for="personal-token">Personal access token</label>
        <input
          id="personal-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder="tlp_… instead of email and password"
          value={personalToken}
          onInput={(event) => setPersonalToken(event.currentTarget.value)}
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
