import type { LicenseState } from './license-state';

// The six license states and what they are called, as plain data: views import them from here,
// without the zod schema in `license-state.ts` (which re-exports them for everyone else).

/** The six states of the product's own *Access token status* menu, in the menu's order. */
export const LICENSE_STATES = [
  'active-trial',
  'inactive-trial',
  'active-subscription',
  'active-subscription-cancelled',
  'inactive-subscription',
  'unlicensed',
] as const;

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
