import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z as classicZ } from 'zod';
import type { z } from 'zod/mini';
import * as fullToken from '../../lib/domain/access-token';
import * as fullAudit from '../../lib/domain/audit';
import * as full from '../../lib/domain/identifiers';
import * as fullLicense from '../../lib/domain/license-state';
import * as miniPage from '../../lib/domain/mini-extension-page-schemas';
import * as mini from '../../lib/domain/mini-schemas';
import * as fullPersonal from '../../lib/domain/personal-token';
import * as fullReply from '../../lib/domain/reply';
import * as fullSite from '../../lib/domain/site';
import * as fullView from '../../lib/domain/site-view';

interface Parser {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false };
}

/**
 * Both schemas of a pair give the same verdict, and the same value when they accept — keys in the
 * same order too, since the overlay compares what it shows as JSON.
 */
function sameAnswer(classic: Parser, twin: Parser, value: unknown): void {
  const expected = classic.safeParse(value);
  const got = twin.safeParse(value);
  expect(got).toMatchObject(expected.success ? { success: true, data: expected.data } : { success: false });
  if (expected.success && got.success) expect(JSON.stringify(got.data)).toBe(JSON.stringify(expected.data));
}

describe('the zod/mini twins of the shared schemas', () => {
  it('infer the very types of the zod ones', () => {
    expectTypeOf<z.infer<typeof mini.AppKeySchema>>().toEqualTypeOf<full.AppKey>();
    expectTypeOf<z.infer<typeof mini.SiteHostSchema>>().toEqualTypeOf<full.SiteHost>();
    expectTypeOf<z.infer<typeof mini.LicenseStateSchema>>().toEqualTypeOf<fullLicense.LicenseState>();
    expectTypeOf<z.infer<typeof mini.ErrorValueSchema>>().toEqualTypeOf<fullReply.ErrorValue>();
    expectTypeOf<z.infer<typeof miniPage.SiteAppSchema>>().toEqualTypeOf<fullView.SiteApp>();
    expectTypeOf<z.infer<typeof miniPage.SiteViewSchema>>().toEqualTypeOf<fullView.SiteView>();
    expectTypeOf<z.infer<typeof miniPage.MaskedTokenSchema>>().toEqualTypeOf<fullToken.MaskedToken>();
    expectTypeOf<z.infer<typeof miniPage.SiteListSchema>>().toEqualTypeOf<z.infer<typeof fullSite.SiteListSchema>>();
    expectTypeOf<z.infer<typeof miniPage.AuditListSchema>>().toEqualTypeOf<z.infer<typeof fullAudit.AuditListSchema>>();
    expectTypeOf<z.infer<typeof miniPage.PersonalTokenSchema>>().toEqualTypeOf<fullPersonal.PersonalToken>();
    expectTypeOf<
      z.infer<typeof miniPage.PersonalTokenWithValueSchema>
    >().toEqualTypeOf<fullPersonal.PersonalTokenWithValue>();
    expectTypeOf<z.infer<typeof miniPage.PersonalTokenListSchema>>().toEqualTypeOf<
      z.infer<typeof fullPersonal.PersonalTokenListSchema>
    >();
    expectTypeOf<z.infer<typeof miniPage.ApiMethodsSchema>>().toEqualTypeOf<fullPersonal.ApiMethods>();
    expectTypeOf<z.infer<typeof miniPage.RemovedTokensSchema>>().toEqualTypeOf<
      z.infer<typeof fullPersonal.RemovedTokensSchema>
    >();
  });

  it.each([
    'com.acme.timesheets',
    'ab',
    'a',
    '-acme',
    '.acme',
    'Acme',
    'com.acme_timesheets',
    'a'.repeat(64),
    'a'.repeat(65),
    ' com.acme',
    '',
    undefined,
    42,
  ])('agree on the app key %j', (value) => {
    sameAnswer(full.AppKeySchema, mini.AppKeySchema, value);
  });

  it.each([
    ['a product site', 'acme-dev.atlassian.net'],
    ['one label', 'localhost'],
    ['the shortest', 'a.b'],
    ['a label that starts with a dash', '-a.b'],
    ['a label that ends with a dash', 'a-.b'],
    ['an empty label', 'a..b'],
    ['capitals', 'Acme.atlassian.net'],
    ['an underscore', 'acme_dev.atlassian.net'],
    ['a label of 63', `${'a'.repeat(63)}.net`],
    ['a label of 64', `${'a'.repeat(64)}.net`],
    ['253 characters', `${'abcdefghi.'.repeat(25)}net`],
    ['254 characters', `${'abcdefghi.'.repeat(24)}abcdefghij.net`],
    ['nothing', ''],
    ['null', null],
  ])('agree on a site host: %s', (_case, value) => {
    sameAnswer(full.SiteHostSchema, mini.SiteHostSchema, value);
  });

  it('agree on any string made of a host’s characters and a few others', () => {
    const unit = fc.constantFrom('a', 'z', '0', '9', '-', '.', 'A', '_', ' ', 'é');
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit, maxLength: 80 }), fc.string({ unit, minLength: 240, maxLength: 270 })),
        (value) => {
          sameAnswer(full.AppKeySchema, mini.AppKeySchema, value);
          sameAnswer(full.SiteHostSchema, mini.SiteHostSchema, value);
        },
      ),
      { numRuns: 2000 },
    );
  });

  const T = '2026-11-01T09:00:00.000Z';
  /** A value that must not pass where a field wants another (its own bad ones, or any of the usual). */
  const broken = (own: unknown[] = []) =>
    fc.constantFrom(...own, undefined, null, 7, '', 'x', '2026-11-01', `${T} `, {}, []);
  /** A field's value: mostly one that passes, sometimes one that must not. */
  const field = (good: unknown[], bad: unknown[] = []) =>
    fc.oneof({ weight: 15, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: broken(bad) });
  const token = fc.record({
    id: field(['tok-1']),
    last4: field(['WXYZ'], ['XYZ', 'VWXYZ']),
    appliedAt: field([T, null, '2026-11-01T09:00:00Z'], ['2026-11-01T09:00:00+01:00']),
    status: field(['active', 'removed'], ['bound']),
  });
  const app = fc.record({
    appKey: field(['com.acme.timesheets'], ['Com.Acme']),
    name: field(['Acme Timesheets']),
    paymentModel: field(['paid', 'free'], ['trial']),
    installedAt: field([T, null]),
    token: fc.oneof(token, field([null])),
    license: fc.oneof(
      {
        weight: 15,
        arbitrary: fc.record({
          state: field([...fullLicense.LICENSE_STATES], ['expired']),
          changedAt: field([T, null]),
        }),
      },
      { weight: 1, arbitrary: broken() },
    ),
    lic: field(['active', 'none'], ['inactive']),
    // Not in the schema: both leave it out.
    extra: fc.constantFrom(undefined, 'left out'),
  });
  const view = fc.record({
    host: field(['acme-dev.atlassian.net'], ['ACME.atlassian.net']),
    apps: fc.oneof({ weight: 15, arbitrary: fc.array(app, { maxLength: 3 }) }, { weight: 1, arbitrary: broken() }),
    fetchedAt: field([T, null]),
    problem: field([null, { code: 'service_unreachable', message: 'The service did not answer.' }], [{ code: 1 }]),
  });

  it('agree on site views, valid and broken in every field', () => {
    let accepted = 0;
    fc.assert(
      fc.property(view, (value) => {
        if (fullView.SiteViewSchema.safeParse(value).success) accepted++;
        sameAnswer(fullView.SiteViewSchema, miniPage.SiteViewSchema, value);
      }),
      { numRuns: 3000 },
    );
    // Both verdicts are exercised, each often.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(2700);
  });

  it('agree on error values', () => {
    for (const value of [{ code: 'x', message: 'y' }, { code: 'x' }, { code: 'x', message: 'y', stack: 'z' }, null]) {
      sameAnswer(fullReply.ErrorValueSchema, mini.ErrorValueSchema, value);
    }
  });

  it('agree on integers: safeInteger() answers as zod’s z.int() for any number and for what is not one', () => {
    const odd = [
      0,
      -0,
      1,
      -1,
      1.5,
      2 ** 53 - 1,
      2 ** 53,
      -(2 ** 53),
      Number.NaN,
      Infinity,
      -Infinity,
      '1',
      null,
      undefined,
      1n,
    ];
    for (const value of odd) sameAnswer(classicZ.int(), mini.safeInteger(), value);
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger(), fc.anything()), (value) =>
        sameAnswer(classicZ.int(), mini.safeInteger(), value),
      ),
      { numRuns: 2000 },
    );
  });

  /** Values a field could wrongly hold, or rightly: each one stands in for each field in turn. */
  const JUNK: unknown[] = [
    undefined,
    null,
    true,
    0,
    1.5,
    -1,
    2 ** 60,
    Number.NaN,
    '',
    'x',
    'XYZ',
    'WXYZ',
    'VWXYZ',
    '2026-11-01',
    '2026-02-30',
    T,
    '2026-11-01T09:00:00+01:00',
    'acme-dev.atlassian.net',
    'active',
    'removed',
    'tester',
    'session',
    {},
    [],
    ['x'],
    [1],
    { x: 1 },
  ];
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

  /** The value, and every value one change away from it at any depth: a field dropped, replaced, or one too many. */
  function* oneChangeFrom(value: unknown): Generator<unknown> {
    yield value;
    if (Array.isArray(value)) {
      yield [];
      yield [...value, ...value];
      for (const [index, item] of value.entries()) {
        for (const changed of oneChangeFrom(item)) yield value.map((other, at) => (at === index ? changed : other));
      }
    } else if (isRecord(value)) {
      yield { ...value, extra: 1 };
      for (const key of Object.keys(value)) {
        const { [key]: _dropped, ...without } = value;
        yield without;
        for (const junk of JUNK) yield { ...value, [key]: junk };
        for (const changed of oneChangeFrom(value[key])) yield { ...value, [key]: changed };
      }
    }
  }

  const site = { host: 'acme-dev.atlassian.net', boundAt: T };
  const personalToken = {
    id: 'pt-1',
    description: 'CI',
    expiresAt: '2027-01-31',
    expired: false,
    preset: 'ci',
    scopes: ['sites.read'],
    createdAt: T,
    lastUsedAt: null,
  };
  it.each([
    ['an error value', fullReply.ErrorValueSchema, mini.ErrorValueSchema, { code: 'x', message: 'y' }],
    [
      'a site view',
      fullView.SiteViewSchema,
      miniPage.SiteViewSchema,
      {
        host: 'acme-dev.atlassian.net',
        apps: [
          {
            appKey: 'com.acme.timesheets',
            name: 'Acme Timesheets',
            paymentModel: 'paid',
            installedAt: null,
            token: { id: 'tok-1', last4: 'WXYZ', appliedAt: T, status: 'active' },
            license: { state: 'active-trial', changedAt: null },
            lic: 'active',
          },
        ],
        fetchedAt: T,
        problem: { code: 'service_unreachable', message: 'The service did not answer.' },
      },
    ],
    [
      'a masked token',
      fullToken.MaskedTokenSchema,
      miniPage.MaskedTokenSchema,
      {
        id: 'tok-1',
        appKey: 'com.acme.timesheets',
        last4: 'WXYZ',
        note: '',
        status: 'active',
        createdAt: T,
        site,
        hasPrivateUrl: true,
        hasPublicUrl: false,
      },
    ],
    [
      'a site list',
      fullSite.SiteListSchema,
      miniPage.SiteListSchema,
      { items: [{ host: 'acme-dev.atlassian.net', privateListingsEnabled: true, createdAt: T }] },
    ],
    [
      'an audit list',
      fullAudit.AuditListSchema,
      miniPage.AuditListSchema,
      {
        items: [
          {
            seq: 1,
            at: T,
            actor: 'ada@acme.test',
            action: 'license.set',
            site: 'acme-dev.atlassian.net',
            app: null,
            detail: { to: 'active-trial' },
          },
        ],
      },
    ],
    [
      'a personal token list',
      fullPersonal.PersonalTokenListSchema,
      miniPage.PersonalTokenListSchema,
      { items: [personalToken] },
    ],
    [
      'a personal token with its value',
      fullPersonal.PersonalTokenWithValueSchema,
      miniPage.PersonalTokenWithValueSchema,
      { ...personalToken, preset: null, lastUsedAt: T, value: 'tlp_x' },
    ],
    [
      'the API methods',
      fullPersonal.ApiMethodsSchema,
      miniPage.ApiMethodsSchema,
      {
        methods: [{ id: 'sites.read', description: 'Read sites' }],
        presets: [{ name: 'tester', methods: ['sites.read'] }],
      },
    ],
    ['removed tokens', fullPersonal.RemovedTokensSchema, miniPage.RemovedTokensSchema, { removed: ['pt-1'] }],
  ] as [string, Parser, Parser, unknown][])(
    'agree on %s and on everything one change away from it',
    (_case, classic, twin, sample) => {
      let accepted = 0;
      let refused = 0;
      for (const value of oneChangeFrom(sample)) {
        if (classic.safeParse(value).success) accepted++;
        else refused++;
        sameAnswer(classic, twin, value);
      }
      expect(accepted).toBeGreaterThan(1);
      expect(refused).toBeGreaterThan(10);
    },
  );
});
