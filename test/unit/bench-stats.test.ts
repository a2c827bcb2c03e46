import { describe, expect, it } from 'vitest';
import { median, medianInterval, overheadPercent, percentile } from '../bench/stats';

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
