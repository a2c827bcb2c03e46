import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUTPUTS = ['.output/chrome-mv3', '.output/firefox-mv2'];

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Ways a bundle could turn a string into code: the strict extension CSP refuses them and logs a violation. */
const EVALUATORS = [/(^|[^\w.$])Function\s*\(/, /\bnew\s+Function\b/, /(^|[^\w.$])eval\s*\(/, /=\s*Function\s*[,;]/];

describe('the built extension', () => {
  it.each(OUTPUTS)('holds no way to evaluate a string in any script (%s)', (dir) => {
    const files = scripts(dir);
    expect(files.length).toBeGreaterThan(2);
    const hits = files.flatMap((file) => {
      const code = readFileSync(file, 'utf8');
      return EVALUATORS.flatMap((pattern) => {
        const match = code.match(pattern);
        if (!match || match.index === undefined) return [];
        return [`${relative(dir, file)}: …${code.slice(Math.max(0, match.index - 40), match.index + 40)}…`];
      });
    });
    expect(hits).toEqual([]);
  });
});
