import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROME_EXTENSION_DIR, type ExtensionBrowser, QUIET_FLAGS } from '../e2e/support/browser';
import { signInThroughOptions } from '../e2e/support/people';
import { OWNER, type ServiceProcess, startServiceProcess } from '../e2e/support/service-process';
import { BETWEEN_OPENS_MS, FLOOR_FILES, PAINTED_EXPRESSION, waitForValue } from './popup-figure';
import { appKeyOf, PAGE_SIZES, seedBenchData, siteOf, TOKENS_APP, TOKENS_SITE } from './seed';
import { fixed, median } from './stats';

/**
 * The popup-open figure alone, without the rest of `npm run bench` and without building: for
 * iterating on the popup's speed (`npm run build` first). Seeds a service database as run.ts
 * does, signs in, opens `popup.html?site=…&app=…` as popup-figure.ts does (the app with 4 tokens
 * and the one with 1,000, warm: the cache filled by a first open), and prints, besides each
 * figure, where the time went from navigation start (the Navigation Timing entry, the popup's
 * `token-lens:` performance marks) and the floors: an empty extension page painted, and one with a
 * single message round trip to the worker before it paints.
 *
 * `npx tsx test/bench/popup-only.ts [--opens 20] [--rounds 4] [--builds dir[,dir…]] [--parts open,floors,trace,profile]`
 *
 * `--builds` compares builds in one run (say a copy of the build before a change and
 * .output/chrome-mv3 after it): each gets its own browser, and the opens alternate between them
 * in `--rounds` blocks, so that the machine's noise falls on all alike; all builds share one
 * browser, loaded in the order given for half the opens and reversed for the other half. Each
 * build is copied first, so that another build meanwhile does not change what it measures.
 */
function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

/** As popup-figure.ts: true once the service's answer has replaced the cached list. */
const SETTLED_EXPRESSION = `(() => {
  const checking = document.querySelectorAll('[aria-busy="true"]').length > 0;
  const listed = document.querySelectorAll('ul.tl-token-list > li').length;
  const of = /Showing (\\d+) of (\\d+) tokens/.exec(document.body.textContent || '');
  if (checking || listed === 0) return 0;
  return of ? (Number(of[1]) === listed ? Number(of[2]) : 0) : listed;
})()`;
/** The page's milestones in ms from navigation start: the navigation entry, the scripts' arrival, every `token-lens:` mark. */
const TIMING_EXPRESSION = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js'));
  const marks = {};
  for (const mark of performance.getEntriesByType('mark')) {
    if (mark.name.startsWith('token-lens:') && !(mark.name in marks)) marks[mark.name] = mark.startTime;
  }
  return {
    responseEnd: nav ? nav.responseEnd : null,
    scripts: scripts.length ? Math.max(...scripts.map((entry) => entry.responseEnd)) : null,
    domInteractive: nav ? nav.domInteractive : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    load: nav ? nav.loadEventEnd : null,
    origin: performance.timeOrigin,
    marks,
  };
})()`;

/**
 * A floor from the build's own popup.html: its stylesheets and its shared chunk loaded and
 * evaluated, but its own script replaced by one that only marks the frame after (nothing asked,
 * nothing rendered).
 */
function writeHeadFloor(copy: string): void {
  const html = readFileSync(join(copy, 'popup.html'), 'utf8');
  const shared = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1]);
  writeFileSync(
    join(copy, 'floor-head.html'),
    html.replace(
      /<script type="module"[^>]*src="[^"]+"><\/script>/,
      '<script type="module" src="/floor-head.js"></script>',
    ),
  );
  // The same, once without the stylesheets and once without the shared chunk.
  writeFileSync(
    join(copy, 'floor-head-no-css.html'),
    readFileSync(join(copy, 'floor-head.html'), 'utf8').replace(/<link rel="stylesheet"[^>]*>/g, ''),
  );
  writeFileSync(
    join(copy, 'floor-css.html'),
    readFileSync(join(copy, 'floor-head.html'), 'utf8')
      .replace(/<link rel="modulepreload"[^>]*>/g, '')
      .replace('/floor-head.js', '/floor-empty.js'),
  );
  writeFileSync(
    join(copy, 'floor-head.js'),
    `${shared.map((chunk) => `import ${JSON.stringify(chunk)};`).join('\n')}\n${FLOOR_FILES['floor-empty.js']}`,
  );
}

interface Timing {
  painted: number;
  responseEnd: number | null;
  scripts: number | null;
  domInteractive: number | null;
  domContentLoaded: number | null;
  load: number | null;
  marks: Record<string, number>;
}

interface Build {
  label: string;
  dir: string;
  extension?: ExtensionBrowser;
  /** Per figure name: each warm open's timing. */
  opens: Map<string, Timing[]>;
}

/**
 * One browser with every build loaded (each is an extension of its own, with its own ID, worker
 * and storage): the builds compared share the browser, so that no figure differs by which browser
 * it ran in. Returns each build's extension, in the order of `dirs`.
 */
async function launchAll(dirs: string[]): Promise<{ extensions: ExtensionBrowser[]; close: () => Promise<void> }> {
  const list = dirs.join(',');
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    colorScheme: 'light',
    viewport: { width: 1100, height: 800 },
    args: [`--disable-extensions-except=${list}`, `--load-extension=${list}`, ...QUIET_FLAGS],
  });
  const deadline = Date.now() + 15_000;
  while (context.serviceWorkers().length < dirs.length) {
    if (Date.now() > deadline)
      throw new Error(`only ${context.serviceWorkers().length} of ${dirs.length} workers started`);
    await context.waitForEvent('serviceworker', { timeout: 15_000 }).catch(() => undefined);
  }
  const ids: string[] = new Array(dirs.length);
  for (const worker of context.serviceWorkers()) {
    const index = Number(await worker.evaluate(`fetch('/bench-build.txt').then((answer) => answer.text())`));
    ids[index] = new URL(worker.url()).host;
  }
  const close = () => context.close();
  return { extensions: ids.map((extensionId) => ({ context, extensionId, close })), close };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One open of `url`: its painted mark and milestones, once `settled` (if given) says the page is done. */
async function openOnce(page: Page, url: string, settled?: { expression: string; expect: number }): Promise<Timing> {
  await page.goto(url, { waitUntil: 'load' });
  const painted = Number(await waitForValue(page, PAINTED_EXPRESSION, 'the painted mark'));
  if (settled) {
    const shown = Number(await waitForValue(page, settled.expression, 'the service’s answer'));
    if (shown !== settled.expect) throw new Error(`expected ${settled.expect} tokens listed, saw ${shown}`);
  }
  const timing = (await page.evaluate(TIMING_EXPRESSION)) as Omit<Timing, 'painted'> & { origin: number };
  // The worker's marks of this open (its handlers mark the popup's first questions), on the page's clock.
  const host = new URL(url).host;
  const worker = page
    .context()
    .serviceWorkers()
    .find((candidate) => new URL(candidate.url()).host === host);
  const marks = worker
    ? ((await worker.evaluate(`(() => {
        const marks = performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('token-lens:'));
        performance.clearMarks();
        return marks.map((mark) => [mark.name, performance.timeOrigin + mark.startTime]);
      })()`)) as [string, number][])
    : [];
  for (const [name, at] of marks) {
    const since = at - timing.origin;
    if (since >= 0 && !(name in timing.marks)) timing.marks[name] = since;
  }
  return { painted, ...timing };
}

interface Figure {
  name: string;
  url: (extensionId: string) => string;
  settled?: { expression: string; expect: number };
}

const FIGURES: Figure[] = [
  {
    name: `popup, ${PAGE_SIZES.length + 1} tokens`,
    url: (id) => `chrome-extension://${id}/popup.html?site=${siteOf(10)}&app=${appKeyOf(1)}`,
    settled: { expression: SETTLED_EXPRESSION, expect: PAGE_SIZES.length + 1 },
  },
  {
    name: `popup, ${TOKENS_APP.tokens.toLocaleString('en')} tokens`,
    url: (id) => `chrome-extension://${id}/popup.html?site=${TOKENS_SITE}&app=${TOKENS_APP.key}`,
    settled: { expression: SETTLED_EXPRESSION, expect: TOKENS_APP.tokens },
  },
];
const FLOORS: Figure[] = [
  { name: 'floor: empty extension page', url: (id) => `chrome-extension://${id}/floor-empty.html` },
  { name: 'floor: one refused message first', url: (id) => `chrome-extension://${id}/floor-ask.html` },
  {
    name: 'floor: the popup’s stylesheets and shared chunk, nothing rendered',
    url: (id) => `chrome-extension://${id}/floor-head.html`,
  },
  { name: 'floor: the popup’s shared chunk only', url: (id) => `chrome-extension://${id}/floor-head-no-css.html` },
  { name: 'floor: the popup’s stylesheets only', url: (id) => `chrome-extension://${id}/floor-css.html` },
];

/** The message round trip from an extension page to the worker, timed inside the page. */
async function roundTrips(extension: ExtensionBrowser, repeats = 30): Promise<Record<string, number>> {
  const page = await extension.context.newPage();
  try {
    await page.goto(`chrome-extension://${extension.extensionId}/floor-empty.html`);
    await pause(300);
    const time = async (message: unknown) =>
      median(
        (await page.evaluate(
          `(async (message, repeats) => {
            const samples = [];
            for (let i = 0; i < repeats; i++) {
              const started = performance.now();
              await chrome.runtime.sendMessage(message);
              samples.push(performance.now() - started);
            }
            return samples;
          })(${JSON.stringify(message)}, ${repeats})`,
        )) as number[],
      );
    return {
      'refused message': await time({ type: 'token-lens.no-such-request' }),
      'session.status': await time({ type: 'session.status' }),
      [`app.cachedTokens, ${PAGE_SIZES.length + 1} tokens`]: await time({
        type: 'app.cachedTokens',
        appKey: appKeyOf(1),
      }),
      [`app.cachedTokens, ${TOKENS_APP.tokens} tokens`]: await time({
        type: 'app.cachedTokens',
        appKey: TOKENS_APP.key,
      }),
    };
  } finally {
    await page.close();
  }
}

/** A CPU profile of the popup page over `opens` warm opens: the functions with the most self time. */
async function profilePopup(extension: ExtensionBrowser, figure: Figure, opens: number): Promise<void> {
  const page = await extension.context.newPage();
  try {
    const url = figure.url(extension.extensionId);
    await openOnce(page, url, figure.settled);
    const cdp = await extension.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    for (let run = 0; run < opens; run++) {
      await pause(150);
      await openOnce(page, url, figure.settled);
    }
    const { profile } = await cdp.send('Profiler.stop');
    const file = join(tmpdir(), `token-lens-popup-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<string, number>();
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, index) => {
      const node = byId.get(id);
      if (!node) return;
      const frame = node.callFrame;
      const where = `${frame.functionName || '(anonymous)'} ${basename(frame.url) || ''}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
      self.set(where, (self.get(where) ?? 0) + (deltas[index] ?? 0) / 1000);
    });
    const total = [...self.values()].reduce((sum, value) => sum + value, 0);
    console.log(`\nCPU profile of ${opens} warm opens (${figure.name}), ${file}: self time per open, ms`);
    for (const [where, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      console.log(`  ${fixed(ms / opens, 2).padStart(7)}  ${where}`);
    }
    console.log(`  total sampled ${fixed(total / opens)} ms per open`);
  } finally {
    await page.close();
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string };
}

/**
 * A trace (devtools.timeline) of `opens` warm opens of the popup: per open, the renderer main
 * thread's top-level tasks from navigation start to the painted mark, and what ran in them.
 */
async function tracePopup(extension: ExtensionBrowser, figure: Figure, opens: number): Promise<void> {
  const page = await extension.context.newPage();
  try {
    const url = figure.url(extension.extensionId);
    await openOnce(page, url, figure.settled);
    for (let run = 0; run < opens; run++) {
      await pause(300);
      const cdp = await extension.context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,v8.execute,blink.user_timing,toplevel,disabled-by-default-devtools.timeline',
        transferMode: 'ReportEvents',
      });
      const timing = await openOnce(page, url, figure.settled);
      await cdp.send('Tracing.end');
      await done;
      await cdp.detach();
      const navigation = events.find(
        (event) => event.name === 'navigationStart' && event.args?.data?.documentLoaderURL,
      );
      if (!navigation) {
        console.log('  (no navigationStart in the trace)');
        continue;
      }
      const main = { pid: navigation.pid, tid: navigation.tid };
      const start = navigation.ts;
      const end = start + timing.painted * 1000;
      const onMain = events.filter(
        (event) =>
          event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.ts >= start && event.ts <= end,
      );
      const tasks = onMain.filter(
        (event) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask',
      );
      console.log(
        `\ntrace ${run + 1} (${figure.name}): painted ${fixed(timing.painted)} ms; main-thread tasks ≥ 0.5 ms (start +dur: inside)`,
      );
      let busy = 0;
      for (const task of tasks) {
        const dur = (task.dur ?? 0) / 1000;
        busy += dur;
        if (dur < 0.5) continue;
        const inside = onMain
          .filter(
            (event) =>
              event !== task &&
              event.ts >= task.ts &&
              event.ts + (event.dur ?? 0) <= task.ts + (task.dur ?? 0) &&
              (event.dur ?? 0) >= 300,
          )
          .filter((event) => !['RunTask', 'ThreadControllerImpl::RunTask'].includes(event.name))
          .slice(0, 6)
          .map((event) => {
            const data = event.args?.data ?? {};
            const what =
              (data.url as string | undefined)?.split('/').pop() ??
              (data.functionName as string | undefined) ??
              (data.type as string | undefined) ??
              '';
            return `${event.name}${what ? `(${what})` : ''} ${fixed((event.dur ?? 0) / 1000)}`;
          });
        console.log(`  ${fixed((task.ts - start) / 1000).padStart(6)} +${fixed(dur).padEnd(5)} ${inside.join(', ')}`);
      }
      const marks = events
        .filter((event) => event.name.startsWith('token-lens:') && event.pid === main.pid)
        .map((event) => `${event.name.replace('token-lens:', '')} ${fixed((event.ts - start) / 1000)}`);
      console.log(`  busy ${fixed(busy)} ms of ${fixed(timing.painted)}; marks: ${marks.join(' · ')}`);
    }
  } finally {
    await page.close();
  }
}

const ms = (value: number | null | undefined) => (value === null || value === undefined ? '—' : fixed(value));

function printBreakdown(label: string, name: string, timings: Timing[]): void {
  const of = (pick: (timing: Timing) => number | null | undefined) =>
    ms(median(timings.map(pick).filter((value): value is number => typeof value === 'number')));
  const markNames = [...new Set(timings.flatMap((timing) => Object.keys(timing.marks)))].sort(
    (a, b) =>
      median(timings.map((timing) => timing.marks[a] ?? Number.NaN).filter(Number.isFinite)) -
      median(timings.map((timing) => timing.marks[b] ?? Number.NaN).filter(Number.isFinite)),
  );
  const painted = timings.map((timing) => timing.painted);
  console.log(
    `${label} · ${name}: painted median ${ms(median(painted))} ms (min ${ms(Math.min(...painted))}, max ${ms(Math.max(...painted))}, n ${painted.length})`,
  );
  console.log(
    `    responseEnd ${of((t) => t.responseEnd)} · scripts in ${of((t) => t.scripts)} · domInteractive ${of((t) => t.domInteractive)} · ` +
      `DOMContentLoaded ${of((t) => t.domContentLoaded)} · load ${of((t) => t.load)}`,
  );
  if (markNames.length > 0) {
    console.log(
      `    ${markNames.map((mark) => `${mark.replace('token-lens:', '')} ${of((t) => t.marks[mark])}`).join(' · ')} · painted ${ms(median(painted))}`,
    );
  }
}

async function main(): Promise<void> {
  const opens = Number(option('opens', '20'));
  const rounds = Math.max(1, Number(option('rounds', '4')));
  const parts = new Set(option('parts', 'open,floors').split(','));
  const dirs = option('builds', CHROME_EXTENSION_DIR).split(',');
  const labels = option('labels', dirs.join(',')).split(',');
  const tmp = mkdtempSync(join(tmpdir(), 'token-lens-popup-bench-'));
  const builds: Build[] = dirs.map((dir, index) => {
    const copy = join(tmp, `build-${index}`);
    cpSync(resolve(dir), copy, { recursive: true });
    for (const [file, text] of Object.entries(FLOOR_FILES)) writeFileSync(join(copy, file), text);
    writeHeadFloor(copy);
    writeFileSync(join(copy, 'bench-build.txt'), String(index));
    return { label: labels[index] ?? `build ${index}`, dir: copy, opens: new Map() };
  });
  const dbPath = join(tmp, 'service.sqlite');
  seedBenchData(dbPath);
  let service: ServiceProcess | undefined;
  let browser: { close: () => Promise<void> } | undefined;
  try {
    service = await startServiceProcess({ dbPath, seedDemo: false, extraArgs: ['--rate-limit', '1000000000'] });
    console.log(`service on ${service.url}`);
    const figures = [...(parts.has('open') ? FIGURES : []), ...(parts.has('floors') ? FLOORS : [])];
    // The extension loaded first ran 5–15 ms faster than the other in one run of two identical
    // copies: with several builds, half the opens load them in the order given, half reversed.
    const orders = builds.length > 1 ? 2 : 1;
    for (let order = 0; order < orders; order++) {
      await browser?.close();
      const loaded = order === 0 ? builds : [...builds].reverse();
      const launched = await launchAll(loaded.map((build) => build.dir));
      browser = launched;
      const pages = new Map<Build, Page>();
      // launchAll answers the extensions by each copy's own index, whatever the order they were loaded in.
      for (const [index, build] of builds.entries()) {
        const extension = launched.extensions[index];
        if (!extension) throw new Error(`no extension for ${build.label}`);
        build.extension = extension;
        await (await signInThroughOptions(extension.context, extension.extensionId, service.url, OWNER)).close();
        const page = await extension.context.newPage();
        pages.set(build, page);
        // The first open of each figure fills the cache; only the later ones count.
        for (const figure of [...FIGURES, ...FLOORS])
          await openOnce(page, figure.url(extension.extensionId), figure.settled);
      }
      const wanted = Math.ceil((opens * (order + 1)) / orders);
      const perRound = Math.ceil(opens / orders / rounds);
      // Round by round, figure by figure, one open of each build in turn (who goes first alternates).
      for (let round = 0; round < rounds; round++) {
        for (const figure of figures) {
          for (let run = 0; run < perRound; run++) {
            for (let turn = 0; turn < builds.length; turn++) {
              const build = builds[(turn + run) % builds.length] as Build;
              const page = pages.get(build);
              const extension = build.extension;
              if (!page || !extension) continue;
              const timings = build.opens.get(figure.name) ?? [];
              build.opens.set(figure.name, timings);
              if (timings.length >= wanted) continue;
              await pause(BETWEEN_OPENS_MS);
              timings.push(await openOnce(page, figure.url(extension.extensionId), figure.settled));
            }
          }
        }
      }
    }
    console.log('\nms from navigation start, medians of the warm opens:');
    for (const figure of figures) {
      for (const build of builds) printBreakdown(build.label, figure.name, build.opens.get(figure.name) ?? []);
    }
    if (parts.has('floors')) {
      console.log('\nmessage round trips from an extension page, median ms:');
      for (const build of builds) {
        if (!build.extension) continue;
        const trips = await roundTrips(build.extension);
        console.log(
          `  ${build.label}: ${Object.entries(trips)
            .map(([name, value]) => `${name} ${fixed(value, 2)}`)
            .join(' · ')}`,
        );
      }
    }
    if (parts.has('trace')) {
      for (const build of builds) {
        if (build.extension) await tracePopup(build.extension, FIGURES[1] as Figure, 3);
      }
    }
    if (parts.has('profile')) {
      for (const build of builds) {
        if (build.extension) await profilePopup(build.extension, FIGURES[1] as Figure, 10);
      }
    }
  } finally {
    await browser?.close();
    await service?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('popup bench failed:', error);
  process.exit(1);
});
