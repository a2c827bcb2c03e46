import { browser } from 'wxt/browser';
import { manageAppsSiteOf } from '../page/manage-apps-site';

/**
 * Where the early script leaves its question for the overlay: a property of the content scripts'
 * own global (their isolated world in Chrome, their sandbox in Firefox), which the page's own
 * scripts cannot see. Both content scripts of a page share it.
 */
const SLOT = '__tokenLensEarlyQuestion';

interface EarlyQuestion {
  host: string;
  /** The background's raw answer (checked by whoever takes it), or undefined when it could not be asked. */
  answer: Promise<unknown>;
}

type Slotted = { [SLOT]?: EarlyQuestion };

/**
 * Run at document_start: asks the background for the site's cached snapshot while the page is
 * still loading, so that the overlay paints its badges the moment it starts, with no round trip
 * of its own. The question starts no revalidation: that waits for the overlay, which is what
 * relays the site's own API. No schema library here: this script must stay tiny.
 */
export function askEarly(href: string, target: object = globalThis): void {
  const host = manageAppsSiteOf(href);
  if (!host) return;
  performance.mark('token-lens:asked');
  const answer = browser.runtime.sendMessage({ type: 'site.cachedView', host }).catch(() => undefined);
  (target as Slotted)[SLOT] = { host, answer };
}

/** The early question's raw answer, once, if it was about `host`; later starts ask for themselves. */
export function takeEarlyAnswer(host: string, target: object = globalThis): Promise<unknown> | undefined {
  const question = (target as Slotted)[SLOT];
  delete (target as Slotted)[SLOT];
  return question?.host === host ? question.answer : undefined;
}
