import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';

/**
 * The one-shot message a form action leaves for the page it redirects to (Post/Redirect/Get).
 * It travels in a short-lived, HttpOnly, same-site cookie scoped to that page, so that no text
 * a person typed, and no message, ever appears in a URL. It is always escaped when shown.
 */
export const FlashSchema = z.object({
  kind: z.enum(['done', 'error']),
  text: z.string().max(600),
  /** Where the page shows it: the page's message area, the upload dialog, or the install status dialog. */
  place: z.enum(['page', 'upload', 'installed']).default('page'),
  /** The app the message is about, when there is one (the row is scrolled to). */
  appKey: z.string().max(64).optional(),
});
export type Flash = z.infer<typeof FlashSchema>;

const FLASH_COOKIE = 'tl_flash';
const MAX_TEXT = 600;

export function setFlash(c: Context, path: string, flash: Flash): void {
  const value = Buffer.from(JSON.stringify({ ...flash, text: flash.text.slice(0, MAX_TEXT) })).toString('base64url');
  setCookie(c, FLASH_COOKIE, value, { httpOnly: true, sameSite: 'Strict', path, maxAge: 60 });
}

/** Reads and forgets the message left for this page, if any. */
export function takeFlash(c: Context, path: string): Flash | undefined {
  const value = getCookie(c, FLASH_COOKIE);
  if (!value) return undefined;
  deleteCookie(c, FLASH_COOKIE, { path });
  try {
    const parsed = FlashSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
