import { z } from 'zod';
import { LICENSE_STATE_WIRE_VALUES, LICENSE_STATES } from './license-state-names';

export { LICENSE_STATE_LABELS, LICENSE_STATE_WIRE_VALUES, LICENSE_STATES } from './license-state-names';

export const LicenseStateSchema = z.enum(LICENSE_STATES);
export type LicenseState = z.infer<typeof LicenseStateSchema>;

export function licenseStateFromWireValue(wire: string): LicenseState | undefined {
  return LICENSE_STATES.find((state) => LICENSE_STATE_WIRE_VALUES[state] === wire);
}

export type Lic = 'active' | 'none';

/** What a Connect app sees: a cancelled subscription is active until it ends. */
export function licFor(state: LicenseState): Lic {
  return state.startsWith('active-') ? 'active' : 'none';
}
