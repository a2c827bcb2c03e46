import { LICENSE_REQUIRES_TOKEN, TOKEN_REMOVED } from './error-sentences';
import type { PaymentModel, TokenStatus } from './installed-app';
import type { ErrorValue } from './reply';

/**
 * Rule 9: why an installed app's license state cannot be switched, or null when it can. A free
 * app has none; a paid one needs an active token. One rule for the service's refusal, the
 * reference page's status menu and the overlay's switch.
 */
export function licenseLock(app: {
  name: string;
  paymentModel: PaymentModel;
  token: { status: TokenStatus } | null;
}): ErrorValue | null {
  if (app.paymentModel === 'free') {
    return { code: 'license_not_applicable', message: `${app.name} is free: it has no license state to switch.` };
  }
  if (!app.token) return { code: 'license_requires_token', message: LICENSE_REQUIRES_TOKEN };
  if (app.token.status !== 'active') return { code: 'license_requires_token', message: TOKEN_REMOVED };
  return null;
}
