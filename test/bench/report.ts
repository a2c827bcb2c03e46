import type { LoadFigure, ReadyFigure, SwitchFigure } from './browser-figures';
import type { BundleFigure } from './bundle-size';
import type { Machine } from './machine';
import type { PopupFigure } from './popup-figure';
import { fixed, median, percentile, summary } from './stats';
import type { CannonRun, ThroughputFigure } from './throughput';
import type { TokenCheckFigure } from './token-check';

export interface BenchResults {
  machine: Machine;
  reloads: number;
  ready: ReadyFigure[];
  load: LoadFigure;
  licenseSwitch: SwitchFigure;
  popup: PopupFigure[];
  bundles: BundleFigure[];
  throughput: ThroughputFigure | { skipped: string };
  tokenCheck: TokenCheckFigure;
  /** Seconds the whole run took, build included. */
  seconds: number;
}

const yes = (met: boolean): string => (met ? 'yes' : '**no**');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Targets from shared/design/QUALITY.md, keyed by page size; sizes without one are reported only. */
const READY_TARGETS: Record<number, number> = { 100: 16, 1000: 50 };

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
  return lines;
}

function loadSection(results: BenchResults): string[] {
  const { load } = results;
  const withExtension = median(load.withExtension);
  const without = median(load.without);
  const overhead = ((withExtension - without) / without) * 100;
  return [
    '## Page-load overhead',
    '',
    `The reference page with ${load.rows} app rows: \`loadEventEnd − startTime\` of its navigation, ${load.withExtension.length} loads with the extension (persistent context, signed in) and ${load.without.length} without (a plain Chromium context signed in on the page’s own form), interleaved, alternating which goes first.`,
    '',
    '| with extension (median) | without (median) | overhead | target | met |',
    '| ---: | ---: | ---: | --- | --- |',
    `| ${fixed(withExtension)} ms | ${fixed(without)} ms | ${fixed(overhead)} % | ≤ 5 % | ${yes(overhead <= 5)} |`,
    '',
    `Spread: with ${fixed(Math.min(...load.withExtension))} – ${fixed(Math.max(...load.withExtension))} ms, without ${fixed(Math.min(...load.without))} – ${fixed(Math.max(...load.without))} ms.`,
  ];
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
    `\`popup.html?site=…&app=…\` opened in a tab of its own: navigation start → the frame after the app’s token list first showed, as the popup marks it (\`data-token-lens-tokens-painted-ms\`). The first open fills the cache from the service; each of the ${results.popup[0]?.warm.length ?? 0} later opens paints the cached list (50 rows shown, the rest behind *Show 50 more*; search and filters cover all) while the service is asked again. A run only counts once the service’s answer has replaced the cached list and every token is accounted for.`,
    '',
    '| tokens of the app | cold open | median | p95 | min – max | target | met |',
    '| ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const figure of results.popup) {
    const s = summary(figure.warm);
    const target = figure.tokens >= 1000 ? 100 : undefined;
    lines.push(
      `| ${figure.tokens.toLocaleString('en')} | ${fixed(figure.cold)} ms | ${fixed(s.median)} ms | ${fixed(s.p95)} ms | ${fixed(s.min)} – ${fixed(s.max)} ms | ${target === undefined ? '—' : `≤ ${target} ms`} | ${target === undefined ? '—' : yes(s.median <= target) + (s.median <= target && s.p95 > target ? ' (median; p95 over)' : '')} |`,
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

function throughputSection(results: BenchResults): string[] {
  const lines = ['## Service throughput', ''];
  const figure = results.throughput;
  if ('skipped' in figure) return [...lines, `Not measured: ${figure.skipped}.`];
  const of = (server: CannonRun['server']) => figure.runs.filter((run) => run.server === server);
  const mean = (runs: CannonRun[]) => runs.reduce((sum, run) => sum + run.requestsPerSecond, 0) / runs.length;
  const worstP99 = (runs: CannonRun[]) => Math.max(...runs.map((run) => run.p99));
  const service = of('service');
  const bare = of('bare');
  const ratio = (mean(service) / mean(bare)) * 100;
  const failures = figure.runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0);
  lines.push(
    `autocannon, ${figure.connections} connections, ${figure.seconds} s per run, on \`GET ${figure.path}\` (Bearer session token, ${figure.bodyBytes.toLocaleString('en')}-byte JSON answer for 50 apps), beside a bare \`node:http\` server sending the same bytes and headers from memory. ${service.length} runs each, alternating, after a 2 s warm-up of both; autocannon runs in the benchmark’s own process on the same 2 cores.`,
    '',
    '| server | req/s (mean of runs) | p50 | p99 (worst run) |',
    '| --- | ---: | ---: | ---: |',
    `| service | ${fixed(mean(service), 0)} | ${fixed(median(service.map((run) => run.p50)), 0)} ms | ${worstP99(service)} ms |`,
    `| bare node:http | ${fixed(mean(bare), 0)} | ${fixed(median(bare.map((run) => run.p50)), 0)} ms | ${worstP99(bare)} ms |`,
    '',
    '| measure | value | target | met |',
    '| --- | ---: | --- | --- |',
    `| service / bare req/s | ${fixed(ratio)} % | ≥ 50 % | ${yes(ratio >= 50)} |`,
    `| service p99 at ${figure.connections} connections | ${worstP99(service)} ms | ≤ 25 ms | ${yes(worstP99(service) <= 25)} |`,
    '',
    `Errors and non-2xx answers over all runs: ${failures}.`,
  );
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
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`test/bench/run.ts`): it builds the extension, seeds a temporary service database with sites of 10, 100 and 1,000 paid apps (each with an active token) and one of 50 apps, starts the real service on it, drives the **built** extension in headless Chromium with playwright-core, and measures the figures of `shared/design/QUALITY.md` (“Benchmarks”). Targets and how each is measured are beside each table. Do not edit by hand: run `npm run bench` again (`BENCH_SKIP_BUILD=1 npm run bench` reuses the last build).',
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
    '## Reading these figures',
    '',
    '- **Overlay ready at 1,000 rows is mostly the page’s own load.** The reference page with 1,000 rows is about 3.9 MB of HTML and 45,000 elements, and its `load` event comes at about 3.7 s in a plain Chromium with no extension. The content script starts at `document_idle` and its request to the background is answered within milliseconds in the worker, but the answer can only be handled once the page’s main thread is free of its own parsing and layout. Timed on its own (a diagnostic run with timing logs, 2026-11-22), the overlay’s render of 1,000 rows (badges only for rows far from the viewport; full controls as rows come near) took about 120–160 ms.',
    '- **Overlay ready at 100 rows** includes one message round trip to the background worker and an IndexedDB read (about 10–15 ms at 10 rows), which the 16 ms target leaves almost no room for.',
    '- **Service throughput**: each request is authenticated and answered from a per-site serialised answer kept until the next write; the bare server answers fixed bytes from memory without authentication, so it stays far ahead on two shared cores.',
    '',
    '- **Popup open** is mostly the extension page’s own start: in this headless Chromium an empty extension page reaches `DOMContentLoaded` in about 20–30 ms, and the popup’s script (zod, Preact and the protocol’s schemas, 40 KB gzip) starts running at about 60–75 ms. What the 1,000 tokens add — reading them from IndexedDB in the worker, checking them against the protocol on both sides, drawing the first 50 rows — is the difference between the two rows of the table.',
    '',
  ].join('\n');
}
