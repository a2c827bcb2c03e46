import { useCallback } from 'preact/hooks';
import type { AppKey, SiteHost } from '../../lib/domain/identifiers';
import { licenseLock } from '../../lib/domain/license-lock';
import type { LicenseState } from '../../lib/domain/license-state';
import { type ErrorValue, failWith, type Reply } from '../../lib/domain/reply-values';
import type { SiteApp } from '../../lib/domain/site-view';
import type { SiteAppTokens } from '../../lib/messaging/protocol';
import { LicenseSwitch } from './license-switch';
import { QuickApplyMenu } from './quick-apply-menu';
import { TokenActions } from './token-actions';
import { TokenBadge } from './token-badge';

/** What a row's controls can ask of the background; each answers a Reply. */
export interface RowActions {
  setLicense: (appKey: AppKey, state: LicenseState) => Promise<Reply<unknown>>;
  applyToken: (appKey: AppKey, tokenId: string) => Promise<Reply<unknown>>;
  createAndApply: (appKey: AppKey) => Promise<Reply<unknown>>;
  clearToken: (appKey: AppKey) => Promise<Reply<unknown>>;
  loadTokens: (appKey: AppKey) => Promise<Reply<SiteAppTokens>>;
  tokenUrl: (appKey: AppKey, tokenId: string) => Promise<Reply<{ url: string }>>;
  /** Opens *Paste a token* for the app in the extension's own window. */
  openApplyPage: (appKey: AppKey) => Promise<Reply<unknown>>;
}

export interface RowOverlayProps {
  appName: string;
  appKey: AppKey;
  siteHost: SiteHost;
  app: SiteApp | undefined;
  loading: boolean;
  problem: ErrorValue | null;
  fetchedAt: string | null;
  now: Date;
  actions: RowActions;
  /** Why this app can never have an access token (rule 2), or null when it can. */
  tokenlessReason?: string | null;
  /**
   * Only the badge, for a row far from the viewport: its controls are rendered once it comes
   * near, so that a page of a thousand apps paints its badges at once.
   */
  compact?: boolean;
}

/** Why nothing can be changed right now, if so: the service is unreachable or the app unknown to it. */
function blockedReason(props: RowOverlayProps): string | null {
  if (props.loading && !props.app) return 'Loading…';
  if (props.problem) return `Unavailable while the service cannot be used: ${props.problem.message}`;
  if (!props.app) return `The Token Lens service has no record of ${props.appName} on this site.`;
  return null;
}

/**
 * What follows the badge on a row's first line: quick apply, and copy and clear when there is a
 * token; `blocked` is why nothing can be changed now, if so.
 */
function lineControls(props: RowOverlayProps, blocked: string | null) {
  const { app, appKey, appName, actions } = props;
  const token = app?.token ?? null;
  return (
    <>
      <QuickApplyMenu
        appName={appName}
        currentTokenId={token?.status === 'active' ? token.id : null}
        disabledReason={blocked}
        tokenlessReason={props.tokenlessReason ?? null}
        loadTokens={() => actions.loadTokens(appKey)}
        onApply={(tokenId) => actions.applyToken(appKey, tokenId)}
        onCreateAndApply={() => actions.createAndApply(appKey)}
        onPaste={() => actions.openApplyPage(appKey)}
      />
      {token && (
        <TokenActions
          appName={appName}
          siteHost={props.siteHost}
          disabledReason={blocked}
          loadTokenUrl={async () =>
            token.id
              ? actions.tokenUrl(appKey, token.id)
              : failWith(
                  'token_unknown',
                  'Only the site knows this token: the Token Lens service has no token URL for it.',
                )
          }
          onClear={() => actions.clearToken(appKey)}
        />
      )}
    </>
  );
}

/** A row's second line: its license switch. */
function licenseSwitch(props: RowOverlayProps, blocked: string | null) {
  const { app, appKey, appName, actions } = props;
  return (
    <LicenseSwitch
      appName={appName}
      appKey={appKey}
      current={app?.paymentModel === 'paid' ? app.license.state : undefined}
      disabledReason={blocked ?? (app ? (licenseLock(app)?.message ?? null) : null)}
      onSwitch={(state) => actions.setLicense(appKey, state)}
    />
  );
}

/**
 * A row's two lines around a badge painted elsewhere: the overlay's row mounts paint each badge
 * themselves (lib/overlay/badge-dom.ts) and, once the row comes near the viewport, hand it here
 * to take its place on the first line. One render root per row, so that its ids are unique.
 */
export function RowControls(props: RowOverlayProps & { badge: Element }) {
  const { badge } = props;
  const hold = useCallback(
    (holder: HTMLElement | null) => {
      if (holder && badge.parentNode !== holder) holder.append(badge);
    },
    [badge],
  );
  const blocked = blockedReason(props);
  return (
    <div class="tl-row">
      <div class="tl-line">
        <span class="tl-contents" ref={hold} />
        {lineControls(props, blocked)}
      </div>
      {licenseSwitch(props, blocked)}
    </div>
  );
}

/** Everything Token Lens adds to one app row: the badge, the license switch and the token controls. */
export function RowOverlay(props: RowOverlayProps) {
  const badge = (
    <TokenBadge
      appName={props.appName}
      app={props.app}
      loading={props.loading}
      problem={props.problem}
      fetchedAt={props.fetchedAt}
      now={props.now}
    />
  );
  if (props.compact) return <div class="tl-row">{badge}</div>;
  const blocked = blockedReason(props);
  // Two tidy lines: what is on the app (its token, and what can be done with tokens), then its
  // license state. Keyboard order follows.
  return (
    <div class="tl-row">
      <div class="tl-line">
        {badge}
        {lineControls(props, blocked)}
      </div>
      {licenseSwitch(props, blocked)}
    </div>
  );
}
