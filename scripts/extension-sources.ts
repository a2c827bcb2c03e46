import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The files the Firefox sources zip holds: what rebuilding the extension needs and nothing else
 * (not the reference service, the tests or the benchmarks). The source files are found by
 * following the entrypoints' relative imports, so a file the extension stops importing leaves
 * the zip by itself. Paths are relative to `root`, with forward slashes.
 */
export const BUILD_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'wxt.config.ts',
  'README.md',
  'scripts/extension-sources.ts',
];

const IMPORT = /(?:^|[\s;])(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;
const SCRIPT_SRC = /<script[^>]*\ssrc="(\.{1,2}\/[^"]+|[^":/][^":]*)"/g;
const CANDIDATE_ENDINGS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolveImport(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  for (const ending of CANDIDATE_ENDINGS) {
    const candidate = base + ending;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every file the extension's build reads from this project, sorted. */
export function extensionSources(root: string = process.cwd()): string[] {
  const seen = new Set<string>();
  const queue = filesUnder(join(root, 'entrypoints'));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(tsx?|html)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    const pattern = file.endsWith('.html') ? SCRIPT_SRC : IMPORT;
    for (const match of text.matchAll(pattern)) {
      // Vite's query suffixes (`?inline`, `?raw`) name the same file.
      const specifier = (match[1] as string).replace(/\?.*$/, '');
      const found = resolveImport(file, specifier.startsWith('.') ? specifier : `./${specifier}`);
      if (!found)
        throw new Error(`extension-sources: ${relative(root, file)} imports ${specifier}, which is not a file`);
      if (!seen.has(found)) queue.push(found);
    }
  }
  const files = [...seen, ...filesUnder(join(root, 'public'))].map((file) =>
    relative(root, file).replaceAll('\\', '/'),
  );
  return [...new Set([...BUILD_FILES, ...files])].sort();
}
