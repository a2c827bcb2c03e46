/** The value below which `fraction` of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

export const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '—');

export function summary(samples: readonly number[]): { median: number; p95: number; min: number; max: number } {
  return {
    median: median(samples),
    p95: percentile(samples, 0.95),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/**
 * A 90 % interval for the median of `samples`, by resampling them with replacement: how far the
 * median of as many loads could move by chance alone. The generator's seed is fixed, so the
 * same samples always give the same interval.
 */
export function medianInterval(samples: readonly number[], resamples = 2000): { low: number; high: number } {
  if (samples.length === 0) return { low: Number.NaN, high: Number.NaN };
  let seed = 0x2545f491;
  const random = () => {
    // xorshift32: small, fast, and the same on every machine.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const medians = Array.from({ length: resamples }, () =>
    median(Array.from(samples, () => samples[Math.floor(random() * samples.length)] ?? Number.NaN)),
  );
  return { low: percentile(medians, 0.05), high: percentile(medians, 0.95) };
}

/**
 * How much longer `loads` take than `base`, in % of base's median: on the two medians, and as the
 * median of the differences paired by round (each load against the other side's of the same
 * round, which shared the machine's state of that moment), with that median's 90 % interval.
 */
export function overheadPercent(
  loads: readonly number[],
  base: readonly number[],
): { medians: number; paired: number; pairedLow: number; pairedHigh: number } {
  const baseMedian = median(base);
  const pairs = loads.flatMap((ms, round) => {
    const other = base[round];
    return other === undefined ? [] : [ms - other];
  });
  const interval = medianInterval(pairs);
  const percent = (ms: number) => (ms / baseMedian) * 100;
  return {
    medians: percent(median(loads) - baseMedian),
    paired: percent(median(pairs)),
    pairedLow: percent(interval.low),
    pairedHigh: percent(interval.high),
  };
}

/**
 * The order in which `count` sides load in round `round`: a Williams design, so that over every
 * `count` rounds (twice as many when `count` is odd) each side takes each position equally often
 * and follows each other side equally often. Reversing every other round would not do it: with
 * four sides, the two in the middle would never go first or last.
 */
export function balancedOrder(count: number, round: number): number[] {
  if (count <= 0) return [];
  // First row 0, 1, n−1, 2, n−2, …; the others are it shifted by the row's number.
  const first = Array.from({ length: count }, (_, position) =>
    position === 0 ? 0 : position % 2 === 1 ? (position + 1) / 2 : count - position / 2,
  );
  const row = round % count;
  const order = first.map((side) => (side + row) % count);
  // An odd count needs the square's mirror as well for every side to follow every other equally.
  const mirrored = count % 2 === 1 && Math.floor(round / count) % 2 === 1;
  return mirrored ? order.reverse() : order;
}

/**
 * What an interval says of a target "at most `target`": met when all of it is at or below the
 * target, missed when all of it is above, and not resolved when it holds the target — then the
 * loads cannot tell the figure from the target by chance alone.
 */
export function verdictOnInterval(low: number, high: number, target: number): 'met' | 'missed' | 'not resolved' {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return 'not resolved';
  if (high <= target) return 'met';
  if (low > target) return 'missed';
  return 'not resolved';
}

/**
 * About how many rounds would put a paired interval (measured over `rounds`) wholly on one side of
 * `target`, if the spread stayed as it was: an interval narrows with the square root of the count.
 * Null when the figure sits on the target itself, which no count can resolve.
 */
export function roundsToResolve(
  over: { paired: number; pairedLow: number; pairedHigh: number },
  rounds: number,
  target: number,
): number | null {
  const halfWidth = (over.pairedHigh - over.pairedLow) / 2;
  const margin = Math.abs(target - over.paired);
  if (!Number.isFinite(halfWidth) || !Number.isFinite(margin) || margin === 0) return null;
  return Math.max(rounds, Math.ceil(rounds * (halfWidth / margin) ** 2));
}
