import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * `npx tsx scripts/draw-icons.ts`: draws public/icon/<size>.png from scripts/token-lens-icon.svg
 * with Debian's Chromium (no image library needed). The PNGs are committed; run this again only
 * after changing the drawing.
 */
const SIZES = [16, 32, 48, 96, 128] as const;
const SOURCE = resolve('scripts/token-lens-icon.svg');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const svg = readFileSync(SOURCE, 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('width="128" height="128"', `width="${size}" height="${size}"`)}</body></html>`,
    );
    await page.screenshot({ path: resolve(`public/icon/${size}.png`), omitBackground: true });
    await page.close();
    console.log(`public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}
