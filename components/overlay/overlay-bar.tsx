import { useState } from 'preact/hooks';
import type { ErrorValue, Reply } from '../../lib/domain/reply';
import { ErrorText } from '../shared/error-text';
import { formatAge } from '../shared/format-age';
import { personOnly } from '../shared/person-only';
import { InstallFromUrl, type InstallFromUrlProps } from './install-from-url';

export interface OverlayBarProps extends Omit<InstallFromUrlProps, 'disabledReason'> {
  siteHost: string;
  /** undefined while unknown. */
  privateListingsEnabled: boolean | undefined;
  /** Why the service could not say (a site it has no record of, say): shown instead of waiting. */
  privateListingsProblem?: ErrorValue | null;
  problem: ErrorValue | null;
  fetchedAt: string | null;
  now: Date;
  enablePrivateListings: () => Promise<Reply<unknown>>;
}

/** What the bar says when the service cannot tell whether the site's private listings are on. */
function listingsUnknownText(problem: ErrorValue): string {
  return problem.code === 'site_not_found'
    ? 'not known: the Token Lens service has no record of this site'
    : 'not known right now';
}

/** The bar above the app list: Token Lens's state for the site, private listings, and installing from a token. */
export function OverlayBar(props: OverlayBarProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const blocked = props.problem ? `Unavailable while the service cannot be used: ${props.problem.message}` : null;
  const listingsUnknown = props.privateListingsEnabled === undefined ? (props.privateListingsProblem ?? null) : null;

  const enable = async () => {
    setBusy(true);
    const answer = await props.enablePrivateListings();
    setError(answer.ok ? null : answer.error);
    setBusy(false);
  };

  return (
    <section class="tl-bar" aria-label={`Token Lens for ${props.siteHost}`}>
      <strong class="tl-brand">Token Lens</strong>
      {props.problem && (
        <span class="tl-stale" role="status" title={props.problem.message}>
          Stale · data from {formatAge(props.fetchedAt, props.now)} · {props.problem.message}
        </span>
      )}
      <span class="tl-listings" title={listingsUnknown?.message}>
        Private listings:{' '}
        {props.privateListingsEnabled === undefined
          ? listingsUnknown
            ? listingsUnknownText(listingsUnknown)
            : '…'
          : props.privateListingsEnabled
            ? 'enabled'
            : 'disabled'}
      </span>
      {props.privateListingsEnabled === false && (
        <button
          type="button"
          class="tl-button"
          onClick={personOnly(enable)}
          disabled={busy || blocked !== null}
          title={blocked ?? undefined}
        >
          {busy ? 'Enabling…' : 'Enable private listings'}
        </button>
      )}
      {error && <ErrorText error={error} />}
      <InstallFromUrl
        disabledReason={blocked}
        openInstallPage={props.openInstallPage}
        loadInstallable={props.loadInstallable}
        loadTokens={props.loadTokens}
        installWithToken={props.installWithToken}
      />
    </section>
  );
}
