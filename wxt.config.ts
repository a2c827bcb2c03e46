import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  outDir: '.output',
  vite: () => ({
    plugins: [preact({ prerender: { enabled: false } })],
  }),
  manifest: ({ browser }) => ({
    name: 'Token Lens',
    description:
      'See which Marketplace access token sits on every app of your test sites, and switch license states in one click.',
    permissions: ['storage', 'alarms'],
    // The default service runs on loopback; the product's pages are where the overlay works.
    host_permissions: [
      'http://127.0.0.1/*',
      'http://localhost/*',
      'https://*.atlassian.net/*',
      'https://admin.atlassian.com/*',
    ],
    // A service elsewhere is asked for when a person enters its URL in the options page.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Token Lens' },
    ...(browser === 'firefox'
      ? {
          // Manifest V2 has no optional_host_permissions: origins go with the optional permissions.
          optional_permissions: ['http://*/*', 'https://*/*'],
          browser_specific_settings: {
            gecko: {
              id: 'token-lens@token-lens.dev',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: { excludeSources: ['data/**', 'test/**', '.ci/**', 'docs/**'] },
});
