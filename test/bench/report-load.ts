import { type LoadFigure, type LoadTiming, OVERLAY_SETTLES_MS } from './browser-figures';
import type { LoadWorkFigure } from './load-work';
import { loadWorkSection, workVerdict, workVerdictWords } from './report-load-work';
import { fixed, median, overheadPercent, roundsToResolve, verdictOnInterval } from './stats';

// The page-load section of docs/benchmarks.md: the figure, its verdict on the paired interval, its floors.

/** The median of one mark of the warm loads' timings, from navigation start (ms). */
export const markAt = (timings: LoadTiming[], mark: keyof LoadTiming) =>
  median(timings.flatMap((timing) => (timing[mark] === null ? [] : [timing[mark] as number])));

/** Target of shared/design/QUALITY.md: the page's load with the extension at most 5 % longer. */
const LOAD_TARGET_PERCENT = 5;

/**
 * The target's verdict, decided on the paired interval (stats.verdictOnInterval), in words. Where
 * the clock cannot resolve it, the work done during the load decides (report-load-work.ts): the
 * extension's own CPU time as a share of the load.
 */
function loadVerdict(
  over: ReturnType<typeof overheadPercent>,
  work: { figure: LoadWorkFigure; withoutMs: number } | undefined,
): string {
  const verdict = verdictOnInterval(over.pairedLow, over.pairedHigh, LOAD_TARGET_PERCENT);
  if (verdict === 'met') return 'yes';
  if (verdict === 'missed') return '**no**';
  const unresolved = `not resolved on the clock: the interval holds ${LOAD_TARGET_PERCENT} %`;
  if (!work) return unresolved;
  const byWork = workVerdict(work.figure, work.withoutMs);
  return `${unresolved}; by the work done (the extension’s own CPU time, ${fixed(byWork.percentOfLoad)} % of the load; below): ${workVerdictWords(byWork, LOAD_TARGET_PERCENT)}`;
}

/** What it would take to resolve an unresolved verdict: the rounds, at this run's spread, and their time. */
function toResolve(load: LoadFigure, over: ReturnType<typeof overheadPercent>): string {
  if (verdictOnInterval(over.pairedLow, over.pairedHigh, LOAD_TARGET_PERCENT) !== 'not resolved') return '';
  const rounds = roundsToResolve(over, load.withExtension.length, LOAD_TARGET_PERCENT);
  if (rounds === null)
    return ' The paired median sits on the target itself: no number of rounds would tell them apart.';
  const sides = 2 + load.floors.length;
  const minutes = (rounds * sides * (OVERLAY_SETTLES_MS + 2 * median(load.withExtension))) / 60_000;
  return ` At this run’s spread, about ${rounds.toLocaleString('en')} rounds would resolve it (an interval narrows with the square root of the count): some ${Math.round(minutes).toLocaleString('en')} minutes of loads and pauses on ${sides} sides, against ${Math.round((load.withExtension.length * minutes) / rounds)} for these.`;
}

export function loadSection(results: { load: LoadFigure; loadWork?: LoadWorkFigure }): string[] {
  const { load, loadWork } = results;
  const withExtension = median(load.withExtension);
  const without = median(load.without);
  const work = loadWork ? { figure: loadWork, withoutMs: without } : undefined;
  const overhead = overheadPercent(load.withExtension, load.without);
  const sides = 2 + load.floors.length;
  const lines = [
    '## Page-load overhead',
    '',
    `The reference page with ${load.rows} app rows: \`loadEventEnd − startTime\` of its navigation, ${load.withExtension.length} loads with the extension (persistent context, signed in) and ${load.without.length} without (the same browser launched the same way — a persistent context, the same viewport and flags — with no extension, signed in on the page’s own form). Each round loads the page once on each of the ${sides} sides (the floors below included), in an order that gives every side every position, and every other side just before it, equally often over every ${sides % 2 === 0 ? sides : 2 * sides} rounds (a Williams design, \`balancedOrder\` in \`test/bench/stats.ts\`). Every load is followed by the same ${(OVERLAY_SETTLES_MS / 1000).toFixed(1)} s pause, long enough for the overlay’s work after its badges (a second at most) to finish, and the page with the extension is left after each load, so that neither that work nor the page’s 2-second poll runs under another load.`,
    '',
    'The target is decided on the loads paired by round (each load with the extension against the one without of the same round, which shared the machine’s state of the moment): *yes* when the whole 90 % interval of the paired median (resampled) is at or under the target, *no* when all of it is over, and *not resolved* when it holds the target, for then these loads cannot tell the figure from the target by chance alone.',
    '',
    '| with extension (median) | without (median) | on the medians | paired by round | 90 % interval | target | met |',
    '| ---: | ---: | ---: | ---: | --- | --- | --- |',
    `| ${fixed(withExtension)} ms | ${fixed(without)} ms | ${fixed(overhead.medians)} % | ${fixed(overhead.paired)} % | ${fixed(overhead.pairedLow)} % to ${fixed(overhead.pairedHigh)} % | ≤ ${LOAD_TARGET_PERCENT} % | ${loadVerdict(overhead, work)} |`,
    '',
    `Spread: with ${fixed(Math.min(...load.withExtension))} – ${fixed(Math.max(...load.withExtension))} ms, without ${fixed(Math.min(...load.without))} – ${fixed(Math.max(...load.without))} ms.${toResolve(load, overhead)}`,
  ];
  if (load.timingsWith.length > 0) {
    const of = (timings: LoadTiming[], mark: keyof LoadTiming) => fixed(markAt(timings, mark));
    lines.push(
      '',
      '| side | HTML received | DOMContentLoaded | load event | snapshot handed over | script injected | badges painted |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| with | ${of(load.timingsWith, 'responseEnd')} ms | ${of(load.timingsWith, 'domContentLoaded')} ms | ${of(load.timingsWith, 'load')} ms | ${of(load.timingsWith, 'handed')} ms | ${of(load.timingsWith, 'injected')} ms | ${of(load.timingsWith, 'painted')} ms |`,
      `| without | ${of(load.timingsWithout, 'responseEnd')} ms | ${of(load.timingsWithout, 'domContentLoaded')} ms | ${of(load.timingsWithout, 'load')} ms | — | — | — |`,
    );
  }
  if (load.floors.length > 0) {
    const interval = (over: ReturnType<typeof overheadPercent>) =>
      `${fixed(over.paired)} % (${fixed(over.pairedLow)} % to ${fixed(over.pairedHigh)} %)`;
    const side = (name: string, loads: number[], isTokenLens = false) => {
      const over = overheadPercent(loads, load.without);
      // Token Lens against this side, paired: what Token Lens adds to it.
      const added = isTokenLens ? '—' : interval(overheadPercent(load.withExtension, loads));
      return `| ${name} | ${fixed(median(loads))} ms | ${fixed(over.medians)} % | ${interval(over)} | ${added} |`;
    };
    lines.push(
      '',
      '**The floors.** The same rounds also load the page in the same browser launched the same way with less of an extension: Token Lens with its content scripts emptied (its worker and manifest as built: what the extension costs without any of the overlay’s work), an extension with nothing in it but its manifest (what being an extension at all costs this page’s load), and a second browser with no extension at all (two sides that differ by nothing: how far the clock alone moves them apart in the same rounds). Each side is set against the side without an extension on medians and paired by round, with the 90 % interval of the paired median; the last column sets Token Lens against that side the same way: against the emptied build it is the overlay’s own share of the load, against the empty extension all of Token Lens’s.',
      '',
      '| side | load event (median) | over no extension, medians | over no extension, paired (90 % interval) | Token Lens over it, paired (90 % interval) |',
      '| --- | ---: | ---: | --- | --- |',
      `| no extension | ${fixed(without)} ms | — | — | ${interval(overhead)} |`,
      side('**Token Lens**', load.withExtension, true),
      ...load.floors.map((floor) => side(floor.name, floor.loads)),
    );
  }
  if (loadWork) lines.push('', ...loadWorkSection(loadWork, without, LOAD_TARGET_PERCENT));
  return lines;
}
