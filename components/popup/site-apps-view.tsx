import { useEffect, useState } from 'preact/hooks';
import type { AppKey, SiteHost } from '../../lib/domain/identifiers';
import { licenseLock } from '../../lib/domain/license-lock';
import type { ErrorValue } from '../../lib/domain/reply';
import type { SiteApp, SiteView } from '../../lib/domain/site-view';
import { askBackground, onBackgroundPush } from '../../lib/messaging/extension-page-ask';
import { LicenseSwitch } from '../overlay/license-switch';
import { ErrorText } from '../shared/error-text';
import { formatAge } from '../shared/format-age';

const tokenText = (app: SiteApp) => (app.token ? `••${app.token.last4} ${app.token.status}` : 'no token');

/**
 * The site's installed apps, each with its token (masked), its license state and the overlay's
 * own one-click license switch (same component, same names), and a way into its tokens.
 */
export function SiteAppsView({
  host,
  onOpenApp,
  ask = askBackground,
}: {
  host: SiteHost;
  onOpenApp: (app: { appKey: AppKey; name: string }) => void;
  ask?: typeof askBackground;
}) {
  const [view, setView] = useState<SiteView | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    void ask({ type: 'site.view', host }).then((reply) => (reply.ok ? setView(reply.data) : setError(reply.error)));
    onBackgroundPush((push) => {
      if (push.type === 'site.changed' && push.view.host === host) setView(push.view);
    }, controller.signal);
    return () => controller.abort();
  }, [host]);

  const problem = view?.problem ?? null;
  return (
    <section aria-label={`Apps on ${host}`}>
      {problem && (
        <p class="tl-stale" role="status" title={problem.message}>
          Stale · data from {formatAge(view?.fetchedAt ?? null, new Date())} · {problem.message}
        </p>
      )}
      {error && <ErrorText as="p" error={error} />}
      {!view && !error && <p aria-busy="true">Loading {host}…</p>}
      {view && view.apps.length === 0 && <p>No app is installed on {host} yet. Install one from a token URL.</p>}
      {view && view.apps.length > 0 && (
        <ul class="tl-apps">
          {view.apps.map((app) => {
            const lock = problem ? `Unavailable while the service cannot be used: ${problem.message}` : null;
            return (
              <li key={app.appKey} class="tl-app">
                <div class="tl-app-head">
                  <strong>{app.name}</strong>{' '}
                  <span role="group" aria-label={`Access token for ${app.name}`} class="tl-muted">
                    {tokenText(app)}
                  </span>
                  <button
                    type="button"
                    class="tl-link"
                    onClick={() => onOpenApp({ appKey: app.appKey, name: app.name })}
                  >
                    Tokens of {app.name}
                  </button>
                </div>
                {app.paymentModel === 'paid' && (
                  <LicenseSwitch
                    appName={app.name}
                    appKey={app.appKey}
                    current={app.license.state}
                    disabledReason={lock ?? licenseLock(app)?.message ?? null}
                    onSwitch={async (state) => {
                      const reply = await ask({ type: 'site.setLicense', host, appKey: app.appKey, state });
                      if (reply.ok) setView(reply.data);
                      return reply;
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
