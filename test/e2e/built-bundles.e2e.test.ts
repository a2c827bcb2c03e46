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
  it.each(OUTPUTS)('names no path of the machine that built it (a production build, %s)', (dir) => {
    const leaks = scripts(dir).filter((file) => readFileSync(file, 'utf8').includes(process.cwd()));
    expect(leaks.map((file) => relative(dir, file))).toEqual([]);
  });

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

/**
 * zod names each schema class it defines, and a minifier keeps the names: `ZodType` is the base
 * of every schema of zod itself, `ZodMiniObject` one of zod/mini's.
 */
const ZOD_CLASSIC = /[`'"]ZodType[`'"]/;
const ZOD_MINI = /[`'"]ZodMiniObject[`'"]/;

describe('the built views', () => {
  it.each(OUTPUTS)('parse with zod/mini, and carry zod itself nowhere but in the background (%s)', (dir) => {
    const background = join(dir, 'background.js');
    // The names are still there to find: the background parses with zod, the content script with zod/mini.
    expect(ZOD_CLASSIC.test(readFileSync(background, 'utf8')), 'zod in the background').toBe(true);
    const content = readFileSync(join(dir, 'content-scripts/manage-apps.js'), 'utf8');
    expect(ZOD_MINI.test(content), 'zod/mini in the content script').toBe(true);
    const views = scripts(dir).filter((file) => file !== background);
    expect(views.length).toBeGreaterThan(2);
    const withZod = views.filter((file) => ZOD_CLASSIC.test(readFileSync(file, 'utf8')));
    expect(withZod.map((file) => relative(dir, file))).toEqual([]);
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the built manifests', () => {
  const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

  it.each(OUTPUTS)('name icons of 16, 32, 48 and 128 px that exist at those sizes, for the toolbar too (%s)', (dir) => {
    const built = manifest(dir);
    const toolbar = built.action ?? built.browser_action;
    for (const icons of [built.icons, toolbar.default_icon]) {
      for (const size of [16, 32, 48, 128]) {
        expect(pngSize(join(dir, icons[size]))).toEqual({ width: size, height: size });
      }
    }
  });

  it('open the popup with Alt+Shift+L, under each manifest version’s name for it', () => {
    expect(manifest(OUTPUTS[0] as string).commands._execute_action.suggested_key.default).toBe('Alt+Shift+L');
    expect(manifest(OUTPUTS[1] as string).commands._execute_browser_action.suggested_key.default).toBe('Alt+Shift+L');
  });

  it('ask Firefox for a version that knows every key the manifest uses (data_collection_permissions: 140)', () => {
    const gecko = manifest(OUTPUTS[1] as string).browser_specific_settings.gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(Number.parseInt(gecko.strict_min_version, 10)).toBeGreaterThanOrEqual(140);
  });
});
