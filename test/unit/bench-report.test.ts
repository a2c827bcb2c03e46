import { describe, expect, it } from 'vitest';
import type { LoadFigure } from '../bench/browser-figures';
import { loadSection } from '../bench/report-load';

/** Sixty rounds in which Token Lens's load is `added` ms longer than the load without, give or take `spread`. */
function figure(added: number, spread: number): LoadFigure {
  const without = Array.from({ length: 60 }, (_, round) => 50 + ((round * 7) % 11));
  const withExtension = without.map((ms, round) => ms + added + (((round * 13) % 9) - 4) * spread);
  return {
    rows: 100,
    withExtension,
    without,
    timingsWith: [],
    timingsWithout: [],
    floors: [{ name: 'an empty extension', loads: without.map((ms) => ms + 0.5) }],
  };
}

const tableRow = (lines: string[]) => lines.find((line) => line.includes('| ≤ 5 % |')) ?? '';

describe('the page-load section of the benchmarks', () => {
  it('calls the target met only when the whole paired interval is under it', () => {
    const lines = loadSection({ load: figure(0.5, 0.1) });
    expect(tableRow(lines)).toMatch(/\| yes \|$/);
  });

  it('calls it missed when the whole interval is over it', () => {
    // 10 ms of 55: some 18 %.
    expect(tableRow(loadSection({ load: figure(10, 0.1) }))).toMatch(/\| \*\*no\*\* \|$/);
  });

  it('says not resolved, and how many rounds would resolve it, when the interval holds the target', () => {
    const lines = loadSection({ load: figure(1, 2) });
    expect(tableRow(lines)).toContain('not resolved: the interval holds 5 %');
    expect(lines.join('\n')).toMatch(/about [\d,]+ rounds would resolve it/);
  });

  it('sets Token Lens against each floor, paired, and not against itself', () => {
    const lines = loadSection({ load: figure(0.5, 0.1) });
    expect(lines.find((line) => line.startsWith('| **Token Lens** |'))).toMatch(/\| — \|$/);
    expect(lines.find((line) => line.startsWith('| an empty extension |'))).toMatch(/% \(.+ to .+\) \|$/);
  });
});
