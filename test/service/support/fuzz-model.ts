import fc from 'fast-check';
import { LICENSE_STATE_WIRE_VALUES, LICENSE_STATES } from '../../../lib/domain/license-state';
import { formatToken } from '../../../lib/domain/token-format';
import { ALL_FIELDS, ODD_BODIES } from './endpoints';

/**
 * What the fuzzer sends (fuzz-harness.ts runs it): every route of the service — the `/api/v1`
 * routes as its OpenAPI document lists them, the reference pages and their forms, the product's REST
 * routes on a reference site — with fast-check arbitraries for the path, query, headers and body.
 *
 * An arbitrary gives a *plan*: a function of the live context (the ids, token values and
 * credentials the harness set up), so that one seed always draws the same requests while the
 * values they name (random token ids, session tokens) are those of the service under test.
 * Values are mostly close to valid (real keys, hosts and tokens, bodies shaped as the schema says)
 * so that requests get past validation into the rules, with mutations and junk mixed in.
 */

export type Family = 'api' | 'pages' | 'site-api' | 'static';

/** The subset of JSON Schema the OpenAPI document uses for request bodies and parameters. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
}

/** What a field or parameter means, which decides the values drawn for it. */
export type Kind =
  | 'appKey'
  | 'newAppKey'
  | 'pluginSegment'
  | 'host'
  | 'newHost'
  | 'tokenId'
  | 'tokenValue'
  | 'tokenUrl'
  | 'descriptorUrl'
  | 'personalTokenId'
  | 'taskId'
  | 'email'
  | 'password'
  | 'expiresAt'
  | 'licenseState'
  | 'wireState'
  | 'text'
  | 'version'
  | 'csrf'
  | 'boolString'
  | 'next'
  | 'upmToken'
  | 'assetName';

export interface RouteTemplate {
  method: string;
  /** As Hono's route table writes it: `/api/v1/apps/:appKey`, `/…/:plugin{[^/]+-key}`. */
  path: string;
  family: Family;
  body?: { kind: 'json'; schema: JsonSchema; contentType: string } | { kind: 'form'; fields: Record<string, Kind> };
  query?: Record<string, JsonSchema | Kind>;
}

export interface FuzzVocabulary {
  appKeys: string[];
  /** App keys and the site's system apps, for `{key}-key` segments. */
  pluginKeys: string[];
  hosts: string[];
  tokenIds: string[];
  tokenValues: string[];
  tokenUrls: string[];
  descriptorUrls: string[];
  versions: string[];
  personalTokenIds: string[];
  taskIds: string[];
  emails: string[];
  passwords: string[];
  etags: string[];
}

/** The credentials the harness signed in for; `pat` and `readOnlyPat` are HTTP Basic pairs. */
export interface FuzzCredentials {
  ownerSession: string;
  ownerCookie: string;
  ownerCsrf: string;
  ownerUpmToken: string;
  testerSession: string;
  testerCookie: string;
  testerCsrf: string;
  testerUpmToken: string;
  testerEmail: string;
  testerPassword: string;
  pat: { email: string; value: string };
  patUpmToken: string;
  readOnlyPat: { email: string; value: string };
  revokedSession: string;
}

export interface FuzzContext {
  /** The service's origin, as a browser on its pages would send it. */
  origin: string;
  now: Date;
  vocab: FuzzVocabulary;
  credentials: FuzzCredentials;
}

/** What one request's credential makes of the form token and upm-token slots. */
interface Active {
  csrf: string | undefined;
  otherCsrf: string;
  upmToken: string | undefined;
  otherUpmToken: string;
}
type BuildContext = FuzzContext & { active: Active };

/** Which loopback client sends a request (harness.ts maps them to addresses). */
export type Client = 'basic' | 'fuzz';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  client: Client;
}

export const AUTH_VARIANTS = {
  /** A real user, as the route's own clients authenticate. */
  good: ['owner-bearer', 'owner-cookie', 'session-query', 'pat-basic', 'pat-bearer'],
  /** A real user whose role or token scopes do not allow everything. */
  limited: ['tester-bearer', 'tester-cookie', 'readonly-pat-basic', 'readonly-pat-bearer'],
  /** No credential, or a wrong one. */
  bad: [
    'none',
    'garbage-bearer',
    'empty-bearer',
    'unknown-session',
    'unknown-pat-basic',
    'password-basic',
    'pat-wrong-email',
    'revoked-session',
    'garbage-cookie',
    'cookie-with-bad-authorization',
    'other-scheme',
    'basic-no-colon',
  ],
} as const;
export type AuthVariant = (typeof AUTH_VARIANTS)[keyof typeof AUTH_VARIANTS][number];
export type AuthBucket = keyof typeof AUTH_VARIANTS;

/** Variants that present a session (Bearer, `?session=` or the pages' cookie): a sign-out ends it. */
export const SESSION_VARIANTS: ReadonlySet<AuthVariant> = new Set<AuthVariant>([
  'owner-bearer',
  'owner-cookie',
  'session-query',
  'tester-bearer',
  'tester-cookie',
  'cookie-with-bad-authorization',
]);

/** The credentials each family's own clients use. */
const FITTING: Record<Family, readonly AuthVariant[]> = {
  api: ['owner-bearer', 'pat-bearer', 'pat-basic', 'session-query'],
  pages: ['owner-cookie'],
  'site-api': ['pat-basic', 'owner-cookie', 'pat-bearer'],
  static: ['none', 'owner-cookie'],
};

export interface Plan {
  route: RouteTemplate;
  auth: AuthVariant;
  bucket: AuthBucket;
  build(ctx: FuzzContext): FuzzRequest;
}

/** A value drawn now, made once the context is known. */
type Gen<T> = fc.Arbitrary<(ctx: BuildContext) => T>;
const OMIT = Symbol('omit');
type Maybe<T> = T | typeof OMIT;

const now = <T>(arbitrary: fc.Arbitrary<T>): Gen<T> => arbitrary.map((value) => () => value);
const fixed = <T>(value: T): Gen<T> => fc.constant(() => value);
const weighted = <T>(...choices: [number, Gen<T>][]): Gen<T> =>
  fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/** `arbitrary` once in `1 + rarely` draws, otherwise null. */
const once = <T>(arbitrary: fc.Arbitrary<T>, rarely: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: rarely, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

function pick<T>(values: readonly T[], index: number, fallback: T): T {
  return values.length === 0 ? fallback : (values[index % values.length] ?? fallback);
}
const fromVocab = (name: keyof FuzzVocabulary): Gen<string> =>
  fc.nat().map((index) => (ctx) => pick(ctx.vocab[name], index, ''));

/** Strings that have broken services before: empty, huge, control characters, encodings, injections. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  '\t\r\n',
  '..',
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '%2F',
  '\\',
  '//evil.example',
  'a'.repeat(300),
  'é'.repeat(70),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u202e\u200b',
  '\ud800',
  "'; DROP TABLE sites; --",
  '<script>alert(1)</script>',
  // A template placeholder as text: what a template engine would expand.
  ['$', '{7*7}{{7*7}}'].join(''),
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'mat_',
  'tlp_',
  'tls_',
];

const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
);
const junk: Gen<string> = now(junkString);

const MUTATIONS = ['upper', 'truncate', 'suffix', 'prefix', 'last-char', 'double', 'spaces'] as const;
function mutateString(value: string, how: (typeof MUTATIONS)[number]): string {
  switch (how) {
    case 'upper':
      return value.toUpperCase();
    case 'truncate':
      return value.slice(0, Math.max(0, value.length - 3));
    case 'suffix':
      return `${value}x`;
    case 'prefix':
      return `-${value}`;
    case 'last-char':
      return value.length === 0 ? 'x' : `${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`;
    case 'double':
      return `${value}${value}`;
    case 'spaces':
      return ` ${value} `;
  }
}
const mutatedVocab = (name: keyof FuzzVocabulary): Gen<string> =>
  fc.tuple(fc.nat(), fc.constantFrom(...MUTATIONS)).map(
    ([index, how]) =>
      (ctx) =>
        mutateString(pick(ctx.vocab[name], index, ''), how),
  );

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (at: Date, days: number) => new Date(at.getTime() + days * DAY).toISOString().slice(0, 10);

const WIRE_STATES = LICENSE_STATES.map((state) => LICENSE_STATE_WIRE_VALUES[state]);
const unknownToken = (kind: 'access' | 'personal' | 'session'): Gen<string> =>
  now(fc.uint8Array({ minLength: 64, maxLength: 64 }).map((bytes) => formatToken(kind, bytes)));

/** The slot for a credential-bound value: the caller's own, another's, none, or junk. */
const boundSlot = (
  own: (active: Active) => string | undefined,
  other: (active: Active) => string,
): Gen<Maybe<string>> =>
  weighted<Maybe<string>>(
    [6, fc.constant((ctx: BuildContext) => own(ctx.active) ?? OMIT)],
    [1, fc.constant((ctx: BuildContext) => other(ctx.active))],
    [2, fixed(OMIT)],
    [1, junk],
  );

function kindGen(kind: Kind): Gen<Maybe<string>> {
  switch (kind) {
    case 'appKey':
      return weighted(
        [8, fromVocab('appKeys')],
        [1, fixed('com.unknown.app')],
        [1, mutatedVocab('appKeys')],
        [1, junk],
      );
    case 'newAppKey':
      return weighted(
        [3, fromVocab('appKeys')],
        [4, now(fc.stringMatching(/^com\.fuzz\.[a-z0-9]{1,12}$/))],
        [1, mutatedVocab('appKeys')],
        [2, junk],
      );
    case 'pluginSegment':
      return weighted(
        [6, fromVocab('pluginKeys').map((make) => (ctx: BuildContext) => `${make(ctx)}-key`)],
        [1, fromVocab('pluginKeys')],
        [1, mutatedVocab('pluginKeys').map((make) => (ctx: BuildContext) => `${make(ctx)}-key`)],
        [2, junk.map((make) => (ctx: BuildContext) => `${make(ctx)}-key`)],
      );
    case 'host':
      return weighted(
        [8, fromVocab('hosts')],
        [1, fixed('unknown.atlassian.net')],
        [1, mutatedVocab('hosts')],
        [1, junk],
      );
    case 'newHost':
      return weighted(
        [3, fromVocab('hosts')],
        [4, now(fc.stringMatching(/^fuzz-[a-z0-9]{1,10}\.atlassian\.net$/))],
        [1, mutatedVocab('hosts')],
        [2, junk],
      );
    case 'tokenId':
      return weighted([6, fromVocab('tokenIds')], [2, now(fc.uuid())], [2, junk]);
    case 'personalTokenId':
      return weighted([6, fromVocab('personalTokenIds')], [2, now(fc.uuid())], [2, junk]);
    case 'taskId':
      return weighted([5, fromVocab('taskIds')], [2, now(fc.uuid())], [2, junk], [1, fixed('x'.repeat(65))]);
    case 'tokenValue':
      return weighted(
        [6, fromVocab('tokenValues')],
        [2, mutatedVocab('tokenValues')],
        [1, unknownToken('access')],
        [1, junk],
      );
    case 'tokenUrl':
      return weighted(
        [5, fromVocab('tokenUrls')],
        [2, fromVocab('descriptorUrls')],
        [1, mutatedVocab('tokenUrls')],
        [
          1,
          fc.tuple(fc.nat(), fc.nat()).map(
            ([url, token]) =>
              (ctx: BuildContext) =>
                `${pick(ctx.vocab.descriptorUrls, url, '')}?access-token=${pick(ctx.vocab.tokenValues, token, '')}`,
          ),
        ],
        [1, junk],
      );
    case 'descriptorUrl':
      return weighted(
        [4, fromVocab('descriptorUrls')],
        [2, now(fc.webUrl({ validSchemes: ['https'] }))],
        [1, now(fc.constantFrom('javascript:alert(1)', 'http://apps.example/a.json', 'https://', 'ftp://x.example/'))],
        [2, junk],
      );
    case 'email':
      return weighted([5, fromVocab('emails')], [2, now(fc.emailAddress())], [2, junk]);
    case 'password':
      return weighted([6, fromVocab('passwords')], [2, junk], [1, fixed('p'.repeat(1025))]);
    case 'expiresAt':
      return weighted(
        [6, now(fc.integer({ min: -3, max: 400 })).map((make) => (ctx: BuildContext) => isoDay(ctx.now, make(ctx)))],
        [1, now(fc.constantFrom('2026-02-30', '2026-13-01', '9999-12-31', '0000-01-01', '2026-1-1'))],
        [2, junk],
      );
    case 'licenseState':
      return weighted(
        [8, now(fc.constantFrom(...LICENSE_STATES))],
        [1, now(fc.constantFrom(...WIRE_STATES))],
        [1, junk],
      );
    case 'wireState':
      return weighted(
        [8, now(fc.constantFrom(...WIRE_STATES))],
        [1, now(fc.constantFrom(...LICENSE_STATES))],
        [1, junk],
      );
    case 'text':
      return weighted(
        [4, now(fc.string({ maxLength: 60 }))],
        [2, now(fc.string({ unit: 'grapheme', maxLength: 30 }))],
        [2, now(fc.constantFrom(...NASTY))],
        [1, fixed('x'.repeat(501))],
      );
    case 'version':
      return weighted(
        [4, now(fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$/))],
        [2, fromVocab('versions')],
        [2, junk],
      );
    case 'csrf':
      return boundSlot(
        (active) => active.csrf,
        (active) => active.otherCsrf,
      );
    case 'upmToken':
      return boundSlot(
        (active) => active.upmToken,
        (active) => active.otherUpmToken,
      );
    case 'boolString':
      return weighted<Maybe<string>>([4, fixed('true')], [4, fixed('false')], [1, junk], [1, fixed(OMIT)]);
    case 'next':
      return weighted(
        [3, fixed('/')],
        [2, fromVocab('hosts').map((make) => (ctx: BuildContext) => `/sites/${make(ctx)}/plugins/servlet/upm`)],
        [3, now(fc.constantFrom('//evil.example', 'https://evil.example/', '/\\evil.example', '/\t/evil.example'))],
        [2, junk],
      );
    case 'assetName':
      return weighted(
        [3, now(fc.constantFrom('swagger-ui.css', 'swagger-ui-bundle.js', 'docs.css', 'docs-init.js'))],
        [2, junk],
      );
  }
}

/** What a JSON field's name says it holds, when the name alone tells. */
const KIND_OF_FIELD: Record<string, Kind> = {
  email: 'email',
  password: 'password',
  key: 'newAppKey',
  name: 'text',
  descriptorUrl: 'descriptorUrl',
  version: 'version',
  note: 'text',
  host: 'newHost',
  installUrl: 'tokenUrl',
  licenseState: 'licenseState',
  appKey: 'appKey',
  token: 'tokenValue',
  state: 'licenseState',
  description: 'text',
  expiresAt: 'expiresAt',
  pluginKey: 'appKey',
  pluginUri: 'tokenUrl',
  site: 'host',
  app: 'appKey',
};

const plainJson = (value: fc.Arbitrary<unknown>): Gen<unknown> => now(value);

/** Values close to what `schema` allows: inside its bounds mostly, on and just past them sometimes. */
function schemaGen(schema: JsonSchema, name: string | undefined, depth = 0): Gen<unknown> {
  const kind = name === undefined ? undefined : KIND_OF_FIELD[name];
  const plain = plainSchemaGen(schema, depth);
  if (kind === undefined || schema.type === 'array') return plain;
  // A field the service reads as an enum keeps its enum (the kinds cover license states already).
  const byKind = kindGen(kind).map((make) => (ctx: BuildContext) => {
    const value = make(ctx);
    return value === OMIT ? '' : value;
  });
  return weighted<unknown>([3, byKind], [1, plain]);
}

function plainSchemaGen(schema: JsonSchema, depth: number): Gen<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((branch) => schemaGen(branch, undefined, depth + 1)));
  if (schema.enum) return weighted<unknown>([9, plainJson(fc.constantFrom(...schema.enum))], [1, junk]);
  switch (schema.type) {
    case 'boolean':
      return weighted<unknown>([8, plainJson(fc.boolean())], [1, plainJson(fc.constantFrom('true', 1, 0, null))]);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1000;
      return weighted<unknown>(
        [6, plainJson(fc.integer({ min, max }))],
        [3, plainJson(fc.constantFrom(min - 1, max + 1, 0, -1, 2 ** 53, 1.5, 1e308))],
      );
    }
    case 'array': {
      const items = schema.items ?? {};
      const itemName = schema.items?.format === 'uuid' ? 'personalTokenId' : undefined;
      const item: Gen<unknown> = itemName
        ? kindGen('personalTokenId').map((make) => (ctx: BuildContext) => {
            const value = make(ctx);
            return value === OMIT ? '' : value;
          })
        : schemaGen(items, undefined, depth + 1);
      return fc
        .array(item, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) })
        .map((makers) => (ctx: BuildContext) => makers.map((make) => make(ctx)));
    }
    case 'object':
      return objectGen(schema, depth);
    case 'string':
      return stringSchemaGen(schema);
    default:
      return plainJson(fc.jsonValue({ maxDepth: 2 }));
  }
}

function stringSchemaGen(schema: JsonSchema): Gen<unknown> {
  const max = schema.maxLength ?? 64;
  const bounds = fc.constantFrom(
    '',
    'x'.repeat(Math.max(0, schema.minLength ?? 1)),
    'x'.repeat(max),
    'x'.repeat(max + 1),
  );
  if (schema.format === 'uuid') return weighted<unknown>([8, plainJson(fc.uuid())], [2, junk]);
  if (schema.format === 'date') return kindGen('expiresAt');
  if (schema.format === 'uri') return kindGen('descriptorUrl');
  let pattern: RegExp | undefined;
  try {
    pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
  } catch {
    pattern = undefined;
  }
  const inside = pattern
    ? fc.stringMatching(pattern).filter((value) => value.length <= max)
    : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(max, 40) });
  return weighted<unknown>([6, plainJson(inside)], [2, plainJson(bounds)], [2, junk]);
}

function objectGen(schema: JsonSchema, depth: number): Gen<unknown> {
  if (depth > 3) return fixed({});
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([field, fieldSchema]) => {
    const value = schemaGen(fieldSchema, field, depth + 1);
    // Required fields are always there; the body mutations below take some away.
    const present = required.has(field) ? fc.constant(true) : fc.boolean();
    return fc.tuple(present, value).map(([isPresent, make]) => ({ field, isPresent, make }));
  });
  return fc.tuple(...fields).map((parts) => (ctx: BuildContext) => {
    const body: Record<string, unknown> = {};
    for (const { field, isPresent, make } of parts) if (isPresent) body[field] = make(ctx);
    return body;
  });
}

const BODY_MUTATIONS = ['drop', 'extra', 'wrong-type', 'null', 'wrap-in-array', 'nest'] as const;

/** One change that makes an object body wrong in one place. */
const mutation = fc.record({
  how: fc.constantFrom(...BODY_MUTATIONS),
  at: fc.nat(),
  key: fc.constantFrom(...ALL_FIELDS, '__proto__', 'constructor', 'sneaky', ''),
  value: fc.jsonValue({ maxDepth: 2 }),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutateBody(body: unknown, change: Mutation) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = { ...(body as Record<string, unknown>) };
  const keys = Object.keys(record);
  const target = keys.length === 0 ? change.key : (keys[change.at % keys.length] ?? change.key);
  switch (change.how) {
    case 'drop':
      delete record[target];
      return record;
    case 'extra':
      // A literal "__proto__" key, as JSON.parse would make it, not a prototype change.
      Object.defineProperty(record, change.key, { value: change.value, enumerable: true, writable: true });
      return record;
    case 'wrong-type':
      record[target] = change.value;
      return record;
    case 'null':
      record[target] = null;
      return record;
    case 'wrap-in-array':
      return [record];
    case 'nest':
      record[target] = { [target]: record[target] };
      return record;
  }
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=zzz',
  'application/vnd.atl.plugins+json',
  'application/vnd.atl.plugins.remote.install+json',
  'application/xml',
  'application/problem+json',
  '*/*',
  'json',
  ';;;',
];

/** A body on the wire: its bytes and the content type it is sent with (none when undefined). */
interface WireBody {
  bytes: Buffer;
  contentType: string | undefined;
}

const contentTypeGen = (fitting: string): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 7, arbitrary: fc.constant(fitting) },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: junkString.map(headerValue) },
  );

const OVERSIZE = 70 * 1024;

function jsonBodyGen(schema: JsonSchema, contentType: string): Gen<WireBody> {
  const text: Gen<string> = weighted<string>(
    [50, schemaGen(schema, undefined).map((make) => (ctx: BuildContext) => JSON.stringify(make(ctx)) ?? '')],
    [
      30,
      fc.tuple(schemaGen(schema, undefined), mutation).map(
        ([make, change]) =>
          (ctx: BuildContext) =>
            JSON.stringify(mutateBody(make(ctx), change)) ?? '',
      ),
    ],
    [10, now(fc.constantFrom(...ODD_BODIES.map(([, body]) => body)))],
    [10, now(fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? ''))],
    [10, junk],
    [3, fixed(JSON.stringify({ padding: 'x'.repeat(OVERSIZE) }))],
  );
  return fc.tuple(text, contentTypeGen(contentType)).map(([make, type]) => (ctx: BuildContext) => ({
    bytes: Buffer.from(make(ctx)),
    contentType: type,
  }));
}

function multipart(fields: [string, string][], boundary: string): Buffer {
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return Buffer.from(`${parts.join('')}--${boundary}--\r\n`);
}

function formBodyGen(fields: Record<string, Kind>): Gen<WireBody> {
  const values = Object.entries(fields).map(([field, kind]) =>
    kindGen(kind).map((make) => (ctx: BuildContext) => [field, make(ctx)] as const),
  );
  const extra = once(fc.tuple(fc.constantFrom(...ALL_FIELDS, 'csrf', 'url'), junkString), 4);
  const encoding = fc.constantFrom('urlencoded', 'urlencoded', 'urlencoded', 'multipart', 'broken-multipart', 'json');
  return fc
    .tuple(fc.tuple(...values), extra, encoding, contentTypeGen(''))
    .map(([makers, extraField, how, otherType]) => (ctx: BuildContext) => {
      const pairs: [string, string][] = [];
      for (const make of makers) {
        const [field, value] = make(ctx);
        if (value !== OMIT) pairs.push([field, value]);
      }
      if (extraField) pairs.push([extraField[0], extraField[1]]);
      const fitting = (type: string) => (otherType === '' ? type : otherType);
      switch (how) {
        case 'urlencoded':
          return {
            bytes: Buffer.from(new URLSearchParams(pairs).toString()),
            contentType: fitting('application/x-www-form-urlencoded'),
          };
        case 'multipart':
          return {
            bytes: multipart(pairs, 'fuzz-boundary'),
            contentType: fitting('multipart/form-data; boundary=fuzz-boundary'),
          };
        case 'broken-multipart':
          return {
            bytes: multipart(pairs, 'fuzz-boundary').subarray(0, 40),
            contentType: 'multipart/form-data; boundary=fuzz-boundary',
          };
        default:
          return {
            bytes: Buffer.from(JSON.stringify(Object.fromEntries(pairs))),
            contentType: fitting('application/json'),
          };
      }
    });
}

/** Only what a header value may hold on the wire (no line breaks, no NUL). */
function headerValue(value: string): string {
  return value.replace(/[^\t\x20-\x7e]/g, '?');
}

const FOREIGN_ORIGIN = 'https://evil.example';

/** Headers beyond credentials and content type, a few at a time. */
const extraHeaderGen: Gen<[string, string]> = weighted<[string, string]>(
  [
    2,
    now(fc.constantFrom('application/json', 'text/html', '*/*', 'application/problem+json', 'image/png')).map(
      (make) => (ctx: BuildContext) => ['Accept', make(ctx)],
    ),
  ],
  [2, fromVocab('etags').map((make) => (ctx: BuildContext) => ['If-None-Match', make(ctx)])],
  [1, now(fc.constantFrom('*', 'W/"x"', '"', '')).map((make) => (ctx: BuildContext) => ['If-None-Match', make(ctx)])],
  [1, fixed(['X-Live-Refresh', '1'])],
  [
    2,
    now(fc.constantFrom('no-check', 'nocheck', 'NO-CHECK', '')).map((make) => (ctx: BuildContext) => [
      'X-Atlassian-Token',
      make(ctx),
    ]),
  ],
  [1, junk.map((make) => (ctx: BuildContext) => ['Cookie', headerValue(make(ctx))])],
  [1, fixed(['Cookie', 'tl_flash=%%%; tl_session='])],
  [
    1,
    fixed([
      'Cookie',
      `tl_flash=${Buffer.from('{"kind":"done","text":"<b>x</b>","place":"page"}').toString('base64url')}`,
    ]),
  ],
  [1, now(fc.ipV4()).map((make) => (ctx: BuildContext) => ['X-Forwarded-For', make(ctx)])],
  [1, fixed(['X-Forwarded-Host', 'evil.example'])],
  [
    1,
    now(fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'zz')).map((make) => (ctx: BuildContext) => [
      'Content-Encoding',
      make(ctx),
    ]),
  ],
  [1, fixed(['Range', 'bytes=0-10'])],
  [
    1,
    weighted<string>(
      [1, now(fc.constantFrom('evil.example', 'evil.example:80', '', 'localhost', '09'))],
      [1, junk],
    ).map((make) => (ctx: BuildContext) => ['Host', headerValue(make(ctx))]),
  ],
  [1, fixed(['Origin', FOREIGN_ORIGIN])],
  [1, fixed(['Sec-Fetch-Site', 'cross-site'])],
  [
    2,
    fc.tuple(fc.stringMatching(/^X-[A-Za-z0-9-]{1,20}$/), junkString).map(
      ([name, value]) =>
        () =>
          [name, headerValue(value)] as [string, string],
    ),
  ],
);

const PATH_MUTATIONS = [
  'trailing-slash',
  'double-slash',
  'upper',
  'dot-segment',
  'encoded-slash',
  'extra-segment',
  'long-segment',
  'percent-junk',
  'drop-last',
  'semicolon',
] as const;

function mutatePath(path: string, how: (typeof PATH_MUTATIONS)[number]): string {
  switch (how) {
    case 'trailing-slash':
      return `${path}/`;
    case 'double-slash':
      return path.replace('/', '//');
    case 'upper':
      return path.toUpperCase();
    case 'dot-segment':
      return `${path}/../${path.split('/').pop() ?? ''}`;
    case 'encoded-slash':
      return path.replace(/\/([^/]*)$/, '%2F$1');
    case 'extra-segment':
      return `${path}/extra`;
    case 'long-segment':
      return `${path}/${'s'.repeat(5000)}`;
    case 'percent-junk':
      return `${path}%E0%A4%A`;
    case 'drop-last':
      return path.replace(/\/[^/]*$/, '') || '/';
    case 'semicolon':
      return `${path};jsessionid=1`;
  }
}

/** UTF-8 percent-encoding of everything but unreserved characters; `raw` keeps printable ASCII as it is. */
function encodeSegment(value: string, raw: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    const keep = raw ? byte > 0x20 && byte < 0x7f && char !== '/' : /[A-Za-z0-9\-._~]/.test(char);
    out += keep ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** What Node's HTTP client refuses in a request target is percent-encoded. */
function wirePath(path: string): string {
  let out = '';
  for (const char of path) {
    const code = char.codePointAt(0) ?? 0;
    out += code > 0x20 && code < 0x7f ? char : encodeSegment(char, false);
  }
  return out.startsWith('/') ? out : `/${out}`;
}

const PARAM_PATTERN = /:([A-Za-z]+)(\{[^}]*\})?/g;

function paramKind(route: RouteTemplate, name: string): Kind {
  switch (name) {
    case 'appKey':
      return 'appKey';
    case 'host':
      return 'host';
    case 'id':
      return route.path.includes('/personal-tokens/') ? 'personalTokenId' : 'tokenId';
    case 'taskId':
      return 'taskId';
    case 'plugin':
      return 'pluginSegment';
    case 'name':
      return 'assetName';
    default:
      return 'text';
  }
}

interface ResolvedAuth {
  headers: Record<string, string>;
  query: [string, string][];
  active: Active;
  client: Client;
}

const basic = (email: string, secret: string) => `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}`;

function resolveAuth(variant: AuthVariant, ctx: FuzzContext, unknown: { session: string; pat: string }): ResolvedAuth {
  const c = ctx.credentials;
  const cookie = (token: string) => ({ Cookie: `tl_session=${token}` });
  const inactive: Active = {
    csrf: undefined,
    otherCsrf: c.ownerCsrf,
    upmToken: undefined,
    otherUpmToken: c.ownerUpmToken,
  };
  const result = (
    headers: Record<string, string>,
    active: Partial<Active> = {},
    query: [string, string][] = [],
    client: Client = 'fuzz',
  ): ResolvedAuth => ({ headers, query, active: { ...inactive, ...active }, client });
  switch (variant) {
    case 'owner-bearer':
      return result({ Authorization: `Bearer ${c.ownerSession}` });
    case 'owner-cookie':
      return result(cookie(c.ownerCookie), {
        csrf: c.ownerCsrf,
        otherCsrf: c.testerCsrf,
        upmToken: c.ownerUpmToken,
        otherUpmToken: c.testerUpmToken,
      });
    case 'session-query':
      return result({}, {}, [['session', c.ownerSession]]);
    case 'pat-basic':
      return result(
        { Authorization: basic(c.pat.email, c.pat.value) },
        { upmToken: c.patUpmToken, otherUpmToken: c.ownerUpmToken },
        [],
        'basic',
      );
    case 'pat-bearer':
      return result({ Authorization: `Bearer ${c.pat.value}` }, { upmToken: c.patUpmToken });
    case 'tester-bearer':
      return result({ Authorization: `Bearer ${c.testerSession}` });
    case 'tester-cookie':
      return result(cookie(c.testerCookie), {
        csrf: c.testerCsrf,
        otherCsrf: c.ownerCsrf,
        upmToken: c.testerUpmToken,
        otherUpmToken: c.ownerUpmToken,
      });
    case 'readonly-pat-basic':
      return result({ Authorization: basic(c.readOnlyPat.email, c.readOnlyPat.value) }, {}, [], 'basic');
    case 'readonly-pat-bearer':
      return result({ Authorization: `Bearer ${c.readOnlyPat.value}` });
    case 'none':
      return result({});
    case 'garbage-bearer':
      return result({ Authorization: `Bearer ${unknown.session.slice(4, 30)}` });
    case 'empty-bearer':
      return result({ Authorization: 'Bearer ' });
    case 'unknown-session':
      return result({ Authorization: `Bearer ${unknown.session}` });
    case 'unknown-pat-basic':
      return result({ Authorization: basic('nobody@fuzz.example', unknown.pat) });
    case 'password-basic':
      return result({ Authorization: basic(c.testerEmail, c.testerPassword) });
    case 'pat-wrong-email':
      return result({ Authorization: basic(c.testerEmail, c.pat.value) });
    case 'revoked-session':
      return result({ Authorization: `Bearer ${c.revokedSession}`, ...cookie(c.revokedSession) });
    case 'garbage-cookie':
      return result(cookie(unknown.session));
    case 'cookie-with-bad-authorization':
      return result({ ...cookie(c.ownerCookie), Authorization: `Bearer ${unknown.session}` }, { csrf: c.ownerCsrf });
    case 'other-scheme':
      return result({ Authorization: 'Digest username="owner", realm="x", nonce="1"' });
    case 'basic-no-colon':
      return result({ Authorization: `Basic ${Buffer.from('no-colon-here').toString('base64')}` });
  }
}

const authGen = (family: Family): fc.Arbitrary<{ variant: AuthVariant; bucket: AuthBucket }> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom(...FITTING[family]).map((variant) => ({ variant, bucket: 'good' as const })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...AUTH_VARIANTS.good).map((variant) => ({ variant, bucket: 'good' as const })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...AUTH_VARIANTS.limited).map((variant) => ({ variant, bucket: 'limited' as const })),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...AUTH_VARIANTS.bad).map((variant) => ({ variant, bucket: 'bad' as const })),
    },
  );

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'];
const carriesBody = (method: string) => method !== 'GET' && method !== 'HEAD';

/** Sign-in endpoints: what they send is checked as a password, so failures count against the client. */
export const isSignInPath = (path: string) => /^\/(api\/v1\/sessions|sign-in)(\?|\/?$)/i.test(path);

/** The plans of one route: its credential, path, query, body and headers, drawn together. */
export function routePlan(route: RouteTemplate): fc.Arbitrary<Plan> {
  const params = [...route.path.matchAll(PARAM_PATTERN)].map((match) => match[1] ?? '');
  const paramGens = params.map((name) => kindGen(paramKind(route, name)));
  const queryGens = Object.entries(route.query ?? {}).map(([name, spec]) => {
    const value: Gen<unknown> =
      typeof spec === 'string'
        ? kindGen(spec)
        : schemaGen(spec, name).map((make) => (ctx: BuildContext) => {
            const drawn = make(ctx);
            return typeof drawn === 'string' ? drawn : JSON.stringify(drawn);
          });
    return fc.tuple(fc.nat(3), value).map(([presence, make]) => ({ name, present: presence > 0, make }));
  });
  const extraQuery = once(
    fc.tuple(fc.constantFrom('limit', 'site', 'app', 'session', 'token', 'x', ''), junkString),
    4,
  );
  const body: Gen<WireBody | undefined> =
    route.body?.kind === 'json'
      ? jsonBodyGen(route.body.schema, route.body.contentType)
      : route.body?.kind === 'form'
        ? formBodyGen(route.body.fields)
        : weighted<WireBody | undefined>(
            [9, fixed(undefined)],
            [1, jsonBodyGen({ type: 'object', properties: {} }, 'application/json')],
          );
  const originGen = fc.oneof(
    { weight: 6, arbitrary: fc.constant('own' as const) },
    { weight: 1, arbitrary: fc.constantFrom(FOREIGN_ORIGIN, 'null', 'http://localhost') },
    { weight: 2, arbitrary: fc.constant(undefined) },
  );
  const atlassianToken = fc.oneof(
    { weight: 5, arbitrary: fc.constant('no-check') },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: junkString.map(headerValue) },
  );
  return fc
    .record({
      auth: authGen(route.family),
      unknownSession: unknownToken('session'),
      unknownPat: unknownToken('personal'),
      params: fc.tuple(...paramGens),
      rawSegments: fc.nat(4),
      query: fc.tuple(...queryGens),
      extraQuery,
      body,
      origin: originGen,
      atlassianToken,
      extraHeaders: fc.array(extraHeaderGen, { maxLength: 3 }),
      pathMutation: once(fc.constantFrom(...PATH_MUTATIONS), 14),
      methodMutation: once(fc.constantFrom(...METHODS), 16),
    })
    .map((drawn) => ({
      route,
      auth: drawn.auth.variant,
      bucket: drawn.auth.bucket,
      build(ctx: FuzzContext): FuzzRequest {
        const plain: BuildContext = {
          ...ctx,
          active: { csrf: undefined, otherCsrf: '', upmToken: undefined, otherUpmToken: '' },
        };
        const auth = resolveAuth(drawn.auth.variant, ctx, {
          session: drawn.unknownSession(plain),
          pat: drawn.unknownPat(plain),
        });
        const built: BuildContext = { ...ctx, active: auth.active };
        const method = drawn.methodMutation ?? route.method;

        let index = 0;
        let path = route.path.replace(PARAM_PATTERN, () => {
          const make = drawn.params[index];
          index += 1;
          const value = make ? make(built) : '';
          return encodeSegment(value === OMIT ? '' : value, drawn.rawSegments === 0);
        });
        if (drawn.pathMutation) path = mutatePath(path, drawn.pathMutation);

        const query: [string, string][] = [];
        for (const { name, present, make } of drawn.query) {
          const value = make(built);
          if (present && value !== OMIT) query.push([name, String(value)]);
        }
        if (drawn.extraQuery) query.push(drawn.extraQuery);
        query.push(...auth.query);
        const search = query.length === 0 ? '' : `?${new URLSearchParams(query).toString()}`;

        const headers: Record<string, string> = { ...auth.headers };
        const wire = carriesBody(method) ? drawn.body(built) : undefined;
        if (wire?.contentType !== undefined) headers['Content-Type'] = wire.contentType;
        const changes = method !== 'GET' && method !== 'HEAD';
        if (changes && drawn.origin !== undefined) {
          headers.Origin = drawn.origin === 'own' ? ctx.origin : drawn.origin;
        }
        if (changes && route.family === 'site-api' && drawn.atlassianToken !== undefined) {
          headers['X-Atlassian-Token'] = drawn.atlassianToken;
        }
        for (const [name, value] of drawn.extraHeaders.map((make) => make(built))) {
          headers[name] = name === 'Cookie' && headers.Cookie ? `${headers.Cookie}; ${value}` : value;
        }
        const target = wirePath(`${path}${search}`);
        return {
          method,
          path: target,
          headers,
          ...(wire ? { body: wire.bytes } : {}),
          client: auth.client === 'basic' && !isSignInPath(target) ? 'basic' : 'fuzz',
        };
      },
    }));
}

/** `/api/v1` routes from the OpenAPI document the service serves (`GET /api/v1/openapi.json`). */
export function apiRoutes(document: {
  paths: Record<string, Record<string, { parameters?: unknown; requestBody?: unknown }>>;
}): RouteTemplate[] {
  const routes: RouteTemplate[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = (operation.parameters ?? []) as { in: string; name: string; schema: JsonSchema }[];
      const query = Object.fromEntries(
        parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => [parameter.name, parameter.schema]),
      );
      const requestBody = operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined;
      const schema = requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method.toUpperCase(),
        path: path.replace(/\{(\w+)\}/g, ':$1'),
        family: 'api',
        ...(schema ? { body: { kind: 'json' as const, schema, contentType: 'application/json' } } : {}),
        ...(Object.keys(query).length > 0 ? { query } : {}),
      });
    }
  }
  return routes;
}

const UPM = '/sites/:host/plugins/servlet/upm';

/** The reference pages: sign-in and sign-out, the sites list, the Manage apps page, its live state and its forms. */
export const PAGE_ROUTES: RouteTemplate[] = [
  { method: 'GET', path: '/', family: 'pages' },
  { method: 'GET', path: '/sign-in', family: 'pages', query: { next: 'next' } },
  {
    method: 'POST',
    path: '/sign-in',
    family: 'pages',
    body: { kind: 'form', fields: { email: 'email', password: 'password', next: 'next' } },
  },
  { method: 'POST', path: '/sign-out', family: 'pages', body: { kind: 'form', fields: { csrf: 'csrf' } } },
  { method: 'GET', path: UPM, family: 'pages' },
  { method: 'GET', path: `${UPM}/state`, family: 'pages' },
  { method: 'GET', path: `${UPM}/apps/:appKey/details`, family: 'pages' },
  {
    method: 'POST',
    path: `${UPM}/settings`,
    family: 'pages',
    body: { kind: 'form', fields: { csrf: 'csrf', privateListingsEnabled: 'boolString' } },
  },
  {
    method: 'POST',
    path: `${UPM}/upload`,
    family: 'pages',
    body: { kind: 'form', fields: { csrf: 'csrf', url: 'tokenUrl' } },
  },
  {
    method: 'POST',
    path: `${UPM}/apps/:appKey/token`,
    family: 'pages',
    body: { kind: 'form', fields: { csrf: 'csrf', token: 'tokenValue' } },
  },
  {
    method: 'POST',
    path: `${UPM}/apps/:appKey/token/remove`,
    family: 'pages',
    body: { kind: 'form', fields: { csrf: 'csrf' } },
  },
  {
    method: 'POST',
    path: `${UPM}/apps/:appKey/token/generate`,
    family: 'pages',
    body: { kind: 'form', fields: { csrf: 'csrf' } },
  },
  {
    method: 'POST',
    path: `${UPM}/apps/:appKey/license`,
    family: 'pages',
    body: { kind: 'form', fields: { csrf: 'csrf', state: 'wireState' } },
  },
];

const REST = '/sites/:host/rest/plugins/1.0';
const INSTALL_BODY: RouteTemplate['body'] = {
  kind: 'json',
  schema: {
    type: 'object',
    properties: { pluginUri: { type: 'string', minLength: 1, maxLength: 4096 } },
    required: ['pluginUri'],
  },
  contentType: 'application/vnd.atl.plugins.remote.install+json',
};
const LICENSE_TOKEN_BODY: RouteTemplate['body'] = {
  kind: 'json',
  schema: {
    type: 'object',
    properties: {
      pluginKey: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,63}$' },
      token: { type: 'string', minLength: 1, maxLength: 200 },
      state: { type: 'string', enum: WIRE_STATES },
    },
    required: ['pluginKey'],
  },
  contentType: 'application/vnd.atl.plugins+json',
};

/** The product's own REST routes on a reference site (UPM and the Connect license API). */
export const SITE_API_ROUTES: RouteTemplate[] = [
  { method: 'GET', path: `${REST}/`, family: 'site-api' },
  { method: 'HEAD', path: `${REST}/`, family: 'site-api' },
  { method: 'GET', path: REST, family: 'site-api' },
  { method: 'POST', path: `${REST}/`, family: 'site-api', body: INSTALL_BODY, query: { token: 'upmToken' } },
  { method: 'POST', path: REST, family: 'site-api', body: INSTALL_BODY, query: { token: 'upmToken' } },
  { method: 'GET', path: `${REST}/pending/:taskId`, family: 'site-api' },
  { method: 'GET', path: `${REST}/license-tokens`, family: 'site-api' },
  { method: 'GET', path: `${REST}/license-tokens/:plugin{[^/]+-key}`, family: 'site-api' },
  { method: 'POST', path: `${REST}/license-tokens`, family: 'site-api', body: LICENSE_TOKEN_BODY },
  { method: 'DELETE', path: `${REST}/license-tokens/:plugin{[^/]+-key}`, family: 'site-api' },
  { method: 'GET', path: `${REST}/:plugin{[^/]+-key}`, family: 'site-api' },
  { method: 'GET', path: '/sites/:host/rest/atlassian-connect/1/addons/:appKey', family: 'site-api' },
];

/** What is served the same to everyone: liveness, the API reference and the pages' assets. */
export const STATIC_ROUTES: RouteTemplate[] = [
  { method: 'GET', path: '/healthz', family: 'static' },
  { method: 'GET', path: '/api/v1/openapi.json', family: 'static' },
  { method: 'GET', path: '/docs', family: 'static' },
  { method: 'GET', path: '/docs/assets/:name', family: 'static' },
  { method: 'GET', path: '/assets/reference.css', family: 'static' },
  { method: 'GET', path: '/assets/upm.js', family: 'static' },
  { method: 'GET', path: '/assets/favicon.png', family: 'static' },
  { method: 'GET', path: '/favicon.ico', family: 'static' },
];

/**
 * `cases` plans, the same for the same seed: the routes take turns, so that every route gets its
 * share (cases / routes, rounded up for the first ones), each drawn from its own seeded stream.
 */
export function fuzzPlans(routes: readonly RouteTemplate[], cases: number, seed: number): Plan[] {
  const perRoute = Math.ceil(cases / routes.length);
  const streams = routes.map((route, index) => fc.sample(routePlan(route), { seed: seed + index, numRuns: perRoute }));
  const plans: Plan[] = [];
  for (let round = 0; plans.length < cases; round += 1) {
    for (const stream of streams) {
      const plan = stream[round];
      if (plan && plans.length < cases) plans.push(plan);
    }
  }
  return plans;
}
