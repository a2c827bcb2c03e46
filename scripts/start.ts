import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseConfig } from '../lib/service/config';
import { DEMO_OWNER_EMAIL, DEMO_SITES } from '../lib/service/demo-data';
import { startService } from '../lib/service/server';

/**
 * `npm start`: builds the extension for Chrome and Firefox, starts the reference service on a
 * git-ignored data file with demo data, and says how to load the extension and where to look.
 */
function build(browser: 'chrome' | 'firefox'): void {
  console.log(`Building the extension for ${browser}…`);
  execFileSync(process.execPath, [resolve('node_modules/wxt/bin/wxt.mjs'), 'build', '-b', browser], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function main(): Promise<void> {
  build('chrome');
  build('firefox');
  const config = parseConfig(['--db', 'data/token-lens.sqlite', '--seed-demo', ...process.argv.slice(2)], process.env);
  const service = await startService(config);
  const site = `${service.url}/sites/${DEMO_SITES[0]}/plugins/servlet/upm`;
  const owner = service.demoOwner
    ? `  Email ${service.demoOwner.email}\n  Password ${service.demoOwner.password}   (shown only now: note it down)`
    : `  Email ${DEMO_OWNER_EMAIL} with the password printed when data/token-lens.sqlite was created\n  (forgot it? stop, delete the data/ folder, and run npm start again for a fresh one)`;
  console.log(`
Token Lens is ready.

1. Load the extension
  Chrome:  chrome://extensions → turn on Developer mode → Load unpacked → ${resolve('.output/chrome-mv3')}
  Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on… → ${resolve('.output/firefox-mv2/manifest.json')}

2. Sign in: open Token Lens's options (right-click its toolbar icon → Options), keep the Service URL
   ${service.url} and sign in with the demo owner:
${owner}

3. Open a reference Manage apps page (sign in there with the same account):
  ${site}
  ${service.url}/sites/${DEMO_SITES[1]}/plugins/servlet/upm

The service is listening on ${service.url} (data in ${resolve(config.db)}). Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    service.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('npm start failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
