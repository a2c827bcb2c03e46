import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticate } from '../../lib/service/auth/authorize';
import { createPasswordHasher } from '../../lib/service/auth/password';
import { ensureOwner, signIn } from '../../lib/service/auth/sessions';
import { createSignInThrottle } from '../../lib/service/auth/sign-in-throttle';
import type { ServiceDeps } from '../../lib/service/deps';
import { createPersonalToken } from '../../lib/service/operations/personal-tokens-operations';
import { openStore } from '../../lib/service/store/store';
import { median } from './stats';

export interface TokenCheckFigure {
  /** Microseconds per check, median of the rounds. */
  personalTokenMicros: number;
  sessionMicros: number;
  checks: number;
  rounds: number;
}

/**
 * What authenticating one request costs, in process, on a real SQLite file: the token's format
 * and checksum, its SHA-256, the lookup by hash, the owner, the scopes. No slow hash per request.
 */
export async function measureTokenCheck(options: { checks: number; rounds: number }): Promise<TokenCheckFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-token-check-'));
  const store = openStore(join(dir, 'db.sqlite'));
  const now = () => new Date();
  const deps: ServiceDeps = {
    store,
    passwords: createPasswordHasher({ cost: { N: 2 ** 12, r: 8, p: 1 } }),
    signInThrottle: createSignInThrottle(now),
    rateLimit: 600,
    now,
    logger: { info: () => undefined, error: () => undefined },
  };
  try {
    const owner = { email: 'bench@bench.example', password: 'bench-password-1' };
    await ensureOwner(deps, owner.email, owner.password);
    const user = store.users.findByEmail(owner.email);
    if (!user) throw new Error('no bench owner');
    const session = await signIn(deps, owner.email, owner.password, 'bench');
    const pat = await createPersonalToken(
      { deps, actor: user, client: 'bench' },
      {
        description: 'bench',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
        scopes: 'full-access',
        password: owner.password,
      },
    );
    const time = (token: string) => {
      const rounds: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        const started = process.hrtime.bigint();
        for (let check = 0; check < options.checks; check++) authenticate(deps, token);
        rounds.push(Number(process.hrtime.bigint() - started) / 1000 / options.checks);
      }
      return median(rounds);
    };
    time(pat.value); // warm up: prepared statements, JIT
    return {
      personalTokenMicros: time(pat.value),
      sessionMicros: time(session.token),
      checks: options.checks,
      rounds: options.rounds,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
