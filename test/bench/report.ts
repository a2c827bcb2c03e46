import type {
  FloorFigure,
  LoadFigure,
  LoadTiming,
  ReadyFigure,
  ReferencePageFigure,
  SwitchFigure,
} from './browser-figures';
import type { BundleFigure } from './bundle-size';
import type { LoadWorkFigure } from './load-work';
import type { Machine } from './machine';
import type { PopupFigure } from './popup-figure';
import { loadSection, markAt } from './report-load';
import type { RobustnessFigure } from './robustness';
import { robustnessSection } from './robustness-report';
import { fixed, median, overheadPercent, percentile, summary } from './stats';
import type { CannonRun, ThroughputFigure } from './throughput';
import type { TokenCheckFigure } from './token-check';

export interface BenchResults {
  machine: Machine;
  reloads: number;
  ready: ReadyFigure[];
  /** The reference page with no extension, per size (bytes per row, load); optional. */
  referencePage?: ReferencePageFigure[];
  /** What the overlay cannot go below, timed alone; optional. */
  floors?: FloorFigure[];
  load: LoadFigure;
  /** The same page's loads under a trace: every process's CPU time during them. */
  loadWork: LoadWorkFigure;
  licenseSwitch: SwitchFigure;
  popup: PopupFigure[];
  /** Empty extension pages opened as the popup is: navigation start → the frame after their script ran. */
  popupFloor: number[];
  bundles: BundleFigure[];
  throughput: ThroughputFigure | { skipped: string };
  tokenCheck: TokenCheckFigure;
  robustness: RobustnessFigure;
  /** Seconds the whole run took, build included. */
  seconds: number;
}

const yes = (met: boolean): string => (met ? 'yes' : '**no**');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Targets from shared/design/QUALITY.md, keyed by page size; sizes without one are reported only. */
const READY_TARGETS: Record<number, number> = { 100: 16, 1000: 50 };

/** The median of one span of the warm loads' timings, `from` → `to` (ms); NaN where a mark is missing. */
function spanOf(timings: LoadTiming[], from: keyof LoadTiming, to: keyof LoadTiming): number {
  const spans = timings.flatMap((timing) => {
    const start = timing[from];
    const end = timing[to];
    return start === null || end === null ? [] : [end - start];
  });
  return median(spans);
}
function readySection(results: BenchResults): string[] {
  const lines = [
    '## Overlay ready (warm cache)',
    '',
    `Content-script start → the frame after every badge was first painted with data, as the overlay marks it (\`data-token-lens-ready-ms\`). Each page is opened once (cold: fills the cache), then reloaded ${results.reloads} times; the figures are over the reloads.`,
    '',
    '| app rows | cold open | median | p95 | min – max | target | met |',
    '| ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const figure of results.ready) {
    const s = summary(figure.warm);
    const target = READY_TARGETS[figure.rows];
    let met = '—';
    if (target !== undefined) met = s.p95 <= target ? 'yes' : s.median <= target ? 'median only (p95 over)' : '**no**';
    lines.push(
      `| ${figure.rows.toLocaleString('en')} | ${fixed(figure.cold)} ms | ${fixed(s.median)} ms | ${fixed(s.p95)} ms | ${fixed(s.min)} – ${fixed(s.max)} ms | ${target === undefined ? '—' : `≤ ${target} ms`} | ${met} |`,
    );
  }

  lines.push(
    '',
    '### Where a warm load’s time goes',
    '',
    'Medians over the same reloads, from the page’s navigation timing and the overlay’s own marks (`performance.mark`, `token-lens:*`). **The page’s own work:** its HTML received, parsed (`DOMContentLoaded`) and loaded (`load`), all from navigation start. **The overlay’s:** once the page’s load is complete, the background hands over the site’s cached snapshot (*snapshot handed over*) and injects the content script (*script injected*), so neither holds the page’s load back; the overlay makes sure that load is over (*waits for the page*); then it checks the snapshot against the protocol (*checks its data*), paints every row’s badge (*paints*) and the frame comes (*to the frame*). *Ready* is the sum of the last four. Tooltips, the bar, the rows’ controls (for rows near the viewport) and the revalidation follow, in slices between frames.',
    '',
    '| app rows | HTML received | DOMContentLoaded | load event | snapshot handed over | script injected | waits for the page | checks its data | paints | to the frame | ready |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const { rows, timings, warm } of results.ready) {
    lines.push(
      `| ${rows.toLocaleString('en')} | ${fixed(markAt(timings, 'responseEnd'))} | ${fixed(markAt(timings, 'domContentLoaded'))} | ${fixed(markAt(timings, 'load'))} | ${fixed(markAt(timings, 'handed'))} | ${fixed(markAt(timings, 'injected'))} | ${fixed(spanOf(timings, 'start', 'pageLoaded'))} | ${fixed(spanOf(timings, 'pageLoaded', 'data'))} | ${fixed(spanOf(timings, 'data', 'painted'))} | ${fixed(spanOf(timings, 'painted', 'ready'))} | ${fixed(median(warm))} |`,
    );
  }

  // Growth: the overlay's own work (checking the data and painting) per row, between each size and the next.
  const sized = results.ready.filter((figure) => figure.timings.length > 0).sort((a, b) => a.rows - b.rows);
  if (sized.length > 1) {
    const own = (figure: ReadyFigure) => spanOf(figure.timings, 'pageLoaded', 'painted');
    lines.push(
      '',
      '### Growth',
      '',
      'The overlay’s own work on a warm load (checking its data and painting every badge, the medians above) against the number of app rows, and what each step up costs per added row: flat or falling is linear or better.',
      '',
      '| app rows | own work | per row | step from the size before, per added row |',
      '| ---: | ---: | ---: | ---: |',
    );
    sized.forEach((figure, index) => {
      const before = sized[index - 1];
      const step = before ? (own(figure) - own(before)) / (figure.rows - before.rows) : Number.NaN;
      lines.push(
        `| ${figure.rows.toLocaleString('en')} | ${fixed(own(figure))} ms | ${fixed((own(figure) / figure.rows) * 1000, 1)} µs | ${before ? `${fixed(step * 1000, 1)} µs` : '—'} |`,
      );
    });
  }

  if (results.referencePage && results.referencePage.length > 0) {
    lines.push(
      '',
      '### The reference page itself',
      '',
      'The page with no extension (a plain Chromium context): its HTML as served, the elements it has once loaded, and its `load` event (median of 5 loads). Each row’s details (license, token, status menu and their forms) are fetched when the row is expanded, as on the product’s own page, so a large site opens at once.',
      '',
      '| app rows | HTML | per row | elements | DOMContentLoaded | load event |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.referencePage.map(
        (page) =>
          `| ${page.rows.toLocaleString('en')} | ${kb(page.bytes)} | ${fixed(page.bytes / page.rows, 0)} B | ${page.elements.toLocaleString('en')} | ${fixed(median(page.domContentLoaded))} ms | ${fixed(median(page.loads))} ms |`,
      ),
    );
  }

  if (results.floors && results.floors.length > 0) {
    lines.push(
      '',
      '### Floors, each timed alone',
      '',
      'What the overlay cannot go below, measured in the same run: a message round trip to the background worker (one it refuses at once, from an extension page), the background’s answer to `site.view` (its IndexedDB read and checks, asked from an extension page), one IndexedDB `get` of the site’s record inside the worker, and attaching one shadow root per row (the overlay’s stylesheet adopted, a badge-sized text in each) on a page with no extension — the script’s own time, until the next frame, and the style and layout that frame then needs.',
      '',
      '| app rows | message round trip | `site.view` | IndexedDB get | shadow roots: script | to the frame | style and layout |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.floors.map(
        (floor) =>
          `| ${floor.rows.toLocaleString('en')} | ${fixed(floor.roundTrip)} ms | ${fixed(floor.siteView)} ms | ${fixed(floor.idbRead)} ms | ${fixed(floor.shadowScript)} ms | ${fixed(floor.shadowToFrame)} ms | ${fixed(floor.shadowLayout)} ms |`,
      ),
    );
  }
  return lines;
}

function switchSection(results: BenchResults): string[] {
  const { licenseSwitch } = results;
  const p95 = percentile(licenseSwitch.samples, 0.95);
  return [
    '## License switch',
    '',
    `Click on a license-state radio → the badge reads the new state, timed inside the page (a MutationObserver on the badge’s shadow root, \`performance.now()\` around \`.click()\`), service on loopback. ${licenseSwitch.samples.length} switches of ${licenseSwitch.appName} (paid, active token) alternating between ${licenseSwitch.states.join(' and ')}, after two untimed warm-up switches.`,
    '',
    '| switches | p50 | p95 | max | target | met |',
    '| ---: | ---: | ---: | ---: | --- | --- |',
    `| ${licenseSwitch.samples.length} | ${fixed(median(licenseSwitch.samples))} ms | ${fixed(p95)} ms | ${fixed(Math.max(...licenseSwitch.samples))} ms | p95 ≤ 100 ms | ${yes(p95 <= 100)} |`,
  ];
}

function popupSection(results: BenchResults): string[] {
  const lines = [
    '## Popup open',
    '',
    `\`popup.html?site=…&app=…\` opened in a tab of its own, a second after the last open (\`BETWEEN_OPENS_MS\`, so that each open starts once the last one’s work — the service’s answer checked, drawn and cached — is over, as for a person): navigation start → the frame after the app’s token list first showed, as the popup marks it (\`data-token-lens-tokens-painted-ms\`). The first open fills the cache from the service; each later open (${results.popup[0]?.warm.length ?? 0} for the 1,000-token app and the 4-token one, fewer for the growth rows) paints the cached list (50 rows shown, the rest behind *Show 50 more*; search and filters cover all) while the service is asked again. A run only counts once the service’s answer has replaced the cached list and every token is accounted for.`,
    '',
    '| tokens of the app | cold open | median | p95 | min – max | target | met |',
    '| ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  // Smallest first, so the table reads as growth.
  for (const figure of [...results.popup].sort((a, b) => a.tokens - b.tokens)) {
    const s = summary(figure.warm);
    const target = figure.tokens === 1000 ? 100 : undefined;
    lines.push(
      `| ${figure.tokens.toLocaleString('en')} | ${fixed(figure.cold)} ms | ${fixed(s.median)} ms | ${fixed(s.p95)} ms | ${fixed(s.min)} – ${fixed(s.max)} ms | ${target === undefined ? '—' : `≤ ${target} ms`} | ${target === undefined ? '—' : yes(s.median <= target) + (s.median <= target && s.p95 > target ? ' (median; p95 over)' : '')} |`,
    );
  }
  if (results.popupFloor.length > 0) {
    const floor = summary(results.popupFloor);
    lines.push(
      '',
      `**The floor:** an extension page with nothing but a tiny script that marks the frame after its first, as the popup marks its list’s (\`floor-empty.html\`, added to a copy of this build), opened the same way ${results.popupFloor.length} times: median ${fixed(floor.median)} ms (${fixed(floor.min)} – ${fixed(floor.max)} ms). That is what any extension page costs here before the popup’s own work: its two chunks and stylesheets, the session and the cached list asked of the worker, one render, then the frame.`,
    );
    const medianOf = (tokens: number) => median(results.popup.find((figure) => figure.tokens === tokens)?.warm ?? []);
    const own = (tokens: number) => fixed(medianOf(tokens) - floor.median);
    lines.push(
      '',
      `Over that floor, the popup’s own work takes ${own(4)} ms at 4 tokens and ${own(1000)} ms at 1,000, of the ${fixed(100 - floor.median)} ms the target leaves above the floor on this machine in this run.`,
    );
  }
  return lines;
}

function bundleSection(results: BenchResults): string[] {
  const lines = [
    '## Bundle sizes',
    '',
    'The built Chromium extension (`.output/chrome-mv3`), gzip level 9.',
    '',
    '| script | file | raw | gzip | target | met |',
    '| --- | --- | ---: | ---: | --- | --- |',
  ];
  for (const bundle of results.bundles) {
    lines.push(
      `| ${bundle.role} | \`${bundle.file}\` | ${kb(bundle.bytes)} | ${kb(bundle.gzipBytes)} | ≤ ${kb(bundle.target)} | ${yes(bundle.gzipBytes <= bundle.target)} |`,
    );
  }
  const notes = results.bundles.flatMap((bundle) => (bundle.note ? [`${bundle.role}: ${bundle.note}.`] : []));
  if (notes.length > 0) lines.push('', ...notes);
  return lines;
}

export function throughputSection(results: Pick<BenchResults, 'throughput'>): string[] {
  const lines = ['## Service throughput', ''];
  const figure = results.throughput;
  if ('skipped' in figure) return [...lines, `Not measured: ${figure.skipped}.`];
  const of = (server: CannonRun['server']) => figure.runs.filter((run) => run.server === server);
  const mean = (runs: CannonRun[]) => runs.reduce((sum, run) => sum + run.requestsPerSecond, 0) / runs.length;
  const worstP99 = (runs: CannonRun[]) => Math.max(...runs.map((run) => run.p99));
  const row = (name: string, runs: CannonRun[]) =>
    `| ${name} | ${fixed(mean(runs), 0)} | ${fixed(median(runs.map((run) => run.p50)), 0)} ms | ${worstP99(runs)} ms | ${fixed((mean(runs) / mean(bare)) * 100)} % |`;
  const service = of('service');
  const bare = of('bare');
  const hono = of('hono');
  const ratio = (mean(service) / mean(bare)) * 100;
  const failures = figure.runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0);
  lines.push(
    `autocannon, ${figure.connections} connections, ${figure.seconds} s per run, on \`GET ${figure.path}\` (Bearer session token, ${figure.bodyBytes.toLocaleString('en')}-byte JSON answer for 50 apps), beside a bare \`node:http\` server sending the same bytes and headers from memory${hono.length > 0 ? ', and the floor under any Hono service: one Hono route on `@hono/node-server` sending the same bytes and headers (`test/bench/bare-server.ts`)' : ''}. ${service.length} runs each, the order rotating, after a 2 s warm-up of each; autocannon runs in the benchmark’s own process on the same 2 cores.`,
    '',
    '| server | req/s (mean of runs) | p50 | p99 (worst run) | of bare |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('service', service),
    row('bare node:http', bare),
    ...(hono.length > 0 ? [row('Hono, one route (the floor)', hono)] : []),
    '',
    '| measure | value | target | met |',
    '| --- | ---: | --- | --- |',
    `| service / bare req/s | ${fixed(ratio)} % | ≥ 50 % | ${yes(ratio >= 50)} |`,
    `| service p99 at ${figure.connections} connections | ${worstP99(service)} ms | ≤ 25 ms | ${yes(worstP99(service) <= 25)} |`,
    '',
    `Errors and non-2xx answers over all runs: ${failures}.`,
  );

  const profile = figure.profile;
  if (profile && 'skipped' in profile) lines.push('', `CPU profile not taken: ${profile.skipped}.`);
  else if (profile) {
    lines.push(
      '',
      '### Where the service’s time goes',
      '',
      `A second service process on the same database, started with \`node --cpu-prof\`, under the same load (${figure.connections} connections, ${profile.seconds} s after a 2 s warm-up: ${fixed(profile.requestsPerSecond, 0)} req/s while sampled); only the samples of the measured run count. Self time, as a share of the ${profile.busySamples.toLocaleString('en')} busy samples (the service’s thread was idle in ${fixed(profile.idlePercent)} % of the samples). Time inside a system call (\`writev\`: the answer going out on the socket) or native code (SQLite, hashing) is charged to the JS function that called it, and a thread descheduled there on the shared cores keeps being charged, so those entries read high.`,
      '',
      '| self time | function | file |',
      '| ---: | --- | --- |',
      ...profile.top.map(
        (entry) =>
          `| ${fixed(entry.selfPercent)} % | \`${entry.functionName}\` | ${entry.file === '' ? '(V8 / native)' : `\`${entry.file}${entry.file.startsWith('lib/') || entry.file.startsWith('test/') ? '' : `:${entry.line}`}\``} |`,
      ),
      '',
      '| by where the code comes from | self time |',
      '| --- | ---: |',
      ...profile.areas.map((area) => `| ${area.area} | ${fixed(area.selfPercent)} % |`),
    );
  }

  const growth = figure.growth;
  if (growth && 'skipped' in growth) lines.push('', `Growth not measured: ${growth.skipped}.`);
  else if (growth && growth.rows.length > 1) {
    // Time per request, 1 / (req/s), fitted as fixed + per app × apps through the smallest and largest sites.
    const micros = (rps: number) => 1e6 / rps;
    const first = growth.rows[0];
    const last = growth.rows[growth.rows.length - 1];
    const perApp =
      first && last
        ? (micros(last.requestsPerSecond) - micros(first.requestsPerSecond)) / (last.apps - first.apps)
        : Number.NaN;
    const fixedCost = first ? micros(first.requestsPerSecond) - perApp * first.apps : Number.NaN;
    const steps = growth.rows.slice(1).map((rowAt, index) => {
      const before = growth.rows[index] ?? rowAt;
      return { apps: rowAt.apps / before.apps, time: before.requestsPerSecond / rowAt.requestsPerSecond };
    });
    // Linear or better: no step costs more than its growth in apps (10 % allowed for noise).
    const linearOrBetter = steps.every((step) => step.time <= step.apps * 1.1);
    const shape =
      fixedCost > 0 && perApp > 0
        ? `As fixed + per app: about ${fixed(fixedCost, 0)} µs per request plus ${fixed(perApp, 2)} µs per app, so the fixed part (the front door, authentication, routing, headers) dominates below about ${fixed(fixedCost / perApp, 0)} apps, and the curve bends there into linear growth: the bytes of the answer (its JSON is serialised once per data version; what grows is sending it).`
        : 'No fixed part and per-app part could be told apart in this run.';
    lines.push(
      '',
      '### Growth: the same answer for more apps',
      '',
      `\`GET /api/v1/sites/{host}/apps\` on sites with ${growth.rows.map((rowAt) => rowAt.apps.toLocaleString('en')).join(', ')} installed apps (each with an active token; sites added to the database after the browser figures), ${figure.connections} connections, ${growth.rounds} runs of ${growth.seconds} s each, the order of the sizes rotating, after a 1 s warm-up of each, on the same service: req/s is the mean of the runs, p50 the median, p99 the worst. Time per request is 1 / (req/s) with both cores shared by the service and autocannon.`,
      '',
      '| apps | answer | req/s | p50 | p99 | time per request | × apps | × time |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...growth.rows.map((rowAt, index) => {
        const step = index === 0 ? undefined : steps[index - 1];
        return `| ${rowAt.apps.toLocaleString('en')} | ${kb(rowAt.bodyBytes)} | ${fixed(rowAt.requestsPerSecond, 0)} | ${rowAt.p50} ms | ${rowAt.p99} ms | ${fixed(micros(rowAt.requestsPerSecond), 0)} µs | ${step ? `× ${fixed(step.apps, 0)}` : '—'} | ${step ? `× ${fixed(step.time)}` : '—'} |`;
      }),
      '',
      `${linearOrBetter ? '**Linear or better**' : '**Worse than linear**'}: ${steps.map((step, index) => `${growth.rows[index]?.apps.toLocaleString('en')} → ${growth.rows[index + 1]?.apps.toLocaleString('en')} apps costs × ${fixed(step.time)} for × ${fixed(step.apps, 0)} the apps`).join('; ')}. ${shape}`,
    );
  }
  return lines;
}

function tokenCheckSection(results: BenchResults): string[] {
  const figure = results.tokenCheck;
  return [
    '## Token validation',
    '',
    `Authenticating one request in process on a real SQLite file: format and checksum, SHA-256, lookup by hash, owner and scopes (\`authenticate\` in \`lib/service/auth/authorize.ts\`). Median of ${figure.rounds} rounds of ${figure.checks.toLocaleString('en')} checks.`,
    '',
    '| token | per check | target | met |',
    '| --- | --- | --- | --- |',
    `| personal access token (\`tlp_\`) | ${fixed(figure.personalTokenMicros, 1)} µs | ≤ 20 µs | ${yes(figure.personalTokenMicros <= 20)} |`,
    `| session (\`tls_\`) | ${fixed(figure.sessionMicros, 1)} µs | — | — |`,
  ];
}

/** docs/benchmarks.md, written by `npm run bench`. */
export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const loadOverhead = overheadPercent(results.load.withExtension, results.load.without);
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`test/bench/run.ts`): it builds the extension, seeds a temporary service database with sites of 10, 100 and 1,000 paid apps (each with an active token; one of 5,000 is added for the overlay after the popup figures) and one of 50 apps, starts the real service on it, drives the **built** extension in headless Chromium with playwright-core, and measures the figures of `shared/design/QUALITY.md` (“Benchmarks”). Targets and how each is measured are beside each table. Do not edit by hand: run `npm run bench` again (`BENCH_SKIP_BUILD=1 npm run bench` reuses the last build).',
    '',
    '## Machine',
    '',
    '| | |',
    '| --- | --- |',
    `| date | ${machine.date} |`,
    `| CPU | ${machine.cpu} |`,
    `| cores | ${machine.cores} |`,
    `| memory | ${machine.memoryGiB} GiB |`,
    `| browser | ${machine.chromium} (headless) |`,
    `| Node | ${machine.node} |`,
    `| run took | ${Math.round(results.seconds)} s, build included |`,
    '',
    '**Noise:** this machine is shared and noisy; every figure comes from this one run (ratios compare sides measured in the same run), so expect a few milliseconds or percent of drift between runs. The benchmark never fails on a timing; it only reports.',
    '',
    ...readySection(results),
    '',
    ...loadSection(results),
    '',
    ...switchSection(results),
    '',
    ...popupSection(results),
    '',
    ...bundleSection(results),
    '',
    ...throughputSection(results),
    '',
    ...tokenCheckSection(results),
    '',
    ...robustnessSection(results.robustness),
    '',
    '## Reading these figures',
    '',
    '- **Overlay ready** counts from the content script’s start, which is once the page’s load is complete: the background injects it then (`scripting.executeScript`), after handing over the site’s cached snapshot in the same world, so no message round trip is left in it. Only the last three columns before *ready* are the overlay’s own work. The rest is per row: the page’s own DOM and, for each row, a shadow root and a badge of three elements (see *Floors*: attaching the shadow roots alone takes about a third of it).',
    `- **Page-load overhead** is measured over ${results.load.withExtension.length} rounds, not the 20 the target names, because 20 loads a side here cannot tell 5 % from noise: in this run the 90 % interval of the paired median is ${fixed(loadOverhead.pairedHigh - loadOverhead.pairedLow)} points wide even at ${results.load.withExtension.length}, and the floors show how far apart browsers that differ by less than Token Lens measure in the same rounds — down to two browsers without an extension, which differ by nothing. Where the clock leaves the target unresolved, the work done during the load decides it: the extension’s own process is the one part of a load that a browser without it does not have at all, so its CPU time is measured to a tenth of a millisecond where the page’s own work moves by milliseconds. The floors show what is left of the extension when the overlay does nothing (its content scripts emptied) and what any extension costs (a manifest alone). Nothing of Token Lens runs in the page before its \`load\` event: the background injects the overlay once the tab’s load is complete (\`scripting.executeScript\`, a \`scripting\` permission), with the cached snapshot handed over just before it. Declared, even an empty content script cost this page about a third of its load (31.6 % in the run of 2026-12-02T03:10Z, the last with declared scripts: Chrome sets up the extension’s isolated world and runs the script before the \`load\` event). The welcome tab a first install opens is closed in the benchmark’s browsers, as a person closes it once signed in: left open, it was one page more than the side without an extension had (7.8 % with it in the run of 2026-12-02T07:25Z, of the same extension). Where the rest comes from, \`test/bench/load-parts-only.ts\` measures with lesser builds side by side (not part of this run): in five runs of 60 rounds on 2026-12-02 (12:45–13:57Z, balanced order, the same code), Token Lens measured 2.6 % to 16.0 % paired, its build with the content scripts emptied 2.4 % to 10.9 %, a worker that only listens to tab updates 1.8 % to 2.7 %, one that only listens to a filtered \`webNavigation.onCompleted\` (which would add the “Read your browsing history” warning) −3.2 % and −1.4 %, and no worker at all −2.5 % to −0.4 %: a worker that hears the tab’s updates is where an extension starts to cost this page, and the same code’s figure moves between runs by more than the target. Until 2026-12-02T07:48Z the sides’ order was reversed every other round, which with four sides never put the side without an extension first or last; the order is now balanced (a Williams design). The price of injecting after the load is that the badges come after the \`load\` event rather than just before it (*badges painted*).`,
    '- **Service throughput**: each request is authenticated (its session or personal token from a cache emptied whenever the database’s data version moves, expiry checked every time) and answered with the site’s answer bytes kept until the next write, through one front door (host check, cache headers, rate limit); the bare server sends fixed bytes from memory without authentication. autocannon shares the same two cores, so the bare side is bounded by the client as much as by the server.',
    '',
    '- **Popup open** is mostly the extension page’s own start: in this headless Chromium an empty extension page reaches `DOMContentLoaded` in about 20–30 ms, and the popup’s own script (Preact and zod/mini schemas; no zod classic) starts after it and asks for the session and the cached list at once; the worker answers the list from memory once it has read or written it, and the popup checks it with a reader held equal to its schema (`app-tokens-reader.ts`), then renders once. What more tokens add — the answer’s bytes between the worker and the page, that check, drawing the first 50 rows — is the difference between the rows of the table; `test/bench/popup-only.ts` prints where an open’s time goes.',
    '',
  ].join('\n');
}
