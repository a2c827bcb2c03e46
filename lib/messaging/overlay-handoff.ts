/**
 * How the background hands a Manage apps page's cached snapshot to the overlay it injects there
 * (lib/background/overlay-injection.ts): just before the overlay's file, it runs `leaveSnapshot`
 * in the same isolated world (Chrome) or sandbox (Firefox) — a global the page's own scripts
 * cannot see — so that the overlay paints its first badges with no round trip of its own.
 *
 * The slot holds the snapshot until the overlay takes it, then RUNNING: a page the overlay
 * already runs on (a second load-complete, a page back from the back/forward cache) gets
 * neither a snapshot nor a second overlay.
 */
export const HANDOFF_SLOT = '__tokenLensHandoff';
export const RUNNING = 'running';

interface Handoff {
  host: string;
  /** The background's reply to `site.cachedView` for `host`, as the dispatcher would send it (checked by the overlay). */
  answer: unknown;
}

/**
 * The answer travels as JSON text: Chrome hands `executeScript` arguments over as its own
 * values, which leave out every property whose value is null (a token, a problem), and the
 * overlay would then refuse the snapshot and ask again.
 */
export const handoffArgs = (host: string, answer: unknown): [string, string, string, string] => [
  HANDOFF_SLOT,
  RUNNING,
  host,
  JSON.stringify(answer),
];

type Slotted = Record<string, Handoff | typeof RUNNING | undefined>;

/**
 * Run by `scripting.executeScript` as a function of its own: the browser serializes it, so it
 * uses nothing but its arguments.
 */
export function leaveSnapshot(slot: string, running: string, host: string, answerJson: string): void {
  const global = globalThis as unknown as Record<string, unknown>;
  if (global[slot] === running) return;
  global[slot] = { host, answer: JSON.parse(answerJson) };
  performance.mark('token-lens:handed');
}

/**
 * Called once as the overlay starts on a page: whether one runs here already (then it must not
 * start again), and the snapshot left for `host`, if any. From then on the page counts as running.
 */
export function takeHandoff(
  host: string | undefined,
  target: object = globalThis,
): { alreadyRunning: true } | { alreadyRunning: false; answer: Promise<unknown> | undefined } {
  const slotted = target as Slotted;
  const held = slotted[HANDOFF_SLOT];
  if (held === RUNNING) return { alreadyRunning: true };
  slotted[HANDOFF_SLOT] = RUNNING;
  return { alreadyRunning: false, answer: held && held.host === host ? Promise.resolve(held.answer) : undefined };
}
