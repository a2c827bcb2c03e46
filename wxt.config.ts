import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { extensionSources } from './scripts/extension-sources';

/**
 * zod keeps `Function` for its JIT parsers and for a probe of whether eval is allowed. The
 * extension runs zod jitless (lib/domain/zod-jitless.ts), so neither is needed: the build swaps
 * the constructor for one that throws, and no bundle holds a way to evaluate a string. (The probe
 * then answers "not allowed" without trying.) The build fails if zod's source stops matching.
 */
function zodWithoutEval(): Plugin {
  const pattern = 'const F = Function;';
  const replacement = "const F = function () { throw new EvalError('zod runs jitless in Token Lens'); };";
  const rewritten = new Set<string>();
  let zodSeen = false;
  return {
    name: 'token-lens:zod-without-eval',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(id)) return undefined;
      zodSeen = true;
      if (!code.includes(pattern)) return undefined;
      rewritten.add(id);
      return { code: code.replaceAll(pattern, replacement), map: null };
    },
    buildEnd() {
      // Each entrypoint group builds on its own; one without zod has nothing to rewrite.
      if (zodSeen && rewritten.size === 0)
        this.error('zod-without-eval: no zod module matched; update the pattern for this zod version.');
    },
  };
}

/** Drawn from scripts/token-lens-icon.svg by scripts/draw-icons.ts. */
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' };

export default defineConfig({
  outDir: '.output',
  vite: () => ({
    plugins: [preact({ prerender: { enabled: false } }), zodWithoutEval()],
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Token Lens',
    description:
      'See which Marketplace access token sits on every app of your test sites, and switch license states in one click.',
    // scripting: the overlay is injected once a Manage apps page has loaded (overlay-injection.ts).
    permissions: ['storage', 'alarms', 'scripting'],
    // The default service runs on loopback; the product's pages are where the overlay works.
    host_permissions: [
      'http://127.0.0.1/*',
      'http://localhost/*',
      'https://*.atlassian.net/*',
      'https://admin.atlassian.com/*',
    ],
    // A service elsewhere is asked for when a person enters its URL in the options page.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    icons: ICONS,
    // The toolbar button and its shortcut: Manifest V2 (Firefox) calls both by their older names.
    [manifestVersion === 2 ? 'browser_action' : 'action']: { default_title: 'Token Lens', default_icon: ICONS },
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Open Token Lens',
      },
    },
    ...(browser === 'firefox'
      ? {
          // Manifest V2 has no optional_host_permissions: origins go with the optional permissions.
          optional_permissions: ['http://*/*', 'https://*/*'],
          browser_specific_settings: {
            gecko: {
              id: 'token-lens@token-lens.dev',
              // 140: the first release with data_collection_permissions (and an ESR).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android learnt data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // The Firefox sources zip: what rebuilding the extension reads, found from the entrypoints' imports.
  zip: { includeSources: extensionSources() },
});
