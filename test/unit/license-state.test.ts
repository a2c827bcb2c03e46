import { describe, expect, it } from 'vitest';
import {
  LICENSE_STATE_LABELS,
  LICENSE_STATE_WIRE_VALUES,
  LICENSE_STATES,
  LicenseStateSchema,
  licenseStateFromWireValue,
  licFor,
} from '../../lib/domain/license-state';

describe('licFor', () => {
  it.each([
    ['active-trial', 'active'],
    ['active-subscription', 'active'],
    // A cancelled subscription stays active until it ends: the app sees an active licence.
    ['active-subscription-cancelled', 'active'],
    ['inactive-trial', 'none'],
    ['inactive-subscription', 'none'],
    ['unlicensed', 'none'],
  ] as const)('%s → %s', (state, lic) => {
    expect(licFor(state)).toBe(lic);
  });

  it('gives exactly three active states', () => {
    expect(LICENSE_STATES.filter((state) => licFor(state) === 'active')).toHaveLength(3);
  });
});

describe('license state wire values', () => {
  it.each([
    ['active-trial', 'ACTIVE_TRIAL'],
    ['inactive-trial', 'INACTIVE_TRIAL'],
    ['active-subscription', 'ACTIVE_SUBSCRIPTION'],
    ['active-subscription-cancelled', 'ACTIVE_SUBSCRIPTION_CANCELLED'],
    ['inactive-subscription', 'INACTIVE_SUBSCRIPTION'],
    ['unlicensed', 'NONE'],
  ] as const)('%s ⇄ %s', (state, wire) => {
    expect(LICENSE_STATE_WIRE_VALUES[state]).toBe(wire);
    expect(licenseStateFromWireValue(wire)).toBe(state);
  });

  it('round-trips every state', () => {
    for (const state of LICENSE_STATES) {
      expect(licenseStateFromWireValue(LICENSE_STATE_WIRE_VALUES[state])).toBe(state);
    }
  });

  it('gives every state its own wire value', () => {
    expect(new Set(Object.values(LICENSE_STATE_WIRE_VALUES)).size).toBe(LICENSE_STATES.length);
  });

  it.each(['', 'active_trial', 'ACTIVE', 'UNLICENSED', 'NONE '])('knows no state for %j', (wire) => {
    expect(licenseStateFromWireValue(wire)).toBeUndefined();
  });
});

describe('license state labels and schema', () => {
  it('labels the states as the product’s own menu does', () => {
    expect(LICENSE_STATES.map((state) => LICENSE_STATE_LABELS[state])).toEqual([
      'Active trial',
      'Inactive trial',
      'Active subscription',
      'Cancelled subscription',
      'Inactive subscription',
      'Unlicensed',
    ]);
  });

  it('parses the six states and nothing else', () => {
    for (const state of LICENSE_STATES) expect(LicenseStateSchema.safeParse(state).success).toBe(true);
    expect(LicenseStateSchema.safeParse('ACTIVE_TRIAL').success).toBe(false);
    expect(LicenseStateSchema.safeParse('cancelled').success).toBe(false);
  });
});
