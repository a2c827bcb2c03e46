import type { PaymentModel, TokenStatus } from '../../domain/installed-app';
import type { LicenseState } from '../../domain/license-state';

/** What a Connect app reads of its own license (`GET …/rest/atlassian-connect/1/addons/{appKey}`). */
export interface ConnectLicense {
  active: boolean;
  type: 'DEVELOPER';
  evaluation: boolean;
  supportEntitlementNumber: null;
}

const TRIALS: ReadonlySet<LicenseState> = new Set(['active-trial', 'inactive-trial']);

/**
 * The license a Connect app sees, or undefined when it has none: only a paid app whose token is
 * active and whose state is not `unlicensed` has one. A cancelled subscription is still active
 * until it ends, so it looks exactly like an active subscription (as on the product).
 */
export function connectLicenseOf(app: {
  paymentModel: PaymentModel;
  token: { status: TokenStatus } | null;
  license: { state: LicenseState };
}): ConnectLicense | undefined {
  const { state } = app.license;
  if (app.paymentModel !== 'paid' || app.token?.status !== 'active' || state === 'unlicensed') return undefined;
  return {
    active: state.startsWith('active-'),
    type: 'DEVELOPER',
    evaluation: TRIALS.has(state),
    supportEntitlementNumber: null,
  };
}
