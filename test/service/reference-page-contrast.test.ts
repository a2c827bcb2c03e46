import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(new URL('../../lib/service/pages/assets/reference.css', import.meta.url), 'utf8');

/** The custom properties of the first block after `opening`: `--fg: #172b4d;` → `{fg: '#172b4d'}`. */
function colours(opening: string): Record<string, string> {
  const start = CSS.indexOf(opening);
  if (start < 0) throw new Error(`reference.css has no ${opening}`);
  const block = CSS.slice(start, CSS.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]));
}

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const light = colours(':root {');
const dark = { ...light, ...colours('@media (prefers-color-scheme: dark) {') };

// [foreground, background, the ratio WCAG AA asks]: 4.5 for text, 3 for the edges of controls and marks.
const PAIRS: [string, string, number][] = [
  ['fg', 'bg', 4.5],
  ['muted', 'bg', 4.5],
  ['accent', 'bg', 4.5],
  ['danger', 'bg', 4.5],
  ['on-accent', 'accent', 4.5],
  ['on-danger', 'danger', 4.5],
  ['control-line', 'bg', 3],
  ['success', 'bg', 3],
];

describe('the reference pages’ colours', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ])('meet WCAG AA contrast in %s', (_scheme, palette) => {
    for (const [fg, bg, needed] of PAIRS) {
      const [front, back] = [palette[fg], palette[bg]];
      expect(front && back, `--${fg} and --${bg} are defined`).toBeTruthy();
      expect(contrast(front ?? '', back ?? ''), `--${fg} on --${bg}`).toBeGreaterThanOrEqual(needed);
    }
  });

  it('colour the primary button’s and the removed lozenge’s text from the palette, not a fixed white', () => {
    expect(CSS).toMatch(/\.aui-button-primary \{[^}]*color: var\(--on-accent\)/);
    expect(CSS).toMatch(/\.tl-removed \{[^}]*color: var\(--on-danger\)/);
  });
});
