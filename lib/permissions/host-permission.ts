import { browser } from 'wxt/browser';

const ALWAYS_GRANTED = new Set(['127.0.0.1', 'localhost']);

/**
 * Token Lens may talk to loopback services from the start; any other service origin is asked
 * for at the moment a person chooses it (an optional host permission), never in advance.
 */
export function ensureServicePermission(serviceUrl: string): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    // Not a URL: nothing to ask for; the background says what is wrong with it.
    return Promise.resolve(true);
  }
  if (ALWAYS_GRANTED.has(url.hostname)) return Promise.resolve(true);
  // Asked straight away, with no await before it: Firefox grants only within the click's own turn.
  // A permission already granted is answered true without asking again.
  return browser.permissions.request({ origins: [`${url.origin}/*`] });
}
