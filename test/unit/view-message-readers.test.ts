import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { SiteViewSchema } from '../../lib/domain/mini-extension-page-schemas';
import { PushSchema } from '../../lib/messaging/push-schema';
import { DATETIME } from '../../lib/messaging/reader-basics';
import {
  PushReader,
  ReplyEnvelopeReader,
  SiteViewOrNullReader,
  SiteViewReader,
} from '../../lib/messaging/view-message-readers';
import { ReplyEnvelopeSchema } from '../../lib/messaging/view-messages';

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

/** What a schema answers, in the readers' shape. */
const answerOf = (schema: { safeParse(value: unknown): { success: boolean; data?: unknown } }, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? { success: true, data: parsed.data } : { success: false };
};
const bySchema = (value: unknown) => answerOf(SiteViewSchema, value);

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
    '😀😀',
    '😀😀😀😀',
    '\ud83dabc',
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
  it('checks datetimes with z.iso.datetime()’s own pattern', () => {
    expect(DATETIME.source).toBe(z.iso.datetime()._zod.def.pattern?.source);
    expect(DATETIME.flags).toBe(z.iso.datetime()._zod.def.pattern?.flags);
  });

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

describe('SiteViewOrNullReader', () => {
  it('answers as z.nullable(SiteViewSchema) does', () => {
    const nullable = z.nullable(SiteViewSchema);
    for (const value of [null, undefined, view, { ...view, host: '' }, 0, '', {}])
      expect(SiteViewOrNullReader.safeParse(value)).toEqual(answerOf(nullable, value));
  });
});

describe('PushReader', () => {
  const pushes = fc.oneof(
    fc.record({ type: fc.constant('session.changed') }),
    fc.record({ type: fc.constant('site.changed'), view: fc.constant(view) }),
  );
  const PUSH_PATHS: (string | number)[][] = [
    [],
    ['type'],
    ['view'],
    ['extra'],
    ['view', 'host'],
    ['view', 'apps', 0, 'lic'],
  ];
  const TYPES = fc.constantFrom('site.changed', 'session.changed', 'site.view', '', undefined);

  it('answers as PushSchema does for pushes, each with a field replaced by an odd value or an extra key', () => {
    fc.assert(
      fc.property(
        pushes,
        fc.constantFrom(...PUSH_PATHS),
        fc.oneof(oddValues, TYPES, fc.constant(view)),
        (push, path, value) => {
          const input = replaced(push, path, value);
          expect(PushReader.safeParse(input)).toEqual(answerOf(PushSchema, input));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads both pushes, and refuses what is not one (a request, a reply, an array)', () => {
    expect(PushReader.safeParse({ type: 'session.changed' })).toEqual({
      success: true,
      data: { type: 'session.changed' },
    });
    expect(PushReader.safeParse({ type: 'site.changed', view })).toEqual({
      success: true,
      data: { type: 'site.changed', view },
    });
    for (const value of [
      { type: 'site.view', host: view.host },
      { ok: true, data: view },
      [{ type: 'session.changed' }],
      { type: 'session.changed', view },
      { type: 'site.changed' },
      null,
    ])
      expect(PushReader.safeParse(value)).toEqual({ success: false });
  });
});

describe('ReplyEnvelopeReader', () => {
  const envelopes = fc.oneof(
    fc.record({ ok: fc.constant(true), data: fc.oneof(oddValues, fc.constant(view)) }),
    fc.record({ ok: fc.constant(false), error: fc.constant({ code: 'timeout', message: 'slow' }) }),
  );
  const ENVELOPE_PATHS: (string | number)[][] = [
    [],
    ['ok'],
    ['data'],
    ['error'],
    ['error', 'code'],
    ['error', 'message'],
    ['error', 'extra'],
    ['extra'],
  ];

  it('answers as ReplyEnvelopeSchema does for answers, each with a field replaced by an odd value or an extra key', () => {
    fc.assert(
      fc.property(
        envelopes,
        fc.constantFrom(...ENVELOPE_PATHS),
        fc.oneof(oddValues, fc.boolean()),
        (envelope, path, value) => {
          const input = replaced(envelope, path, value);
          expect(ReplyEnvelopeReader.safeParse(input)).toEqual(answerOf(ReplyEnvelopeSchema, input));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('needs the data key even when its value is undefined, as z.object does', () => {
    for (const value of [
      { ok: true },
      { ok: true, data: undefined },
      { ok: false },
      { ok: false, error: { code: 'x' } },
    ])
      expect(ReplyEnvelopeReader.safeParse(value)).toEqual(answerOf(ReplyEnvelopeSchema, value));
    expect(ReplyEnvelopeReader.safeParse({ ok: true })).toEqual({ success: false });
    expect(ReplyEnvelopeReader.safeParse({ ok: true, data: undefined })).toEqual({
      success: true,
      data: { ok: true, data: undefined },
    });
  });
});
