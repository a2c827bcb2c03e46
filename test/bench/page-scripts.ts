/**
 * What the benchmarks run inside the page, as source text: tsx compiles functions with name helpers
 * (`__name`) that do not exist in the page, so nothing here is a compiled function.
 */

/** `READY_ATTRIBUTE` of lib/overlay/overlay-controller.tsx (not imported: it pulls in CSS that only Vite loads). */
const READY_ATTRIBUTE = 'data-token-lens-ready-ms';

/** The overlay's own figure, set once per page load: milliseconds from content-script start to every badge painted. */
export const READY_EXPRESSION = `document.documentElement.getAttribute(${JSON.stringify(READY_ATTRIBUTE)})`;

/**
 * Where the time of one page load went, in milliseconds from navigation start: the page's own
 * milestones (its HTML received, parsed, loaded) and the overlay's marks (the snapshot handed over,
 * the content script injected, the overlay started, the page's load event over, its data in hand,
 * its badges rendered, the frame after); the overlay's are null on a page without the extension. Read once the ready mark is set.
 */
export const TIMING_EXPRESSION = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const mark = (name) => performance.getEntriesByName('token-lens:' + name, 'mark').at(-1)?.startTime ?? null;
  return {
    responseEnd: nav ? nav.responseEnd : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    loadStart: nav && nav.loadEventStart > 0 ? nav.loadEventStart : null,
    load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
    handed: mark('handed'),
    injected: mark('injected'),
    start: mark('start'),
    pageLoaded: mark('page-loaded'),
    data: mark('data'),
    painted: mark('painted'),
    ready: mark('ready'),
  };
})()`;

/** Navigation start → end of the load event, once the load event has ended (0 before). */
export const LOAD_EXPRESSION = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return nav && nav.loadEventEnd > 0 ? nav.loadEventEnd - nav.startTime : 0;
})()`;

/** How many rows the page lists, how many badges the overlay placed, and how many of those show a license state. */
export const BADGE_COUNT_EXPRESSION = `(() => {
  const rows = document.querySelectorAll('#upm-manage-plugins-user-installed div.upm-plugin[data-key]');
  const hosts = [...document.querySelectorAll('#upm-manage-plugins-user-installed token-lens-badge')];
  const painted = hosts.filter((host) => host.shadowRoot && host.shadowRoot.querySelector('[role="group"] .tl-lozenge'));
  return { rows: rows.length, badges: hosts.length, painted: painted.length };
})()`;

/** The first badge's shadow content as text, for a diagnosis when a switch fails. */
export const BADGE_STATE_EXPRESSION = `document.querySelector('token-lens-badge')?.shadowRoot?.innerHTML.slice(0, 2000)`;

export interface SwitchArguments {
  appName: string;
  label: string;
  timeoutMs: number;
}

/**
 * Arms the timing of one license switch (once its radio is there and enabled), then returns: the overlay ignores clicks a script makes,
 * so the benchmark clicks the radio as a person would (Playwright's real input) and this times
 * from that click's own timestamp until the badge's lozenge reads the new state (seen by a
 * MutationObserver on the badge's shadow root); then it waits, untimed, until the switch is idle.
 * The result is the promise in `window.__tlSwitch`.
 */
const SWITCH_FUNCTION = `async ({ appName, label, timeoutMs }) => {
  const groupSelector = '[role="group"][aria-label="Access token for ' + appName + '"]';
  const root = [...document.querySelectorAll('token-lens-badge')]
    .map((host) => host.shadowRoot)
    .find((shadow) => shadow && shadow.querySelector(groupSelector));
  if (!root) throw new Error('no badge for ' + appName);
  const lozenge = () => root.querySelector(groupSelector + ' .tl-lozenge')?.textContent ?? '';
  const radio = () =>
    [...root.querySelectorAll('[role="radiogroup"] label')].find((l) => l.textContent === label)?.querySelector('input');
  const idle = () => {
    const group = root.querySelector('[role="radiogroup"]');
    const input = radio();
    return group && group.getAttribute('aria-busy') !== 'true' && input && input.checked && !input.disabled;
  };
  const waitFor = (test, what) =>
    new Promise((resolve, reject) => {
      if (test()) return resolve(undefined);
      const observer = new MutationObserver(() => {
        if (!test()) return;
        clearTimeout(timer);
        observer.disconnect();
        resolve(undefined);
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('timed out waiting for ' + what + ' (' + appName + ', ' + label + ')'));
      }, timeoutMs);
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  // The rows' controls come after the badges (in slices once the page is idle): wait for them as a person would.
  await waitFor(() => radio() && !radio().disabled, 'the ' + label + ' radio to be clickable');
  const target = radio();
  if (!target || target.disabled) throw new Error('the ' + label + ' radio of ' + appName + ' cannot be clicked');
  if (lozenge() === label) throw new Error(appName + ' already shows ' + label);
  let started;
  target.addEventListener('click', (event) => { if (event.isTrusted) started ??= event.timeStamp; }, { capture: true });
  window.__tlSwitch = (async () => {
    await waitFor(() => started !== undefined && lozenge() === label, 'the badge');
    const elapsed = performance.now() - started;
    await waitFor(idle, 'the switch to settle');
    return elapsed;
  })();
  return true;
}`;

export const switchExpression = (args: SwitchArguments): string => `(${SWITCH_FUNCTION})(${JSON.stringify(args)})`;
export const SWITCH_RESULT_EXPRESSION = 'window.__tlSwitch';
