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
