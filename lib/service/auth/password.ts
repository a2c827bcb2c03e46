import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createHashGate, type HashGate } from './hash-gate';

/** scrypt's cost: N (CPU and memory), r (block size), p (parallelism). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current advice for scrypt (2^17, 8, 1): about 128 MiB and most of a second per hash. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; leave room above that, or Node refuses the call.
  const maxmem = 256 * cost.N * cost.r;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: cost.N, r: cost.r, p: cost.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64): the stored string records the cost it was made with. */
function parse(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash || rest.length > 0) return undefined;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((value) => Number.isSafeInteger(value) && value > 0)) return undefined;
  return { cost, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export interface Verification {
  matches: boolean;
  /** The password was right but its hash is weaker than the current cost: store a new one. */
  needsRehash: boolean;
}

/**
 * Passwords are stored only as salted scrypt hashes. Every hash runs through one gate, so a flood
 * of sign-ins cannot queue work for minutes: what would wait too long is refused at once (429).
 */
export function createPasswordHasher(options: { cost?: ScryptCost; gate?: HashGate } = {}) {
  const cost = options.cost ?? DEFAULT_SCRYPT_COST;
  // One core is left to the event loop: with every core hashing, even refusals and other requests wait.
  const gate = options.gate ?? createHashGate({ slots: Math.max(1, Math.min(availableParallelism() - 1, 4)) });

  const hash = async (password: string): Promise<string> => {
    const salt = randomBytes(16);
    const key = await gate.run(() => derive(password, salt, cost));
    return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
  };

  // Checked when an email is unknown, so that a wrong email costs the same time as a wrong password.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => {
    decoy ??= hash(randomBytes(16).toString('hex')).catch((error: unknown) => {
      decoy = undefined;
      throw error;
    });
    return decoy;
  };

  return {
    cost,
    hash,
    decoyHash,
    /** Refuses (429) now what the gate would refuse once the password is read: a flood costs little. */
    assertAdmits: () => gate.assertAdmits(),
    async verify(password: string, stored: string): Promise<Verification> {
      const parsed = parse(stored);
      if (!parsed) return { matches: false, needsRehash: false };
      const key = await gate.run(() => derive(password, parsed.salt, parsed.cost));
      const matches = key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
      const weaker = parsed.cost.N < cost.N || parsed.cost.r !== cost.r || parsed.cost.p !== cost.p;
      // A wrong password against an older, cheaper hash would answer faster than an unknown email
      // (whose decoy is at today's cost): spend today's cost too, so the two cannot be told apart.
      // A right one pays it by being re-hashed.
      if (weaker && !matches) await gate.run(() => derive(password, randomBytes(16), cost));
      return { matches, needsRehash: matches && weaker };
    },
  };
}
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
