import { describe, expect, it } from 'vitest';
import {
  balancedOrder,
  median,
  medianInterval,
  overheadPercent,
  percentile,
  roundsToResolve,
  verdictOnInterval,
} from '../bench/stats';

describe('the benchmarks’ statistics', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives the nearest-rank percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
  });

  it('tells an overhead on medians from one paired by round', () => {
    // Round by round the first side is 10 ms slower: both ways say 10 %.
    const base = [100, 90, 130, 140, 80];
    const loads = [110, 100, 140, 150, 90];
    expect(overheadPercent(loads, base)).toEqual({ medians: 10, paired: 10, pairedLow: 10, pairedHigh: 10 });
    // Differences of 50, 0, 10, −30 and 50 ms: the medians are 30 ms apart, the pairs' median 10 ms.
    const { medians, paired } = overheadPercent([150, 90, 140, 110, 130], base);
    expect(medians).toBeCloseTo(30);
    expect(paired).toBeCloseTo(10);
  });

  it('gives an interval for a median that holds it, widens with the spread, and repeats', () => {
    const tight = Array.from({ length: 60 }, (_, index) => 50 + (index % 3));
    const loose = Array.from({ length: 60 }, (_, index) => 50 + ((index * 37) % 60) - 30);
    const a = medianInterval(tight);
    const b = medianInterval(loose);
    expect(a.low).toBeLessThanOrEqual(median(tight));
    expect(a.high).toBeGreaterThanOrEqual(median(tight));
    expect(b.high - b.low).toBeGreaterThan(a.high - a.low);
    expect(medianInterval(loose)).toEqual(b);
  });
});

describe('the order of the sides in a round', () => {
  /** How often each side took each position, and followed each other side, over `rounds` rounds. */
  function tally(count: number, rounds: number) {
    const positions = Array.from({ length: count }, () => Array<number>(count).fill(0));
    const follows = Array.from({ length: count }, () => Array<number>(count).fill(0));
    for (let round = 0; round < rounds; round++) {
      const order = balancedOrder(count, round);
      expect([...order].sort()).toEqual(Array.from({ length: count }, (_, side) => side));
      order.forEach((side, position) => {
        (positions[side] as number[])[position] = ((positions[side] as number[])[position] ?? 0) + 1;
        const before = order[position - 1];
        if (before !== undefined) (follows[side] as number[])[before] = ((follows[side] as number[])[before] ?? 0) + 1;
      });
    }
    return { positions, follows };
  }

  it('puts every one of four sides in every position equally often over 60 rounds', () => {
    const { positions } = tally(4, 60);
    for (const side of positions) expect(side).toEqual([15, 15, 15, 15]);
  });

  it('has every side follow every other equally often, for an even and an odd count', () => {
    const even = tally(4, 4).follows;
    const odd = tally(3, 6).follows;
    for (const [side, row] of even.entries()) {
      for (const [before, times] of row.entries()) expect(times).toBe(side === before ? 0 : 1);
    }
    for (const [side, row] of odd.entries()) {
      for (const [before, times] of row.entries()) expect(times).toBe(side === before ? 0 : 2);
    }
    expect(tally(3, 6).positions.every((side) => side.every((times) => times === 2))).toBe(true);
  });

  it('alternates two sides', () => {
    expect([0, 1, 2, 3].map((round) => balancedOrder(2, round))).toEqual([
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
  });
});

describe('the verdict on an interval against a target', () => {
  it('meets a target the whole interval is under, misses one it is all over, and else cannot tell', () => {
    expect(verdictOnInterval(-3, 4.9, 5)).toBe('met');
    expect(verdictOnInterval(5.1, 12, 5)).toBe('missed');
    expect(verdictOnInterval(-3.3, 12.9, 5)).toBe('not resolved');
    expect(verdictOnInterval(Number.NaN, 1, 5)).toBe('not resolved');
  });
});

describe('the rounds an interval would need to be resolved', () => {
  it('grows with the square of how much wider the interval is than its distance from the target', () => {
    // Half-width 8 points, 3 from the target: (8/3)² × 60 ≈ 427 rounds.
    expect(roundsToResolve({ paired: 2, pairedLow: -6, pairedHigh: 10 }, 60, 5)).toBe(427);
    // Over the target the same way.
    expect(roundsToResolve({ paired: 8, pairedLow: 0, pairedHigh: 16 }, 60, 5)).toBe(427);
    // Already resolved: no more than were run.
    expect(roundsToResolve({ paired: -10, pairedLow: -12, pairedHigh: -8 }, 60, 5)).toBe(60);
    expect(roundsToResolve({ paired: 5, pairedLow: 0, pairedHigh: 10 }, 60, 5)).toBeNull();
  });
});
