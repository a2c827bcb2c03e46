import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIREFOX_DIR = resolve('.output/firefox-mv2');

interface LintMessage {
  code: string;
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  notices: LintMessage[];
  warnings: LintMessage[];
}

/** Our own sources: they never set HTML from a string, so Preact's path for it is never taken. */
function ownSources(): string[] {
  return ['components', 'lib', 'entrypoints'].flatMap((dir) =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.parentPath.includes('lib/service'))
      .map((entry) => join(entry.parentPath, entry.name)),
  );
}

describe('web-ext lint on the Firefox build', () => {
  it('finds no error and no notice; its only warnings are Preact’s own dangerouslySetInnerHTML path, which we never use', () => {
    let output: string;
    try {
      output = execFileSync(resolve('node_modules/.bin/web-ext'), ['lint', '-s', FIREFOX_DIR, '--output', 'json'], {
        encoding: 'utf8',
      });
    } catch (error) {
      // web-ext exits non-zero when it finds errors; its report is still on stdout.
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(output) as LintReport;
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    for (const warning of report.warnings) {
      expect(warning.code).toBe('UNSAFE_VAR_ASSIGNMENT');
      const line =
        readFileSync(join(FIREFOX_DIR, warning.file ?? ''), 'utf8').split('\n')[(warning.line ?? 1) - 1] ?? '';
      const around = line.slice(Math.max(0, (warning.column ?? 0) - 200), (warning.column ?? 0) + 100);
      expect(around).toContain('dangerouslySetInnerHTML');
    }
    expect(ownSources().filter((file) => readFileSync(file, 'utf8').includes('dangerouslySetInnerHTML'))).toEqual([]);
  }, 120_000);
});
