import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigure {
  /** What the file is, as the targets name it. */
  role: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The target in bytes of gzip. */
  target: number;
  note?: string;
}

const KB = 1024;

function measure(dir: string, file: string): { bytes: number; gzipBytes: number } {
  const content = readFileSync(join(dir, file));
  return { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Every script a page loads: its module entry and the chunks it preloads. */
function scriptsOf(dir: string, page: string): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].flatMap((match) => (match[1] ? [match[1]] : []));
}

/** Figure 4: gzip (level 9) sizes of the built Chromium extension's scripts. */
export function measureBundles(dir: string): BundleFigure[] {
  const single = [
    { role: 'content script', file: 'content-scripts/manage-apps.js', target: 25 * KB },
    { role: 'background', file: 'background.js', target: 60 * KB },
  ].map((entry) => ({ ...entry, ...measure(dir, entry.file) }));
  const popupScripts = scriptsOf(dir, 'popup.html');
  if (popupScripts.length === 0) throw new Error(`popup.html under ${dir} loads no script`);
  const popup = popupScripts.map((file) => measure(dir, file));
  return [
    ...single,
    {
      role: 'popup',
      file: `popup.html (${popupScripts.length} scripts)`,
      target: 40 * KB,
      bytes: popup.reduce((sum, part) => sum + part.bytes, 0),
      gzipBytes: popup.reduce((sum, part) => sum + part.gzipBytes, 0),
      note: 'every script popup.html loads, its share of the runtime common to the extension’s pages included',
    },
  ];
}
