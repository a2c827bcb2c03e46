import type { InstalledApp } from '../../lib/domain/installed-app';
import type { LicenseState } from '../../lib/domain/license-state';
import type { ErrorValue } from '../../lib/domain/site-view';
import type { SiteAppTokens } from '../../lib/messaging/protocol';
import { LicenseSwitch } from './license-switch';
import { QuickApplyMenu } from './quick-apply-menu';
import { TokenActions } from './token-actions';
import { TokenBadge } from './token-badge';

/** What a row's controls can ask; each command resolves with an error sentence, or null on success. */
export interface RowActions {
  setLicense: (appKey: string, state: LicenseState) => Promise<string | null>;
  applyToken: (appKey: string, tokenId: string) => Promise<string | null>;
  createAndApply: (appKey: string) => Promise<string | null>;
  clearToken: (appKey: string) => Promise<string | null>;
  loadTokens: (appKey: string) => Promise<SiteAppTokens | string>;
  tokenUrl: (appKey: string, tokenId: string) => Promise<{ url: string } | { error: string }>;
}

export interface RowOverlayProps {
  appName: string;
  appKey: string;
  siteHost: string;
  app: InstalledApp | undefined;
  loading: boolean;
  problem: ErrorValue | null;
  fetchedAt: string | null;
  now: Date;
  actions: RowActions;
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

function switchReason(app: InstalledApp): string | null {
  if (app.paymentModel === 'free') return `${app.name} is free: it has no license state to switch.`;
  if (!app.token) return 'No access token on this app — apply a token first.';
  if (app.token.status === 'removed') return 'This token was removed at the Marketplace — apply another token.';
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
  return (
    <div class="tl-row">
      {badge}
      <LicenseSwitch
        appName={appName}
        appKey={appKey}
        current={app?.paymentModel === 'paid' ? app.license.state : undefined}
        disabledReason={blocked ?? (app ? switchReason(app) : null)}
        onSwitch={(state) => actions.setLicense(appKey, state)}
      />
      <QuickApplyMenu
        appName={appName}
        currentTokenId={token?.status === 'active' ? token.id : null}
        disabledReason={blocked}
        loadTokens={() => actions.loadTokens(appKey)}
        onApply={(tokenId) => actions.applyToken(appKey, tokenId)}
        onCreateAndApply={() => actions.createAndApply(appKey)}
      />
      {token && (
        <TokenActions
          appName={appName}
          siteHost={props.siteHost}
          disabledReason={blocked}
          loadTokenUrl={() => actions.tokenUrl(appKey, token.id)}
          onClear={() => actions.clearToken(appKey)}
        />
      )}
    </div>
  );
}
