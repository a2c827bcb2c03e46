/**
 * Secret token format shared by access tokens (`mat_`), personal access tokens (`tlp_`) and
 * sessions (`tls_`): prefix + 32 random base62 characters + a 6-character base62 CRC-32 checksum,
 * so that a scanner can recognise one and a typo is refused before any lookup.
 */
export const TOKEN_PREFIXES = { access: 'mat_', personal: 'tlp_', session: 'tls_' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIXES;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE, as in zlib) of an ASCII string. */
export function crc32(ascii: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < ascii.length; i++) {
    crc = (CRC_TABLE[(crc ^ ascii.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The checksum of the 32 random characters: CRC-32 in base62, most significant first, padded to 6. */
export function tokenChecksum(randomPart: string): string {
  let value = crc32(randomPart);
  let digits = '';
  do {
    digits = BASE62[value % 62] + digits;
    value = Math.floor(value / 62);
  } while (value > 0);
  return digits.padStart(CHECKSUM_LENGTH, '0');
}

/** Builds a token from random bytes (at least 32); the caller supplies the randomness. */
export function formatToken(kind: TokenKind, randomBytes: Uint8Array): string {
  if (randomBytes.length < RANDOM_LENGTH) throw new RangeError('formatToken needs 32 random bytes');
  let randomPart = '';
  // 62 * 4 = 248: rejecting bytes ≥ 248 keeps every character equally likely.
  for (const byte of randomBytes) {
    if (byte < 248) randomPart += BASE62[byte % 62];
    if (randomPart.length === RANDOM_LENGTH) break;
  }
  if (randomPart.length < RANDOM_LENGTH) throw new RangeError('not enough usable random bytes');
  return `${TOKEN_PREFIXES[kind]}${randomPart}${tokenChecksum(randomPart)}`;
}

const TOKEN_BODY = new RegExp(`^[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

/** True when `value` has the kind's prefix, the right length and alphabet, and a matching checksum. */
export function isWellFormedToken(kind: TokenKind, value: string): boolean {
  const prefix = TOKEN_PREFIXES[kind];
  if (!value.startsWith(prefix)) return false;
  const body = value.slice(prefix.length);
  if (!TOKEN_BODY.test(body)) return false;
  return tokenChecksum(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}
