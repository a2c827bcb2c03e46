import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SiteViewSchema } from '../../lib/domain/mini-schemas';
import { SiteViewReader } from '../../lib/overlay/site-view-reader';

const T = '2026-11-01T09:00:00.000Z';
const app = {
  appKey: 'com.acme.timesheets',
  name: 'Acme Timesheets',
  paymentModel: 'paid',
  installedAt: T,
  token: { id: 'tok-1', last4: 'AB12', appliedAt: T, status: 'active' },
  license: { state: 'active-trial', changedAt: T },
  lic: 'active',
};
const view = { host: 'acme-dev.atlassian.net', apps: [app], fetchedAt: T, problem: null };

/** What SiteViewSchema answers, in the reader's shape. */
const bySchema = (value: unknown) => {
  const parsed = SiteViewSchema.safeParse(value);
  return parsed.success ? { success: true, data: parsed.data } : { success: false };
};

/** A value at `path` replaced by `value` (a path into objects and arrays). */
function replaced(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) return root.map((item, index) => (index === head ? replaced(item, rest, value) : item));
  if (typeof root !== 'object' || root === null) return root;
  const object = root as Record<string, unknown>;
  return { ...object, [head]: replaced(object[head], rest, value) };
}

const PATHS: (string | number)[][] = [
  [],
  ['host'],
  ['apps'],
  ['fetchedAt'],
  ['problem'],
  ['problem', 'code'],
  ['apps', 0],
  ['apps', 0, 'appKey'],
  ['apps', 0, 'name'],
  ['apps', 0, 'paymentModel'],
  ['apps', 0, 'installedAt'],
  ['apps', 0, 'token'],
  ['apps', 0, 'token', 'id'],
  ['apps', 0, 'token', 'last4'],
  ['apps', 0, 'token', 'appliedAt'],
  ['apps', 0, 'token', 'status'],
  ['apps', 0, 'license'],
  ['apps', 0, 'license', 'state'],
  ['apps', 0, 'license', 'changedAt'],
  ['apps', 0, 'lic'],
  ['apps', 0, 'extra'],
  ['extra'],
];

const oddValues = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    '',
    'active',
    'none',
    'removed',
    'free',
    'paid',
    'unlicensed',
    'active-subscription',
    'ABCD',
    'abc',
    'com.acme.x',
    'Com.Acme',
    'acme.atlassian.net',
    'localhost',
    T,
    '2026-11-01T09:00:00Z',
    '2026-11-01T09:00:00.123456Z',
    '2026-11-01T09:00:00+01:00',
    '2026-11-01 09:00:00Z',
    '2026-13-01T09:00:00Z',
    [],
    {},
    { code: 'x', message: 'y' },
  ),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.constant(app), { maxLength: 3 }),
);

describe('SiteViewReader', () => {
  it('reads a view as SiteViewSchema does', () => {
    expect(SiteViewReader.safeParse(view)).toEqual(bySchema(view));
    expect(SiteViewReader.safeParse(view)).toEqual({ success: true, data: view });
  });

  it('strips what the schema strips, and keeps the schema’s key order', () => {
    const extra = { ...view, extra: 1, apps: [{ extra: 2, ...app }] };
    const read = SiteViewReader.safeParse(extra);
    expect(read).toEqual(bySchema(extra));
    expect(read.success && Object.keys(read.data.apps[0] ?? {})).toEqual(Object.keys(app));
  });

  it('answers as SiteViewSchema does for any one field replaced by an odd value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), oddValues, (path, value) => {
        const input = replaced(view, path, value);
        expect(SiteViewReader.safeParse(input)).toEqual(bySchema(input));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers as SiteViewSchema does for two fields replaced at once, and for several apps', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHS),
        oddValues,
        fc.constantFrom(...PATHS),
        oddValues,
        fc.integer({ min: 0, max: 3 }),
        (first, a, second, b, copies) => {
          const input = replaced(
            replaced({ ...view, apps: Array.from({ length: copies + 1 }, () => app) }, first, a),
            second,
            b,
          );
          expect(SiteViewReader.safeParse(input)).toEqual(bySchema(input));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
