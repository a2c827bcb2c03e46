import { DEMO } from './contract';

/** An id no personal token has: the bad-input tests never get as far as looking it up. */
const PERSONAL_TOKEN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Every endpoint of the contract that takes a JSON body, with a body it accepts (modulo the state it
 * meets) and the name of one field with a wrong-typed value, for the bad-input tests.
 */
export interface BodyEndpoint {
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  valid: Record<string, unknown>;
  wrongType: { field: string; value: unknown };
}

export const BODY_ENDPOINTS: BodyEndpoint[] = [
  {
    method: 'POST',
    path: '/sessions',
    valid: { email: 'owner@test.example', password: 'owner-password-1' },
    wrongType: { field: 'email', value: 42 },
  },
  {
    method: 'POST',
    path: '/apps',
    valid: {
      key: 'com.test.bad-input',
      name: 'Bad input',
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: 'https://apps.test.example/bad-input.json',
    },
    wrongType: { field: 'paymentModel', value: 7 },
  },
  {
    method: 'PATCH',
    path: `/apps/${DEMO.privateApp}`,
    valid: { name: 'Renamed' },
    wrongType: { field: 'name', value: ['a'] },
  },
  {
    method: 'POST',
    path: `/apps/${DEMO.privateApp}/versions`,
    valid: { version: '9.9.9', visibility: 'private', descriptorUrl: 'https://apps.test.example/v9.json' },
    wrongType: { field: 'version', value: { major: 9 } },
  },
  {
    method: 'POST',
    path: `/apps/${DEMO.privateApp}/tokens`,
    valid: { note: 'a note' },
    wrongType: { field: 'note', value: 5 },
  },
  {
    method: 'POST',
    path: '/sites',
    valid: { host: 'bad-input.atlassian.net' },
    wrongType: { field: 'host', value: true },
  },
  {
    method: 'PATCH',
    path: `/sites/${DEMO.siteB}`,
    valid: { privateListingsEnabled: false },
    wrongType: { field: 'privateListingsEnabled', value: 'yes' },
  },
  {
    method: 'POST',
    path: `/sites/${DEMO.siteB}/apps`,
    valid: { appKey: DEMO.freeApp },
    wrongType: { field: 'appKey', value: 5 },
  },
  {
    method: 'PUT',
    path: `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/token`,
    valid: { token: 'mat_not-a-token' },
    wrongType: { field: 'token', value: null },
  },
  {
    method: 'PUT',
    path: `/sites/${DEMO.siteA}/apps/${DEMO.privateApp}/license`,
    valid: { state: 'inactive-trial' },
    wrongType: { field: 'state', value: 1 },
  },
  {
    method: 'POST',
    path: '/users',
    valid: { email: 'new@test.example', password: 'a-long-password', role: 'tester' },
    wrongType: { field: 'role', value: ['owner'] },
  },
  {
    method: 'POST',
    path: '/personal-tokens',
    valid: { description: 'CI', expiresAt: '2026-12-01', scopes: 'ci', password: 'owner-password-1' },
    wrongType: { field: 'scopes', value: 5 },
  },
  {
    method: 'PATCH',
    path: `/personal-tokens/${PERSONAL_TOKEN_ID}`,
    valid: { description: 'Renamed', password: 'owner-password-1' },
    wrongType: { field: 'expiresAt', value: 20261201 },
  },
  {
    method: 'POST',
    path: `/personal-tokens/${PERSONAL_TOKEN_ID}/regenerate`,
    valid: { password: 'owner-password-1' },
    wrongType: { field: 'password', value: false },
  },
  {
    method: 'POST',
    path: `/personal-tokens/${PERSONAL_TOKEN_ID}/copy`,
    valid: { password: 'owner-password-1' },
    wrongType: { field: 'description', value: 7 },
  },
  {
    method: 'POST',
    path: '/personal-tokens/remove',
    valid: { ids: [PERSONAL_TOKEN_ID], password: 'owner-password-1' },
    wrongType: { field: 'ids', value: 'all' },
  },
];

/** Every field name any endpoint takes: a body with all of them is valid for none. */
export const ALL_FIELDS = [
  'email',
  'password',
  'key',
  'name',
  'paymentModel',
  'visibility',
  'descriptorUrl',
  'version',
  'note',
  'host',
  'privateListingsEnabled',
  'installUrl',
  'licenseState',
  'appKey',
  'token',
  'state',
  'role',
  'description',
  'expiresAt',
  'scopes',
  'ids',
];

const everyField = (value: unknown) => JSON.stringify(Object.fromEntries(ALL_FIELDS.map((field) => [field, value])));

/** Odd JSON (and not-quite-JSON) bodies that no endpoint accepts. */
export const ODD_BODIES: [string, string][] = [
  ['an empty body', ''],
  ['only whitespace', '  \n\t '],
  ['null', 'null'],
  ['true', 'true'],
  ['zero', '0'],
  ['a huge number', '1e999'],
  ['a huge negative number', '-1e999'],
  ['a number with 10,000 digits', `1${'0'.repeat(10_000)}`],
  ['a 30-digit integer', '123456789012345678901234567890'],
  ['a string', '"just a string"'],
  ['an empty string', '""'],
  ['an empty array', '[]'],
  ['an array of an object', '[{}]'],
  ['5,000 nested arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['3,000 nested objects', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
  ['every field null', everyField(null)],
  ['every field a huge number', everyField(1e308)],
  ['every field a nested array', everyField([[[[]]]])],
  ['every field an object', everyField({ nested: { deeper: true } })],
  ['every field unicode', everyField('𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ \u202e RTL \u0000 ﷽')],
  ['every field an empty string', everyField('')],
  ['every field a boolean', everyField(false)],
  ['a __proto__ key', '{"__proto__": {"admin": true}}'],
  ['a constructor.prototype key', '{"constructor": {"prototype": {"polluted": true}}}'],
  ['an empty key', '{"": ""}'],
  ['unicode keys', '{"ключ": "значение", "🔑": "🗝"}'],
  ['duplicate keys', '{"zzz": 1, "zzz": 2}'],
  ['a 60 KiB string under an unknown key', JSON.stringify({ padding: 'x'.repeat(60 * 1024) })],
  ['a lone surrogate with an unknown key', '{"name": "\\ud800", "zzz": 1}'],
  ['a NUL inside a host', '{"host": "a\\u0000.example"}'],
  ['NaN', 'NaN'],
  ['undefined', 'undefined'],
  ['a trailing comma', '{"a": 1,}'],
  ['single quotes', "{'a': 1}"],
  ['text after the JSON', '{"a": 1} and more'],
  ['a truncated array', '[1, 2, 3'],
  ['a byte-order mark before an unknown key', '\ufeff{"zzz": 1}'],
  ['booleans as strings', '{"privateListingsEnabled": "true", "zzz": 1}'],
  ['a product wire value for a state', '{"state": "ACTIVE_TRIAL"}'],
  ['a javascript: install URL', '{"installUrl": "javascript:alert(1)"}'],
  ['a path-traversal app key', '{"appKey": "../../etc/passwd"}'],
  ['a 300-character host label', JSON.stringify({ host: `a.${'b'.repeat(300)}` })],
];
