import { z } from 'zod';

/** The six states of the product's own *Access token status* menu, in the menu's order. */
export const LICENSE_STATES = [
  'active-trial',
  'inactive-trial',
  'active-subscription',
  'active-subscription-cancelled',
  'inactive-subscription',
  'unlicensed',
] as const;

export const LicenseStateSchema = z.enum(LICENSE_STATES);
export type LicenseState = z.infer<typeof LicenseStateSchema>;

/** What a person reads: the product's own menu labels. */
export const LICENSE_STATE_LABELS: Record<LicenseState, string> = {
  'active-trial': 'Active trial',
  'inactive-trial': 'Inactive trial',
  'active-subscription': 'Active subscription',
  'active-subscription-cancelled': 'Cancelled subscription',
  'inactive-subscription': 'Inactive subscription',
  unlicensed: 'Unlicensed',
};

/** The values the product's Access token status menu and its REST API use. */
export const LICENSE_STATE_WIRE_VALUES: Record<LicenseState, string> = {
  'active-trial': 'ACTIVE_TRIAL',
  'inactive-trial': 'INACTIVE_TRIAL',
  'active-subscription': 'ACTIVE_SUBSCRIPTION',
  'active-subscription-cancelled': 'ACTIVE_SUBSCRIPTION_CANCELLED',
  'inactive-subscription': 'INACTIVE_SUBSCRIPTION',
  unlicensed: 'NONE',
};

export function licenseStateFromWireValue(wire: string): LicenseState | undefined {
  return LICENSE_STATES.find((state) => LICENSE_STATE_WIRE_VALUES[state] === wire);
}

export type Lic = 'active' | 'none';

/** What a Connect app sees: a cancelled subscription is active until it ends. */
export function licFor(state: LicenseState): Lic {
  return state.startsWith('active-') ? 'active' : 'none';
}
