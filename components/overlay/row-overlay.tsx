import type { AppKey, SiteHost } from '../../lib/domain/identifiers';
import { licenseLock } from '../../lib/domain/license-lock';
import type { LicenseState } from '../../lib/domain/license-state';
import { type ErrorValue, failWith, type Reply } from '../../lib/domain/reply';
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

/** Everything Token Lens adds to one app row: the badge, the license switch and the token controls. */
export function RowOverlay(props: RowOverlayProps) {
  const { app, appKey, appName, actions } = props;
  const blocked = blockedReason(props);
  const token = app?.token ?? null;
  const badge = (
    <TokenBadge
      appName={appName}
      app={app}
      loading={props.loading}
      problem={props.problem}
      fetchedAt={props.fetchedAt}
      now={props.now}
    />
  );
  if (props.compact) return <div class="tl-row">{badge}</div>;
  const tokenless = props.tokenlessReason ?? null;
  // Two tidy lines: what is on the app (its token, and what can be done with tokens), then its
  // license state. Keyboard order follows.
  return (
    <div class="tl-row">
      <div class="tl-line">
        {badge}
        <QuickApplyMenu
          appName={appName}
          currentTokenId={token?.status === 'active' ? token.id : null}
          disabledReason={blocked}
          tokenlessReason={tokenless}
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
      </div>
      <LicenseSwitch
        appName={appName}
        appKey={appKey}
        current={app?.paymentModel === 'paid' ? app.license.state : undefined}
        disabledReason={blocked ?? (app ? (licenseLock(app)?.message ?? null) : null)}
        onSwitch={(state) => actions.setLicense(appKey, state)}
      />
    </div>
  );
}
