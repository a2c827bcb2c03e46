import { describe, expect, it } from 'vitest';
import { formatAge } from '../../components/shared/format-age';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

describe('formatAge', () => {
  it('says when data was never fetched', () => {
    expect(formatAge(null, NOW)).toBe('never fetched');
  });

  it.each([
    [0, 'just now'],
    [44, 'just now'],
    [45, '1 min ago'],
    [89, '1 min ago'],
    [90, '2 min ago'],
    [3 * 60, '3 min ago'],
    [59 * 60, '59 min ago'],
    [60 * 60, '1 h ago'],
    [2 * 3600, '2 h ago'],
    [35 * 3600, '35 h ago'],
    [36 * 3600, '2 days ago'],
    [4 * 86400, '4 days ago'],
    [30 * 86400, '30 days ago'],
  ])('%i s old reads %j', (seconds, text) => {
    expect(formatAge(ago(seconds), NOW)).toBe(text);
  });

  it('reads “just now” for a time slightly in the future (clock skew)', () => {
    expect(formatAge(ago(-120), NOW)).toBe('just now');
  });

  it('never says “60 min ago”: just under an hour rounds up to hours', () => {
    const texts = Array.from({ length: 120 }, (_, i) => formatAge(ago(3500 + i), NOW));
    expect(texts).not.toContain('60 min ago');
  });
});
