import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { AppTokensReader } from '../../lib/messaging/app-tokens-reader';
import { READERS } from '../../lib/messaging/extension-page-ask';
import { AppTokensSchema, REPLY_SCHEMAS } from '../../lib/messaging/extension-page-replies';

const T = '2026-11-01T09:00:00.000Z';
const token = {
  id: 'tok-1',
  appKey: 'com.acme.timesheets',
  last4: 'AB12',
  note: 'for QA',
  status: 'active',
  createdAt: T,
  site: { host: 'acme-dev.atlassian.net', boundAt: T },
  hasPrivateUrl: true,
  hasPublicUrl: false,
};
const list = {
  appKey: 'com.acme.timesheets',
  tokens: [token, { ...token, id: 'tok-2', status: 'removed', site: null, note: '' }],
  active: 1,
  limit: 50,
  fetchedAt: T,
  problem: null,
};
const NullableSchema = z.nullable(AppTokensSchema);

/** What a schema answers, in the reader's shape. */
const by = (schema: { safeParse(value: unknown): { success: boolean; data?: unknown } }) => (value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? { success: true, data: parsed.data } : { success: false };
};
const bySchema = by(AppTokensSchema);
const byNullable = by(NullableSchema);

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
  ['appKey'],
  ['tokens'],
  ['active'],
  ['limit'],
  ['fetchedAt'],
  ['problem'],
  ['problem', 'code'],
  ['problem', 'message'],
  ['tokens', 0],
  ['tokens', 1],
  ...['id', 'appKey', 'last4', 'note', 'status', 'createdAt', 'site', 'hasPrivateUrl', 'hasPublicUrl', 'extra'].map(
    (field) => ['tokens', 0, field],
  ),
  ['tokens', 0, 'site', 'host'],
  ['tokens', 0, 'site', 'boundAt'],
  ['tokens', 0, 'site', 'extra'],
  ['tokens', 1, 'site'],
  ['extra'],
];

const oddValues = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    '',
    'active',
    'removed',
    'ABCD',
    'AB1',
    'AB123',
    '😀😀',
    'acme.atlassian.net',
    T,
    '2026-11-01T09:00:00Z',
    '2026-11-01T09:00:00.123456Z',
    '2026-11-01T09:00:00+01:00',
    '2026-11-01 09:00:00Z',
    '2026-13-01T09:00:00Z',
    0,
    -0,
    1.5,
    -3,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 1,
    true,
    false,
    [],
    {},
    { code: 'x', message: 'y' },
    { code: 'x' },
    { host: 'acme-dev.atlassian.net', boundAt: T },
    { host: 'acme-dev.atlassian.net', boundAt: 'yesterday' },
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.constant(token), { maxLength: 3 }),
);

describe('AppTokensReader', () => {
  it('is what extension pages read the token-list answers with, and those answers’ schemas are AppTokensSchema', () => {
    for (const type of ['app.tokens', 'app.createToken', 'app.removeToken'] as const) {
      expect(READERS[type]).toBe(AppTokensReader);
      expect(REPLY_SCHEMAS[type]).toBe(AppTokensSchema);
    }
    expect(READERS['app.cachedTokens']).toBe(AppTokensReader.orNull);
    // z.nullable(AppTokensSchema): the same answers as the nullable schema below.
    expect(REPLY_SCHEMAS['app.cachedTokens']._zod.def).toMatchObject({ type: 'nullable', innerType: AppTokensSchema });
  });

  it('reads a list as AppTokensSchema does', () => {
    expect(AppTokensReader.safeParse(list)).toEqual(bySchema(list));
    expect(AppTokensReader.safeParse(list)).toEqual({ success: true, data: list });
    expect(AppTokensReader.orNull.safeParse(null)).toEqual(byNullable(null));
    expect(AppTokensReader.orNull.safeParse(list)).toEqual(byNullable(list));
  });

  it('strips what the schema strips, and keeps the schema’s key order', () => {
    const extra = { extra: 0, ...list, tokens: [{ extra: 2, ...token, site: { extra: 3, ...token.site } }] };
    const read = AppTokensReader.safeParse(extra);
    expect(read).toEqual(bySchema(extra));
    const parsed = AppTokensSchema.safeParse(extra);
    if (!read.success || !parsed.success) throw new Error('expected both to read it');
    expect(Object.keys(read.data)).toEqual(Object.keys(parsed.data));
    expect(Object.keys(read.data.tokens[0] ?? {})).toEqual(Object.keys(parsed.data.tokens[0] ?? {}));
    expect(Object.keys(read.data.tokens[0]?.site ?? {})).toEqual(Object.keys(parsed.data.tokens[0]?.site ?? {}));
  });

  it('answers as the schemas do for any one field replaced by an odd value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), oddValues, (path, value) => {
        const input = replaced(list, path, value);
        expect(AppTokensReader.safeParse(input)).toEqual(bySchema(input));
        expect(AppTokensReader.orNull.safeParse(input)).toEqual(byNullable(input));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers as the schemas do for two fields replaced at once, and for several tokens', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHS),
        oddValues,
        fc.constantFrom(...PATHS),
        oddValues,
        fc.integer({ min: 0, max: 3 }),
        (first, a, second, b, copies) => {
          const input = replaced(
            replaced({ ...list, tokens: [...list.tokens, ...Array.from({ length: copies }, () => token)] }, first, a),
            second,
            b,
          );
          expect(AppTokensReader.safeParse(input)).toEqual(bySchema(input));
          expect(AppTokensReader.orNull.safeParse(input)).toEqual(byNullable(input));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
