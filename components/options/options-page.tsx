import { useEffect, useState } from 'preact/hooks';
import type { ErrorValue } from '../../lib/domain/reply';
import { askBackground, onBackgroundPush } from '../../lib/messaging/ask-background';
import type { SessionStatus } from '../../lib/messaging/protocol';
import { ErrorText } from '../shared/error-text';
import { CacheSection } from './cache-section';
import { ServiceSection } from './service-section';
import { SignInSection } from './sign-in-section';

export function OptionsPage() {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);

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
      {error && <ErrorText as="p" error={error} />}
      {!status && !error && <p aria-busy="true">Loading…</p>}
      {status && (
        <>
          <ServiceSection status={status} onStatus={setStatus} />
          <SignInSection status={status} onStatus={setStatus} />
          <CacheSection />
        </>
      )}
    </main>
  );
}
