import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionSources } from '../../scripts/extension-sources';
import { zipEntries } from '../support/zip-entries';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const zipPath = (kind: string) => resolve(`.output/${name}-${version}-${kind}.zip`);
/** As a person's shell runs them: vitest sets NODE_ENV=test, which would make Vite build in development mode. */
const { NODE_ENV: _testMode, ...shellEnv } = process.env;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function filesOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(relative(dir, file).replaceAll('\\', '/'), sha(readFileSync(file)));
  }
  return files;
}

describe('the release packages (npm run zip)', () => {
  let unpacked: string;

  beforeAll(() => {
    execFileSync('npm', ['run', 'zip'], { stdio: 'ignore', env: shellEnv });
    unpacked = mkdtempSync(join(tmpdir(), 'token-lens-sources-'));
  }, 120_000);
  afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

  it('makes a Chrome and a Firefox package, each the built extension with its manifest at the root', () => {
    for (const [kind, dir] of [
      ['chrome', '.output/chrome-mv3'],
      ['firefox', '.output/firefox-mv2'],
    ] as const) {
      const packaged = new Map([...zipEntries(zipPath(kind))].map(([file, bytes]) => [file, sha(bytes)]));
      expect(packaged).toEqual(filesOf(dir));
      expect(packaged.has('manifest.json')).toBe(true);
    }
  });

  it('the sources zip holds the files the extension’s build reads, and not the service, tests or benchmarks', () => {
    const files = [...zipEntries(zipPath('sources')).keys()].sort();
    expect(files).toEqual(extensionSources());
    expect(files.filter((file) => /^(lib\/service|test|docs|data|scripts\/(?!extension-sources))/.test(file))).toEqual(
      [],
    );
    expect(files).toEqual(expect.arrayContaining(['package.json', 'wxt.config.ts', 'entrypoints/background.ts']));
  });

  it('rebuilding from the unpacked sources gives the same files as the Firefox package', () => {
    for (const [file, bytes] of zipEntries(zipPath('sources'))) {
      mkdirSync(dirname(join(unpacked, file)), { recursive: true });
      writeFileSync(join(unpacked, file), bytes);
    }
    // The dependencies as `npm ci` would install them from the zip's package-lock.json.
    symlinkSync(resolve('node_modules'), join(unpacked, 'node_modules'), 'dir');
    execFileSync(resolve('node_modules/.bin/wxt'), ['build', '-b', 'firefox'], {
      cwd: unpacked,
      stdio: 'ignore',
      env: shellEnv,
    });
    const rebuilt = filesOf(join(unpacked, '.output/firefox-mv2'));
    const packaged = new Map([...zipEntries(zipPath('firefox'))].map(([file, bytes]) => [file, sha(bytes)]));
    expect(rebuilt).toEqual(packaged);
  }, 120_000);
});
