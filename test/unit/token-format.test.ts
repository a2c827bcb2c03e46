import { describe, expect, it } from 'vitest';
import {
  crc32,
  formatToken,
  isWellFormedToken,
  TOKEN_PREFIXES,
  type TokenKind,
  tokenChecksum,
} from '../../lib/domain/token-format';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 32 bytes that all map to usable characters: 0, 1, 2, … 31 → "0" … "V". */
const SEQUENTIAL = Uint8Array.from({ length: 32 }, (_, i) => i);

/** Swaps one character for another of the same alphabet, so only the checksum can tell. */
function typo(value: string, index: number): string {
  const original = value.charAt(index);
  const replacement = original === 'a' ? 'b' : 'a';
  return `${value.slice(0, index)}${replacement}${value.slice(index + 1)}`;
}

describe('crc32', () => {
  it.each([
    // Reference values of CRC-32/ISO-HDLC (zlib's crc32).
    ['', 0x00000000],
    ['a', 0xe8b7be43],
    ['abc', 0x352441c2],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('crc32(%j) = %i', (input, expected) => {
    expect(crc32(input)).toBe(expected);
  });

  it('always answers an unsigned 32-bit integer', () => {
    const value = crc32('ÿÿÿÿ');
    expect(Number.isInteger(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(0xffffffff);
  });
});

describe('tokenChecksum', () => {
  it.each([
    // 0xCBF43926 = 3421780262 = 3·62⁵ + 45·62⁴ + 35·62³ + 27·62² + 22·62 + 14 = base62 "3jZRME".
    ['123456789', '3jZRME'],
    ['', '000000'],
  ])('tokenChecksum(%j) = %j', (input, expected) => {
    expect(tokenChecksum(input)).toBe(expected);
  });

  it('is 6 base62 characters for any input', () => {
    for (const input of ['x', 'abc', '0123456789ABCDEFGHIJKLMNOPQRSTUV', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz']) {
      expect(tokenChecksum(input)).toMatch(/^[0-9A-Za-z]{6}$/);
    }
  });

  it('is the CRC-32 written in base62, most significant digit first', () => {
    const input = 'abcdefghijklmnopqrstuvwxyzABCDEF';
    const decoded = [...tokenChecksum(input)].reduce((sum, char) => sum * 62 + BASE62.indexOf(char), 0);
    expect(decoded).toBe(crc32(input));
  });
});

describe('formatToken', () => {
  it.each(Object.entries(TOKEN_PREFIXES) as [TokenKind, string][])(
    'a %s token is %s + 32 random characters + 6 checksum characters',
    (kind, prefix) => {
      const token = formatToken(kind, SEQUENTIAL);
      expect(token).toHaveLength(prefix.length + 32 + 6);
      expect(token.startsWith(prefix)).toBe(true);
      const body = token.slice(prefix.length);
      expect(body.slice(0, 32)).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUV');
      expect(body.slice(32)).toBe(tokenChecksum(body.slice(0, 32)));
      expect(isWellFormedToken(kind, token)).toBe(true);
    },
  );

  it('maps each usable byte to base62 by its value modulo 62', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 62 + i);
    expect(formatToken('access', bytes).slice(4, 36)).toBe(formatToken('access', SEQUENTIAL).slice(4, 36));
  });

  it('skips bytes of 248 and above so that every character is equally likely', () => {
    const bytes = new Uint8Array(40);
    bytes.set([248, 249, 255, 250]);
    bytes.set(SEQUENTIAL, 4);
    expect(formatToken('personal', bytes)).toBe(formatToken('personal', SEQUENTIAL));
  });

  it('refuses fewer than 32 random bytes', () => {
    expect(() => formatToken('access', new Uint8Array(31))).toThrow(RangeError);
  });

  it('refuses 32 bytes when too many of them are unusable', () => {
    const bytes = Uint8Array.from(SEQUENTIAL);
    bytes[5] = 250;
    expect(() => formatToken('session', bytes)).toThrow(RangeError);
  });

  it('makes well-formed tokens from real randomness', () => {
    for (let i = 0; i < 20; i++) {
      const token = formatToken('access', crypto.getRandomValues(new Uint8Array(48)));
      expect(token).toMatch(/^mat_[0-9A-Za-z]{38}$/);
      expect(isWellFormedToken('access', token)).toBe(true);
    }
  });
});

describe('isWellFormedToken', () => {
  const access = formatToken('access', SEQUENTIAL);

  it('accepts a token just made', () => {
    expect(isWellFormedToken('access', access)).toBe(true);
  });

  it.each([
    ['first random character', 4],
    ['a middle random character', 20],
    ['last random character', 35],
    ['first checksum character', 36],
    ['last checksum character', 41],
  ])('refuses a one-character typo in the %s', (_where, index) => {
    const mistyped = typo(access, index);
    expect(mistyped).toHaveLength(access.length);
    expect(isWellFormedToken('access', mistyped)).toBe(false);
  });

  it('refuses two adjacent characters swapped', () => {
    const swapped = `${access.slice(0, 10)}${access.charAt(11)}${access.charAt(10)}${access.slice(12)}`;
    expect(swapped).not.toBe(access);
    expect(isWellFormedToken('access', swapped)).toBe(false);
  });

  it.each([
    ['another kind’s prefix', 'personal' as const, access],
    ['a session token as an access token', 'access' as const, formatToken('session', SEQUENTIAL)],
    ['an upper-case prefix', 'access' as const, `MAT_${access.slice(4)}`],
    ['no prefix', 'access' as const, access.slice(4)],
  ])('refuses %s', (_case, kind, value) => {
    expect(isWellFormedToken(kind, value)).toBe(false);
  });

  it.each([
    ['one character short', access.slice(0, -1)],
    ['one character long', `${access}0`],
    ['the checksum left out', access.slice(0, 36)],
    ['an empty string', ''],
    ['only the prefix', 'mat_'],
  ])('refuses a wrong length: %s', (_case, value) => {
    expect(isWellFormedToken('access', value)).toBe(false);
  });

  it.each([
    ['a dash', '-'],
    ['an underscore', '_'],
    ['a space', ' '],
    ['a non-ASCII letter', 'é'],
  ])('refuses %s in the body', (_case, char) => {
    expect(isWellFormedToken('access', `${access.slice(0, 20)}${char}${access.slice(21)}`)).toBe(false);
  });

  it('refuses surrounding whitespace (callers trim before checking)', () => {
    expect(isWellFormedToken('access', ` ${access}`)).toBe(false);
    expect(isWellFormedToken('access', `${access}\n`)).toBe(false);
  });
});
