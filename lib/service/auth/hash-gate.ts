import { ServiceError } from '../problem';

export interface HashGate {
  /** Runs `work` when a slot is free; refuses at once (429) when it would wait past the budget. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Throws the same 429 now if a hash started now would be refused: lets a route refuse before any other work. */
  assertAdmits(): void;
  /** Hashes running and waiting now (for tests and logs). */
  load(): { running: number; waiting: number };
}

/**
 * Caps how many slow hashes run at once. A hash queued behind hundreds of others would answer
 * after minutes; instead, work that would not be done within `budgetMs` — its wait and its own
 * run, by the recent average duration — is refused at once with `rate_limited`, so a real
 * sign-in is answered, one way or the other, within about a second.
 */
export function createHashGate(options: {
  slots: number;
  budgetMs?: number;
  /** A clock in milliseconds (tests pass their own). */
  clock?: () => number;
}): HashGate {
  const budgetMs = options.budgetMs ?? 1000;
  const clock = options.clock ?? (() => performance.now());
  let running = 0;
  const waiting: (() => void)[] = [];
  // Until a hash has been timed, one round of waiting is allowed.
  let averageMs = 0;

  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };

  /** Whether a hash started now must wait, and the refusal if waiting would take it past the budget. */
  const check = (): 'run' | 'wait' => {
    if (running < options.slots) return 'run';
    // Rounds of `slots` hashes ahead of this one, then its own, each about `averageMs` long.
    const expectedWaitMs = Math.ceil((waiting.length + 1) / options.slots) * averageMs;
    const expectedDoneMs = expectedWaitMs + averageMs;
    const tooLong = averageMs === 0 ? waiting.length >= options.slots : expectedDoneMs > budgetMs;
    if (!tooLong) return 'wait';
    throw new ServiceError(
      429,
      'rate_limited',
      'Too many sign-ins are being checked at once. Try again in a moment.',
      undefined,
      { 'Retry-After': String(Math.max(1, Math.ceil(expectedWaitMs / 1000))) },
    );
  };

  return {
    load: () => ({ running, waiting: waiting.length }),
    assertAdmits: () => void check(),
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (check() === 'wait') {
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      const startedAt = clock();
      try {
        return await work();
      } finally {
        const took = clock() - startedAt;
        averageMs = averageMs === 0 ? took : averageMs * 0.8 + took * 0.2;
        release();
      }
    },
  };
}
