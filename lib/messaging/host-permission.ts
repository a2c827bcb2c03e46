import { browser } from 'wxt/browser';

const ALWAYS_GRANTED = new Set(['127.0.0.1', 'localhost']);

/**
 * Token Lens may talk to loopback services from the start; any other service origin is asked
 * for at the moment a person chooses it (an optional host permission), never in advance.
 */
export async function ensureServicePermission(serviceUrl: string): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (ALWAYS_GRANTED.has(url.hostname)) return true;
  const origins = [`${url.origin}/*`];
  if (await browser.permissions.contains({ origins })) return true;
  return browser.permissions.request({ origins });
}
