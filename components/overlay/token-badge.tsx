import { LICENSE_STATE_LABELS } from '../../lib/domain/license-state';
import type { ErrorValue } from '../../lib/domain/reply';
import type { SiteApp } from '../../lib/domain/site-view';
import { formatAge } from '../shared/format-age';

export interface TokenBadgeProps {
  appName: string;
  /** The app as the service holds it; undefined while loading or when the service has no record of it. */
  app: SiteApp | undefined;
  loading: boolean;
  /** Set when the data could not be revalidated: the badge is marked stale with its age. */
  problem: ErrorValue | null;
  fetchedAt: string | null;
  now: Date;
}

function tokenText(app: SiteApp): string {
  if (!app.token) return 'no token';
  return `••${app.token.last4} ${app.token.status}`;
}

/** Since when, where it is known (an app read from the site's own API may not say). */
const since = (at: string | null) => (at ? new Date(at).toLocaleString() : null);

function tooltip(app: SiteApp): string {
  const lines = app.token
    ? [
        app.token.id ? `Token ${app.token.id}` : `Token ••${app.token.last4} (the Token Lens service does not know it)`,
        ...(since(app.token.appliedAt) ? [`Applied ${since(app.token.appliedAt)}`] : []),
      ]
    : ['No access token on this app'];
  if (app.paymentModel === 'paid') {
    const held = since(app.license.changedAt);
    lines.push(`${LICENSE_STATE_LABELS[app.license.state]}${held ? ` since ${held}` : ''}`);
  }
  return lines.join('\n');
}

/** The token badge of one app row: which token sits there, and the license state it gives. */
export function TokenBadge({ appName, app, loading, problem, fetchedAt, now }: TokenBadgeProps) {
  const label = `Access token for ${appName}`;
  if (loading && !app) {
    return (
      <span role="group" aria-label={label} aria-busy="true" class="tl-badge tl-loading">
        Token Lens…
      </span>
    );
  }
  if (!app) {
    return (
      <span
        role="group"
        aria-label={label}
        class="tl-badge tl-unknown"
        title={problem?.message ?? 'The Token Lens service has no record of this app on this site.'}
      >
        {problem ? 'unavailable' : 'not tracked'}
      </span>
    );
  }
  const state = app.paymentModel === 'free' ? 'free' : app.license.state;
  return (
    <span role="group" aria-label={label} class={`tl-badge tl-state-${state}`} title={tooltip(app)}>
      <span class={app.token ? 'tl-token' : 'tl-token tl-none'}>{tokenText(app)}</span>
      <span class="tl-lozenge">
        {app.paymentModel === 'free' ? 'Free app' : LICENSE_STATE_LABELS[app.license.state]}
      </span>
      {problem && (
        <span class="tl-stale" title={problem.message}>
          stale · {formatAge(fetchedAt, now)}
        </span>
      )}
    </span>
  );
}
