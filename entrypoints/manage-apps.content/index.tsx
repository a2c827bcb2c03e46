// First: the mark of when the script began (benchmarks), then zod must be jitless before any schema exists.
import '../../lib/overlay/mark-injected';
import '../../lib/domain/zod-jitless';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { takeHandoff } from '../../lib/messaging/overlay-handoff';
import { startOverlay } from '../../lib/overlay/overlay-controller';
import { MANAGE_APPS_MATCHES } from '../../lib/page/manage-apps-matches';
import { recognizeManageAppsUrl } from '../../lib/page/manage-apps-url';

/**
 * Injected by the background once a Manage apps page has loaded (lib/background/overlay-injection.ts),
 * not declared: a declared script holds the page's own load back.
 */
export default defineContentScript({
  matches: MANAGE_APPS_MATCHES,
  registration: 'runtime',
  main(ctx) {
    // The snapshot the background left for this page, for the first start only.
    const handoff = takeHandoff(recognizeManageAppsUrl(window.location.href)?.host);
    if (handoff.alreadyRunning) return;
    let early = handoff.answer;
    // UPM switches views without reloading: start again when the page leaves for another site or
    // page, or when it replaces its app list; rows that come and go within a list need no restart.
    let current: { controller: AbortController; host: string } | undefined;
    const start = (force = false) => {
      const location = recognizeManageAppsUrl(window.location.href);
      if (!force && current && location?.host === current.host) return;
      current?.controller.abort();
      current = undefined;
      if (!location || ctx.signal.aborted) return;
      const controller = new AbortController();
      current = { controller, host: location.host };
      const handed = early;
      early = undefined;
      void startOverlay({
        location,
        doc: document,
        timers: ctx,
        signal: AbortSignal.any([ctx.signal, controller.signal]),
        onListReplaced: () => start(true),
        early: handed,
      });
    };
    start();
    ctx.addEventListener(window, 'wxt:locationchange', () => start());
  },
});
