import { LICENSE_STATE_LABELS } from '../../lib/domain/license-state-names';
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

/**
 * What one badge shows, worked out once: the component below renders it, and the overlay's row
 * mounts paint the same thing straight into a row's shadow root (lib/overlay/badge-dom.ts), so
 * that a page of a thousand apps paints its badges at once. `title` is a function: its dates
 * are formatted only when it is asked for.
 */
export interface BadgeView {
  label: string;
  busy: boolean;
  className: string;
  title: () => string | null;
  /** The badge's whole text, when it is one word (loading, not tracked, unavailable); else null. */
  text: string | null;
  token: { className: string; text: string } | null;
  lozenge: string | null;
  stale: { title: string; text: string } | null;
}

export function badgeView({ appName, app, loading, problem, fetchedAt, now }: TokenBadgeProps): BadgeView {
  const label = `Access token for ${appName}`;
  const none = { token: null, lozenge: null, stale: null };
  if (loading && !app) {
    return { label, busy: true, className: 'tl-badge tl-loading', title: () => null, text: 'Token Lens…', ...none };
  }
  if (!app) {
    const title = problem?.message ?? 'The Token Lens service has no record of this app on this site.';
    return {
      label,
      busy: false,
      className: 'tl-badge tl-unknown',
      title: () => title,
      text: problem ? 'unavailable' : 'not tracked',
      ...none,
    };
  }
  const state = app.paymentModel === 'free' ? 'free' : app.license.state;
  return {
    label,
    busy: false,
    className: `tl-badge tl-state-${state}`,
    title: () => tooltip(app),
    text: null,
    token: { className: app.token ? 'tl-token' : 'tl-token tl-none', text: tokenText(app) },
    lozenge: app.paymentModel === 'free' ? 'Free app' : LICENSE_STATE_LABELS[app.license.state],
    stale: problem ? { title: problem.message, text: `stale · ${formatAge(fetchedAt, now)}` } : null,
  };
}

/** The token badge of one app row: which token sits there, and the license state it gives. */
export function TokenBadge(props: TokenBadgeProps) {
  const view = badgeView(props);
  return (
    <span
      role="group"
      aria-label={view.label}
      aria-busy={view.busy ? 'true' : undefined}
      class={view.className}
      title={view.title() ?? undefined}
    >
      {view.text ?? (
        <>
          {view.token && <span class={view.token.className}>{view.token.text}</span>}
          {view.lozenge !== null && <span class="tl-lozenge">{view.lozenge}</span>}
          {view.stale && (
            <span class="tl-stale" title={view.stale.title}>
              {view.stale.text}
            </span>
          )}
        </>
      )}
    </span>
  );
}
