import type { LoadWork } from './load-trace';
import { type LoadWorkFigure, TRACED_SIDES } from './load-work';
import { fixed, median, medianInterval, percentile } from './stats';

// The page-load section's second half: what each process did while the page loaded, by CPU time.

type Part = Exclude<keyof LoadWork, 'windowMs'>;
const PARTS: { part: Part; name: string }[] = [
  { part: 'page', name: 'the page’s renderer' },
  { part: 'extension', name: 'the extension’s process (its worker)' },
  { part: 'browser', name: 'the browser process' },
  { part: 'other', name: 'everything else (GPU, network and storage services, other renderers)' },
];
const total = (load: LoadWork) => load.page + load.extension + load.browser + load.other;

export interface LoadWorkVerdict {
  /** The median CPU time of Token Lens's own process during a load (ms). */
  extensionMs: number;
  /** The same for the least extension that could do its job (a worker that only hears tab updates). */
  floorMs: number;
  /** extensionMs as a share of the load without an extension, timed by the clock (%). */
  percentOfLoad: number;
  /** floorMs as the same share (%). */
  floorPercentOfLoad: number;
}

const loadsOf = (figure: LoadWorkFigure, name: string): LoadWork[] =>
  figure.sides.find((side) => side.name === name)?.loads ?? [];

/** Token Lens's own work during a load, beside the floor's, against `withoutMs` (the clock's median load without an extension). */
export function workVerdict(figure: LoadWorkFigure, withoutMs: number): LoadWorkVerdict {
  const extensionMs = median(loadsOf(figure, TRACED_SIDES.tokenLens).map((load) => load.extension));
  const floorMs = median(loadsOf(figure, TRACED_SIDES.tabUpdatesOnly).map((load) => load.extension));
  return {
    extensionMs,
    floorMs,
    percentOfLoad: (extensionMs / withoutMs) * 100,
    floorPercentOfLoad: (floorMs / withoutMs) * 100,
  };
}

/** The target's verdict on the work done, in words: met, missed, or missed where even the floor misses it. */
export function workVerdictWords(verdict: LoadWorkVerdict, targetPercent: number): string {
  if (verdict.percentOfLoad <= targetPercent) return 'yes';
  if (verdict.floorPercentOfLoad > targetPercent)
    return `**no**, and out of reach: the floor alone is ${fixed(verdict.floorPercentOfLoad)} %`;
  return '**no**';
}

/** A paired difference by round (ms), its median and 90 % interval. */
function pairedDifference(loads: number[], base: number[]): string {
  const pairs = loads.flatMap((ms, round) => (base[round] === undefined ? [] : [ms - (base[round] as number)]));
  const interval = medianInterval(pairs);
  return `${fixed(median(pairs), 2)} ms (${fixed(interval.low, 2)} to ${fixed(interval.high, 2)})`;
}

export function loadWorkSection(figure: LoadWorkFigure, withoutMs: number, targetPercent: number): string[] {
  const sides = figure.sides;
  const without = loadsOf(figure, TRACED_SIDES.without);
  const cell = (values: number[]) =>
    `${fixed(median(values), 2)} ms (${fixed(percentile(values, 0.1), 1)} – ${fixed(percentile(values, 0.9), 1)})`;
  const verdict = workVerdict(figure, withoutMs);
  const tokenLens = loadsOf(figure, TRACED_SIDES.tokenLens);
  return [
    '### The work done during the load',
    '',
    `The clock cannot tell a few per cent of this page’s load from the machine’s own drift (the second browser without an extension above measures the same rounds against the first). What an extension can add to a load it does not take part in is work: CPU time on the cores the page needs. So the same ${figure.rows}-row page is loaded ${tokenLens.length} times more on each of ${sides.length} sides, in the same balanced order and with the same pauses, each load under a trace of the whole browser (Chrome’s browser target over CDP, categories \`${['toplevel', 'blink.user_timing'].join('`, `')}\`: a page’s own session would not see the extension’s process), and every process’s CPU time is summed from the page’s \`navigationStart\` to its \`loadEventEnd\` (each thread’s outermost tasks, their thread time \`tdur\`, clipped to that window; \`test/bench/load-trace.ts\`). Tracing slows the load itself, so the traced window is longer than the clock’s loads above; it is the same on every side. Medians, with the 10th – 90th percentile:`,
    '',
    `| process | ${sides.map((side) => side.name).join(' | ')} |`,
    `| --- | ${sides.map(() => '---:').join(' | ')} |`,
    ...PARTS.map(
      ({ part, name }) =>
        `| ${name} | ${sides.map((side) => cell(side.loads.map((load) => load[part]))).join(' | ')} |`,
    ),
    `| all of them | ${sides.map((side) => cell(side.loads.map(total))).join(' | ')} |`,
    `| the traced window | ${sides.map((side) => cell(side.loads.map((load) => load.windowMs))).join(' | ')} |`,
    '',
    `Paired by round against no extension (median difference and its 90 % interval): Token Lens’s page renderer ${pairedDifference(
      tokenLens.map((load) => load.page),
      without.map((load) => load.page),
    )}, its browser process ${pairedDifference(
      tokenLens.map((load) => load.browser),
      without.map((load) => load.browser),
    )}, all of them ${pairedDifference(tokenLens.map(total), without.map(total))}. The same page’s own work moves from load to load by more than a few per cent of itself on these shared cores, so only the extension’s own process, which a browser without the extension does not have at all, is measured to a fraction of a millisecond.`,
    '',
    `**The extension’s own work during the load:** ${fixed(verdict.extensionMs, 2)} ms of CPU in its process for Token Lens, against ${fixed(verdict.floorMs, 2)} ms for a worker that does nothing but listen to tab updates, which is what any extension that injects once a page has loaded, without a permission that warns at install, must do in Chrome (its \`tabs.onUpdated\` takes no filter, so every tab’s every update wakes it). That is ${fixed(verdict.percentOfLoad)} % of the load without an extension (${fixed(withoutMs)} ms on the clock), and so at most that much longer a load even if none of it could run beside the page’s on the other core (a bound on the high side twice over: the traced work is slowed by the trace, the clock’s load is not; against the traced window it is ${fixed((verdict.extensionMs / median(without.map((load) => load.windowMs))) * 100)} %). Met: ${workVerdictWords(verdict, targetPercent)}. Not separable here: the browser process’s share of routing those updates to the worker, which is inside the browser process’s paired difference above and within its noise.`,
  ];
}
