import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, normalizeServiceUrl, readSettings, writeSettings } from '../../lib/background/settings';

describe('normalizeServiceUrl', () => {
  it.each([
    ['http://127.0.0.1:4747', 'http://127.0.0.1:4747'],
    ['http://127.0.0.1:4747/', 'http://127.0.0.1:4747'],
    ['  http://127.0.0.1:4747  ', 'http://127.0.0.1:4747'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['HTTP://LOCALHOST:8080/', 'http://localhost:8080'],
    ['https://tokens.acme.example', 'https://tokens.acme.example'],
    ['https://tokens.acme.example:443/', 'https://tokens.acme.example'],
    ['http://tokens.acme.example:80', 'http://tokens.acme.example'],
    ['http://[::1]:4747', 'http://[::1]:4747'],
  ])('%j → %j', (input, url) => {
    expect(normalizeServiceUrl(input)).toEqual({ ok: true, data: url });
  });

  it.each([
    ['not a URL', 'not a url', 'Enter the service’s address'],
    ['an empty string', '', 'Enter the service’s address'],
    ['an address without scheme', '127.0.0.1:4747', 'Enter the service’s address'],
    [
      'a host name without scheme (parsed as scheme “localhost:”)',
      'localhost:4747',
      'must start with http:// or https://',
    ],
    ['ftp', 'ftp://127.0.0.1', 'must start with http:// or https://'],
    ['a javascript: URL', 'javascript:alert(1)', 'must start with http:// or https://'],
    ['a file URL', 'file:///etc/passwd', 'must start with http:// or https://'],
    ['a user name', 'http://owner@127.0.0.1:4747', 'Leave credentials out'],
    ['a user and password', 'http://owner:secret@127.0.0.1:4747', 'Leave credentials out'],
    ['a path', 'http://127.0.0.1:4747/api/v1', 'no path'],
    ['a query', 'http://127.0.0.1:4747/?x=1', 'no path'],
    ['a hash', 'http://127.0.0.1:4747/#top', 'no path'],
  ])('refuses %s', (_case, input, message) => {
    const result = normalizeServiceUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_service_url');
      expect(result.error.message).toContain(message);
    }
  });
});

describe('readSettings and writeSettings', () => {
  it('gives the defaults when nothing is stored', async () => {
    await expect(readSettings()).resolves.toEqual(DEFAULT_SETTINGS);
  });

  it('reads back what was written', async () => {
    await writeSettings({ serviceUrl: 'http://127.0.0.1:9999' });
    await expect(readSettings()).resolves.toEqual({ serviceUrl: 'http://127.0.0.1:9999' });
  });

  it('falls back to the defaults when the stored value is not settings', async () => {
    await fakeBrowser.storage.local.set({ settings: { serviceUrl: 42 } });
    await expect(readSettings()).resolves.toEqual(DEFAULT_SETTINGS);
  });
});
