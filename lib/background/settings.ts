import { browser } from 'wxt/browser';
import { z } from 'zod';
import { failWith, ok, type Reply } from '../domain/reply';

/** Settings carry no secret, so storage.local is fine for them (content scripts may read it). */
export const DEFAULT_SETTINGS = { serviceUrl: 'http://127.0.0.1:4747' };
export type Settings = typeof DEFAULT_SETTINGS;

const SETTINGS_KEY = 'settings';
const SettingsSchema = z.object({ serviceUrl: z.string() });

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  const parsed = SettingsSchema.safeParse(stored[SETTINGS_KEY]);
  return parsed.success ? { ...DEFAULT_SETTINGS, ...parsed.data } : { ...DEFAULT_SETTINGS };
}

export async function writeSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

const invalid = (message: string) => failWith('invalid_service_url', message);

/** A service URL is an http(s) origin; paths, queries and credentials are refused (`invalid_service_url`). */
export function normalizeServiceUrl(input: string): Reply<string> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return invalid('Enter the service’s address, such as http://127.0.0.1:4747.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return invalid('The service URL must start with http:// or https://.');
  }
  if (url.username || url.password) return invalid('Leave credentials out of the service URL.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return invalid('Give only the service’s origin, such as http://127.0.0.1:4747, with no path.');
  }
  return ok(url.origin);
}
