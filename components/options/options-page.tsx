import { useEffect, useState } from 'preact/hooks';
import type { PersonalTokenWithValue } from '../../lib/domain/personal-token';
import type { ErrorValue } from '../../lib/domain/reply';
import { askBackground, onBackgroundPush } from '../../lib/messaging/extension-page-ask';
import type { SessionStatus } from '../../lib/messaging/protocol';
import { ErrorText } from '../shared/error-text';
import { CacheSection } from './cache-section';
import { PersonalTokensSection } from './personal-tokens-section';
import { ServiceSection } from './service-section';
import { SignInSection } from './sign-in-section';
import { TokenValue } from './token-value';
import { Welcome } from './welcome';

/** `welcome`: opened by a first install (`options.html?welcome=1`). */
export function OptionsPage({ welcome = false }: { welcome?: boolean }) {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  // The Service URL as typed, which Sign in and Test connection use; it follows a change made elsewhere.
  const [url, setUrl] = useState<string | null>(null);
  const [newToken, setNewToken] = useState<PersonalTokenWithValue | null>(null);
  const [shownServiceUrl, setShownServiceUrl] = useState<string | null>(null);
  if (status && shownServiceUrl !== status.serviceUrl) {
    setShownServiceUrl(status.serviceUrl);
    setUrl(status.serviceUrl);
  }

  useEffect(() => {
    const controller = new AbortController();
    const refresh = async () => {
      const reply = await askBackground({ type: 'session.status' });
      if (reply.ok) setStatus(reply.data);
      else setError(reply.error);
    };
    void refresh();
    onBackgroundPush((push) => {
      if (push.type === 'session.changed') void refresh();
    }, controller.signal);
    return () => controller.abort();
  }, []);

  return (
    <main>
      <h1>Token Lens</h1>
      {welcome && !status?.signedIn && <Welcome />}
      {error && <ErrorText as="p" error={error} />}
      {!status && !error && <p aria-busy="true">Loading…</p>}
      {status && url !== null && (
        <>
          <ServiceSection status={status} onStatus={setStatus} url={url} onUrl={setUrl} />
          {newToken && (
            <TokenValue value={newToken.value} description={newToken.description} onClose={() => setNewToken(null)} />
          )}
          <SignInSection status={status} onStatus={setStatus} serviceUrl={url} focusEmail={welcome} />
          {status.signedIn && <PersonalTokensSection onNewValue={setNewToken} />}
          <CacheSection />
        </>
      )}
    </main>
  );
}
