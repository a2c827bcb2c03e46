import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * `npm run screenshots`: copies the screenshots the README shows from the last end-to-end run
 * (`test/e2e/screenshots/`, git-ignored) into `docs/screenshots/`. Run `npm test` (or
 * `npm run test:e2e`) first; it refuses to copy a partial set.
 */
const SHOWN = [
  'overlay-light',
  'overlay-dark',
  'popup-light',
  'popup-dark',
  'firefox-overlay',
  'firefox-popup',
  'options-welcome',
];
const FROM = resolve('test/e2e/screenshots');
const TO = resolve('docs/screenshots');

const missing = SHOWN.filter((name) => !existsSync(`${FROM}/${name}.png`));
if (missing.length > 0) {
  console.error(`not in ${FROM}: ${missing.join(', ')}; run npm run test:e2e first`);
  process.exit(1);
}
mkdirSync(TO, { recursive: true });
for (const name of SHOWN) {
  copyFileSync(`${FROM}/${name}.png`, `${TO}/${name}.png`);
  console.log(`docs/screenshots/${name}.png`);
}
